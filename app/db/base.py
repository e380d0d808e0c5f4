"""BaseModel: every row carries a UUID, created/updated times and a version for optimistic locking."""

from __future__ import annotations

import datetime as dt
import uuid

from peewee import AutoField, DateTimeField, IntegerField, Model, UUIDField

from app.db.database import database
from app.errors import BaijiaError


def utcnow() -> dt.datetime:
    """Naive UTC, the one time base of every stored timestamp."""
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0)


class StaleEditError(BaijiaError):
    """Someone else saved this row since it was read; the caller shows the other change."""

    def __init__(self, model: "BaseModel"):
        super().__init__(f"{type(model).__name__} {model.uuid} was changed by someone else")
        self.model = model


class BaseModel(Model):
    id = AutoField()
    uuid = UUIDField(unique=True, default=uuid.uuid4)
    created_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow)
    version = IntegerField(default=1)

    class Meta:
        database = database
        legacy_table_names = False

    def save(self, force_insert: bool = False, only=None):
        """Insert, or update only if nobody else changed the row since it was read (version check)."""
        if self.id is None or force_insert:
            self.updated_at = self.created_at = self.created_at or utcnow()
            return super().save(force_insert=force_insert, only=only)
        cls = type(self)
        read_version = self.version
        self.updated_at = utcnow()
        self.version = read_version + 1
        fields = only or [f for f in cls._meta.sorted_fields if f is not cls.id]
        values = {f: getattr(self, f.name) for f in fields}
        values[cls.updated_at] = self.updated_at
        values[cls.version] = self.version
        changed = cls.update(values).where((cls.id == self.id) & (cls.version == read_version)).execute()
        if changed != 1:
            self.version = read_version
            raise StaleEditError(self)
        self._dirty.clear()
        return changed
