"""Append-only audit log: who did what to which personal data, when. Triggers refuse UPDATE and DELETE."""

from peewee import CharField, DateTimeField, TextField

from app.db.base import BaseModel, utcnow


class AuditLog(BaseModel):
    at = DateTimeField(default=utcnow, index=True)
    username = CharField(max_length=64, default="")
    action = CharField(max_length=48, index=True)  # e.g. resident.reveal_id, export.residents, print.report
    entity = CharField(max_length=48, default="")
    entity_uuid = CharField(max_length=40, default="")
    detail = TextField(default="")
