"""Door-to-door visit log (进百家门)."""

from peewee import CharField, DateField, ForeignKeyField, TextField

from app.db.base import BaseModel
from app.db.models.people import Household
from app.db.models.staff import User

VISIT_KINDS = ("home", "phone", "front_desk", "other")


class Visit(BaseModel):
    household = ForeignKeyField(Household, backref="visits", on_delete="RESTRICT", index=False)  # (household, visited_on)
    visited_on = DateField()
    kind = CharField(max_length=16, default="home")
    worker = ForeignKeyField(User, backref="visits", on_delete="RESTRICT", index=False)  # (worker, visited_on)
    situation = TextField(default="")
    needs = TextField(default="")
    follow_up_on = DateField(null=True)

    class Meta:
        indexes = ((("household", "visited_on"), False), (("worker", "visited_on"), False),
                   (("visited_on",), False))


class VisitWorker(BaseModel):
    """Further workers who went along (the first one is Visit.worker)."""

    visit = ForeignKeyField(Visit, backref="companions", on_delete="CASCADE")
    worker = ForeignKeyField(User, on_delete="RESTRICT")
