"""Residents budgets (DESIGN.md) at 100,000 residents, on the embedded SQLite: search p95 ≤ 50 ms in every script,
first page of the resident list (never loading all rows) well under the 300 ms first paint.

The database is the demo of 35,000 households (≈ 100,000 residents), built once with demo.generate and cached under
/tmp keyed by seed and schema (benchmarks/work_db.py). A bare-SQL baseline is printed alongside (a LIKE scan of
100,000 names: 15 ms on an idle machine of this class) so that a busy machine can be told from slow code.
`make bench` runs these; they are not part of `make test`.
"""

from __future__ import annotations

import random
import shutil
import statistics
import time

import pytest

from app.db.database import close_database, database
from app.db.models import Building, Resident
from app.services import residents_index, setup
from app.services.actor import Actor
from app.services.residents_query import ResidentFilters, count_residents, list_residents
from app.services.residents_search import search
from benchmarks.work_db import cached_demo_db

pytestmark = pytest.mark.bench

SEED = 7
QUERIES = 60
SEARCH_BUDGET_MS = 50.0
PAGE_BUDGET_MS = 300.0
IDLE_BASELINE_MS = 15.0  # DESIGN.md: a LIKE scan of 100,000 names on an idle machine of this class
ADMIN = Actor("bench", "admin")


def _p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1] if len(samples) > 1 else samples[0]


@pytest.fixture(scope="module")
def big_db(tmp_path_factory):
    path, _generated_on = cached_demo_db(seed=SEED)
    copy = tmp_path_factory.mktemp("residents") / "bench.db"
    shutil.copy(path, copy)
    setup.open_and_migrate(str(copy))
    yield
    close_database()


def _queries() -> dict[str, list[str]]:
    rnd = random.Random(SEED)
    people = list(Resident.select(Resident.name_zh, Resident.name_ug, Resident.search_key, Resident.id_number,
                                  Resident.phone).where(Resident.moved_out == False).tuples())  # noqa: E712
    rnd.shuffle(people)
    han = [p for p in people if p[0]]
    ug = [p for p in people if p[1]]

    def forms(p):
        return p[2].split("\n")

    kinds = {
        "hanzi, 1 char": [ch for p in han for ch in p[0][rnd.randrange(len(p[0]))] if "\u4e00" <= ch <= "\u9fff"],
        "hanzi, 2 chars": [p[0][:2] for p in han if len(p[0]) >= 2],
        "hanzi, full name": [p[0] for p in han],
        "pinyin, full": [f for p in han for f in forms(p)[1:2] if f.isascii()],
        "pinyin, initials": [f for p in han for f in forms(p)[2:3] if f.isascii()],
        "Uyghur script": [p[1].split()[0] for p in ug],
        "Uyghur Latin (ULY)": [forms(p)[-1].split()[0] for p in ug],
        "ID fragment (6)": [p[3][-6:] for p in people if p[3]],
        "phone fragment (4)": [p[4][-4:] for p in people if p[4]],
        "address": [b for (b,) in Building.select(Building.name_zh).tuples()],
    }
    return {kind: [q for q in qs if q][:QUERIES] for kind, qs in kinds.items()}


def _baseline_ms() -> float:
    samples = []
    for _ in range(5):
        started = time.perf_counter()
        database.execute_sql("SELECT COUNT(*) FROM resident WHERE name_zh LIKE '%明%'").fetchone()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def test_search_p95_in_every_script(big_db):
    started = time.perf_counter()
    residents_index.warm_up()
    warm = time.perf_counter() - started
    total = Resident.select().count()
    baseline = _baseline_ms()
    scale = max(1.0, baseline / IDLE_BASELINE_MS)  # a busy machine: the budget scales with the baseline
    print(f"\n{total} residents; search index loaded in {warm:.2f} s; baseline LIKE scan of names "
          f"{baseline:.1f} ms (idle: {IDLE_BASELINE_MS:.0f} ms) → budget {SEARCH_BUDGET_MS * scale:.0f} ms")
    failures = []
    for kind, queries in _queries().items():
        search(ADMIN, queries[-1])  # the first query of a kind compiles its statements
        samples, found = [], 0
        for q in queries:
            t = time.perf_counter()
            hits = search(ADMIN, q)
            samples.append((time.perf_counter() - t) * 1000)
            found += bool(hits)
        p50, p95 = statistics.median(samples), _p95(samples)
        print(f"  {kind:22s} p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  ({len(queries)} queries, {found} with hits)")
        assert found == len(queries), f"{kind}: a query for an existing person found nobody"
        if p95 > SEARCH_BUDGET_MS * scale:
            failures.append(f"{kind} p95 {p95:.1f} ms")
    assert not failures, f"over the {SEARCH_BUDGET_MS * scale:.0f} ms budget: " + ", ".join(failures)


@pytest.mark.parametrize("label,filters,sort", [
    ("all, by name", ResidentFilters(), "name"),
    ("all, by address", ResidentFilters(), "address"),
    ("age 80+, by age", ResidentFilters(tag="elderly_80"), "-age"),
    ("one grid, by name", "grid", "name"),
    ("text 王, by name", ResidentFilters(text="王"), "name"),
])
def test_list_first_page_and_count(big_db, label, filters, sort):
    if filters == "grid":
        from app.db.models import Grid

        filters = ResidentFilters(grid_uuid=str(Grid.select().order_by(Grid.code).first().uuid))
    list_residents(ADMIN, filters, sort, 0, 100)
    samples = []
    for offset in (0, 100, 5000, 0, 200):
        t = time.perf_counter()
        rows = list_residents(ADMIN, filters, sort, offset, 100)
        count = count_residents(ADMIN, filters)
        samples.append((time.perf_counter() - t) * 1000)
    print(f"\n  list {label:20s} page+count median {statistics.median(samples):6.1f} ms  max {max(samples):6.1f} ms"
          f"  ({count} rows, page of {len(rows)})")
    assert statistics.median(samples) <= PAGE_BUDGET_MS
