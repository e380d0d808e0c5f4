"""Visits and demands budgets (DESIGN.md: coverage and overdue lists ≤ 100 ms at 1,000,000 visits) on a
35,000-household demo database (≈ 960,000 visits, built once and cached): the embedded SQLite always, and
PostgreSQL when BAIJIA_BENCH_PG=postgresql://… names a server (the database is created there once and kept).

Every figure is printed next to a bare-SQL baseline measured in the same run (the "households not visited in 90
days" NOT EXISTS query through the same connection; DESIGN.md measured it at 35 ms on SQLite), and the budget is
scaled by how much slower that baseline runs now, so a busy machine is told from a slow query.
`make bench` runs these (pytest -m bench benchmarks); they are not part of `make test`.
"""

from __future__ import annotations

import os
import shutil
import statistics
import time

import pytest

from app.db.database import close_database, database
from app.services import coverage, demands_list, setup, today
from app.services.actor import Actor
from benchmarks.work_db import cached_demo_db, cached_pg_db

pytestmark = pytest.mark.bench

ROUNDS = 25
BUDGET_MS = 100.0
BASELINE_REFERENCE_MS = 35.0  # DESIGN.md, SQLite, this machine class, idle
BARE = ("SELECT COUNT(*) FROM household h WHERE h.archived = {false} AND NOT EXISTS "
        "(SELECT 1 FROM visit v WHERE v.household_id = h.id AND v.visited_on >= {param})")
KINDS = ["sqlite"] + (["postgresql"] if os.environ.get("BAIJIA_BENCH_PG") else [])


def _p(samples: list[float], q: int) -> float:
    return statistics.quantiles(samples, n=100)[q - 1] if len(samples) > 1 else samples[0]


def _time(fn, rounds: int = ROUNDS) -> tuple[float, float]:
    fn()  # warm the page cache and the statement cache
    samples = []
    for _ in range(rounds):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples), _p(samples, 95)


@pytest.fixture(scope="module", params=KINDS)
def big_db(request, tmp_path_factory):
    if request.param == "sqlite":
        path, generated_on = cached_demo_db(seed=1)
        copy = tmp_path_factory.mktemp("work") / "bench.db"
        shutil.copy(path, copy)  # the cached file stays untouched by WAL files
        setup.open_and_migrate(str(copy))
    else:
        url, generated_on = cached_pg_db(os.environ["BAIJIA_BENCH_PG"], seed=1)
        setup.open_and_migrate(url)
    yield request.param, generated_on
    close_database()


def test_coverage_and_overdue_lists_within_100_ms(big_db, capsys):
    kind, on = big_db
    bare = BARE.format(false="0" if kind == "sqlite" else "false", param=database.obj.param)
    admin = Actor("admin", "admin", user_id=1)
    visits = database.execute_sql("SELECT COUNT(*) FROM visit").fetchone()[0]
    households = database.execute_sql("SELECT COUNT(*) FROM household").fetchone()[0]
    user_id, grid_id = database.execute_sql("SELECT user_id, grid_id FROM user_grid ORDER BY id LIMIT 1").fetchone()
    worker = Actor("worker", "worker", user_id=user_id, grid_ids=(grid_id,))
    since = coverage.window(90, on)[1]
    cases = {
        "bare SQL: not visited in 90 days (baseline)": lambda: database.execute_sql(bare, (since,)).fetchall(),
        "coverage, whole office (grids + buildings)": lambda: coverage.coverage(admin, 90, on=on, workers=False),
        "coverage, whole office + per worker": lambda: coverage.coverage(admin, 90, on=on),
        "coverage, one worker's grid": lambda: coverage.coverage(worker, 90, on=on),
        "not visited: walking list, whole office, page 1": lambda: coverage.unvisited(admin, 90, on=on, limit=50),
        "not visited: walking list, one grid": lambda: coverage.unvisited(worker, 90, on=on, limit=500),
        "demands overdue, page 1": lambda: demands_list.list_demands(admin, "overdue", limit=50, on=on),
        "demands open, page 1": lambda: demands_list.list_demands(admin, "open", limit=50, on=on),
        "demands overdue, a worker": lambda: demands_list.list_demands(worker, "overdue", limit=50, on=on),
        "Today page, worker": lambda: today.today_data(worker, on, 90),
        "Today page, office head": lambda: today.today_data(admin, on, 90),
    }
    results = {label: _time(fn) for label, fn in cases.items()}
    base = results["bare SQL: not visited in 90 days (baseline)"][0]
    allowed = BUDGET_MS * max(1.0, base / BASELINE_REFERENCE_MS)
    with capsys.disabled():
        print(f"\n{households:,} households, {visits:,} visits ({kind}); median / p95 ms, ratio to the baseline; "
              f"budget now {allowed:.0f} ms (100 ms × baseline / {BASELINE_REFERENCE_MS:.0f} ms)")
        for label, (median, p95) in results.items():
            print(f"  {label:<52} {median:7.1f} {p95:7.1f}   ×{median / base:.1f}")
    budgeted = [label for label in cases if not label.startswith(("bare", "Today"))]
    over = {label: results[label] for label in budgeted if results[label][0] > allowed}
    assert not over, f"median over {allowed:.0f} ms: {over}"
