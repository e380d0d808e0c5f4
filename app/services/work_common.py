"""Shared pieces of the visits, demands, coverage and Today services: errors, look-ups, scope, ordering, masking."""

from __future__ import annotations

import datetime as dt
import re
from typing import Iterable

from app.db.models import Grid, Household, User
from app.i18n import _
from app.services.actor import Actor
from app.services.resident_validation import FieldError
from app.services.residents_view import local_name
from app.errors import BaijiaError

MAX_TEXT = 4000  # situation, needs, description, notes


class WorkValidationError(BaijiaError, ValueError):
    """One or more fields are wrong; ``errors`` (FieldError: field, message) says which, for the form."""

    def __init__(self, errors: list[FieldError]):
        super().__init__(" ".join(e.message for e in errors))
        self.errors = errors


class WorkNotFound(BaijiaError, LookupError):
    def __init__(self, what: str = ""):
        super().__init__(_("Not found: {what}. It may have been removed on another PC.").format(what=what))


def household_of(ref: str | int) -> Household:
    """A household by uuid (str) or id (int)."""
    try:
        if isinstance(ref, int):
            return Household.get_by_id(ref)
        return Household.get(Household.uuid == ref)
    except (Household.DoesNotExist, ValueError):
        raise WorkNotFound(str(ref)) from None


def user_names(ids: Iterable[int | None]) -> dict[int, str]:
    """User id → display name in the UI language."""
    wanted = {i for i in ids if i}
    if not wanted:
        return {}
    rows = User.select(User.id, User.display_name, User.display_name_ug).where(User.id.in_(list(wanted)))
    return {u.id: local_name(u.display_name, u.display_name_ug) for u in rows}


def grid_scope(actor: Actor, grid_code: str | None = None) -> list[int] | None:
    """The grids an actor's lists cover: a worker sees the grids they cover; others the whole office.
    ``grid_code`` narrows it to one grid (unknown code → WorkNotFound). None = every grid."""
    own: list[int] | None = list(actor.grid_ids) if actor.role == "worker" else None
    if not grid_code:
        return own
    grid = Grid.get_or_none(Grid.code == grid_code.strip())
    if grid is None:
        raise WorkNotFound(_("grid {code}").format(code=grid_code))
    if own is not None and grid.id not in own:
        return []
    return [grid.id]


_RUNS = re.compile(r"(\d+)")


def natural_key(text: str) -> tuple:
    """Numbers inside compare as numbers: 502 < 1101, 2-3 < 2-10, A9 < A10."""
    parts = _RUNS.split(text or "")
    return tuple((0, int(p), "") if i % 2 else (1, 0, p.casefold()) for i, p in enumerate(parts) if p)


def _is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def mask_name(name: str) -> str:
    """张* / 王** for Chinese names (at most two stars: the length says nothing more); the first letter and
    *** for names in other scripts (ئ***, A***)."""
    name = (name or "").strip()
    if not name:
        return ""
    if _is_cjk(name[0]):
        return name[0] + "*" * min(2, max(1, len(name) - 1))
    return name[0] + "***"


def today() -> dt.date:
    return dt.date.today()

