"""Explore with demo data: generate an invented community in the background, then log in as its admin."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.i18n import _
from app.services import users
from app.services.actor import Actor
from ui import messages
from ui.background import run_in_background


def create_demo_and_log_in(parent: QWidget | None, households: int) -> Actor | None:
    try:
        from app.services import demo
    except ImportError:
        messages.show_error(parent, _("Demo data is not available in this version of Baijia."))
        return None
    outcome = run_in_background(parent, _("Creating demo data…"), demo.generate, households=households)
    if not outcome.ok:
        return None
    result = outcome.value
    return users.authenticate(result.admin_username, result.admin_password)
