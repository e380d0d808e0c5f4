"""Import residents from the office's spreadsheet (.xlsx, .xls, .ods): check every row first, write all in one
transaction, and only when every row is valid (or the caller says to skip the invalid ones).

``import_residents(actor, path, commit=False)`` checks only (a dry run) and returns the row-by-row errors;
``commit=True`` writes. Re-importing updates people matched by ID number (or, without one, by name at the same
address) instead of adding them twice. Buildings and households named in the sheet are created when missing;
grids must exist. ``progress(done, total, phase)`` and ``cancel()`` serve the GUI's progress dialog.
"""

from __future__ import annotations

import datetime as dt
import os
import time
import uuid as uuid_module
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from app.db.base import utcnow
from app.db.database import database, is_postgresql
from app.db.models import ResidentTag
from app.i18n import _
from app.services import audit
from app.services.actor import Actor
from app.services.import_places import PlaceResolver
from app.services.resident_sheet_map import (Layout, fill_merged, find_layout, is_blank, is_example,
                                             is_header_again, row_fields)
from app.services.resident_validation import clean_fields
from app.services.sheet_files import SheetRefused, read_first_sheets

Progress = Callable[[int, int, str], None]
INSERT_COLUMNS = ("uuid", "created_at", "updated_at", "version", "household_id", "name_zh", "name_ug", "id_number",
                  "birth_date", "sex", "phone", "relation", "preferred_lang", "moved_out", "note", "search_key")
UPDATABLE = ("name_zh", "name_ug", "id_number", "birth_date", "sex", "phone", "relation", "preferred_lang", "note",
             "search_key", "household_id")
DEFAULTS = {"name_zh": "", "name_ug": "", "id_number": None, "birth_date": None, "sex": "", "phone": "",
            "relation": "other", "preferred_lang": "zh", "note": "", "search_key": ""}


def _uuid4_hex() -> str:
    """A random (version 4) UUID as 32 hex digits, without building a uuid.UUID (13,000 of them per import)."""
    raw = bytearray(os.urandom(16))
    raw[6] = (raw[6] & 0x0F) | 0x40
    raw[8] = (raw[8] & 0x3F) | 0x80
    return raw.hex()


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
class _Row:
    number: int
    values: dict
    household_key: tuple
    name: str
    existing: int | None = None  # resident id when updating


def _column_label(layout: Layout, field_name: str) -> str:
    from openpyxl.utils import get_column_letter

    cols = layout.columns.get(field_name) or layout.columns.get("address") or []
    if not cols:
        return ""
    col = cols[0]
    header = layout.headers.get(col, "")
    return f"{get_column_letter(col + 1)} ({header})" if header else get_column_letter(col + 1)


def _check(rows: list[list], layout: Layout, result: ImportResult, places: PlaceResolver, today: dt.date,
           progress: Progress, cancel: Callable[[], bool]) -> list[_Row]:
    good: list[_Row] = []
    seen_ids: dict[str, int] = {}
    heads: dict[tuple, int] = {}
    first = layout.header_row + 1
    total = len(rows) - first
    for index in range(first, len(rows)):
        row = rows[index]
        if (index - first) % 1000 == 0:
            if cancel():
                raise ImportCancelled()
            progress(index - first, total, "check")
        if is_blank(row) or is_header_again(row, layout) or (result.rows < 5 and is_example(row, layout)):
            continue
        result.rows += 1
        number = index + 1
        person, place = row_fields(row, layout)
        values, errors = clean_fields(person, today)
        name = values.get("name_zh") or values.get("name_ug") or ""
        problems = [(e.field, e.message) for e in errors]
        id_number = values.get("id_number")
        if id_number:
            if id_number in seen_ids:
                problems.append(("id_number", _("The same ID number is already on row {row}.").format(
                    row=seen_ids[id_number])))
            else:
                seen_ids[id_number] = number
        key, place_problems = places.household_key(place)
        problems += place_problems
        if values.get("relation") == "head" and key is not None:
            if key in heads:
                problems.append(("relation", _("Row {row} is already the head of this household.").format(
                    row=heads[key])))
            else:
                heads[key] = number
        if problems:
            result.errors += [RowError(number, _column_label(layout, f), f, m, name) for f, m in problems]
            continue
        good.append(_Row(number, values, key, name))
    progress(total, total, "check")
    return good


def _stored_rows(where: str, params: list) -> list[dict]:
    columns = ["id", "household_id", *DEFAULTS]
    sql = f'SELECT {", ".join(columns)} FROM "resident" WHERE {where}'
    rows = [dict(zip(columns, found)) for found in database.execute_sql(sql, params).fetchall()]
    for row in rows:  # as the validation produces them, so that unchanged rows compare equal
        if isinstance(row["birth_date"], str):
            row["birth_date"] = dt.date.fromisoformat(row["birth_date"])
    return rows


def _match_existing(good: list[_Row], places: PlaceResolver) -> dict[int, dict]:
    """Attach existing residents to rows (ID number, else name at the same address); their stored values."""
    stored: dict[int, dict] = {}
    mark = database.param
    by_id = {r.values["id_number"]: r for r in good if r.values.get("id_number")}
    numbers = list(by_id)
    for start in range(0, len(numbers), 500):
        chunk = numbers[start:start + 500]
        for found in _stored_rows(f"id_number IN ({', '.join([mark] * len(chunk))})", chunk):
            by_id[found["id_number"]].existing = found["id"]
            stored[found["id"]] = found
    nameless = [r for r in good if not r.values.get("id_number")]
    known = sorted({places.household_id(r.household_key) for r in nameless} - {None})
    index = {}
    for start in range(0, len(known), 500):
        chunk = known[start:start + 500]
        for found in _stored_rows(f"household_id IN ({', '.join([mark] * len(chunk))}) AND id_number IS NULL",
                                  chunk):
            index[(found["household_id"], found["name_zh"], found["name_ug"])] = found
    for r in nameless:
        found = index.get((places.household_id(r.household_key), r.values.get("name_zh", ""),
                           r.values.get("name_ug", "")))
        if found:
            r.existing = found["id"]
            stored[found["id"]] = found
    return stored


class _Writer:
    """Raw DB-API writes inside the open transaction (peewee model saves are ~10× slower for 10,000 rows)."""

    def __init__(self):
        self.pg = is_postgresql()
        self.cursor = database.connection().cursor()
        self.mark = "%s" if self.pg else "?"

    def value(self, v):
        """Dates as SQLite stores them (ISO text); PostgreSQL's driver takes them as they are."""
        if not self.pg and isinstance(v, (dt.date, dt.datetime)):
            return v.isoformat(" ") if isinstance(v, dt.datetime) else v.isoformat()
        return v

    def insert(self, table: str, columns: tuple[str, ...], rows: list[tuple]) -> list[int]:
        """Insert ``rows`` (uuid first, values database-ready) and return their ids, in order."""
        if not rows:
            return []
        names = ", ".join(f'"{c}"' for c in columns)
        if self.pg:
            from psycopg2.extras import execute_values

            found = execute_values(self.cursor, f'INSERT INTO "{table}" ({names}) VALUES %s RETURNING id, uuid',
                                   rows, page_size=1000, fetch=True)
            ids = {uuid_module.UUID(str(u)).hex: i for i, u in found}
            return [ids[row[0]] for row in rows]
        # SQLite: this transaction already holds the write lock (see _write), so the ids after MAX(id) are ours;
        # giving them explicitly lets one executemany do the work of 10,000 single INSERTs.
        first = self.cursor.execute(f'SELECT COALESCE(MAX(id), 0) + 1 FROM "{table}"').fetchone()[0]
        ids = list(range(first, first + len(rows)))
        sql = f'INSERT INTO "{table}" (id, {names}) VALUES (?, {", ".join("?" * len(columns))})'
        self.cursor.executemany(sql, [(i, *row) for i, row in zip(ids, rows)])
        return ids

    def lock(self) -> None:
        """SQLite: take the write lock now, before ids are read (a write statement that changes nothing)."""
        if not self.pg:
            self.cursor.execute('DELETE FROM "resident" WHERE 0')

    def update_many(self, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
        sets = ", ".join(f'"{c}" = {self.mark}' for c in columns)
        sql = (f'UPDATE "{table}" SET {sets}, "updated_at" = {self.mark}, "version" = "version" + 1 '
               f'WHERE "id" = {self.mark}')
        self.cursor.executemany(sql, [tuple(self.value(v) for v in row) for row in rows])


def _write(actor: Actor, good: list[_Row], stored: dict[int, dict], places: PlaceResolver,
           result: ImportResult, progress: Progress, cancel: Callable[[], bool]) -> None:
    writer = _Writer()
    writer.lock()
    now = writer.value(utcnow())
    dated = writer.value
    result.new_buildings, result.new_households = places.create_missing(writer, now)
    inserts, insert_rows, tag_sets = [], [], {}
    updates: dict[tuple[str, ...], list[tuple]] = {}
    for n, r in enumerate(good):
        if n % 2000 == 0:
            if cancel():
                raise ImportCancelled()
            progress(n, len(good), "write")
        values = dict(r.values)
        tags = values.pop("tags", None)
        values["household_id"] = places.household_id(r.household_key)
        if r.existing is None:
            get = values.get
            inserts.append((_uuid4_hex(), now, now, 1, values["household_id"], get("name_zh", ""), get("name_ug", ""),
                            get("id_number"), dated(get("birth_date")), get("sex", ""), get("phone", ""),
                            get("relation", "other"), get("preferred_lang", "zh"), False, get("note", ""),
                            get("search_key", "")))
            insert_rows.append((r, tags))
            continue
        old = stored[r.existing]
        changed = tuple(f for f in UPDATABLE if f in values and old.get(f) != values[f])
        if tags is not None:
            tag_sets[r.existing] = tags
        if changed:
            updates.setdefault(changed, []).append(tuple(values[f] for f in changed) + (now, r.existing))
            result.updated += 1
        else:
            result.unchanged += 1
    for columns, rows in updates.items():
        writer.update_many("resident", columns, rows)
    if cancel():
        raise ImportCancelled()
    ids = writer.insert("resident", INSERT_COLUMNS, inserts) if inserts else []
    result.created = len(ids)
    for rid, (_r, tags) in zip(ids, insert_rows):
        if tags:
            tag_sets[rid] = tags
    if tag_sets:
        changed_ids = list(tag_sets)
        for start in range(0, len(changed_ids), 500):
            ResidentTag.delete().where(ResidentTag.resident.in_(changed_ids[start:start + 500])).execute()
        tag_rows = [(_uuid4_hex(), now, now, 1, rid, tag) for rid, tags in tag_sets.items() for tag in tags]
        if tag_rows:
            writer.insert("resident_tag", ("uuid", "created_at", "updated_at", "version", "resident_id", "tag"),
                          tag_rows)
    progress(len(good), len(good), "write")
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
    progress = progress or (lambda done, total, phase: None)
    cancel = cancel or (lambda: False)
    today = today or dt.date.today()
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
    good = _check(rows, layout, result, places, today, progress, cancel)
    stored = _match_existing(good, places)
    result.valid = len(good)
    result.seconds["check"] = time.perf_counter() - checked
    if not commit or (result.errors and not skip_invalid) or not good:
        return result
    writing = time.perf_counter()
    try:
        with database.atomic():  # one transaction: all rows or none
            _write(actor, good, stored, places, result, progress, cancel)
    except ImportCancelled:
        result.created = result.updated = result.unchanged = result.new_households = result.new_buildings = 0
        raise
    result.committed = True
    result.seconds["write"] = time.perf_counter() - writing
    return result


__all__ = ["ImportCancelled", "ImportResult", "RowError", "SheetRefused", "import_residents"]
