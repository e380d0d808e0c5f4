"""Bulk loading for the demo generator: driver-level multi-row INSERTs inside the caller's transaction.

Maintaining six secondary indexes and an FTS5 trigram index row by row is what makes a million-row load slow
(20–30k rows/s here); building them once after the load is several times faster. So, inside the one transaction
of the load, :meth:`BulkWriter.deferred_indexes` drops a big table's secondary indexes (and, on SQLite, the
trigger that feeds ``resident_fts``), and re-creates them from their own stored definitions afterwards (then
rebuilds the FTS index from the table). Nothing is hard-coded about them: whatever the migrations made comes back
exactly, and if anything fails the transaction rolls all of it back.
"""

from __future__ import annotations

import io
import itertools
from contextlib import contextmanager

from app.db.database import database, is_postgresql

SQLITE_ROWS_PER_STATEMENT = 50


_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy_text(value) -> str:
    """One value in PostgreSQL's COPY text format."""
    if value is None:
        return "\\N"
    if value is True or value is False:
        return "t" if value else "f"
    if isinstance(value, str):
        return value.translate(_COPY_ESCAPES)
    return str(value)


class BulkWriter:
    """Multi-row INSERTs through executemany on SQLite; COPY … FROM STDIN on PostgreSQL (psycopg2's
    execute_values quotes every value in Python and managed ~15,000 rows/s here, COPY ~70,000).
    Rows carry their ids (the database is empty), so children point at parents without reading anything back."""

    def __init__(self):
        self.pg = is_postgresql()
        self.cursor = database.connection().cursor()
        self.next: dict[str, int] = {}
        self.counts: dict[str, int] = {}

    def _query(self, sql: str, params: tuple = ()) -> list[tuple]:
        self.cursor.execute(sql, params)
        return self.cursor.fetchall()

    def ids(self, table: str) -> int:
        """The next free id of ``table``."""
        if table not in self.next:
            self.next[table] = self._query(f'SELECT COALESCE(MAX(id), 0) FROM "{table}"')[0][0] + 1
        self.next[table] += 1
        return self.next[table] - 1

    def insert(self, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
        """Write ``rows`` and empty the list."""
        if not rows:
            return
        names = ", ".join(f'"{c}"' for c in columns)
        head = f'INSERT INTO "{table}" ({names}) VALUES '
        if self.pg:
            text = io.StringIO("".join("\t".join([_copy_text(v) for v in row]) + "\n" for row in rows))
            self.cursor.copy_expert(f'COPY "{table}" ({names}) FROM STDIN', text)
        else:
            # Many rows a statement: a third less work per row than one-row executemany.
            one = "(" + ", ".join("?" * len(columns)) + ")"
            per = max(1, min(SQLITE_ROWS_PER_STATEMENT, 999 // len(columns)))
            full = len(rows) - len(rows) % per
            if full:
                flat = itertools.chain.from_iterable
                self.cursor.executemany(head + ", ".join([one] * per),
                                        [tuple(flat(rows[i:i + per])) for i in range(0, full, per)])
            if full < len(rows):
                self.cursor.executemany(head + one, rows[full:])
        self.counts[table] = self.counts.get(table, 0) + len(rows)
        rows.clear()

    def fix_sequences(self) -> None:
        """PostgreSQL serial sequences do not see explicit ids: move them past the rows written."""
        if not self.pg:
            return
        for table in self.counts:
            self.cursor.execute(f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
                                f'(SELECT MAX(id) FROM "{table}"))')

    def _secondary_indexes(self, table: str) -> list[tuple[str, str]]:
        """(name, CREATE statement) of the indexes that are not the primary key or a constraint."""
        if self.pg:
            return self._query(
                "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
                "AND tablename = %s AND indexname NOT IN (SELECT conname FROM pg_constraint) ORDER BY indexname",
                (table,))
        return self._query("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
                           "AND sql IS NOT NULL ORDER BY name", (table,))

    def _fts_insert_triggers(self, table: str) -> list[tuple[str, str, str]]:
        """SQLite: (trigger, its SQL, the external-content FTS table it feeds) for AFTER INSERT triggers that only
        keep an FTS index of ``table`` in step — a full 'rebuild' afterwards does the same work at once."""
        if self.pg:
            return []
        found = []
        fts_tables = {name for name, sql in self._query("SELECT name, sql FROM sqlite_master WHERE type = 'table'")
                      if sql and "VIRTUAL TABLE" in sql.upper() and "FTS5" in sql.upper()
                      and f"content='{table}'" in sql.replace('"', "'")}
        for name, sql in self._query("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?",
                                     (table,)):
            text = " ".join(sql.split()).upper()
            target = next((f for f in fts_tables if f"INSERT INTO {f.upper()}(" in text.replace(" (", "(")), None)
            if target and "AFTER INSERT ON" in text and text.count("INSERT INTO") == 1:
                found.append((name, sql, target))
        return found

    @contextmanager
    def deferred_indexes(self, *tables: str):
        """Drop the secondary indexes (and FTS insert triggers) of ``tables``; re-create them on the way out."""
        saved = [(t, self._secondary_indexes(t), self._fts_insert_triggers(t)) for t in tables]
        for _table, indexes, triggers in saved:
            for name, _sql in indexes:
                self.cursor.execute(f'DROP INDEX "{name}"')
            for name, _sql, _fts in triggers:
                self.cursor.execute(f'DROP TRIGGER "{name}"')
        yield
        for _table, indexes, triggers in saved:
            for _name, sql in indexes:
                self.cursor.execute(sql)
            for _name, sql, fts in triggers:
                self.cursor.execute(sql)
                self.cursor.execute(f"INSERT INTO \"{fts}\"(\"{fts}\") VALUES ('rebuild')")


@contextmanager
def sqlite_fast_writes():
    """SQLite: synchronous=OFF for the duration of the bulk load only — the load is one transaction, and a crash
    during it leaves a demo database nobody needs; the previous setting (FULL) comes back right after.
    The journal mode is never touched."""
    if is_postgresql():
        yield
        return
    before = int(database.execute_sql("PRAGMA synchronous").fetchone()[0])
    database.execute_sql("PRAGMA synchronous = OFF")
    try:
        yield
    finally:
        database.execute_sql(f"PRAGMA synchronous = {before}")
