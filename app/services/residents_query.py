"""The paged resident list for the GUI: filters and sorting in SQL, one page of rows at a time.

``count_residents(actor, filters)`` for the row count, ``list_residents(actor, filters, sort, offset, limit)``
for a page; ``list_by_tag`` is the list of one service tag. Age tags and age bands become birth-date ranges, so
they use the birth-date index; manual tags are an indexed sub-select.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from peewee import JOIN, fn

from app.db.models import Building, Grid, Household, Resident, ResidentTag
from app.db.models.people import MANUAL_TAGS
from app.i18n import current_language
from app.services.actor import Actor, PermissionDenied
from app.services.resident_labels import DERIVED_TAGS, SENSITIVE_TAGS, TAG_LABELS, tag_label, years_before
from app.services.residents_view import ResidentView, id_in, moved_out_is, views, with_place

SORTS = ("name", "age", "birth_date", "address", "updated", "relation")


@dataclass(frozen=True)
class ResidentFilters:
    grid_uuid: str | None = None
    building_uuid: str | None = None
    household_uuid: str | None = None
    age_min: int | None = None  # inclusive, whole years
    age_max: int | None = None  # inclusive
    tag: str | None = None  # a derived or manual tag code
    moved_out: bool | None = False  # False: living here; True: moved out only; None: both
    text: str = ""  # the search box (every script, ID/phone fragments, address)


@dataclass(frozen=True)
class TagInfo:
    code: str
    label: str
    derived: bool
    sensitive: bool


def visible_tags(actor: Actor) -> list[TagInfo]:
    """The tags this role may filter by and see, derived ones first."""
    actor.require("residents.read")
    may = actor.can("residents.sensitive")
    return [TagInfo(code, tag_label(code), code in DERIVED_TAGS, code in SENSITIVE_TAGS)
            for code in DERIVED_TAGS + MANUAL_TAGS if code in TAG_LABELS and (may or code not in SENSITIVE_TAGS)]


def _age_conditions(age_min: int | None, age_max: int | None, today: dt.date) -> list:
    """age ≥ a ⇔ born on or before today minus a years; age ≤ b ⇔ born after today minus b+1 years."""
    out = []
    if age_min is not None:
        out.append(Resident.birth_date <= years_before(today, age_min))
    if age_max is not None:
        out.append(Resident.birth_date > years_before(today, age_max + 1))
    return out


def _conditions(actor: Actor, filters: ResidentFilters, today: dt.date) -> list | None:
    """WHERE parts; None when nothing can match (an empty search)."""
    out = []
    if filters.moved_out is not None:
        out.append(moved_out_is(filters.moved_out, by_index=not _selective(filters)))
    if filters.household_uuid:
        out.append(Resident.household.in_(Household.select(Household.id)
                                          .where(Household.uuid == filters.household_uuid)))
    # A grid or building becomes the list of its household ids (a few hundred or thousand): SQLite then reads
    # those households' residents by index instead of walking the whole name index to test each person.
    for model, uuid in ((Building, filters.building_uuid), (Grid, filters.grid_uuid)):
        if uuid:
            query = Household.select(Household.id).join(Building)
            query = query.where(Building.uuid == uuid) if model is Building else query.join(Grid).where(
                Grid.uuid == uuid)
            households = [hid for (hid,) in query.tuples()]
            if not households:
                return None
            out.append(id_in(Resident.household, households))
    out += _age_conditions(filters.age_min, filters.age_max, today)
    tag = filters.tag
    if tag:
        if tag in SENSITIVE_TAGS and not actor.can("residents.sensitive"):
            raise PermissionDenied("residents.sensitive")
        if tag == "elderly_60":
            out += _age_conditions(60, None, today)
        elif tag == "elderly_80":
            out += _age_conditions(80, None, today)
        elif tag == "child_under_3":
            out += _age_conditions(None, 2, today)
        elif tag in MANUAL_TAGS:
            out.append(Resident.id.in_(ResidentTag.select(ResidentTag.resident).where(ResidentTag.tag == tag)))
        else:
            raise ValueError(f"unknown tag {tag!r}")
    if filters.text.strip():
        from app.services.residents_search import match_condition

        condition = match_condition(filters.text)
        if condition is None:
            return None
        out.append(condition)
    return out


def _where(query, conditions: list):
    for condition in conditions:
        query = query.where(condition)
    return query


def filtered(actor: Actor, query, filters: ResidentFilters, today: dt.date | None = None):
    """``query`` (over Resident) narrowed to ``filters``; None when nothing can match. For other services
    (export, reports) that walk the same selection the list shows."""
    conditions = _conditions(actor, filters, today or dt.date.today())
    return None if conditions is None else _where(query, conditions)


def _selective(filters: ResidentFilters) -> bool:
    """Filters that leave a few thousand people at most, found by index (households, ids)."""
    return bool(filters.household_uuid or filters.building_uuid or filters.grid_uuid or filters.text.strip()
                or (filters.tag and filters.tag in MANUAL_TAGS))


def _order(sort: str, selective: bool = False) -> list:
    """ORDER BY columns. With a selective filter the name and date columns are wrapped in an expression, so that
    SQLite reads the few matching rows by index and sorts them, instead of walking the whole name index and
    testing every person against the filter (100 ms+ at 100,000 residents)."""
    descending = sort.startswith("-")
    key = sort.lstrip("-")
    if key not in SORTS:
        raise ValueError(f"sort must be one of {SORTS} (optionally with '-')")
    names = [Resident.name_ug, Resident.name_zh] if current_language() == "ug" else [Resident.name_zh,
                                                                                      Resident.name_ug]
    if key == "name":
        cols = names
    elif key == "age":  # older first when ascending by age means later birth date first
        cols, descending = [Resident.birth_date], not descending
    elif key == "birth_date":
        cols = [Resident.birth_date]
    elif key == "address":
        cols = [Grid.code, Building.sort_key, Building.code, Household.unit, fn.LENGTH(Household.room),
                Household.room, Resident.relation != "head"]
    elif key == "relation":
        cols = [Resident.relation] + names
    else:
        cols = [Resident.updated_at]
    if selective:
        cols = [c.concat("") if c in (Resident.name_zh, Resident.name_ug) else
                (c + 0 if c is Resident.id else c) for c in cols]
    cols = cols + [Resident.id]
    return [c.desc() for c in cols] if descending else cols


def count_residents(actor: Actor, filters: ResidentFilters | None = None, today: dt.date | None = None) -> int:
    actor.require("residents.read")
    conditions = _conditions(actor, filters or ResidentFilters(), today or dt.date.today())
    if conditions is None:
        return 0
    return _where(Resident.select(fn.COUNT(Resident.id)), conditions).scalar() or 0


def list_residents(actor: Actor, filters: ResidentFilters | None = None, sort: str = "name", offset: int = 0,
                   limit: int = 100, today: dt.date | None = None) -> list[ResidentView]:
    """One page of residents, masked by role. Sort keys: name, age, birth_date, address, updated, relation
    (prefix '-' for descending)."""
    actor.require("residents.read")
    today = today or dt.date.today()
    conditions = _conditions(actor, filters or ResidentFilters(), today)
    if conditions is None or limit <= 0:
        return []
    order = _order(sort, _selective(filters or ResidentFilters()))
    if sort.lstrip("-") == "address":
        # grid → building → household → resident, in that order (CROSS JOIN fixes SQLite's join order): the rows
        # come out nearly sorted and only each household's members are sorted, not 100,000 people (75 ms, not 550)
        ids_query = (Grid.select(Resident.id).join(Building, JOIN.CROSS).join(Household, JOIN.CROSS)
                     .join(Resident, JOIN.CROSS).where((Building.grid == Grid.id) & (Household.building == Building.id)
                                                       & (Resident.household == Household.id)))
    else:
        ids_query = Resident.select(Resident.id)
    ids = [rid for (rid,) in _where(ids_query, conditions).order_by(*order).offset(max(0, offset))
           .limit(min(limit, 1000)).tuples()]
    if not ids:
        return []
    position = {rid: n for n, rid in enumerate(ids)}
    rows = sorted(with_place().where(id_in(Resident.id, ids)), key=lambda r: position[r[0]])
    return views(actor, rows, today)


def list_by_tag(actor: Actor, tag: str, filters: ResidentFilters | None = None, sort: str = "address",
                offset: int = 0, limit: int = 100) -> list[ResidentView]:
    """Residents with one service tag (derived or manual), e.g. everyone 80+ of a grid, by address."""
    return list_residents(actor, replace(filters or ResidentFilters(), tag=tag), sort, offset, limit)


def count_by_tag(actor: Actor, tag: str, filters: ResidentFilters | None = None) -> int:
    return count_residents(actor, replace(filters or ResidentFilters(), tag=tag))
