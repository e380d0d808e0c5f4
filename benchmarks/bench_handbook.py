"""Handbook budgets (DESIGN.md: search results while typing, ≤ 50 ms for 87 items), on the embedded SQLite.

`make bench` runs these (pytest -m bench benchmarks); they are not part of `make test`.
Also measured: the shipped-data sync at `baijia init` (first load, and the every-start case when nothing changed).
"""

from __future__ import annotations

import statistics
import time

import pytest

from app.db.database import database
from app.db.migrations import migrate
from app.db.models import HandbookItem
from app.services import handbook, handbook_data, handbook_loader, handbook_search

pytestmark = pytest.mark.bench

QUERIES = ["最低生活保障", "低保", "dbsq", "dibao", "gljt", "gaoling", "居民身份证", "党员", "残疾", "ئەڭ تۆۋەن",
           "كىملىك", "ياشانغان", "eng towen", "yashan", "MS-01", "ZZ", "证明", "d", "调解", "就业登记", "x"]
# typing a query letter by letter, as the front desk does
TYPED = [q[:n] for q in ("高龄津贴", "gaolingjintie", "ياشانغانلار", "minimal") for n in range(1, len(q) + 1)]


def _p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1]


def test_sync_first_load_and_unchanged(sqlite_db, capsys):
    db = database.obj
    with db.atomic():
        HandbookItem.delete().execute()  # the test database arrives loaded; measure a first load
    handbook_data._cache.clear()
    started = time.perf_counter()
    first = handbook_loader.sync_shipped(force=True)
    first_s = time.perf_counter() - started
    assert len(first.added) == 87
    unchanged, compared = [], []
    for _ in range(30):
        started = time.perf_counter()
        report = handbook_loader.sync_shipped()  # every start: files unchanged since the last sync
        unchanged.append(time.perf_counter() - started)
        assert not report.changed and len(report.unchanged) == 87
        started = time.perf_counter()
        report = handbook_loader.sync_shipped(force=True)  # hash comparison of all 87 items (files parsed once)
        compared.append(time.perf_counter() - started)
        assert not report.changed
    handbook_data._cache.clear()
    started = time.perf_counter()
    handbook_data.load()
    parse = time.perf_counter() - started
    assert migrate(db) == []
    median = statistics.median(unchanged)
    with capsys.disabled():
        print(f"\nhandbook sync: first load (parse + validate + insert 87 items) {first_s * 1000:.0f} ms; "
              f"unchanged median {median * 1000:.1f} ms (p95 {_p95(unchanged) * 1000:.1f}); "
              f"forced comparison median {statistics.median(compared) * 1000:.1f} ms; "
              f"parse + validate alone {parse * 1000:.0f} ms")
    assert median < 0.02


def test_search_p95_within_50_ms(sqlite_db, capsys):
    handbook_search.invalidate()
    started = time.perf_counter()
    handbook.search("warm")  # builds the index (imports pypinyin on a cold process)
    build = time.perf_counter() - started
    samples = []
    for _round in range(5):
        for q in QUERIES + TYPED:
            started = time.perf_counter()
            handbook.search(q)
            samples.append(time.perf_counter() - started)
    p95 = _p95(samples)
    with capsys.disabled():
        print(f"\nhandbook search: {len(samples)} searches, p95 {p95 * 1000:.2f} ms, "
              f"max {max(samples) * 1000:.2f} ms; first search incl. index build {build * 1000:.0f} ms")
    assert p95 < 0.050
