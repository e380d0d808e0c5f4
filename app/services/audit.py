"""Write to the append-only audit log."""

from __future__ import annotations

import json

from app.db.models import AuditLog
from app.services.actor import Actor


def record(actor: Actor, action: str, entity: str = "", entity_uuid: str = "", **detail) -> None:
    AuditLog.create(
        username=actor.username,
        action=action,
        entity=entity,
        entity_uuid=str(entity_uuid or ""),
        detail=json.dumps(detail, ensure_ascii=False, default=str) if detail else "",
    )


def recent(actor: Actor, limit: int = 100) -> list[dict]:
    actor.require("users.manage")
    rows = AuditLog.select().order_by(AuditLog.id.desc()).limit(limit)
    return [
        {"at": r.at, "username": r.username, "action": r.action, "entity": r.entity, "detail": r.detail}
        for r in rows
    ]
