"""Demand lists and the row shape the GUI and CLI show: open, overdue, due soon, by status; one demand's detail.

Filtering, counting and paging happen in SQL (status and deadline are indexed); the names of the page's rows are
read in a few batched look-ups. Phones are masked. Workers see demands of their grids and those assigned to them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.db.models import (Building, Demand, DemandStep, Grid, HandbookCategory, HandbookItem, HandbookText,
                           Household, Resident, Visit)
from app.db.models.demands import OPEN_STATUSES, STATUSES
from app.domain import phone
from app.i18n import _, current_language
from app.services.actor import Actor
from app.services.demands import TRANSITIONS, channel_label, status_label
from app.services.residents_view import format_address, local_name
from app.services.work_common import WorkNotFound, WorkValidationError, grid_scope, today, user_names
from app.services.resident_validation import FieldError

FILTERS = ("open", "overdue", "due_soon", "all") + STATUSES
DUE_SOON_DAYS = 3


@dataclass(frozen=True)
class StepView:
    at: dt.datetime  # UTC
    who: str
    from_status: str
    to_status: str
    label: str  # "Accepted", "In progress", … of to_status
    note: str
    is_edit: bool  # a change of fields, the status kept


@dataclass(frozen=True)
class DemandRow:
    id: int
    uuid: str
    code: str  # short reference for paper and phone: first 8 hex digits of the uuid
    status: str
    status_label: str
    channel: str
    channel_label: str
    description: str
    accepted_on: dt.date
    deadline: dt.date | None
    deadline_estimated: bool  # no holiday schedule known for part of the way: weekends only
    overdue: bool
    days_left: int | None  # calendar days to the deadline (negative: overdue); None when closed or no deadline
    household_uuid: str
    address: str
    grid_code: str
    resident_uuid: str
    resident_name: str
    phone_masked: str
    item_code: str
    item_title: str
    category_code: str
    category_name: str
    assignee_id: int | None
    assignee_name: str
    visit_uuid: str
    referred_to: str
    decline_reason: str
    satisfaction: int | None
    closed_at: dt.datetime | None
    version: int
    next_statuses: tuple[str, ...]
    steps: tuple[StepView, ...] = ()  # get_demand only


@dataclass(frozen=True)
class DemandPage:
    filter: str
    total: int
    rows: list[DemandRow]


@dataclass(frozen=True)
class DemandCounts:
    open: int
    overdue: int
    due_soon: int
    closed_this_month: int


def _date(value):
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def scoped(actor: Actor, query, grid_code: str | None = None):
    """Workers: demands of households in their grids, or assigned to them. ``grid_code`` narrows to one grid."""
    grids = grid_scope(actor, grid_code)
    if grids is None:
        return query
    in_grids = Demand.household.in_(Household.select(Household.id).join(Building)
                                    .where(Building.grid.in_(grids or [0])))
    if actor.role == "worker" and actor.user_id and not grid_code:
        return query.where(in_grids | (Demand.assignee == actor.user_id))
    return query.where(in_grids)


def filtered(query, status: str, on: dt.date, due_within: int = DUE_SOON_DAYS):
    if status not in FILTERS:
        raise WorkValidationError([FieldError("status", _("Unknown status {value}.").format(value=status))])
    if status == "all":
        return query
    if status in STATUSES:
        return query.where(Demand.status == status)
    query = query.where(Demand.status.in_(OPEN_STATUSES))
    if status == "overdue":
        return query.where(Demand.deadline < on)
    if status == "due_soon":
        return query.where((Demand.deadline >= on) & (Demand.deadline <= on + dt.timedelta(days=due_within)))
    return query


def list_demands(actor: Actor, status: str = "open", offset: int = 0, limit: int = 100, on: dt.date | None = None,
                 mine: bool = False, grid_code: str | None = None, due_within: int = DUE_SOON_DAYS) -> DemandPage:
    """One page of demands. ``status``: open | overdue | due_soon | all | a status. ``mine``: assigned to me.
    Open lists come most urgent first (deadline), the others newest first."""
    actor.require("residents.read")
    on = on or today()
    query = filtered(scoped(actor, Demand.select(), grid_code), status, on, due_within)
    if mine:
        query = query.where(Demand.assignee == (actor.user_id or 0))
    total = query.count()
    if status in ("open", "overdue", "due_soon") or status in OPEN_STATUSES:
        query = query.order_by(Demand.deadline.asc(nulls="LAST"), Demand.accepted_on, Demand.id)
    else:
        query = query.order_by(Demand.accepted_on.desc(), Demand.id.desc())
    return DemandPage(status, total, rows_of(list(query.offset(max(0, offset)).limit(max(1, limit))), on))


def count_demands(actor: Actor, status: str, on: dt.date | None = None, mine: bool = False) -> int:
    actor.require("residents.read")
    query = filtered(scoped(actor, Demand.select()), status, on or today())
    if mine:
        query = query.where(Demand.assignee == (actor.user_id or 0))
    return query.count()


def demand_counts(actor: Actor, on: dt.date | None = None) -> DemandCounts:
    on = on or today()
    first = on.replace(day=1)
    # closed_at is UTC; the month starts at midnight on this PC's clock
    start = dt.datetime.combine(first, dt.time()).astimezone(dt.timezone.utc).replace(tzinfo=None)
    closed = scoped(actor, Demand.select()).where((Demand.status == "closed") & (Demand.closed_at >= start)).count()
    return DemandCounts(count_demands(actor, "open", on), count_demands(actor, "overdue", on),
                        count_demands(actor, "due_soon", on), closed)


def get_demand(actor: Actor, demand_uuid: str, on: dt.date | None = None) -> DemandRow:
    """One demand with its steps, oldest first."""
    actor.require("residents.read")
    row = Demand.get_or_none(Demand.uuid == demand_uuid) if demand_uuid else None
    if row is None:
        raise WorkNotFound(str(demand_uuid))
    base = rows_of([row], on or today())[0]
    steps = list(DemandStep.select().where(DemandStep.demand == row.id).order_by(DemandStep.at, DemandStep.id))
    names = user_names(s.user_id for s in steps)
    views = tuple(StepView(s.at, names.get(s.user_id, ""), s.from_status, s.to_status, status_label(s.to_status),
                           s.note, s.from_status == s.to_status) for s in steps)
    return DemandRow(**{**base.__dict__, "steps": views})


def _item_titles(item_ids: list[int]) -> dict[int, tuple[str, str]]:
    lang = "ug" if current_language() == "ug" else "zh"
    out: dict[int, tuple[str, str]] = {}
    if not item_ids:
        return out
    query = (HandbookItem.select(HandbookItem.id, HandbookItem.code, HandbookText.lang, HandbookText.title)
             .join(HandbookText).where(HandbookItem.id.in_(item_ids)).tuples())
    for item_id, code, text_lang, title in query:
        if item_id not in out or text_lang == lang:
            out[item_id] = (code, title)
    return out


def category_names(codes) -> dict[str, str]:
    lang = current_language()
    rows = HandbookCategory.select().where(HandbookCategory.code.in_(list(set(codes)) or [""]))
    return {c.code: (c.name_ug if lang == "ug" else c.name_en if lang == "en" else c.name_zh) or c.name_zh
            for c in rows}


def rows_of(demands: list[Demand], on: dt.date) -> list[DemandRow]:
    """The display rows of some demands, names looked up in batches."""
    if not demands:
        return []
    household_ids = list({d.household_id for d in demands})
    places = {hid: (str(uuid), format_address(zh, ug, unit, room), grid)
              for hid, uuid, unit, room, zh, ug, grid in
              Household.select(Household.id, Household.uuid, Household.unit, Household.room, Building.name_zh,
                               Building.name_ug, Grid.code).join(Building).join(Grid)
              .where(Household.id.in_(household_ids)).tuples()}
    resident_ids = [d.resident_id for d in demands if d.resident_id]
    people = {rid: (str(uuid), local_name(zh, ug), phone.mask(number)) for rid, uuid, zh, ug, number in
              Resident.select(Resident.id, Resident.uuid, Resident.name_zh, Resident.name_ug, Resident.phone)
              .where(Resident.id.in_(resident_ids or [0])).tuples()}
    visit_ids = [d.visit_id for d in demands if d.visit_id]
    visits = {vid: str(uuid) for vid, uuid in
              Visit.select(Visit.id, Visit.uuid).where(Visit.id.in_(visit_ids or [0])).tuples()}
    items = _item_titles([d.item_id for d in demands if d.item_id])
    categories = category_names(d.category_code for d in demands)
    assignees = user_names(d.assignee_id for d in demands)
    out = []
    for d in demands:
        deadline = _date(d.deadline)
        is_open = d.status in OPEN_STATUSES
        days_left = (deadline - on).days if deadline and is_open else None
        hh_uuid, address, grid_code = places.get(d.household_id, ("", "", ""))
        r_uuid, r_name, r_phone = people.get(d.resident_id, ("", "", ""))
        item_code, item_title = items.get(d.item_id, ("", ""))
        out.append(DemandRow(
            d.id, str(d.uuid), d.uuid.hex[:8].upper(), d.status, status_label(d.status), d.channel,
            channel_label(d.channel), d.description, _date(d.accepted_on), deadline, bool(d.deadline_estimated),
            days_left is not None and days_left < 0, days_left, hh_uuid, address, grid_code, r_uuid, r_name, r_phone,
            item_code, item_title, d.category_code, categories.get(d.category_code, d.category_code),
            d.assignee_id, assignees.get(d.assignee_id, ""), visits.get(d.visit_id, ""), d.referred_to,
            d.decline_reason, d.satisfaction, d.closed_at, d.version, TRANSITIONS.get(d.status, ())))
    return out

