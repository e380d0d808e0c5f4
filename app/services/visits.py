"""The visit log (进百家门): record a visit — and any demands found on it — in one transaction; edit it with
optimistic locking; a household's timeline of visits and demands; a worker's visits of a week.

Situation and needs may hold health or family matters: they are shown to roles with residents.sensitive and to
the workers who made the visit; others see that a visit happened (``notes_hidden``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Sequence

from app.db.base import StaleEditError
from app.db.database import database
from app.db.models import Building, Demand, Household, User, Visit, VisitWorker
from app.db.models.visits import VISIT_KINDS
from app.i18n import N_, _
from app.services import audit
from app.services.actor import Actor, PermissionDenied
from app.services.demands import DemandDraft, insert_demand, local_time
from app.services.demands_list import DemandRow, rows_of
from app.services.resident_validation import FieldError
from app.services.residents_view import format_address, local_name
from app.services.work_common import (MAX_TEXT, WorkNotFound, WorkValidationError, household_of, today,
                                      user_names)

KIND_LABELS = {
    "home": N_("Home visit"),
    "phone": N_("Phone visit"),
    "front_desk": N_("Walk-in"),
    "other": N_("Other"),
}
EDITABLE = ("visited_on", "kind", "situation", "needs", "follow_up_on", "companions")
EARLIEST = dt.date(2000, 1, 1)


def kind_label(kind: str) -> str:
    return _(KIND_LABELS.get(kind, kind))


@dataclass(frozen=True)
class VisitView:
    id: int
    uuid: str
    household_uuid: str
    address: str
    visited_on: dt.date
    kind: str
    kind_label: str
    worker_id: int
    worker_name: str
    companions: tuple[str, ...]  # names
    companion_ids: tuple[int, ...]
    situation: str  # "" when notes_hidden
    needs: str
    notes_hidden: bool
    follow_up_on: dt.date | None
    demand_uuids: tuple[str, ...]
    version: int


@dataclass(frozen=True)
class TimelineEntry:
    on: dt.date
    kind: str  # visit | demand
    visit: VisitView | None = None
    demand: DemandRow | None = None


def _date(field: str, value: Any, errors: list, required: bool = True) -> dt.date | None:
    if value in (None, ""):
        if required:
            errors.append(FieldError(field, _("Enter a date.")))
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if not isinstance(value, dt.date):
        try:
            value = dt.date.fromisoformat(str(value).strip())
        except ValueError:
            errors.append(FieldError(field, _("{value} is not a date (YYYY-MM-DD).").format(value=value)))
            return None
    if value < EARLIEST:
        errors.append(FieldError(field, _("The date is too far in the past.")))
    return value


def _text(field: str, value: Any, errors: list) -> str:
    text = str(value or "").strip()
    if len(text) > MAX_TEXT:
        errors.append(FieldError(field, _("At most {n} characters.").format(n=MAX_TEXT)))
    return text


def _companions(ids: Iterable[int], worker_id: int, errors: list) -> list[int]:
    wanted = sorted({int(i) for i in ids or ()} - {worker_id})
    if wanted:
        active = User.select(User.id).where(User.id.in_(wanted) & (User.active == True))  # noqa: E712
        found = {u for (u,) in active.tuples()}
        if set(wanted) - found:
            errors.append(FieldError("companions", _("No such active user.")))
    return wanted


def _validated(values: Mapping[str, Any], worker_id: int) -> dict:
    errors: list[FieldError] = []
    out: dict[str, Any] = {}
    if "visited_on" in values:
        out["visited_on"] = _date("visited_on", values["visited_on"], errors)
        if out["visited_on"] and out["visited_on"] > today():
            errors.append(FieldError("visited_on", _("The date lies in the future.")))
    if "kind" in values:
        out["kind"] = values["kind"]
        if values["kind"] not in VISIT_KINDS:
            errors.append(FieldError("kind", _("Unknown kind of visit {value}.").format(value=values["kind"])))
    for name in ("situation", "needs"):
        if name in values:
            out[name] = _text(name, values[name], errors)
    if "situation" in values and not out["situation"] and not out.get("needs"):
        errors.append(FieldError("situation", _("Write down what you learnt on the visit.")))
    if "follow_up_on" in values:
        out["follow_up_on"] = _date("follow_up_on", values["follow_up_on"], errors, required=False)
        day = out.get("visited_on") or values.get("_visited_on")
        if out["follow_up_on"] and day and out["follow_up_on"] < day:
            errors.append(FieldError("follow_up_on", _("The follow-up date is before the visit.")))
    if "companions" in values:
        out["companions"] = _companions(values["companions"], worker_id, errors)
    if errors:
        raise WorkValidationError(errors)
    return out


def log_visit(actor: Actor, household_id: str | int, visited_on: dt.date, kind: str, situation: str,
              needs: str = "", follow_up_on: dt.date | None = None, companions: Sequence[int] = (),
              demands: Sequence[DemandDraft] = ()) -> VisitView:
    """Record a visit by the acting user (``companions``: further user ids) and the demands found on it, all in
    one transaction: either everything is saved or nothing. ``household_id``: uuid or id."""
    actor.require("visits.edit")
    if demands:
        actor.require("demands.edit")
    if not actor.user_id:
        raise WorkValidationError([FieldError("worker", _("Log in as a user of this office to record visits."))])
    household = household_of(household_id)
    if household.archived:
        raise WorkValidationError([FieldError("household", _("This household is archived."))])
    values = _validated({"visited_on": visited_on, "kind": kind, "situation": situation, "needs": needs,
                         "follow_up_on": follow_up_on, "companions": companions}, actor.user_id)
    with database.atomic():
        visit = Visit.create(household=household.id, worker=actor.user_id, visited_on=values["visited_on"],
                             kind=values["kind"], situation=values["situation"], needs=values["needs"],
                             follow_up_on=values["follow_up_on"])
        for user_id in values["companions"]:
            VisitWorker.create(visit=visit.id, worker=user_id)
        created = []
        for n, draft in enumerate(demands):
            try:
                created.append(insert_demand(actor, household, draft, values["visited_on"], visit.id))
            except WorkValidationError as exc:  # name the demand in the form
                raise WorkValidationError([FieldError(f"demands[{n}].{e.field}", e.message) for e in exc.errors])
        audit.record(actor, "visit.add", "visit", visit.uuid, household=str(household.uuid), kind=values["kind"],
                     companions=len(values["companions"]), demands=[str(d.uuid) for d in created])
    return get_visit(actor, str(visit.uuid))


class VisitConflict(StaleEditError):
    """Someone saved this visit since it was read; nothing of yours is saved."""

    def __init__(self, visit: Visit):
        self.model = visit
        message = _("Not saved: this visit was changed at {time} by someone else. Look at it again and repeat "
                    "your change if it is still needed.")
        Exception.__init__(self, message.format(time=local_time(visit.updated_at)))


@dataclass(frozen=True)
class Colleague:
    id: int
    name: str
    role: str


def colleagues(actor: Actor) -> list[Colleague]:
    """Active users who can go along on a visit (for the companions field), by name."""
    actor.require("visits.edit")
    rows = (User.select(User.id, User.display_name, User.display_name_ug, User.role)
            .where((User.active == True) & (User.role != "viewer")).tuples())  # noqa: E712
    return sorted((Colleague(i, local_name(zh, ug), role) for i, zh, ug, role in rows), key=lambda c: c.name)


def _load(visit_uuid: str) -> Visit:
    try:
        return Visit.get(Visit.uuid == visit_uuid)
    except (Visit.DoesNotExist, ValueError):
        raise WorkNotFound(str(visit_uuid)) from None


def edit_visit(actor: Actor, visit_uuid: str, changes: Mapping[str, Any], expected_version: int) -> VisitView:
    """Correct a visit (its own worker or an administrator). Someone else saved it first → VisitConflict."""
    actor.require("visits.edit")
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise WorkValidationError([FieldError(f, _("This field cannot be changed here.")) for f in sorted(unknown)])
    with database.atomic():
        visit = _load(visit_uuid)
        if visit.worker_id != actor.user_id and actor.role != "admin":
            raise PermissionDenied("visits.edit")
        if visit.version != expected_version:
            raise VisitConflict(visit)
        merged = dict(changes)
        if "follow_up_on" in merged and "visited_on" not in merged:
            merged["_visited_on"] = visit.visited_on
        if "situation" in merged and "needs" not in merged:
            merged["needs"] = visit.needs
        values = _validated(merged, visit.worker_id)
        if "follow_up_on" not in values and "visited_on" in values and visit.follow_up_on \
                and visit.follow_up_on < values["visited_on"]:
            raise WorkValidationError([FieldError("follow_up_on", _("The follow-up date is before the visit."))])
        for name in ("visited_on", "kind", "situation", "needs", "follow_up_on"):
            if name in values:
                setattr(visit, name, values[name])
        try:
            visit.save()
        except StaleEditError:
            raise VisitConflict(_load(visit_uuid)) from None
        if "companions" in values:
            VisitWorker.delete().where(VisitWorker.visit == visit.id).execute()
            for user_id in values["companions"]:
                VisitWorker.create(visit=visit.id, worker=user_id)
        audit.record(actor, "visit.edit", "visit", visit.uuid, changed=sorted(set(changes) & set(values)))
    return get_visit(actor, visit_uuid)


def _views(actor: Actor, visits: list[Visit]) -> list[VisitView]:
    if not visits:
        return []
    ids = [v.id for v in visits]
    companions: dict[int, list[int]] = {}
    for visit_id, worker_id in (VisitWorker.select(VisitWorker.visit, VisitWorker.worker)
                                .where(VisitWorker.visit.in_(ids)).order_by(VisitWorker.id).tuples()):
        companions.setdefault(visit_id, []).append(worker_id)
    names = user_names([v.worker_id for v in visits] + [w for ws in companions.values() for w in ws])
    places = {hid: (str(uuid), format_address(zh, ug, unit, room)) for hid, uuid, unit, room, zh, ug in
              Household.select(Household.id, Household.uuid, Household.unit, Household.room, Building.name_zh,
                               Building.name_ug).join(Building)
              .where(Household.id.in_(list({v.household_id for v in visits}))).tuples()}
    demands: dict[int, list[str]] = {}
    for visit_id, uuid in (Demand.select(Demand.visit, Demand.uuid).where(Demand.visit.in_(ids))
                           .order_by(Demand.id).tuples()):
        demands.setdefault(visit_id, []).append(str(uuid))
    sensitive = actor.can("residents.sensitive")
    out = []
    for v in visits:
        team = companions.get(v.id, [])
        shown = sensitive or actor.user_id in [v.worker_id, *team]
        hh_uuid, address = places.get(v.household_id, ("", ""))
        out.append(VisitView(v.id, str(v.uuid), hh_uuid, address, _day(v.visited_on), v.kind, kind_label(v.kind),
                             v.worker_id, names.get(v.worker_id, ""), tuple(names.get(w, "") for w in team),
                             tuple(team), v.situation if shown else "", v.needs if shown else "", not shown,
                             _day(v.follow_up_on), tuple(demands.get(v.id, ())), v.version))
    return out


def _day(value):
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def get_visit(actor: Actor, visit_uuid: str) -> VisitView:
    actor.require("residents.read")
    return _views(actor, [_load(visit_uuid)])[0]


def household_timeline(actor: Actor, household_id: str | int, limit: int = 200) -> list[TimelineEntry]:
    """Visits and demands of a household together, newest first (a demand dated by its acceptance)."""
    actor.require("residents.read")
    household = household_of(household_id)
    visits = list(Visit.select().where(Visit.household == household.id)
                  .order_by(Visit.visited_on.desc(), Visit.id.desc()).limit(limit))
    demands = list(Demand.select().where(Demand.household == household.id)
                   .order_by(Demand.accepted_on.desc(), Demand.id.desc()).limit(limit))
    entries = [TimelineEntry(v.visited_on, "visit", visit=v) for v in _views(actor, visits)]
    entries += [TimelineEntry(d.accepted_on, "demand", demand=d) for d in rows_of(demands, today())]
    # newest first; on the same day the visit comes before the demands found on it
    entries.sort(key=lambda e: (e.on, e.kind == "visit"), reverse=True)
    return entries[:limit]


def week_bounds(week_of: dt.date) -> tuple[dt.date, dt.date]:
    monday = week_of - dt.timedelta(days=week_of.weekday())
    return monday, monday + dt.timedelta(days=6)


def my_visits(actor: Actor, week_of: dt.date | None = None) -> list[VisitView]:
    """The acting user's visits (as worker or companion) in the Monday–Sunday week of ``week_of``, by date."""
    actor.require("residents.read")
    if not actor.user_id:
        return []
    first, last = week_bounds(week_of or today())
    in_week = (Visit.visited_on >= first) & (Visit.visited_on <= last)
    mine = Visit.select(Visit.id).where((Visit.worker == actor.user_id) & in_week)
    along = (Visit.select(Visit.id).join(VisitWorker, on=(VisitWorker.visit == Visit.id))
             .where((VisitWorker.worker == actor.user_id) & in_week))
    ids = [i for (i,) in mine.tuples()] + [i for (i,) in along.tuples()]
    visits = list(Visit.select().where(Visit.id.in_(ids or [0])).order_by(Visit.visited_on, Visit.id))
    return _views(actor, visits)
