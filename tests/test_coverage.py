"""Visit coverage: the numbers per grid and building match a direct SQL count written independently here, the
walking order (502 before 1101, buildings by their walking key), scope by role, and the CLI — on both databases."""

import datetime as dt

import pytest

import main as entry
from app.db.database import close_database, database
from app.services import coverage, settings
from app.services.actor import Actor
from app.services.demands_list import list_demands
from app.services.work_common import mask_name, natural_key
from tests.work_helpers import TODAY, make_office, visit

DEMO_TODAY = dt.date(2026, 11, 27)


def _independent_counts(since: dt.date):
    """(grid_id → (households, visited)), (building_id → …): last visit per household, joined back."""
    q = "%s" if database.obj.param == "%s" else "?"
    sql = (f"SELECT b.grid_id, h.building_id, COUNT(*), COUNT(last.household_id) FROM household h "
           f"JOIN building b ON b.id = h.building_id "
           f"LEFT JOIN (SELECT household_id, MAX(visited_on) AS seen FROM visit GROUP BY household_id) last "
           f"ON last.household_id = h.id AND last.seen >= {q} "
           f"WHERE h.archived = {q} GROUP BY b.grid_id, h.building_id")
    grids, buildings = {}, {}
    for grid_id, building_id, households, visited in database.execute_sql(sql, (since, False)).fetchall():
        buildings[building_id] = (households, visited)
        acc = grids.setdefault(grid_id, [0, 0])
        acc[0] += households
        acc[1] += visited
    return {g: tuple(v) for g, v in grids.items()}, buildings


@pytest.fixture
def demo_db(db):
    from app.services import demo

    demo.generate(200, seed=11, today=DEMO_TODAY)
    return db


@pytest.mark.parametrize("days", [30, 90])
def test_coverage_matches_a_direct_sql_count(demo_db, days):
    admin = Actor("admin", "admin", user_id=1)
    report = coverage.coverage(admin, days, on=DEMO_TODAY)
    grids, buildings = _independent_counts(DEMO_TODAY - dt.timedelta(days=days - 1))
    assert {g.id: (g.households, g.visited) for g in report.grids} == grids
    assert {b.id: (b.households, b.visited) for b in report.buildings if b.households} == buildings
    assert report.total.households == sum(h for h, _ in grids.values())
    assert 0 < report.total.visited < report.total.households
    page = coverage.unvisited(admin, days, on=DEMO_TODAY, limit=100_000)
    assert page.total == len(page.rows) == report.total.not_visited
    # walking order, checked with a numeric-aware key of Python's own
    sort_keys = dict(database.execute_sql("SELECT code, sort_key FROM building").fetchall())
    keys = [(natural_key(h.grid_code), sort_keys[h.building_code], natural_key(h.unit), natural_key(h.room))
            for h in page.rows]
    assert keys == sorted(keys)
    first = coverage.unvisited(admin, days, on=DEMO_TODAY, offset=3, limit=5)
    assert [h.uuid for h in first.rows] == [h.uuid for h in page.rows[3:8]] and first.total == page.total
    never = [h for h in page.rows if h.last_visited_on is None]
    assert never and all(h.last_visited_on < report.since for h in page.rows if h.last_visited_on)


def test_a_worker_sees_the_grids_they_cover(demo_db):
    user_id, grid_id = database.execute_sql("SELECT user_id, grid_id FROM user_grid ORDER BY id LIMIT 1").fetchone()
    worker = Actor("w", "worker", user_id=user_id, grid_ids=(grid_id,))
    report = coverage.coverage(worker, 90, on=DEMO_TODAY)
    grids, _buildings = _independent_counts(DEMO_TODAY - dt.timedelta(days=89))
    assert [(g.id, g.households, g.visited) for g in report.grids] == [(grid_id, *grids[grid_id])]
    assert any(w.id == user_id for w in report.workers)
    assert coverage.count_unvisited(worker, 90, on=DEMO_TODAY) == grids[grid_id][0] - grids[grid_id][1]


def test_walking_order_scope_and_archived_households(db):
    office = make_office()
    visit(office, "a2-201", 100)  # visited, but too long ago
    visit(office, "lane7", 1)
    page = coverage.unvisited(office.worker_a, 90)
    # 1号楼 (walking key 1) unit 1: 101 < 502 < 1101, then unit 2; then the lane (key 2); not the archived 3-301
    assert [(h.building_code, h.unit, h.room) for h in page.rows] == [
        ("TB-1", "1", "101"), ("TB-1", "1", "502"), ("TB-1", "1", "1101"), ("TB-1", "2", "201"), ("TL-1", "", "12")]
    assert page.rows[0].head_name == "李四" and page.rows[3].last_visited_on == TODAY - dt.timedelta(days=100)
    report = coverage.coverage(office.worker_a)  # the office's setting: 90 days
    assert [(g.code, g.households, g.visited, g.percent) for g in report.grids] == [("TC1-G01", 6, 1, 16.7)]
    assert [(b.code, b.households, b.visited) for b in report.buildings] == [("TB-1", 4, 0), ("TL-1", 2, 1)]
    settings.put(office.admin, "visit_overdue_days", 120)
    assert coverage.coverage(office.worker_a).total.visited == 2
    assert coverage.coverage(office.worker_a, grid_code="TC1-G02").grids == []  # not their grid
    whole = coverage.coverage(office.admin, 90)
    assert whole.total.households == 8 and [w.code for w in whole.workers] == ["wa", "wb"]
    assert [(w.households, w.visits) for w in whole.workers] == [(6, 1), (2, 0)]


def test_mask_name():
    assert [mask_name(n) for n in ("张三", "欧阳明月", "ئابدۇللا", "", "Ali")] == ["张*", "欧**", "ئ***", "", "A***"]


def _cli(capsys, *argv):
    code = entry.main(["--lang", "en", *argv])
    close_database()
    out = capsys.readouterr()
    return code, out.out, out.err


def test_cli_coverage_and_demand_list_agree_with_the_services(demo_db, capsys):
    admin = Actor("admin", "admin", user_id=1)
    report = coverage.coverage(admin, 90)
    grid = report.grids[0]
    page = coverage.unvisited(admin, 90, grid_code=grid.code, limit=1000)
    heads = [h.head_name for h in page.rows if h.head_name]
    overdue = list_demands(admin, "overdue", limit=1000)
    phones = database.execute_sql("SELECT phone FROM resident WHERE phone <> '' LIMIT 50").fetchall()
    close_database()
    code, out, _err = _cli(capsys, "--db", demo_db, "visits", "coverage", "--days", "90")
    assert code == 0
    total_line = [line for line in out.splitlines() if line.startswith("Total")][0].split()
    t = report.total
    assert total_line[1:] == [str(t.households), str(t.visited), str(t.not_visited), f"{t.percent:.1f}%"]
    code, out, _err = _cli(capsys, "--db", demo_db, "visits", "coverage", "--days", "90", "--grid", grid.code,
                           "--list")
    assert code == 0 and f"{grid.code}" in out and out.count(page.rows[0].address) >= 1
    assert len([line for line in out.splitlines() if line.startswith(grid.code)]) == 1 + len(page.rows)
    assert heads and not any(name in out for name in heads) and mask_name(heads[0]) in out
    code, out, _err = _cli(capsys, "--db", demo_db, "demands", "list", "--status", "overdue")
    assert code == 0 and out.strip().splitlines()[-1].startswith(f"{overdue.total} demand")
    assert overdue.rows[0].code in out and not any(p and p in out for (p,) in phones)
    code, _out, err = _cli(capsys, "--db", demo_db, "demands", "list", "--status", "late")
    assert code == 1 and err.count("\n") == 1
    code, _out, err = _cli(capsys, "--db", demo_db, "visits", "coverage", "--grid", "NOPE")
    assert code == 1 and "NOPE" in err
