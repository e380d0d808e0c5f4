"""Residents: add, edit, move out (never deleted), move to another household, reveal a masked value, history.

Plain values in, ``ResidentView`` out (masked by role, see residents_view). Every change is audited; audit rows
carry masked ID numbers and phones only. Validation errors raise ``ResidentValidationError`` whose ``errors``
name the fields (a duplicate ID number names the person who has it: ``FieldError.existing_uuid``).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any, Mapping

from app.db.base import StaleEditError
from app.db.database import database
from app.db.models import AuditLog, Household, Resident, ResidentTag
from app.domain import idcard, phone
from app.i18n import _
from app.services import audit
from app.services.actor import Actor, PermissionDenied
from app.services.resident_labels import SENSITIVE_TAGS
from app.services.resident_validation import (FIELDS, FieldError, ResidentValidationError, clean_fields,
                                              find_duplicate, require_valid)
from app.services.residents_view import ResidentView, manual_tags_of, view, with_place
from app.errors import BaijiaError

REVEALABLE = ("id_number", "phone")
_STORED = ("name_zh", "name_ug", "id_number", "sex", "birth_date", "phone", "relation", "preferred_lang", "note")


class ResidentNotFound(BaijiaError, LookupError):
    def __init__(self, what: str = ""):
        super().__init__(_("No such resident or household ({what}).").format(what=what))


@dataclass(frozen=True)
class HistoryEntry:
    at: dt.datetime
    username: str
    action: str
    detail: dict


def _resident(resident_uuid: str) -> Resident:
    try:
        return Resident.get(Resident.uuid == resident_uuid)
    except (Resident.DoesNotExist, ValueError):
        raise ResidentNotFound(str(resident_uuid)) from None


def _household(household_uuid: str) -> Household:
    try:
        return Household.get(Household.uuid == household_uuid)
    except (Household.DoesNotExist, ValueError):
        raise ResidentNotFound(str(household_uuid)) from None


def _view(actor: Actor, resident_id: int) -> ResidentView:
    row = with_place().where(Resident.id == resident_id).get()
    return view(actor, row, manual_tags_of([resident_id]).get(resident_id, ()))


def _masked(field: str, value: Any) -> Any:
    if field == "id_number":
        return idcard.mask(value)
    if field == "phone":
        return phone.mask(value)
    if field == "note":
        return "…" if value else ""
    return value


def head_conflict(household_id: int, exclude_id: int | None = None) -> FieldError | None:
    """The error when the household already has a (current) head."""
    query = Resident.select(Resident.name_zh, Resident.name_ug).where(
        (Resident.household == household_id) & (Resident.relation == "head")
        & (Resident.moved_out == False))  # noqa: E712
    if exclude_id is not None:
        query = query.where(Resident.id != exclude_id)
    other = query.first()
    if other is None:
        return None
    return FieldError("relation", _("This household already has a head: {name}.").format(
        name=other.name_zh or other.name_ug), "second_head")


def _set_tags(actor: Actor, resident: Resident, wanted: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """Replace the manual tags; tags the actor may not see are kept as they are. Returns (added, removed)."""
    sensitive = actor.can("residents.sensitive")
    if not sensitive and any(t in SENSITIVE_TAGS for t in wanted):
        raise PermissionDenied("residents.sensitive")
    have = {t.tag for t in ResidentTag.select(ResidentTag.tag).where(ResidentTag.resident == resident.id)}
    keep_hidden = set() if sensitive else have & SENSITIVE_TAGS
    target = set(wanted) | keep_hidden
    added, removed = sorted(target - have), sorted(have - target)
    if removed:
        ResidentTag.delete().where((ResidentTag.resident == resident.id) & ResidentTag.tag.in_(removed)).execute()
    for tag in added:
        ResidentTag.create(resident=resident.id, tag=tag)
    return added, removed


def get_resident(actor: Actor, resident_uuid: str) -> ResidentView:
    actor.require("residents.read")
    return _view(actor, _resident(resident_uuid).id)


def add_resident(actor: Actor, household_uuid: str, fields: Mapping[str, Any]) -> ResidentView:
    """A new resident of the household. ``fields``: any of FIELDS (names required, tags as codes or words)."""
    actor.require("residents.edit")
    household = _household(household_uuid)
    full = {f: fields.get(f) for f in FIELDS if f != "tags"}
    if "tags" in fields:
        full["tags"] = fields["tags"]
    values, errors = clean_fields(full)
    if values.get("id_number") and not any(e.field == "id_number" for e in errors):
        errors += [e for e in [find_duplicate(values["id_number"])] if e]
    if values.get("relation") == "head":
        errors += [e for e in [head_conflict(household.id)] if e]
    require_valid(errors)
    if values.get("note") and not actor.can("residents.sensitive"):
        raise PermissionDenied("residents.sensitive")
    tags = values.pop("tags", ())
    with database.atomic():
        r = Resident.create(household=household, **values)
        _set_tags(actor, r, tags)
        audit.record(actor, "resident.add", "resident", r.uuid, household=str(household.uuid),
                     **{f: _masked(f, values.get(f)) for f in ("name_zh", "name_ug", "id_number", "phone")})
    return _view(actor, r.id)


def edit_resident(actor: Actor, resident_uuid: str, changes: Mapping[str, Any],
                  version: int | None = None) -> ResidentView:
    """Change some fields. ``version`` (as read) refuses the save if someone else saved in between."""
    actor.require("residents.edit")
    r = _resident(resident_uuid)
    if version is not None and version != r.version:
        raise StaleEditError(r)
    unknown = set(changes) - set(FIELDS)
    if unknown:
        raise ValueError(f"unknown resident fields: {sorted(unknown)}")
    if "note" in changes and not actor.can("residents.sensitive"):
        raise PermissionDenied("residents.sensitive")
    merged = {f: getattr(r, f) for f in _STORED}
    merged.update({f: v for f, v in changes.items() if f != "tags"})
    if "id_number" in changes and changes["id_number"] and ("sex" not in changes and "birth_date" not in changes):
        merged.pop("sex"), merged.pop("birth_date")  # a new ID number brings its own
    if "tags" in changes:
        merged["tags"] = changes["tags"]
    values, errors = clean_fields(merged)
    if values.get("id_number") and values["id_number"] != r.id_number and not any(
            e.field == "id_number" for e in errors):
        errors += [e for e in [find_duplicate(values["id_number"], str(r.uuid))] if e]
    if values.get("relation") == "head" and r.relation != "head" and not r.moved_out:
        errors += [e for e in [head_conflict(r.household_id, r.id)] if e]
    require_valid(errors)
    tags = values.pop("tags", None)
    changed = {f: v for f, v in values.items() if getattr(r, f) != v}
    with database.atomic():
        if changed:
            for field, value in changed.items():
                setattr(r, field, value)
            r.save(only=[getattr(Resident, f) for f in changed])
        added, removed = _set_tags(actor, r, tags) if tags is not None else ([], [])
        shown = {f: _masked(f, v) for f, v in changed.items() if f != "search_key"}
        if shown or added or removed:
            audit.record(actor, "resident.edit", "resident", r.uuid, changed=shown, tags_added=added,
                         tags_removed=removed)
    return _view(actor, r.id)


def move_out(actor: Actor, resident_uuid: str, on: dt.date | None = None, reason: str = "") -> ResidentView:
    """Mark the resident as moved out (kept, never deleted); their history stays."""
    actor.require("residents.edit")
    r = _resident(resident_uuid)
    if r.moved_out:
        return _view(actor, r.id)
    with database.atomic():
        r.moved_out, r.moved_out_on = True, on or dt.date.today()
        r.save(only=[Resident.moved_out, Resident.moved_out_on])
        audit.record(actor, "resident.move_out", "resident", r.uuid, on=r.moved_out_on, reason=reason[:200])
    return _view(actor, r.id)


def move_back(actor: Actor, resident_uuid: str) -> ResidentView:
    """Undo a move-out (the person lives here again)."""
    actor.require("residents.edit")
    r = _resident(resident_uuid)
    if not r.moved_out:
        return _view(actor, r.id)
    if r.relation == "head":
        require_valid([e for e in [head_conflict(r.household_id, r.id)] if e])
    with database.atomic():
        r.moved_out, r.moved_out_on = False, None
        r.save(only=[Resident.moved_out, Resident.moved_out_on])
        if r.household.archived:
            Household.update(archived=False).where(Household.id == r.household_id).execute()
        audit.record(actor, "resident.move_back", "resident", r.uuid)
    return _view(actor, r.id)


def move_to_household(actor: Actor, resident_uuid: str, household_uuid: str,
                      relation: str | None = None) -> ResidentView:
    """The resident now belongs to another household (marriage, a new flat), with a new relation to its head."""
    actor.require("residents.edit")
    r = _resident(resident_uuid)
    target = _household(household_uuid)
    values, errors = clean_fields({"relation": relation if relation is not None else r.relation})
    if values["relation"] == "head" and not r.moved_out:
        errors += [e for e in [head_conflict(target.id, r.id)] if e]
    require_valid(errors)
    source = r.household
    with database.atomic():
        r.household, r.relation = target, values["relation"]
        r.save(only=[Resident.household, Resident.relation])
        audit.record(actor, "resident.move_household", "resident", r.uuid, from_household=str(source.uuid),
                     to_household=str(target.uuid), relation=r.relation)
    return _view(actor, r.id)


def reveal(actor: Actor, resident_uuid: str, field: str) -> str:
    """The whole ID number or phone, for a role with residents.reveal; written to the audit log."""
    if field not in REVEALABLE:
        raise ValueError(f"only {REVEALABLE} can be revealed, not {field!r}")
    actor.require("residents.reveal")
    r = _resident(resident_uuid)
    value = getattr(r, field) or ""
    audit.record(actor, "resident.reveal_id" if field == "id_number" else "resident.reveal_phone", "resident",
                 r.uuid)
    return value


def history(actor: Actor, resident_uuid: str, limit: int = 200) -> list[HistoryEntry]:
    """What was done to this resident, newest first (from the audit log; values in it are masked)."""
    actor.require("residents.read")
    r = _resident(resident_uuid)
    rows = (AuditLog.select().where(AuditLog.entity_uuid == str(r.uuid))
            .order_by(AuditLog.at.desc(), AuditLog.id.desc()).limit(limit))
    out = []
    for row in rows:
        try:
            detail = json.loads(row.detail) if row.detail else {}
        except ValueError:
            detail = {"text": row.detail}
        out.append(HistoryEntry(row.at, row.username, row.action, detail))
    return out


__all__ = ["ResidentNotFound", "ResidentValidationError", "FieldError", "HistoryEntry", "get_resident",
           "add_resident", "edit_resident", "move_out", "move_back", "move_to_household", "reveal", "history"]
