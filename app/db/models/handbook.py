"""The service handbook: 3 centres, 9 categories, 87 items, each text in zh and ug with a translation status."""

from peewee import BooleanField, CharField, ForeignKeyField, IntegerField, TextField

from app.db.base import BaseModel

TEXT_STATUSES = ("draft", "reviewed")


class HandbookCentre(BaseModel):
    code = CharField(max_length=24, unique=True)  # party_mass | governance | civilisation
    name_zh = CharField(max_length=100)
    name_ug = CharField(max_length=200)
    name_en = CharField(max_length=100)
    sort_order = IntegerField(default=0)


class HandbookCategory(BaseModel):
    code = CharField(max_length=8, unique=True)
    centre = ForeignKeyField(HandbookCentre, backref="categories", on_delete="RESTRICT")
    sort_order = IntegerField(default=0)
    name_zh = CharField(max_length=100)
    name_ug = CharField(max_length=200)
    name_en = CharField(max_length=100)


class HandbookItem(BaseModel):
    code = CharField(max_length=16, unique=True)
    category = ForeignKeyField(HandbookCategory, backref="items", on_delete="RESTRICT")
    centre = ForeignKeyField(HandbookCentre, backref="items", on_delete="RESTRICT")
    time_limit_days = IntegerField(default=0)  # Chinese working days; 0 = on the spot
    retired = BooleanField(default=False)
    shipped_hash = CharField(max_length=64, default="")  # hash of the shipped record last loaded
    edited = BooleanField(default=False)  # the office changed it: upgrades must not overwrite silently


class HandbookText(BaseModel):
    item = ForeignKeyField(HandbookItem, backref="texts", on_delete="CASCADE")
    lang = CharField(max_length=8)  # zh | ug
    title = CharField(max_length=300)
    target = TextField(default="")
    policy_basis = TextField(default="[]")  # JSON list of strings
    workflow = TextField(default="[]")
    materials = TextField(default="[]")
    time_limit = TextField(default="")
    place = TextField(default="")
    note = TextField(default="")
    status = CharField(max_length=12, default="draft")

    class Meta:
        indexes = ((("item", "lang"), True),)
