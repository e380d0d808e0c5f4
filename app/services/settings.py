"""Office-wide settings stored in the database (JSON values)."""

from __future__ import annotations

import json
from typing import Any

from app.db.models import Setting
from app.services import audit
from app.services.actor import Actor

DEFAULTS: dict[str, Any] = {
    "community_name_zh": "",
    "community_name_ug": "",
    "visit_overdue_days": 90,
    "fonts": {},  # role → font file path override for PDFs: {"cjk": ..., "uyghur": ..., "latin": ...}
    "demo": False,
}


def get(key: str, default: Any = None) -> Any:
    row = Setting.get_or_none(Setting.key == key)
    if row is None:
        return DEFAULTS.get(key, default) if default is None else default
    return json.loads(row.value)


def put(actor: Actor | None, key: str, value: Any) -> None:
    """Save a setting; with an actor it needs settings.edit and is audited (None = the program itself)."""
    if actor is not None:
        actor.require("settings.edit")
    text = json.dumps(value, ensure_ascii=False)
    row = Setting.get_or_none(Setting.key == key)
    if row is None:
        Setting.create(key=key, value=text)
    else:
        row.value = text
        row.save()
    if actor is not None:
        audit.record(actor, "settings.change", "setting", key=key)
