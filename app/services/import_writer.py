"""Raw DB-API writes for the resident import, inside its one open transaction (peewee model saves are ~10× slower
for 10,000 rows): rows go in by executemany (SQLite) or execute_values (PostgreSQL), given as columns.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid as uuid_module
from typing import Iterable, Sequence

from app.db.database import database, is_postgresql

BULK_ROWS = 1000  # SQLite: from this many new rows (and at least the table's size), indexes are made afterwards


def uuid4_hexes(count: int) -> list[str]:
    """``count`` random (version 4) UUIDs as 32 hex digits: one urandom call for all (13,000 per import)."""
    raw = bytearray(os.urandom(16 * count))
    raw[6::16] = bytes(b & 0x0F | 0x40 for b in raw[6::16])  # version 4
    raw[8::16] = bytes(b & 0x3F | 0x80 for b in raw[8::16])  # RFC 4122 variant
    digits = raw.hex()
    return [digits[i:i + 32] for i in range(0, 32 * count, 32)]


class ImportWriter:
    def __init__(self):
        self.pg = is_postgresql()
        self.cursor = database.connection().cursor()
        self.mark = "%s" if self.pg else "?"

    def value(self, v):
        """Dates as SQLite stores them (ISO text); PostgreSQL's driver takes them as they are."""
        if not self.pg and isinstance(v, (dt.date, dt.datetime)):
            return v.isoformat(" ") if isinstance(v, dt.datetime) else v.isoformat()
        return v

    def dates(self, column: Iterable[dt.date | None]) -> list:
        return [None if d is None else d.isoformat() for d in column] if not self.pg else list(column)

    def lock(self) -> None:
        """SQLite: take the write lock now, before ids are read (a write statement that changes nothing)."""
        if not self.pg:
            self.cursor.execute('DELETE FROM "resident" WHERE 0')

    def insert(self, table: str, names: Sequence[str], columns: Sequence[Iterable]) -> list[int]:
        """Insert rows given as ``columns`` (values database-ready; the first, the uuids, a list; an
        ``itertools.repeat`` for a value every row has) and return their ids, in order."""
        count = len(columns[0])
        if not count:
            return []
        quoted = ", ".join(f'"{c}"' for c in names)
        if self.pg:
            from psycopg2.extras import execute_values

            rows = list(zip(*columns))
            found = execute_values(self.cursor, f'INSERT INTO "{table}" ({quoted}) VALUES %s RETURNING id, uuid',
                                   rows, page_size=1000, fetch=True)
            ids = {uuid_module.UUID(str(u)).hex: i for i, u in found}
            return [ids[row[0]] for row in rows]
        # SQLite: this transaction already holds the write lock (see lock()), so the ids after MAX(id) are ours;
        # giving them explicitly lets one executemany do the work of 10,000 single INSERTs.
        first = self.cursor.execute(f'SELECT COALESCE(MAX(id), 0) + 1 FROM "{table}"').fetchone()[0]
        ids = range(first, first + count)
        # At least as many rows as the table had (ids are never reused, so MAX(id) bounds its size): indexing the
        # rows once afterwards costs less than updating every index row by row. Dropped and made again inside
        # this transaction; a UNIQUE index made again still refuses duplicates (and the import rolls back).
        indexes = self._indexes(table) if count >= max(BULK_ROWS, first - 1) else []
        for name, _sql in indexes:
            self.cursor.execute(f'DROP INDEX "{name}"')
        self.cursor.executemany(f'INSERT INTO "{table}" (id, {quoted}) VALUES (?, {", ".join("?" * len(names))})',
                                zip(ids, *columns))
        for _name, create in indexes:
            self.cursor.execute(create)
        return list(ids)

    def insert_rows(self, table: str, names: Sequence[str], rows: list[tuple]) -> list[int]:
        return self.insert(table, names, [list(column) for column in zip(*rows)]) if rows else []

    def _indexes(self, table: str) -> list[tuple[str, str]]:
        """SQLite: (name, CREATE statement) of the indexes made by CREATE INDEX (not the primary key's)."""
        return self.cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
                                   "AND sql IS NOT NULL ORDER BY name", (table,)).fetchall()

    def update_many(self, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
        sets = ", ".join(f'"{c}" = {self.mark}' for c in columns)
        sql = (f'UPDATE "{table}" SET {sets}, "updated_at" = {self.mark}, "version" = "version" + 1 '
               f'WHERE "id" = {self.mark}')
        self.cursor.executemany(sql, [tuple(self.value(v) for v in row) for row in rows])
