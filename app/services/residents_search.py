"""One search box for residents, in every script: Chinese (any substring, one character too), pinyin full and
initials, Uyghur Arabic script, Uyghur Latin (ULY), ID-number and phone fragments, and addresses.

Names, ID numbers and phones are matched in the in-memory index (app.services.residents_index: ~10 ms at
100,000 people); addresses in SQL (buildings are few). Ranking: a whole name form equals the query (张三, zs,
abdulla, a whole ID number), then a form starts with it, then it occurs inside, then address matches; within a
rank people living here come before those moved out, then by name.
One or two Latin or Uyghur letters match only the start of a form (zs → 张三, not every name with a z in it);
hanzi match anywhere, one character too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from peewee import fn

from app.db.models import Building, Household, Resident
from app.domain.search_forms import query_form
from app.domain.text_clean import clean_text, normalize_digits, script_of
from app.services import residents_index
from app.services.actor import Actor
from app.services.residents_view import format_address, id_in, moved_out_is, views, with_place

DIGITS = re.compile(r"^[0-9xX*]+$")
_NOISE = re.compile(r"[%_\\\"*\n]")
_ADDRESS = re.compile(r"^(?P<b>.*?)\s*(?:(?P<u>\d+)\s*(?:单元|ئىشىك|-ئىشىك|entrance)\s*)?"
                      r"(?:(?P<r>\d+[a-z]?)\s*(?:室|号|ئۆي)?)?$")
ADDRESS_HOUSEHOLDS = 20_000  # "路" matches every lane of a subdistrict; more than this is not an address
LIST_FILTER_IDS = 30_000  # the paged list filters by id when the search matches at most this many


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
    household_uuid: str = ""
    matched: str = ""  # name | id_phone | address


@dataclass(frozen=True)
class SearchPlan:
    column: str  # the index column: "hanzi", "latin" or "numbers"
    needles: tuple[str, ...]
    prefix_only: bool

    @property
    def digits(self) -> bool:
        return self.column == "numbers"


def address_of(building: Building, household: Household) -> str:
    return format_address(building.name_zh, building.name_ug, household.unit, household.room)


def plan(text: str) -> SearchPlan | None:
    """How to look for ``text`` in the index; None when it is too short to mean anything."""
    q = _NOISE.sub("", query_form(clean_text(text)))
    if not q:
        return None
    compact = normalize_digits(re.sub(r"[\s\-+()（）]", "", q))
    if DIGITS.match(compact):
        compact = compact.replace("*", "").upper()
        return SearchPlan("numbers", (compact,), False) if len(compact) >= 3 else None
    script = script_of(q)
    if script == "arabic":
        # the index holds every Uyghur name in ULY as well: the Latin form of the query also finds names typed
        # with look-alike letters (ه for ە, presentation forms) and fragments that start inside a word
        from app.domain.translit import to_latin

        latin = to_latin(q).lower()
        needles = tuple(dict.fromkeys(n for n in (latin, latin.replace("'", "")) if n))
    else:
        needles = tuple(dict.fromkeys((q, q.replace(" ", "")))) if " " in q else (q,)
    if any("\u3400" <= ch <= "\u9fff" for ch in q):  # hanzi match anywhere, one character too
        return SearchPlan("hanzi", needles, False)
    shortest = min(len(n) for n in needles)
    if shortest < 2:
        return None  # one Latin or Uyghur letter matches a third of the community
    return SearchPlan("latin", needles, shortest < 3)


def _address_households(text: str):
    """Ids of the households at the address typed ("3号楼 2单元 301", "幸福巷"), or None."""
    q = _NOISE.sub("", " ".join(clean_text(text).split()))
    if len(q) < 2 or DIGITS.match(q.replace(" ", "")):
        return None
    parsed = _ADDRESS.match(normalize_digits(q).replace(" ", ""))
    candidates = [(q, None, None)]
    if parsed and parsed.group("b") and (parsed.group("u") or parsed.group("r")):
        candidates.insert(0, (parsed.group("b"), parsed.group("u"), parsed.group("r")))
    for building_text, unit, room in candidates:
        lowered = building_text.lower()
        found = list(Building.select(Building.id, Building.name_zh, Building.name_ug, Building.code).where(
            fn.LOWER(Building.name_zh).contains(lowered) | fn.LOWER(Building.name_ug).contains(lowered)
            | (fn.LOWER(Building.code) == lowered)).tuples())
        # "1号楼" means building 1, not 11号楼 and 21号楼 as well
        exact = [b for b, zh, ug, code in found if lowered in (zh.lower(), ug.lower(), code.lower())]
        buildings = exact or [b for b, *_rest in found]
        if not buildings:
            continue
        query = Household.select(Household.id).where(Household.building.in_(buildings))
        if unit:
            query = query.where(Household.unit == unit)
        if room:
            query = query.where(Household.room == room)
        # a list, not a sub-select: SQLite then reads these households' residents by index
        households = [hid for (hid,) in query.limit(ADDRESS_HOUSEHOLDS).tuples()]
        if households:
            return households
    return None


def match_condition(text: str):
    """The condition "this resident matches the search text" for the paged list (moved-out people included,
    the list filters those itself); None when nothing can match."""
    p = plan(text)
    parts = []
    if p is not None:
        ids = residents_index.matching(p.needles, p.column, p.prefix_only, LIST_FILTER_IDS)
        if ids is not None:
            if ids:
                parts.append(id_in(Resident.id, ids))
        else:  # very common fragment: let the database scan
            condition = None
            for n in p.needles:
                part = (Resident.id_number.contains(n) | Resident.phone.contains(n)) if p.digits else \
                    Resident.search_key.contains(n)
                condition = part if condition is None else condition | part
            parts.append(condition)
    households = _address_households(text) if p is None or not p.digits else None
    if households is not None:
        parts.append(id_in(Resident.household, households))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else (parts[0] | parts[1])


def search(actor: Actor, text: str, limit: int = 50, include_moved_out: bool = False) -> list[ResidentHit]:
    actor.require("residents.read")
    p = plan(text)
    ranked: list[tuple[int, int]] = []
    if p is not None:
        ranked = residents_index.find(p.needles, p.column, limit, include_moved_out, p.prefix_only)
    if len(ranked) < limit and (p is None or not p.digits):
        households = _address_households(text)
        if households is not None:
            seen = {rid for rid, _rank in ranked}
            query = (Resident.select(Resident.id).join(Household)
                     .where(id_in(Resident.household, households))
                     .order_by(Resident.moved_out, Household.unit, fn.LENGTH(Household.room), Household.room,
                               Resident.relation != "head", Resident.id + 0)
                     .limit(limit + len(seen)))
            if not include_moved_out:
                query = query.where(moved_out_is(False, by_index=False))
            ranked += [(rid, 3) for (rid,) in query.tuples() if rid not in seen]
            ranked = ranked[:limit]
    if not ranked:
        return []
    order = {rid: n for n, (rid, _rank) in enumerate(ranked)}
    kinds = {rid: "address" if rank == 3 else "id_phone" if p and p.digits else "name" for rid, rank in ranked}
    rows = sorted(with_place().where(id_in(Resident.id, order)), key=lambda r: order[r[0]])
    return [ResidentHit(v.id, v.uuid, v.name_zh, v.name_ug, v.id_number_masked, v.phone_masked, v.sex,
                        v.birth_date, v.address, v.grid_code, v.moved_out, v.household_uuid, kinds[v.id])
            for v in views(actor, rows)]
