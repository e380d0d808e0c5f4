"""Schema 3: visits (进百家门) and demands (诉求) with their step history."""

from peewee import CharField, DateField, DateTimeField, ForeignKeyField, IntegerField, TextField

from app.db.migrations.frozen import FrozenModel, create
from app.db.migrations.m0001_core import Household, Resident, User
from app.db.migrations.m0002_handbook import HandbookItem


class Visit(FrozenModel):
    household = ForeignKeyField(Household, on_delete="RESTRICT")
    visited_on = DateField()
    kind = CharField(max_length=16, default="home")
    worker = ForeignKeyField(User, on_delete="RESTRICT")
    situation = TextField(default="")
    needs = TextField(default="")
    follow_up_on = DateField(null=True)

    class Meta:
        indexes = ((("household", "visited_on"), False), (("worker", "visited_on"), False),
                   (("visited_on",), False))


class VisitWorker(FrozenModel):
    visit = ForeignKeyField(Visit, on_delete="CASCADE")
    worker = ForeignKeyField(User, on_delete="RESTRICT")


class Demand(FrozenModel):
    resident = ForeignKeyField(Resident, null=True, on_delete="RESTRICT")
    household = ForeignKeyField(Household, on_delete="RESTRICT")
    item = ForeignKeyField(HandbookItem, null=True, on_delete="RESTRICT")
    category_code = CharField(max_length=8, default="")
    visit = ForeignKeyField(Visit, null=True, on_delete="SET NULL")
    description = TextField()
    channel = CharField(max_length=16, default="front_desk")
    status = CharField(max_length=16, default="accepted", index=True)
    accepted_on = DateField()
    deadline = DateField(null=True, index=True)
    deadline_estimated = IntegerField(default=0)
    assignee = ForeignKeyField(User, null=True, on_delete="RESTRICT")
    referred_to = CharField(max_length=200, default="")
    decline_reason = TextField(default="")
    satisfaction = IntegerField(null=True)
    closed_at = DateTimeField(null=True)


class DemandStep(FrozenModel):
    demand = ForeignKeyField(Demand, on_delete="CASCADE")
    from_status = CharField(max_length=16, default="")
    to_status = CharField(max_length=16)
    at = DateTimeField()
    user = ForeignKeyField(User, on_delete="RESTRICT")
    note = TextField(default="")


def up(db) -> None:
    create(db, [Visit, VisitWorker, Demand, DemandStep])
