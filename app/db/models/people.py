"""Households and residents. Minimum necessary: no ethnicity, religion, political status or 'key person' fields."""

from peewee import BooleanField, CharField, DateField, ForeignKeyField, TextField

from app.db.base import BaseModel
from app.db.models.org import Building

RELATIONS = ("head", "spouse", "child", "parent", "grandchild", "grandparent", "sibling", "other")
SEXES = ("M", "F")
MANUAL_TAGS = ("living_alone", "disability", "subsistence", "job_seeker", "veteran", "hardship")


class Household(BaseModel):
    building = ForeignKeyField(Building, backref="households", on_delete="RESTRICT", index=False)
    unit = CharField(max_length=16, default="")  # 单元 entrance
    room = CharField(max_length=16, default="")
    address_note = CharField(max_length=200, default="")
    archived = BooleanField(default=False)

    class Meta:
        indexes = ((("building", "unit", "room"), False), (("building", "archived"), False))  # 2nd: schema 5


class Resident(BaseModel):
    household = ForeignKeyField(Household, backref="members", on_delete="RESTRICT")
    name_zh = CharField(max_length=100, default="")  # as printed on the ID card
    name_ug = CharField(max_length=200, default="")  # Uyghur Arabic script
    id_number = CharField(max_length=18, null=True, unique=True)  # stored whole, shown masked
    birth_date = DateField(null=True)
    sex = CharField(max_length=1, default="")
    phone = CharField(max_length=20, default="")
    relation = CharField(max_length=16, default="other")
    preferred_lang = CharField(max_length=8, default="zh")
    moved_out = BooleanField(default=False)  # indexed with name / birth date (schema 4)
    moved_out_on = DateField(null=True)  # schema 4
    note = TextField(default="")
    # Lower-case search forms (Chinese, pinyin full and initials, Uyghur, Uyghur Latin), kept by the service.
    search_key = TextField(default="")

    class Meta:
        # schema 4: the paged, sorted resident list and the search index's change check
        indexes = ((("moved_out", "name_zh", "id"), False), (("moved_out", "name_ug", "id"), False),
                   (("moved_out", "birth_date", "id"), False), (("updated_at",), False))


class ResidentTag(BaseModel):
    """Service tags set by hand; age tags (60+, 80+, under 3) are derived from the birth date instead."""

    resident = ForeignKeyField(Resident, backref="tags", on_delete="CASCADE")
    tag = CharField(max_length=24)

    class Meta:
        indexes = ((("resident", "tag"), True), (("tag",), False))
