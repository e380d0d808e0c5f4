"""Where an imported resident lives: the sheet's grid, building/lane, unit and room → a household.

Grids must exist (they are the office's organisation); buildings and households named in the sheet are
created when missing — once each, however many rows name them. Existing rows are read in bulk, never per row.
"""

from __future__ import annotations

import re

from peewee import fn

from app.db.models import Building, Grid, Household
from app.domain.text_clean import clean_name, normalize_digits
from app.i18n import _
from app.services.import_writer import uuid4_hexes
from app.services.resident_labels import word_key

_UNIT_SUFFIX = re.compile(r"\s*(单元|ئىشىك)$")
_ROOM_SUFFIX = re.compile(r"\s*(室|号|ئۆي)$")
_PLAIN = re.compile(r"[0-9A-Za-z\u4e00-\u9fff]{0,40}")  # needs no cleaning
_PLAIN_NUMBER = re.compile(r"[0-9A-Za-z]{0,16}")
_GRID_NUMBER = re.compile(r"^(?:第)?(\d+)(?:网格)?$")


class PlaceResolver:
    def __init__(self, has_grid_column: bool):
        self.has_grid_column = has_grid_column
        self.grids: dict[str, int] = {}
        self.grid_names: list[str] = []
        for g in Grid.select(Grid.id, Grid.code, Grid.name_zh, Grid.name_ug).order_by(Grid.code):
            for text in (g.code, g.name_zh, g.name_ug):
                if text:
                    self.grids.setdefault(word_key(text), g.id)
            number = re.search(r"(\d+)", g.name_zh or "")
            if number:
                self.grids.setdefault(f"#{int(number.group(1))}", g.id)
            self.grid_names.append(g.name_zh or g.name_ug or g.code)
        self.only_grid = next(iter(set(self.grids.values()))) if len(set(self.grids.values())) == 1 else None
        self.buildings: dict[tuple[int, str], int] = {}  # (grid id, name key) → building id
        self.building_grids: dict[str, set[int]] = {}  # name key → grids that have it
        for b in Building.select(Building.id, Building.grid, Building.code, Building.name_zh, Building.name_ug):
            for text in (b.name_zh, b.name_ug, b.code):
                if text:
                    self.buildings.setdefault((b.grid_id, word_key(text)), b.id)
                    self.building_grids.setdefault(word_key(text), set()).add(b.grid_id)
        self.new_buildings: dict[tuple[int, str], dict] = {}
        self.households: dict[tuple, int] = {}
        self.loaded: set[int] = set()
        self.new_households: list[tuple] = []
        self.seen: dict[tuple, tuple] = {}  # raw address cells → result (members of a household share them)
        self.building_places: dict[tuple[str, str], tuple] = {}  # (grid, building) cells → _building()

    def _grid(self, text: str) -> int | None:
        found = self.grids.get(word_key(text))
        if found is None:
            number = _GRID_NUMBER.match(normalize_digits(text))
            if number:
                found = self.grids.get(f"#{int(number.group(1))}")
        return found

    def _load_households(self, building_id: int) -> None:
        if building_id in self.loaded:
            return
        self.loaded.add(building_id)
        current = (Household.building == building_id) & (Household.archived == False)  # noqa: E712
        for hid, unit, room in (Household.select(Household.id, Household.unit, Household.room).where(current)
                                .order_by(Household.id.desc()).tuples()):
            self.households[(("id", building_id), unit, room)] = hid

    def household_keys(self, places: list[tuple[str, str, str, str]]) -> list[tuple]:
        """household_key of each row (members of a household share their address: mostly a dictionary look-up)."""
        seen, read = self.seen.get, self.household_key
        return [seen(place) or read(place) for place in places]

    def household_key(self, place: tuple[str, str, str, str]) -> tuple[tuple | None, list[tuple[str, str]]]:
        """The household a row's (grid, building, unit, room) names (existing or to create), or the problems that
        prevent knowing it."""
        found = self.seen.get(place)
        if found is None:
            found = self.seen[place] = self._household_key(*place)
        return found

    def _household_key(self, grid: str, building: str, unit: str, room: str
                       ) -> tuple[tuple | None, list[tuple[str, str]]]:
        place = self.building_places.get((grid, building))
        if place is None:  # a building has many households: its name and grid are worked out once
            place = self.building_places[(grid, building)] = self._building(grid, building)
        building_ref, problems = place
        if problems:
            return None, problems
        unit = unit if _PLAIN_NUMBER.fullmatch(unit) else _UNIT_SUFFIX.sub("", normalize_digits(unit))[:16]
        room = room if _PLAIN_NUMBER.fullmatch(room) else _ROOM_SUFFIX.sub("", normalize_digits(room))[:16]
        key = (building_ref, unit, room)
        if key not in self.households:
            self.households[key] = None
            self.new_households.append(key)
        return key, []

    def _building(self, grid: str, building: str) -> tuple[tuple | None, list[tuple[str, str]]]:
        """("id", building id) or ("new", grid id, name key) for the sheet's grid and building cells."""
        building_text = building if _PLAIN.fullmatch(building) else clean_name(building)
        if not building_text:
            return None, [("building", _("Enter the building or lane (楼栋/巷道) or the address."))]
        name_key = word_key(building_text)
        grid_id = None
        if grid:
            grid_id = self._grid(grid)
            if grid_id is None:
                return None, [("grid", _("Unknown grid {grid}. The grids are: {names}.").format(
                    grid=grid, names=", ".join(self.grid_names)))]
        elif self.only_grid is not None:
            grid_id = self.only_grid
        else:
            grids = self.building_grids.get(name_key, set())
            if len(grids) != 1:
                if not self.grids:
                    return None, [("grid", _("The database has no grid yet; set up the community first."))]
                return None, [("grid", _("Write the grid (网格) of {building}: there are several grids and it "
                                         "is not known in one of them.").format(building=building_text))]
            grid_id = next(iter(grids))
        building_id = self.buildings.get((grid_id, name_key))
        if building_id is not None:
            self._load_households(building_id)
            return ("id", building_id), []
        self.new_buildings.setdefault((grid_id, name_key), {"name": building_text[:100], "id": None})
        return ("new", grid_id, name_key), []

    def household_id(self, key: tuple) -> int | None:
        return self.households.get(key)

    def household_ids(self, keys: list[tuple]) -> list[int | None]:
        return list(map(self.households.get, keys))

    def create_missing(self, writer, now) -> tuple[int, int]:
        """Create the buildings and households the sheet named; returns how many of each."""
        grids = {g.id: g for g in Grid.select()}
        if self.new_buildings:
            taken = {code for (code,) in Building.select(Building.code).tuples()}
            counts = dict(Building.select(Building.grid, fn.COUNT(Building.id)).group_by(Building.grid).tuples())
            plans, rows = [], []
            uuids = iter(uuid4_hexes(len(self.new_buildings)))
            for (grid_id, _name_key), plan in self.new_buildings.items():
                grid = grids[grid_id]
                counts[grid_id] = n = counts.get(grid_id, 0) + 1
                code = f"{grid.code}-B{n:03d}"
                while code in taken:
                    n += 1
                    code = f"{grid.code}-B{n:03d}"
                taken.add(code)
                name = plan["name"]
                han = any("\u4e00" <= ch <= "\u9fff" for ch in name)
                kind = "lane" if name.endswith(("巷", "巷道", "胡同", "كوچا")) else "building"
                rows.append((next(uuids), now, now, 1, grid_id, kind, code, name if han else "",
                             "" if han else name, n))
                plans.append(plan)
            ids = writer.insert_rows("building", ("uuid", "created_at", "updated_at", "version", "grid_id", "kind",
                                                  "code", "name_zh", "name_ug", "sort_key"), rows)
            for plan, bid in zip(plans, ids):
                plan["id"] = bid
        rows = []
        for key, uuid in zip(self.new_households, uuid4_hexes(len(self.new_households))):
            building_ref, unit, room = key
            building_id = building_ref[1] if building_ref[0] == "id" else self.new_buildings[building_ref[1:]]["id"]
            rows.append((uuid, now, now, 1, building_id, unit, room, "", False))
        if rows:
            ids = writer.insert_rows("household", ("uuid", "created_at", "updated_at", "version", "building_id",
                                                   "unit", "room", "address_note", "archived"), rows)
            for key, hid in zip(self.new_households, ids):
                self.households[key] = hid
        return len(self.new_buildings), len(rows)
