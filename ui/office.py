"""Facts about this office shown in several places: its community's name, the database, the demo account."""

from __future__ import annotations

from app.i18n import current_language
from app.services import settings


def community_name() -> str:
    """The community's name in the UI language (Uyghur, else Chinese)."""
    zh = settings.get("community_name_zh") or ""
    ug = settings.get("community_name_ug") or ""
    if current_language() == "ug" and ug:
        return ug
    return zh or ug


def demo_account() -> tuple[str, str] | None:
    """User name and password of the demo administrator, as the demo service names them."""
    try:
        from app.services import demo
    except ImportError:
        return None
    username = getattr(demo, "ADMIN_USERNAME", None)
    password = getattr(demo, "ADMIN_PASSWORD", None)
    return (username, password) if username and password else None


def database_kind(kind: str) -> str:
    return {"sqlite": "SQLite", "postgresql": "PostgreSQL"}.get(kind, kind)
