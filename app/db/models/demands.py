"""Residents' demands (诉求), followed from acceptance to closing; every step recorded."""

from peewee import CharField, DateField, DateTimeField, ForeignKeyField, IntegerField, TextField

from app.db.base import BaseModel, utcnow
from app.db.models.handbook import HandbookItem
from app.db.models.people import Household, Resident
from app.db.models.staff import User
from app.db.models.visits import Visit

STATUSES = ("accepted", "in_progress", "answered", "follow_up", "closed", "referred", "declined")
OPEN_STATUSES = ("accepted", "in_progress", "answered", "follow_up", "referred")
CHANNELS = ("visit", "front_desk", "phone", "other")


class Demand(BaseModel):
    resident = ForeignKeyField(Resident, null=True, backref="demands", on_delete="RESTRICT")
    household = ForeignKeyField(Household, backref="demands", on_delete="RESTRICT")
    item = ForeignKeyField(HandbookItem, null=True, backref="demands", on_delete="RESTRICT")
    category_code = CharField(max_length=8, default="")
    visit = ForeignKeyField(Visit, null=True, backref="demands", on_delete="SET NULL")
    description = TextField()
    channel = CharField(max_length=16, default="front_desk")
    status = CharField(max_length=16, default="accepted", index=True)
    accepted_on = DateField()
    deadline = DateField(null=True, index=True)
    deadline_estimated = IntegerField(default=0)  # 1 = no holiday schedule known: weekends only
    assignee = ForeignKeyField(User, null=True, backref="demands", on_delete="RESTRICT")
    referred_to = CharField(max_length=200, default="")
    decline_reason = TextField(default="")
    satisfaction = IntegerField(null=True)  # 1..5, recorded at the follow-up visit
    closed_at = DateTimeField(null=True)


class DemandStep(BaseModel):
    demand = ForeignKeyField(Demand, backref="steps", on_delete="CASCADE")
    from_status = CharField(max_length=16, default="")
    to_status = CharField(max_length=16)
    at = DateTimeField(default=utcnow)
    user = ForeignKeyField(User, on_delete="RESTRICT")
    note = TextField(default="")
