"""Staff and users: job category, application role, and the grids a worker covers."""

from peewee import BooleanField, CharField, ForeignKeyField

from app.db.base import BaseModel
from app.db.models.org import Grid

ROLES = ("admin", "worker", "front_desk", "viewer")
JOB_CATEGORIES = ("state_cadre", "community_worker", "public_welfare", "contract")


class User(BaseModel):
    username = CharField(max_length=64, unique=True)
    display_name = CharField(max_length=100)
    display_name_ug = CharField(max_length=200, default="")
    password_hash = CharField(max_length=255, default="")  # argon2; empty = cannot log in yet
    role = CharField(max_length=16, default="worker")
    job_category = CharField(max_length=24, default="community_worker")
    language = CharField(max_length=8, default="")
    active = BooleanField(default=True)


class UserGrid(BaseModel):
    user = ForeignKeyField(User, backref="grid_links", on_delete="CASCADE")
    grid = ForeignKeyField(Grid, backref="user_links", on_delete="CASCADE")

    class Meta:
        indexes = ((("user", "grid"), True),)
