"""One search box for residents, in every script: Chinese, pinyin, Uyghur, Uyghur Latin, ID and phone fragments."""

from __future__ import annotations

import re
from dataclasses import dataclass

from peewee import Case

from app.db.models import Building, Grid, Household, Resident
from app.domain import idcard, phone
from app.domain.search_forms import query_form
from app.services.actor import Actor

DIGITS = re.compile(r"^[0-9xX*]+$")


@dataclass(frozen=True)
class ResidentHit:
    id: int
    uuid: str
    name_zh: str
    name_ug: str
    id_number_masked: str
    phone_masked: str
    sex: str
    birth_date: object
    address: str
    grid_code: str
    moved_out: bool


def address_of(building: Building, household: Household) -> str:
    parts = [building.name_zh]
    if household.unit:
        parts.append(f"{household.unit}单元")
    if household.room:
        parts.append(household.room)
    return " ".join(parts)


def search(actor: Actor, text: str, limit: int = 50, include_moved_out: bool = False) -> list[ResidentHit]:
    actor.require("residents.read")
    q = query_form(text)
    if not q:
        return []
    compact = re.sub(r"[\s\-+]", "", q)
    if DIGITS.match(compact) and len(compact) >= 3:
        condition = Resident.id_number.contains(compact.upper()) | Resident.phone.contains(compact)
    else:
        condition = Resident.search_key.contains(q)
    rank = Case(None, [((Resident.name_zh == text.strip()) | (Resident.name_ug == text.strip()), 0),
                       (Resident.search_key.startswith(q), 1)], 2)
    query = (Resident.select(Resident, Household, Building, Grid)
             .join(Household).join(Building).join(Grid)
             .where(condition)
             .order_by(rank, Resident.name_zh, Resident.id)
             .limit(limit))
    if not include_moved_out:
        query = query.where(Resident.moved_out == False)  # noqa: E712
    return [
        ResidentHit(r.id, str(r.uuid), r.name_zh, r.name_ug, idcard.mask(r.id_number), phone.mask(r.phone), r.sex,
                    r.birth_date, address_of(r.household.building, r.household), r.household.building.grid.code,
                    r.moved_out)
        for r in query
    ]
