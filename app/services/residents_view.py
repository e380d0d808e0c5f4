"""What a resident looks like to a caller: plain dataclasses, masked by role, sensitive tags hidden by role.

Every service that returns a resident builds it here, so masking has one place to live: ID numbers and phones
are always masked (``reveal`` in app.services.residents shows one value whole, audited); sensitive tags and the
free-text note are left out for roles without residents.sensitive.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable

from peewee import SQL, NodeList

from app.db.database import is_postgresql
from app.db.models import Building, Grid, Household, Resident, ResidentTag
from app.domain import idcard, phone
from app.i18n import _, current_language
from app.services.actor import Actor
from app.services.resident_labels import SENSITIVE_TAGS, age_on, derived_tags


@dataclass(frozen=True)
class ResidentView:
    id: int
    uuid: str
    household_uuid: str
    name_zh: str
    name_ug: str
    id_number_masked: str
    phone_masked: str
    sex: str  # "M" | "F" | ""
    birth_date: dt.date | None
    age: int | None
    relation: str
    preferred_lang: str
    moved_out: bool
    moved_out_on: dt.date | None
    tags: tuple[str, ...]  # derived (elderly_60, elderly_80, child_under_3) + manual, sensitive ones by role
    note: str  # "" when note_hidden
    note_hidden: bool
    address: str
    grid_uuid: str
    grid_code: str
    grid_name: str
    building_uuid: str
    building_name: str
    unit: str
    room: str
    version: int
    has_id_number: bool
    has_phone: bool

    @property
    def display_name(self) -> str:
        if current_language() == "ug":
            return self.name_ug or self.name_zh
        return self.name_zh or self.name_ug


def local_name(name_zh: str, name_ug: str) -> str:
    """The name in the UI language, the other script when that one is empty."""
    if current_language() == "ug":
        return name_ug or name_zh
    return name_zh or name_ug


def format_address(building_zh: str, building_ug: str, unit: str, room: str) -> str:
    """"3号楼 2单元 301" in Chinese; the translation decides the order and words in Uyghur and English."""
    building = local_name(building_zh, building_ug)
    if unit and room:
        return _("{building} entrance {unit}, {room}").format(building=building, unit=unit, room=room)
    if unit:
        return _("{building} entrance {unit}").format(building=building, unit=unit)
    if room:
        return _("{building}, {room}").format(building=building, room=room)
    return building


def visible_tag(actor: Actor, tag: str) -> bool:
    return tag not in SENSITIVE_TAGS or actor.can("residents.sensitive")


_COLUMNS = (Resident.id, Resident.uuid, Household.uuid, Resident.name_zh, Resident.name_ug, Resident.id_number,
            Resident.phone, Resident.sex, Resident.birth_date, Resident.relation, Resident.preferred_lang,
            Resident.moved_out, Resident.moved_out_on, Resident.note, Resident.version, Building.uuid,
            Building.name_zh, Building.name_ug, Household.unit, Household.room, Grid.uuid, Grid.code, Grid.name_zh,
            Grid.name_ug)


def moved_out_is(value: bool, by_index: bool = True):
    """``moved_out = value``. With ``by_index=False`` SQLite is told not to use an index for it (unary +):
    when another condition picks a few rows by index (households, ids), the planner — without statistics —
    would otherwise walk the moved_out index over everybody (100 ms instead of 1 ms at 100,000 people)."""
    if by_index or is_postgresql():
        return Resident.moved_out == value
    return NodeList((SQL("+"), Resident.moved_out), glue="") == value


def id_in(column, ids) -> NodeList:
    """``column IN (…)`` for a list of integer ids, written inline: peewee builds a parameter node per value,
    which costs ~40 ms for 5,000 ids; integers from our own queries need no parameters."""
    ids = [int(i) for i in ids]
    if not ids:
        return NodeList((SQL("1 = 0"),))
    return NodeList((column, SQL("IN (" + ",".join(map(str, ids)) + ")")))


def with_place():
    """Residents with their household, building and grid: the columns ``views`` needs, as tuples."""
    return Resident.select(*_COLUMNS).join(Household).join(Building).join(Grid).tuples()


def manual_tags_of(resident_ids: Iterable[int]) -> dict[int, list[str]]:
    ids = list(resident_ids)
    found: dict[int, list[str]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        for row in (ResidentTag.select(ResidentTag.resident, ResidentTag.tag)
                    .where(ResidentTag.resident.in_(chunk)).tuples()):
            found.setdefault(row[0], []).append(row[1])
    return found


def view(actor: Actor, row: tuple, manual: Iterable[str], today: dt.date | None = None) -> ResidentView:
    """A view of one ``with_place()`` row."""
    (rid, ruuid, huuid, name_zh, name_ug, number, phone_number, sex, birth, relation, lang, moved, moved_on, note,
     version, buuid, b_zh, b_ug, unit, room, guuid, gcode, g_zh, g_ug) = row
    today = today or dt.date.today()
    sensitive = actor.can("residents.sensitive")
    tags = derived_tags(birth, today) + tuple(sorted(t for t in manual if visible_tag(actor, t)))
    return ResidentView(
        id=rid, uuid=str(ruuid), household_uuid=str(huuid), name_zh=name_zh, name_ug=name_ug,
        id_number_masked=idcard.mask(number), phone_masked=phone.mask(phone_number), sex=sex,
        birth_date=birth, age=age_on(birth, today), relation=relation, preferred_lang=lang,
        moved_out=bool(moved), moved_out_on=moved_on, tags=tags,
        note=note if sensitive else "", note_hidden=bool(note) and not sensitive,
        address=format_address(b_zh, b_ug, unit, room), grid_uuid=str(guuid), grid_code=gcode,
        grid_name=local_name(g_zh, g_ug), building_uuid=str(buuid), building_name=local_name(b_zh, b_ug),
        unit=unit, room=room, version=version, has_id_number=bool(number), has_phone=bool(phone_number),
    )


def views(actor: Actor, rows: Iterable[tuple], today: dt.date | None = None) -> list[ResidentView]:
    """Views of ``with_place()`` rows, their manual tags read in one query."""
    rows = list(rows)
    tags = manual_tags_of(r[0] for r in rows)
    today = today or dt.date.today()
    return [view(actor, r, tags.get(r[0], ()), today) for r in rows]
