"""Households and the registry tree: grid → building/lane → household → members.

Counts are aggregated in SQL; nothing here loads all residents. Household changes are audited.
"""

from __future__ import annotations

from dataclasses import dataclass

from peewee import fn

from app.db.database import database
from app.db.models import Building, Grid, Household, Resident
from app.domain.text_clean import clean_name, normalize_digits
from app.i18n import _
from app.services import audit
from app.services.actor import Actor
from app.services.resident_validation import FieldError, require_valid
from app.services.residents import ResidentNotFound
from app.services.residents_view import (ResidentView, format_address, local_name, moved_out_is, views,
                                         with_place)


@dataclass(frozen=True)
class GridNode:
    uuid: str
    code: str
    name: str
    buildings: int
    households: int
    residents: int


@dataclass(frozen=True)
class BuildingNode:
    uuid: str
    code: str
    kind: str  # building | lane
    name: str
    households: int
    residents: int


@dataclass(frozen=True)
class HouseholdRow:
    uuid: str
    unit: str
    room: str
    address: str
    address_note: str
    head_name: str
    members: int  # living here now
    archived: bool
    version: int


@dataclass(frozen=True)
class HouseholdDetail:
    household: HouseholdRow
    building_uuid: str
    grid_uuid: str
    members: list[ResidentView]  # head first; moved-out members last


def _current(query):
    """Living here. Not by the moved_out index: every query here narrows by household, building or grid, and
    SQLite (without statistics) would otherwise walk that index over everybody — 500-700 ms instead of 1 ms
    at 100,000 residents (see residents_view.moved_out_is)."""
    return query.where(moved_out_is(False, by_index=False))


def list_grids(actor: Actor) -> list[GridNode]:
    actor.require("residents.read")
    buildings = dict(Building.select(Building.grid, fn.COUNT(Building.id)).group_by(Building.grid).tuples())
    households = dict(Household.select(Building.grid, fn.COUNT(Household.id)).join(Building)
                      .where(Household.archived == False).group_by(Building.grid).tuples())  # noqa: E712
    # counted per household first (by the household index), then summed per grid: 60 ms, not 100+, at 100,000
    per_household = (_current(Resident.select(Resident.household.alias("hid"), fn.COUNT(Resident.id).alias("n")))
                     .group_by(Resident.household))
    people = dict(Household.select(Building.grid, fn.SUM(per_household.c.n))
                  .join(per_household, on=(per_household.c.hid == Household.id))
                  .switch(Household).join(Building).group_by(Building.grid).tuples())
    return [GridNode(str(g.uuid), g.code, local_name(g.name_zh, g.name_ug), buildings.get(g.id, 0),
                     households.get(g.id, 0), people.get(g.id, 0))
            for g in Grid.select().order_by(Grid.code)]


def _grid(grid_uuid: str) -> Grid:
    try:
        return Grid.get(Grid.uuid == grid_uuid)
    except (Grid.DoesNotExist, ValueError):
        raise ResidentNotFound(str(grid_uuid)) from None


def _building(building_uuid: str) -> Building:
    try:
        return Building.get(Building.uuid == building_uuid)
    except (Building.DoesNotExist, ValueError):
        raise ResidentNotFound(str(building_uuid)) from None


def list_buildings(actor: Actor, grid_uuid: str) -> list[BuildingNode]:
    actor.require("residents.read")
    grid = _grid(grid_uuid)
    households = dict(Household.select(Household.building, fn.COUNT(Household.id)).join(Building)
                      .where((Building.grid == grid.id) & (Household.archived == False))  # noqa: E712
                      .group_by(Household.building).tuples())
    people = dict(_current(Resident.select(Household.building, fn.COUNT(Resident.id)).join(Household)
                           .join(Building).where(Building.grid == grid.id)).group_by(Household.building).tuples())
    return [BuildingNode(str(b.uuid), b.code, b.kind, local_name(b.name_zh, b.name_ug), households.get(b.id, 0),
                         people.get(b.id, 0))
            for b in Building.select().where(Building.grid == grid.id).order_by(Building.sort_key, Building.code)]


def _household_rows(query, building: Building | None = None) -> list[HouseholdRow]:
    households = list(query)
    ids = [h.id for h in households]
    heads, counts = {}, {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        for hid, zh, ug in _current(Resident.select(Resident.household, Resident.name_zh, Resident.name_ug)
                                    .where(Resident.household.in_(chunk) & (Resident.relation == "head"))).tuples():
            heads[hid] = local_name(zh, ug)
        counts.update(_current(Resident.select(Resident.household, fn.COUNT(Resident.id))
                               .where(Resident.household.in_(chunk))).group_by(Resident.household).tuples())
    out = []
    for h in households:
        b = building or h.building
        out.append(HouseholdRow(str(h.uuid), h.unit, h.room, format_address(b.name_zh, b.name_ug, h.unit, h.room),
                                h.address_note, heads.get(h.id, ""), counts.get(h.id, 0), bool(h.archived),
                                h.version))
    return out


def list_households(actor: Actor, building_uuid: str, include_archived: bool = False) -> list[HouseholdRow]:
    actor.require("residents.read")
    building = _building(building_uuid)
    query = Household.select().where(Household.building == building.id)
    if not include_archived:
        query = query.where(Household.archived == False)  # noqa: E712
    # rooms sort as numbers where they are numbers: 2 before 10
    query = query.order_by(Household.unit, fn.LENGTH(Household.room), Household.room, Household.id)
    return _household_rows(query, building)


def get_household(actor: Actor, household_uuid: str) -> HouseholdDetail:
    actor.require("residents.read")
    try:
        h = Household.select(Household, Building).join(Building).where(Household.uuid == household_uuid).get()
    except (Household.DoesNotExist, ValueError):
        raise ResidentNotFound(str(household_uuid)) from None
    rows = with_place().where(Resident.household == h.id).order_by(
        Resident.moved_out, Resident.relation != "head", Resident.birth_date, Resident.id)
    return HouseholdDetail(_household_rows([h], h.building)[0], str(h.building.uuid), str(h.building.grid.uuid),
                           views(actor, rows))


def _address_values(unit: str, room: str, note: str) -> tuple[str, str, str]:
    unit, room = normalize_digits(unit)[:16], normalize_digits(room)[:16]
    return unit, room, clean_name(note)[:200]


def find_household(building_id: int, unit: str, room: str) -> Household | None:
    return (Household.select().where((Household.building == building_id) & (Household.unit == unit)
                                     & (Household.room == room) & (Household.archived == False))  # noqa: E712
            .order_by(Household.id).first())


def create_household(actor: Actor, building_uuid: str, unit: str = "", room: str = "",
                     address_note: str = "") -> HouseholdRow:
    actor.require("residents.edit")
    building = _building(building_uuid)
    unit, room, note = _address_values(unit, room, address_note)
    if find_household(building.id, unit, room):
        require_valid([FieldError("room", _("A household already lives at this address."), "duplicate")])
    with database.atomic():
        h = Household.create(building=building, unit=unit, room=room, address_note=note)
        audit.record(actor, "household.add", "household", h.uuid, building=str(building.uuid), unit=unit,
                     room=room)
    return _household_rows([h], building)[0]


def move_household(actor: Actor, household_uuid: str, building_uuid: str, unit: str = "", room: str = "",
                   address_note: str | None = None) -> HouseholdRow:
    """The whole household moves to another address (its members come along)."""
    actor.require("residents.edit")
    h = Household.get_or_none(Household.uuid == household_uuid)
    if h is None:
        raise ResidentNotFound(str(household_uuid))
    building = _building(building_uuid)
    unit, room, note = _address_values(unit, room, h.address_note if address_note is None else address_note)
    other = find_household(building.id, unit, room)
    if other and other.id != h.id:
        require_valid([FieldError("room", _("A household already lives at this address."), "duplicate")])
    before = (str(h.building.uuid), h.unit, h.room)
    with database.atomic():
        h.building, h.unit, h.room, h.address_note = building, unit, room, note
        h.save(only=[Household.building, Household.unit, Household.room, Household.address_note])
        audit.record(actor, "household.move", "household", h.uuid, before=before,
                     after=(str(building.uuid), unit, room))
    return _household_rows([h], building)[0]


def archive_household(actor: Actor, household_uuid: str, reason: str = "") -> HouseholdRow:
    """The whole family moved away: members marked moved out, the household archived; nothing is deleted."""
    import datetime as dt

    actor.require("residents.edit")
    h = Household.get_or_none(Household.uuid == household_uuid)
    if h is None:
        raise ResidentNotFound(str(household_uuid))
    with database.atomic():
        moved = (Resident.update(moved_out=True, moved_out_on=dt.date.today(), version=Resident.version + 1)
                 .where((Resident.household == h.id) & (Resident.moved_out == False)).execute())  # noqa: E712
        h.archived = True
        h.save(only=[Household.archived])
        audit.record(actor, "household.archive", "household", h.uuid, members_moved_out=moved,
                     reason=reason[:200])
    return _household_rows([h])[0]


def create_building(actor: Actor, grid_uuid: str, name_zh: str, name_ug: str = "", kind: str = "building",
                    code: str = "") -> BuildingNode:
    actor.require("residents.edit")
    grid = _grid(grid_uuid)
    name_zh, name_ug = clean_name(name_zh)[:100], clean_name(name_ug)[:200]
    if not (name_zh or name_ug):
        require_valid([FieldError("name_zh", _("Enter the building's or lane's name."), "required")])
    if kind not in Building.KINDS:
        raise ValueError(f"kind must be one of {Building.KINDS}")
    with database.atomic():
        b = Building.create(grid=grid, kind=kind, code=code or next_building_code(grid), name_zh=name_zh,
                            name_ug=name_ug, sort_key=Building.select().where(Building.grid == grid.id).count())
        audit.record(actor, "building.add", "building", b.uuid, grid=grid.code, name=name_zh or name_ug)
    return BuildingNode(str(b.uuid), b.code, b.kind, local_name(name_zh, name_ug), 0, 0)


def next_building_code(grid: Grid) -> str:
    n = Building.select().where(Building.grid == grid.id).count() + 1
    while Building.select().where(Building.code == f"{grid.code}-B{n:03d}").exists():
        n += 1
    return f"{grid.code}-B{n:03d}"
