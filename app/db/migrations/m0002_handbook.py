"""Schema 2: the service handbook (centres, categories, items, per-language texts)."""

from peewee import BooleanField, CharField, ForeignKeyField, IntegerField, TextField

from app.db.migrations.frozen import FrozenModel, create


class HandbookCentre(FrozenModel):
    code = CharField(max_length=24, unique=True)
    name_zh = CharField(max_length=100)
    name_ug = CharField(max_length=200)
    name_en = CharField(max_length=100)
    sort_order = IntegerField(default=0)


class HandbookCategory(FrozenModel):
    code = CharField(max_length=8, unique=True)
    centre = ForeignKeyField(HandbookCentre, on_delete="RESTRICT")
    sort_order = IntegerField(default=0)
    name_zh = CharField(max_length=100)
    name_ug = CharField(max_length=200)
    name_en = CharField(max_length=100)


class HandbookItem(FrozenModel):
    code = CharField(max_length=16, unique=True)
    category = ForeignKeyField(HandbookCategory, on_delete="RESTRICT")
    centre = ForeignKeyField(HandbookCentre, on_delete="RESTRICT")
    time_limit_days = IntegerField(default=0)
    retired = BooleanField(default=False)
    shipped_hash = CharField(max_length=64, default="")
    edited = BooleanField(default=False)


class HandbookText(FrozenModel):
    item = ForeignKeyField(HandbookItem, on_delete="CASCADE")
    lang = CharField(max_length=8)
    title = CharField(max_length=300)
    target = TextField(default="")
    policy_basis = TextField(default="[]")
    workflow = TextField(default="[]")
    materials = TextField(default="[]")
    time_limit = TextField(default="")
    place = TextField(default="")
    note = TextField(default="")
    status = CharField(max_length=12, default="draft")

    class Meta:
        indexes = ((("item", "lang"), True),)


def up(db) -> None:
    create(db, [HandbookCentre, HandbookCategory, HandbookItem, HandbookText])
