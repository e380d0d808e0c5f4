"""The organisation tree: subdistrict (街道) → community (社区) → grid (网格) → building or lane (楼栋/巷道)."""

from peewee import CharField, ForeignKeyField, IntegerField

from app.db.base import BaseModel


class Subdistrict(BaseModel):
    code = CharField(max_length=32, unique=True)
    name_zh = CharField(max_length=100)
    name_ug = CharField(max_length=200, default="")


class Community(BaseModel):
    subdistrict = ForeignKeyField(Subdistrict, backref="communities", on_delete="RESTRICT")
    code = CharField(max_length=32, unique=True)
    name_zh = CharField(max_length=100)
    name_ug = CharField(max_length=200, default="")


class Grid(BaseModel):
    community = ForeignKeyField(Community, backref="grids", on_delete="RESTRICT")
    code = CharField(max_length=32, unique=True)
    name_zh = CharField(max_length=100)
    name_ug = CharField(max_length=200, default="")


class Building(BaseModel):
    KINDS = ("building", "lane")
    grid = ForeignKeyField(Grid, backref="buildings", on_delete="RESTRICT")
    kind = CharField(max_length=16, default="building")  # building 楼栋 | lane 巷道
    code = CharField(max_length=32, unique=True)
    name_zh = CharField(max_length=100)
    name_ug = CharField(max_length=200, default="")
    sort_key = IntegerField(default=0)  # walking order inside the grid
