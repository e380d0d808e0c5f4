"""An in-memory search index of residents: what keeps one search box fast at 100,000 people in every script.

Why not SQL: a substring scan of 100,000 search keys takes 60+ ms in SQLite (instr/LIKE step through UTF-8),
FTS5 trigram cannot serve 1–2 character queries and its triggers cost ~300 µs per written row (the import and
demo budgets could not be kept).

The index joins every resident's "\\n"-wrapped search forms into long strings, in display order (living here
first, then by name), so ``str.find`` — C speed, a few ms over 100,000 people — finds the first rows to show
first, and stops once it has enough. Three strings: the hanzi forms, the Latin forms (pinyin, initials, ULY;
one byte a character) and ID number + phone; Uyghur-script queries are searched in ULY.

It loads on first use (1–2 s at 100,000 on this 2-core class of PC; the GUI calls ``warm_up`` in the
background after login) and then follows the database by asking, on every search, for rows with a newer id or
a recent ``updated_at`` (indexed: sub-millisecond when nothing changed); changed rows are searched one by one
until there are too many (then it reads everything again). Residents are never deleted. On PostgreSQL several
PCs write with their own clocks: rows updated within CLOCK_SKEW of the newest change are looked at again (by
version) on every refresh.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
import time
import weakref
from array import array
from bisect import bisect_right
from itertools import accumulate

from app.db.database import database, is_postgresql
from app.domain.search_forms import SEPARATOR

CLOCK_SKEW = dt.timedelta(minutes=10)
FULL_RELOAD_AFTER = 3600.0  # seconds: belt and braces against clocks far apart
_ROW = "\0"
_SELECT = 'SELECT id, search_key, id_number, phone, moved_out, version FROM "resident"'


RARE = 150  # a needle in fewer rows than this is found in one pass
OVERLAY_MAX = 300  # rows changed since the strings were built; more: load again


class _Segment:
    """The rows of one group (living here / moved out) as one searchable string."""

    def __init__(self, texts: list[str], ids: array):
        self.blob = _ROW.join(texts) + _ROW
        # row i is blob[starts[i]:starts[i+1]-1]; compact arrays: 4–8 bytes a row instead of a Python int each
        self.starts = array("l", [0, *accumulate(len(t) + 1 for t in texts)])
        self.ids = ids

    def text(self, row: int) -> str:
        return self.blob[self.starts[row]:self.starts[row + 1] - 1]

    def rows(self, needle: str, stale: dict, want: int | None = None, skip: set[int] = frozenset()) -> list[int]:
        """Row numbers containing ``needle``, in order, leaving out rows of ids in ``stale``; stops after
        ``want`` rows not in ``skip``."""
        found: list[int] = []
        blob, starts, ids, counted = self.blob, self.starts, self.ids, 0
        pos = blob.find(needle)
        while pos != -1:
            row = bisect_right(starts, pos) - 1
            if ids[row] not in stale:
                found.append(row)
                if row not in skip:
                    counted += 1
                    if want is not None and counted >= want:
                        break
            pos = blob.find(needle, starts[row + 1])
        return found


COLUMNS = ("hanzi", "latin", "numbers")


_has_han = re.compile("[\u3400-\u9fff\uf900-\ufaff]").search
_has_arabic = re.compile("[\u0600-\u06ff]").search


def _split(key: str) -> tuple[str, str]:
    """The search forms in two strings: the Chinese ones, and the Latin ones (pinyin, initials, ULY). The
    Uyghur-script form is left out: Uyghur queries are searched in ULY (every Uyghur name has its ULY forms),
    which also finds names typed with look-alike letters. Small strings scan fast: one byte a character for
    the Latin ones."""
    hanzi, latin = [], []
    for form in key.split(SEPARATOR):
        if not form:
            continue
        if _has_han(form):
            hanzi.append(form)
        elif not _has_arabic(form):
            latin.append(form)
    return (SEPARATOR + SEPARATOR.join(hanzi) + SEPARATOR if hanzi else "",
            SEPARATOR + SEPARATOR.join(latin) + SEPARATOR if latin else "")


def _rank_of(text: str, needles: tuple[str, ...], prefix_only: bool) -> int | None:
    if any(SEPARATOR + n + SEPARATOR in text for n in needles):
        return 0
    if any(SEPARATOR + n in text for n in needles):
        return 1
    if not prefix_only and any(n in text for n in needles):
        return 2
    return None


class SearchIndex:
    def __init__(self):
        self.lock = threading.Lock()
        self.versions: dict[int, int] = {}  # id → version of the row the strings or the overlay hold
        self.segments: dict[tuple[str, bool], _Segment] = {}
        self.overlay: dict[int, tuple] = {}  # changed since load: id → (moved_out, hanzi, latin, numbers, version)
        self.max_id = 0
        self.max_updated = None
        self.loaded_at = 0.0

    # --- keeping up with the database ------------------------------------------------------------------
    def _newest(self) -> tuple:
        return database.execute_sql('SELECT (SELECT MAX(id) FROM "resident"), '
                                    '(SELECT MAX(updated_at) FROM "resident")').fetchone()

    @staticmethod
    def _row(key, number, phone, moved, version) -> tuple:
        hanzi, latin = _split(key or "")
        return (bool(moved), hanzi, latin, SEPARATOR + (number or "") + SEPARATOR + (phone or "") + SEPARATOR,
                version)

    def load(self) -> None:
        """Everything, in display order (the database sorts by its name index), into the strings."""
        self.overlay.clear()
        self.versions = {}
        self.max_id, self.max_updated = 0, self._newest()[1]  # read first: later changes are caught next time
        cursor = database.execute_sql(f"{_SELECT} ORDER BY moved_out, name_zh, name_ug, id")
        texts: dict[bool, tuple[list, list, list, array]] = {m: ([], [], [], array("q")) for m in (False, True)}
        versions = self.versions
        while True:
            chunk = cursor.fetchmany(5000)  # not fetchall: 100,000 rows of search keys at once is 40 MB
            if not chunk:
                break
            for rid, key, number, phone, moved, version in chunk:
                row = self._row(key, number, phone, moved, version)
                hanzi, latin, numbers, ids = texts[row[0]]
                hanzi.append(row[1])
                latin.append(row[2])
                numbers.append(row[3])
                ids.append(rid)
                versions[rid] = version
                if rid > self.max_id:
                    self.max_id = rid
        for moved, (hanzi, latin, numbers, ids) in texts.items():
            for column, strings in zip(COLUMNS, (hanzi, latin, numbers)):
                self.segments[(column, moved)] = _Segment(strings, ids)
        self.loaded_at = time.monotonic()

    def refresh(self) -> None:
        if not self.loaded_at or time.monotonic() - self.loaded_at > FULL_RELOAD_AFTER:
            self.load()
            return
        newest_id, newest_update = self._newest()
        if newest_id is None or newest_id < self.max_id:  # emptied, or another database: start again
            self.load()
            return
        since = self.max_updated  # rows of that same second are read again: timestamps have whole seconds
        if since is not None and is_postgresql():
            since = since - CLOCK_SKEW
        mark = database.param
        if since is None:
            fetched = database.execute_sql(f"{_SELECT} WHERE id > {mark}", (self.max_id,))
        else:
            fetched = database.execute_sql(f"{_SELECT} WHERE id > {mark} OR updated_at >= {mark}",
                                           (self.max_id, since))
        for rid, key, number, phone, moved, version in fetched.fetchall():
            if self.versions.get(rid) != version:
                self.overlay[rid] = self._row(key, number, phone, moved, version)
                self.versions[rid] = version
            if rid > self.max_id:
                self.max_id = rid
        if newest_update is not None:
            self.max_updated = newest_update
        if len(self.overlay) > OVERLAY_MAX:  # many changes (an import): read everything again, in order
            self.load()

    # --- searching --------------------------------------------------------------------------------------
    @staticmethod
    def _classify(segment: _Segment, needles, stale, limit: int, prefix_only: bool):
        """Row numbers (exact, starts-with incl. exact, inside) of one segment."""
        if not prefix_only:  # a rare needle: one pass finds every row, then each row is looked at
            found = {row for n in needles for row in segment.rows(n, stale, RARE)}
            if len(found) < RARE:
                exact, starts, inside = set(), set(), set()
                for row in found:
                    rank = _rank_of(segment.text(row), needles, False)
                    (exact if rank == 0 else starts if rank == 1 else inside).add(row)
                return exact, starts | exact, inside
        exact: set[int] = set()
        for n in needles:
            exact.update(segment.rows(SEPARATOR + n + SEPARATOR, stale))
        starts: set[int] = set(exact)
        for n in needles:
            starts.update(segment.rows(SEPARATOR + n, stale, limit, exact))
        inside: set[int] = set()
        if not prefix_only:
            for n in needles:
                inside.update(segment.rows(n, stale, limit, starts))
        return exact, starts, inside

    def find(self, needles: tuple[str, ...], column: str, limit: int, include_moved_out: bool,
             prefix_only: bool = False) -> list[tuple[int, int]]:
        """[(resident id, rank)] best first: rank 0 a whole form equals a needle (exact name, whole ID or
        phone), 1 a form starts with it, 2 it occurs inside. ``column``: "hanzi", "latin" or "numbers".
        ``prefix_only``: ranks 0 and 1 only. Within a rank people living here come first, then by name."""
        at = COLUMNS.index(column) + 1
        stale = self.overlay
        by_rank: list[list[tuple]] = [[], [], []]  # (display order, id)
        for moved in (False, True) if include_moved_out else (False,):
            segment = self.segments[(column, moved)]
            hanzi, latin = self.segments[("hanzi", moved)], self.segments[("latin", moved)]
            exact, starts, inside = self._classify(segment, needles, stale, limit, prefix_only)
            for rank, group in ((0, exact), (1, starts - exact), (2, inside - starts)):
                by_rank[rank] += [((moved, hanzi.text(i), latin.text(i), segment.ids[i]), segment.ids[i])
                                  for i in group]
            for rid, row in stale.items():
                if row[0] == moved:
                    rank = _rank_of(row[at], needles, prefix_only)
                    if rank is not None:
                        by_rank[rank].append(((moved, row[1], row[2], rid), rid))
        ranked: list[tuple[int, int]] = []
        for rank, found in enumerate(by_rank):
            found.sort()
            ranked += [(rid, rank) for _order, rid in found[:limit - len(ranked)]]
        return ranked

    def matching(self, needles: tuple[str, ...], column: str, prefix_only: bool, cap: int) -> list[int] | None:
        """Every id whose ``column`` holds a needle (moved-out people too), or None when more than ``cap``."""
        at = COLUMNS.index(column) + 1
        stale = self.overlay
        found: set[int] = set()
        for moved in (False, True):
            segment = self.segments[(column, moved)]
            for n in needles:
                rows = segment.rows(SEPARATOR + n if prefix_only else n, stale, cap + 1)
                found.update(segment.ids[i] for i in rows)
                if len(found) > cap:
                    return None
        found.update(rid for rid, row in stale.items() if _rank_of(row[at], needles, prefix_only) is not None)
        return None if len(found) > cap else sorted(found)


_indexes: "weakref.WeakKeyDictionary[object, SearchIndex]" = weakref.WeakKeyDictionary()
_registry_lock = threading.Lock()


def _index() -> SearchIndex:
    with _registry_lock:
        found = _indexes.get(database.obj)
        if found is None:
            found = _indexes[database.obj] = SearchIndex()
    return found


def find(needles: tuple[str, ...], column: str, limit: int, include_moved_out: bool = False,
         prefix_only: bool = False) -> list[tuple[int, int]]:
    """Search the open database's index, brought up to date first (see SearchIndex.find)."""
    found = _index()
    with found.lock:
        found.refresh()
        return found.find(needles, column, limit, include_moved_out, prefix_only)


def matching(needles: tuple[str, ...], column: str, prefix_only: bool = False, cap: int = 30_000) -> list[int] | None:
    """All matching ids for the paged list's filter (see SearchIndex.matching)."""
    found = _index()
    with found.lock:
        found.refresh()
        return found.matching(needles, column, prefix_only, cap)


def warm_up() -> None:
    """Load the index now (the GUI calls this in the background after login)."""
    found = _index()
    with found.lock:
        found.refresh()
