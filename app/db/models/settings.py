"""Office-wide settings as key → JSON text."""

from peewee import CharField, TextField

from app.db.base import BaseModel


class Setting(BaseModel):
    key = CharField(max_length=64, unique=True)
    value = TextField(default="null")
