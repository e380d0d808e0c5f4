"""Demo data: households of 1–6 people with consistent relations and ages, their names, ID numbers, phones,
languages and service tags. Builds row tuples for the bulk writer; no database access."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from app.domain.search_forms import search_key
from app.services.demo_names import IdNumbers, Name, NameBook, Weighted, phone_for

HOUSEHOLD_COLUMNS = ("id", "uuid", "created_at", "updated_at", "version", "building_id", "unit", "room",
                     "address_note", "archived")
RESIDENT_COLUMNS = ("id", "uuid", "created_at", "updated_at", "version", "household_id", "name_zh", "name_ug",
                    "id_number", "birth_date", "sex", "phone", "relation", "preferred_lang", "moved_out",
                    "moved_out_on", "note", "search_key")
TAG_COLUMNS = ("id", "uuid", "created_at", "updated_at", "version", "resident_id", "tag")

SIZES = Weighted(((1, 16), (2, 27), (3, 27), (4, 17), (5, 8), (6, 5)))
# Household shapes by size: (weight, youngest and oldest head age, members after the head).
# c = child, p = the head's parent(s), g = grandchild, l = child's spouse, s = spouse.
SHAPES = {
    1: ((1, 22, 92, ""),),
    2: ((60, 24, 88, "s"), (20, 30, 75, "c"), (20, 22, 55, "p")),
    3: ((75, 26, 70, "sc"), (10, 25, 62, "sp"), (15, 30, 65, "cc")),
    4: ((60, 28, 65, "scc"), (30, 28, 60, "scp"), (10, 50, 75, "scg")),
    5: ((45, 28, 60, "sccp"), (25, 30, 60, "sccc"), (30, 50, 75, "sclg")),
    6: ((50, 28, 58, "sccpp"), (50, 50, 75, "sclgg")),
}
SHAPE_PICKERS = {size: Weighted([(shape, shape[0]) for shape in shapes]) for size, shapes in SHAPES.items()}
RELATION = {"s": "spouse", "c": "child", "p": "parent", "g": "grandchild", "l": "other"}


@dataclass
class HouseholdInfo:
    """What visits and demands need to know about a generated household."""

    id: int
    grid: int  # grid index
    lang: str  # the head's preferred language: the language of visit notes
    weight: float  # how much attention it gets (elderly, tagged households are visited more)
    members: list[int]  # ids of the residents still living there, head first
    archived: bool


class PeopleMaker:
    def __init__(self, rng: random.Random, uid, names: NameBook, id_numbers: IdNumbers, today: dt.date,
                 stamp: str, ids):
        self.rng, self.uid, self.names, self.id_numbers = rng, uid, names, id_numbers
        self.today, self.stamp, self.ids = today, stamp, ids
        self.start = today - dt.timedelta(days=730)
        self.keys: dict[tuple[str, str], str] = {}  # search_key per distinct name

    def _ages(self, shape) -> list[tuple[str, int, str]]:
        """(relation, age, sex) of each member, head first, ages consistent with the relations."""
        rng = self.rng
        _w, lo, hi, rest = shape
        head_age = rng.randint(lo, hi)
        if not rest:
            head_sex = "M" if rng.random() < (0.35 if head_age >= 60 else 0.55) else "F"
        elif rest[0] == "s":
            head_sex = "M" if rng.random() < 0.8 else "F"
        elif rest[0] == "c":
            head_sex = "F" if rng.random() < 0.75 else "M"
        else:
            head_sex = rng.choice("MF")
        members = [("head", head_age, head_sex)]
        mother_age = head_age if head_sex == "F" else None
        child_age = None
        for code in rest:
            if code == "s":
                sex = "F" if head_sex == "M" else "M"
                age = max(20, head_age - rng.randint(-2, 5) if sex == "F" else head_age + rng.randint(-2, 5))
                if sex == "F":
                    mother_age = age
            elif code == "c":
                base = mother_age if mother_age is not None else head_age
                if child_age is None:
                    age = base - rng.randint(22, 34)
                else:
                    age = child_age - rng.randint(1, 8)
                age = max(0, min(age, base - 18, head_age - 18))
                if rest.endswith("g"):  # a son who lives with his parents, his wife and children
                    age = max(age, 22)
                child_age = age
                sex = "M" if rest.endswith("g") or rng.random() < 0.51 else "F"
            elif code == "p":
                has_father = rest.count("p") == 2 and not any(m[0] == "parent" for m in members)
                sex = "M" if has_father else "F"
                age = min(99, head_age + (rng.randint(24, 34) if sex == "M" else rng.randint(22, 32)))
            elif code == "l":
                sex = "F"
                age = max(20, child_age + rng.randint(-3, 3))
            else:  # g
                age = max(0, min(head_age - rng.randint(46, 60), child_age - 20))
                sex = rng.choice("MF")
            members.append((RELATION[code], age, sex))
        return members

    def _names(self, group: str, members) -> list[Name]:
        rng, names = self.rng, self.names
        out: list[Name] = []
        if group in ("uyghur", "kazakh"):
            head_father = names.given_pair(rng, group, "M")
            father_of_children = None
            son = None
            for relation, _age, sex in members:
                if relation == "parent" and sex == "M":
                    name = names.patronymic_name(rng, group, "M")
                    name = Name(f"{head_father[1]}·{name.zh.split('·')[1]}",
                                f"{head_father[0]} {name.ug.split(' ', 1)[1]}", head_father[1], head_father[0])
                elif relation == "head":
                    name = names.patronymic_name(rng, group, sex, head_father)
                elif relation == "child":
                    name = names.patronymic_name(rng, group, sex, father_of_children)
                    if sex == "M":
                        son = (name.given_ug, name.given_zh)
                elif relation == "grandchild":
                    name = names.patronymic_name(rng, group, sex, son)
                else:  # spouse, mother, child's spouse: their own fathers
                    name = names.patronymic_name(rng, group, sex)
                if relation in ("head", "spouse") and sex == "M":
                    father_of_children = (name.given_ug, name.given_zh)
                out.append(name)
            return out
        family = names.surname(rng, group)  # the head's, and the head's father's
        # children mostly carry their father's surname; a single mother's children mostly hers
        children = family if members[0][2] == "M" or rng.random() < 0.85 else names.surname(rng, group)
        for relation, _age, sex in members:
            if relation == "head" or (relation == "parent" and sex == "M"):
                surname = family
            elif relation in ("child", "grandchild"):
                surname = children
            else:
                surname = names.surname(rng, group)
                if relation == "spouse" and sex == "M":
                    children = surname if rng.random() < 0.9 else family
            out.append(names.han(rng, sex, group, surname))
        return out

    def household(self, group: str, grid: int, address: tuple, rows: dict[str, list]) -> HouseholdInfo:
        """Append the household, its residents and tags to ``rows``; return what visits/demands need."""
        rng, uid, stamp, today = self.rng, self.uid, self.stamp, self.today
        _grid, building_id, unit, room = address
        members = self._ages(SHAPE_PICKERS[SIZES.pick(rng)].pick(rng))
        people = self._names(group, members)
        if group == "uyghur":
            lang = "ug" if rng.random() < 0.85 else "zh"
        elif group == "kazakh":
            lang = "ug" if rng.random() < 0.35 else "zh"
        else:
            lang = "zh"
        archived = rng.random() < 0.004  # the whole family moved away: kept, never deleted
        family_moved_on = (today - dt.timedelta(days=rng.randint(30, 700))).isoformat() if archived else None
        subsistence = rng.random() < 0.02
        hh_id = self.ids("household")
        rows["household"].append((hh_id, uid(), stamp, stamp, 1, building_id, unit, room, "", archived))
        ids, weight = [], 1.0
        for (relation, age, sex), name in zip(members, people):
            birth = dt.date.fromordinal(today.toordinal() - int(age * 365.2425) - int(rng.random() * 365))
            if birth > today:
                birth = today
            number = self.id_numbers.make(self.id_numbers.region(group, age), birth, sex)
            own_lang = lang if age > 25 or age < 14 or rng.random() < 0.8 else ("zh" if lang == "ug" else lang)
            moved = archived or (relation in ("child", "grandchild", "other") and age >= 18 and rng.random() < 0.04)
            moved_on = family_moved_on or ((today - dt.timedelta(days=rng.randint(1, 700))).isoformat()
                                           if moved else None)
            key = self.keys.get((name.zh, name.ug))
            if key is None:
                key = self.keys[(name.zh, name.ug)] = search_key(name.zh, name.ug)
            created = stamp if birth <= self.start else f"{birth.isoformat()} 03:00:00"
            res_id = self.ids("resident")
            rows["resident"].append((res_id, uid(), created, created, 1, hh_id, name.zh, name.ug, number,
                                     birth.isoformat(), sex, phone_for(rng, age), relation, own_lang, moved,
                                     moved_on, "", key))
            if not moved:
                ids.append(res_id)
            tags = []
            if len(members) == 1 and age >= 60 and rng.random() < 0.9:
                tags.append("living_alone")
            if rng.random() < (0.06 if age >= 60 else 0.015):
                tags.append("disability")
            if subsistence:
                tags.append("subsistence")
            if 18 <= age < 60 and not moved and rng.random() < 0.035:
                tags.append("job_seeker")
            for tag in tags:
                rows["resident_tag"].append((self.ids("resident_tag"), uid(), stamp, stamp, 1, res_id, tag))
            weight += 0.5 * bool(tags) + (0.5 if age >= 60 else 0) + (0.5 if age >= 80 else 0)
        return HouseholdInfo(hh_id, grid, lang, weight, ids, archived)
