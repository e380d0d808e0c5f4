"""Import residents from the office's spreadsheet (.xlsx, .xls, .ods): check every row first, write all in one
transaction, and only when every row is valid (or the caller says to skip the invalid ones).

``import_residents(actor, path, commit=False)`` checks only (a dry run) and returns the row-by-row errors;
``commit=True`` writes. Re-importing updates people matched by ID number (or, without one, by name at the same
address) instead of adding them twice. Buildings and households named in the sheet are created when missing;
grids must exist. ``progress(done, total, phase)`` and ``cancel()`` serve the GUI's progress dialog.
"""

from __future__ import annotations

import datetime as dt
import gc
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path
from typing import Callable, Iterable

from app.db.base import utcnow
from app.db.database import database
from app.db.models import ResidentTag
from app.i18n import _
from app.services import audit
from app.services.actor import Actor
from app.services.import_places import PlaceResolver
from app.services.import_writer import ImportWriter, uuid4_hexes
from app.services.resident_columns import MISSING, clean_columns
from app.services.resident_sheet_map import (Layout, fill_merged, find_layout, header_rows, is_blank,
                                             is_example, sheet_columns)
from app.services.sheet_files import SheetRefused, read_first_sheets

Progress = Callable[[int, int, str], None]
INSERT_COLUMNS = ("uuid", "created_at", "updated_at", "version", "household_id", "name_zh", "name_ug", "id_number",
                  "birth_date", "sex", "phone", "relation", "preferred_lang", "moved_out", "note", "search_key")
UPDATABLE = ("name_zh", "name_ug", "id_number", "birth_date", "sex", "phone", "relation", "preferred_lang", "note",
             "search_key", "household_id")
CHECK_CHUNK = 2000  # rows validated between two looks at cancel() and progress()
DEFAULTS = {"name_zh": "", "name_ug": "", "id_number": None, "birth_date": None, "sex": "", "phone": "",
            "relation": "other", "preferred_lang": "zh", "note": "", "search_key": ""}


class ImportCancelled(Exception):
    def __init__(self):
        super().__init__(_("The import was cancelled; nothing was written."))


@dataclass(frozen=True)
class RowError:
    row: int  # as the spreadsheet numbers it
    column: str  # "G (身份证号)"
    field: str
    message: str
    name: str  # whose row, to find it again


@dataclass
class ImportResult:
    path: str
    sheet: str = ""
    header_row: int = 0
    rows: int = 0  # data rows read (blank and example rows not counted)
    valid: int = 0
    errors: list[RowError] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    new_households: int = 0
    new_buildings: int = 0
    committed: bool = False
    ignored_columns: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class _Valid:
    """The rows that passed the check, a column per field (as clean_columns gives them)."""
    numbers: list[int] = field(default_factory=list)  # as the spreadsheet numbers the rows
    households: list[tuple] = field(default_factory=list)  # PlaceResolver keys
    values: dict[str, list] = field(default_factory=dict)
    existing: list[int | None] = field(default_factory=list)  # the resident a row updates (_match_existing)

    def add(self, values: dict[str, list], passed: list[int], numbers: list[int], households: list[tuple]) -> None:
        """The ``passed`` rows of a chunk checked: its values (clean_columns), row numbers, household keys."""
        def kept(column: list) -> list:
            return column if len(passed) == len(column) else [column[i] for i in passed]

        self.numbers += kept(numbers)
        self.households += kept(households)
        for name, column in values.items():
            self.values.setdefault(name, []).extend(kept(column))

    def column(self, name: str) -> list:
        return self.values.get(name) or [None] * len(self.numbers)

    def row(self, i: int) -> dict:
        return {name: column[i] for name, column in self.values.items() if column[i] is not MISSING}


def _column_label(layout: Layout, field_name: str) -> str:
    from openpyxl.utils import get_column_letter

    cols = layout.columns.get(field_name) or layout.columns.get("address") or []
    if not cols:
        return ""
    col = cols[0]
    header = layout.headers.get(col, "")
    return f"{get_column_letter(col + 1)} ({header})" if header else get_column_letter(col + 1)


def _data_rows(rows: list[list], layout: Layout, start: int, stop: int, before: int) -> list[int]:
    """Indexes in ``rows[start:stop]`` of the rows that hold people: not blank, not a header repeated, not the
    template's example (among the first rows: ``before`` data rows came before ``start``)."""
    filled = [i for i in range(start, stop) if not is_blank(rows[i])]
    repeated = header_rows(rows, filled, layout)
    kept: list[int] = []
    for index in filled:
        if index in repeated or (before + len(kept) < 5 and is_example(rows[index], layout)):
            continue
        kept.append(index)
    return kept


def _check(rows: list[list], layout: Layout, result: ImportResult, places: PlaceResolver, today: dt.date,
           progress: Progress, cancel: Callable[[], bool]) -> _Valid:
    """Every data row validated (clean_columns: the same rules as the resident form), a chunk of rows at a time
    (a chunk's cells stay in the processor's cache); then, row by row, what only the whole sheet shows: an ID
    number twice, two heads of one household."""
    valid = _Valid()
    first_with_id: dict[str, int] = {}
    head_of: dict[tuple, int] = {}
    first = layout.header_row + 1
    total = len(rows) - first
    for start in range(first, len(rows), CHECK_CHUNK):
        if cancel():
            raise ImportCancelled()
        progress(start - first, total, "check")
        chunk = _data_rows(rows, layout, start, min(start + CHECK_CHUNK, len(rows)), result.rows)
        result.rows += len(chunk)
        if not chunk:
            continue
        person, place = sheet_columns([rows[i] for i in chunk], layout)
        values, errors = clean_columns(person, today)
        numbers = [index + 1 for index in chunk]
        households = places.household_keys(place)
        none = [None] * len(chunk)
        passed = []
        for i, (number, id_number, relation, (key, place_problems)) in enumerate(zip(
                numbers, values.get("id_number", none), values.get("relation", none), households)):
            twice = bool(id_number) and first_with_id.setdefault(id_number, number) != number
            second_head = key is not None and relation == "head" and head_of.setdefault(key, number) != number
            if not (twice or place_problems or second_head or i in errors):
                passed.append(i)
                continue
            problems = [(e.field, e.message) for e in errors.get(i, ())]
            if twice:
                problems.append(("id_number", _("The same ID number is already on row {row}.").format(
                    row=first_with_id[id_number])))
            problems += place_problems
            if second_head:
                problems.append(("relation", _("Row {row} is already the head of this household.").format(
                    row=head_of[key])))
            name = values.get("name_zh", none)[i] or values.get("name_ug", none)[i] or ""
            result.errors += [RowError(number, _column_label(layout, f), f, m, name) for f, m in problems]
        valid.add(values, passed, numbers, [key for key, _problems in households])
    progress(total, total, "check")
    return valid


def _stored_rows(where: str, params: list) -> list[dict]:
    columns = ["id", "household_id", *DEFAULTS]
    sql = f'SELECT {", ".join(columns)} FROM "resident" WHERE {where}'
    rows = [dict(zip(columns, found)) for found in database.execute_sql(sql, params).fetchall()]
    for row in rows:  # as the validation produces them, so that unchanged rows compare equal
        if isinstance(row["birth_date"], str):
            row["birth_date"] = dt.date.fromisoformat(row["birth_date"])
    return rows


def _match_existing(valid: _Valid, places: PlaceResolver) -> dict[int, dict]:
    """The resident each row updates (ID number, else name at the same address) into ``valid.existing``; returns
    their stored values."""
    stored: dict[int, dict] = {}
    mark = database.param
    valid.existing = [None] * len(valid.numbers)
    if database.execute_sql('SELECT 1 FROM "resident" LIMIT 1').fetchone() is None:
        return stored  # the first import: nobody to update
    id_numbers = valid.column("id_number")
    by_id = {number: i for i, number in enumerate(id_numbers) if number}
    numbers = list(by_id)
    for start in range(0, len(numbers), 500):
        chunk = numbers[start:start + 500]
        for found in _stored_rows(f"id_number IN ({', '.join([mark] * len(chunk))})", chunk):
            valid.existing[by_id[found["id_number"]]] = found["id"]
            stored[found["id"]] = found
    nameless = [i for i, number in enumerate(id_numbers) if not number]
    known = sorted({places.household_id(valid.households[i]) for i in nameless} - {None})
    index = {}
    for start in range(0, len(known), 500):
        chunk = known[start:start + 500]
        for found in _stored_rows(f"household_id IN ({', '.join([mark] * len(chunk))}) AND id_number IS NULL",
                                  chunk):
            index[(found["household_id"], found["name_zh"], found["name_ug"])] = found
    names_zh, names_ug = valid.values.get("name_zh"), valid.values.get("name_ug")
    for i in nameless:
        found = index.get((places.household_id(valid.households[i]), names_zh[i] if names_zh else "",
                           names_ug[i] if names_ug else ""))
        if found:
            valid.existing[i] = found["id"]
            stored[found["id"]] = found
    return stored


def _write(actor: Actor, valid: _Valid, stored: dict[int, dict], places: PlaceResolver,
           result: ImportResult, progress: Progress, cancel: Callable[[], bool]) -> None:
    writer = ImportWriter()
    writer.lock()
    now = writer.value(utcnow())
    result.new_buildings, result.new_households = places.create_missing(writer, now)
    progress(0, len(valid.numbers), "write")
    if cancel():
        raise ImportCancelled()
    household_ids = places.household_ids(valid.households)
    tags = valid.values.get("tags")
    tag_sets: dict[int, tuple] = {}
    updates: dict[tuple[str, ...], list[tuple]] = {}
    for i, resident_id in enumerate(valid.existing):
        if resident_id is None:
            continue
        values = valid.row(i)
        values["household_id"] = household_ids[i]
        if tags is not None:
            tag_sets[resident_id] = values.pop("tags")
        old = stored[resident_id]
        changed = tuple(f for f in UPDATABLE if f in values and old.get(f) != values[f])
        if changed:
            updates.setdefault(changed, []).append(tuple(values[f] for f in changed) + (now, resident_id))
            result.updated += 1
        else:
            result.unchanged += 1
    for columns, rows in updates.items():
        writer.update_many("resident", columns, rows)
    if cancel():
        raise ImportCancelled()
    new = [i for i, resident_id in enumerate(valid.existing) if resident_id is None]

    def column(values: list) -> list:  # the new rows' cells
        return values if len(new) == len(values) else [values[i] for i in new]

    def field_column(name: str) -> Iterable:
        if name not in valid.values:
            return repeat(DEFAULTS[name])
        values = column(valid.values[name])
        if name in ("sex", "birth_date"):
            values = [DEFAULTS[name] if v is MISSING else v for v in values]
        return writer.dates(values) if name == "birth_date" else values

    given = {"uuid": uuid4_hexes(len(new)), "created_at": repeat(now), "updated_at": repeat(now),
             "version": repeat(1), "household_id": column(household_ids), "moved_out": repeat(False)}
    ids = writer.insert("resident", INSERT_COLUMNS,
                        [given[name] if name in given else field_column(name) for name in INSERT_COLUMNS])
    result.created = len(ids)
    replaced = list(tag_sets)  # the residents updated (the new ones have no tags yet)
    for start in range(0, len(replaced), 500):
        ResidentTag.delete().where(ResidentTag.resident.in_(replaced[start:start + 500])).execute()
    if tags is not None:
        tag_sets.update((rid, found) for rid, found in zip(ids, column(tags)) if found)
    if tag_sets:
        tag_rows = [(rid, tag) for rid, found in tag_sets.items() for tag in found]
        writer.insert("resident_tag", ("uuid", "created_at", "updated_at", "version", "resident_id", "tag"), [
            uuid4_hexes(len(tag_rows)), repeat(now), repeat(now), repeat(1), *zip(*tag_rows)])
    progress(len(valid.numbers), len(valid.numbers), "write")
    audit.record(actor, "import.residents", "resident", "", file=Path(result.path).name, rows=result.rows,
                 created=result.created, updated=result.updated, unchanged=result.unchanged,
                 skipped=len({e.row for e in result.errors}), households=result.new_households,
                 buildings=result.new_buildings)


def import_residents(actor: Actor, path: str | Path, commit: bool = False, skip_invalid: bool = False,
                     progress: Progress | None = None, cancel: Callable[[], bool] | None = None,
                     today: dt.date | None = None) -> ImportResult:
    """Check (and with ``commit`` write) the residents of a spreadsheet. Nothing is written while a row has an
    error, unless ``skip_invalid``: then the valid rows are written and the others reported. Raises SheetRefused
    for files that cannot be imported at all, ImportCancelled when ``cancel()`` returned True."""
    actor.require("residents.import")
    with _collector_paused():
        return _import(actor, path, commit, skip_invalid, progress or (lambda done, total, phase: None),
                       cancel or (lambda: False), today or dt.date.today())


@contextmanager
def _collector_paused():
    """The cyclic garbage collector paused for the import (process-wide, for the second it takes), then back as
    it was. An import makes some 300,000 objects (cells, rows, values) that all live until it ends, none in a
    cycle: the collector would walk them again and again for nothing — a fifth of a 10,000-row import."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _import(actor: Actor, path: str | Path, commit: bool, skip_invalid: bool, progress: Progress,
            cancel: Callable[[], bool], today: dt.date) -> ImportResult:
    result = ImportResult(str(path))
    started = time.perf_counter()
    progress(0, 1, "read")
    sheets = read_first_sheets(path)
    result.seconds["read"] = time.perf_counter() - started
    for sheet in sheets:
        layout = find_layout(sheet.rows)
        if layout is not None:
            break
    else:
        raise SheetRefused(_("No header row found. The sheet needs a row of column names with at least the name "
                             "(姓名) and the ID number (身份证号); download the template to see them all."))
    if not ({"building", "address"} & set(layout.columns)):
        raise SheetRefused(_("The sheet has no address column: add the building or lane (楼栋/巷道), unit (单元) "
                             "and room (房号), or one address (地址) column."))
    rows = sheet.rows
    result.sheet, result.header_row, result.ignored_columns = sheet.name, layout.header_row + 1, layout.ignored
    fill_merged(rows, sheet.merged, layout.header_row + 1)
    if cancel():
        raise ImportCancelled()
    checked = time.perf_counter()
    places = PlaceResolver(has_grid_column="grid" in layout.columns)
    valid = _check(rows, layout, result, places, today, progress, cancel)
    stored = _match_existing(valid, places)
    result.valid = len(valid.numbers)
    result.seconds["check"] = time.perf_counter() - checked
    if not commit or (result.errors and not skip_invalid) or not valid.numbers:
        return result
    writing = time.perf_counter()
    try:
        with database.atomic():  # one transaction: all rows or none
            _write(actor, valid, stored, places, result, progress, cancel)
    except ImportCancelled:
        result.created = result.updated = result.unchanged = result.new_households = result.new_buildings = 0
        raise
    result.committed = True
    result.seconds["write"] = time.perf_counter() - writing
    return result


__all__ = ["ImportCancelled", "ImportResult", "RowError", "SheetRefused", "import_residents"]
