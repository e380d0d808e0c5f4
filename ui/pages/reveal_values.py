"""Showing a masked ID number or phone whole: a deliberate action, for roles with residents.reveal only, written
to the audit log by the service. The value is shown for the view that asked (a dialog until it closes, a list
row for a short while) and never stored anywhere else."""

from __future__ import annotations

from typing import Callable

from PySide6.QtWidgets import QMenu, QWidget

from app.i18n import _
from app.services import residents
from app.services.actor import Actor, PermissionDenied
from app.services.residents_view import ResidentView
from ui import messages
from ui.pages.registry_texts import reveal_label

FIELDS = ("id_number", "phone")


def may_reveal(actor: Actor) -> bool:
    return actor.can("residents.reveal")


def reveal(parent: QWidget | None, actor: Actor, resident_uuid: str, field: str) -> str | None:
    """The whole value (audited by the service), or None after saying why not."""
    try:
        return residents.reveal(actor, resident_uuid, field)
    except (PermissionDenied, residents.ResidentNotFound) as exc:
        messages.show_error(parent, str(exc))
        return None


def add_reveal_actions(menu: QMenu, actor: Actor, view: ResidentView | None,
                       shown: Callable[[str, str], None], parent: QWidget | None = None) -> list:
    """"Show the whole ID number / phone number" entries for ``view`` (none for roles that may not);
    ``shown(field, value)`` receives a value once the service has given (and audited) it."""
    if view is None or not may_reveal(actor):
        return []
    actions = []
    for field, present in (("id_number", view.has_id_number), ("phone", view.has_phone)):
        if not present:
            continue
        action = menu.addAction(reveal_label(field))
        action.setObjectName(f"reveal_{field}")
        action.setToolTip(_("Recorded in the audit log."))

        def trigger(_checked=False, f=field):
            value = reveal(parent, actor, view.uuid, f)
            if value is not None:
                shown(f, value)

        action.triggered.connect(trigger)
        actions.append(action)
    return actions
