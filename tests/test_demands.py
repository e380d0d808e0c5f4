"""Demands (诉求): lifecycle and its transition table, required fields, deadlines in Chinese working days, two people
changing one demand, and the overdue / due-soon lists against a direct SQL count — on SQLite and PostgreSQL."""

import datetime as dt
import threading

import pytest

from app.db.database import database
from app.db.models import AuditLog, Demand, DemandStep
from app.db.models.demands import OPEN_STATUSES, STATUSES
from app.domain.workdays import OfficeSchedule, WorkCalendar
from app.i18n import _, set_language
from app.services import demands, demands_list, work_calendar
from app.services.actor import PermissionDenied
from app.services.connection import thread_connection
from app.services.demands import (STATUS_LABELS, TRANSITIONS, DemandConflict, DemandDraft, IllegalTransition,
                                  create_demand, transition)
from app.services.work_common import WorkValidationError
from tests.work_helpers import ITEM_CODE, handbook_item, make_office

# the lifecycle's way to each status from accepted
PATHS = {
    "accepted": [],
    "in_progress": ["in_progress"],
    "answered": ["in_progress", "answered"],
    "follow_up": ["in_progress", "answered", "follow_up"],
    "closed": ["in_progress", "answered", "follow_up", "closed"],
    "referred": ["referred"],
    "declined": ["declined"],
}
# the lifecycle as the office knows it; anything else must be refused
LEGAL = {("accepted", "in_progress"), ("accepted", "referred"), ("accepted", "declined"),
         ("in_progress", "answered"), ("in_progress", "referred"), ("in_progress", "declined"),
         ("answered", "follow_up"), ("answered", "in_progress"), ("follow_up", "closed"), ("follow_up", "in_progress"),
         ("referred", "answered"), ("referred", "in_progress")}
EXTRA = {"referred": {"referred_to": "区住建局"}, "declined": {"decline_reason": "不属于社区职责"},
         "follow_up": {"satisfaction": 5}}


def _new(office, accepted_on=None, **draft):
    draft.setdefault("description", "楼道灯坏了，请求维修")
    return create_demand(office.worker_a, office.households["a502"].uuid, DemandDraft(**draft),
                         accepted_on=accepted_on)


def _walk(office, row, path):
    for status in path:
        row = transition(office.worker_a, row.uuid, status, row.version, note=f"to {status}",
                         **EXTRA.get(status, {}))
    return row


def test_happy_path_records_every_step(db):
    office = make_office()
    row = _new(office, channel="phone")
    assert row.status == "accepted" and row.next_statuses == TRANSITIONS["accepted"]
    row = _walk(office, row, PATHS["closed"])
    assert row.status == "closed" and row.satisfaction == 5 and row.closed_at is not None
    detail = demands_list.get_demand(office.admin, row.uuid)
    assert [s.to_status for s in detail.steps] == ["accepted", "in_progress", "answered", "follow_up", "closed"]
    assert all(s.who == "李网格" for s in detail.steps)
    assert [s.note for s in detail.steps[1:]] == ["to in_progress", "to answered", "to follow_up", "to closed"]
    assert AuditLog.select().where(AuditLog.action == "demand.status").count() == 4
    counts = demands_list.demand_counts(office.admin)
    assert (counts.open, counts.closed_this_month) == (0, 1)


@pytest.mark.parametrize("lang", ["zh", "ug", "en"])
def test_every_illegal_transition_is_refused_naming_both_statuses(db, lang):
    assert {(a, b) for a, targets in TRANSITIONS.items() for b in targets} == LEGAL
    office = make_office()
    refused = 0
    for current, path in PATHS.items():
        row = _walk(office, _new(office), path)
        assert row.status == current
        steps_before = DemandStep.select().where(DemandStep.demand == row.id).count()
        for target in STATUSES:
            if (current, target) in LEGAL:
                continue
            set_language(lang)
            with pytest.raises(IllegalTransition) as err:
                transition(office.worker_a, row.uuid, target, row.version, **EXTRA.get(target, {}))
            assert _(STATUS_LABELS[current]) in str(err.value) and _(STATUS_LABELS[target]) in str(err.value)
            set_language("zh")
            refused += 1
        again = demands_list.get_demand(office.worker_a, row.uuid)
        assert again.status == current and again.version == row.version
        assert DemandStep.select().where(DemandStep.demand == row.id).count() == steps_before
    assert refused == 49 - len(LEGAL)


def test_referred_and_declined_need_their_field(db):
    office = make_office()
    row = _new(office)
    with pytest.raises(WorkValidationError) as err:
        transition(office.worker_a, row.uuid, "referred", row.version, referred_to="  ")
    assert [e.field for e in err.value.errors] == ["referred_to"]
    with pytest.raises(WorkValidationError) as err:
        transition(office.worker_a, row.uuid, "declined", row.version)
    assert [e.field for e in err.value.errors] == ["decline_reason"]
    assert Demand.get_by_id(row.id).status == "accepted"
    declined = transition(office.worker_a, row.uuid, "declined", row.version, decline_reason="重复诉求")
    assert declined.decline_reason == "重复诉求" and declined.steps[-1].note == "重复诉求"


def test_satisfaction_is_taken_at_the_follow_up_and_needed_to_close(db):
    office = make_office()
    row = _walk(office, _new(office), ["in_progress", "answered"])
    with pytest.raises(WorkValidationError):
        transition(office.worker_a, row.uuid, "follow_up", row.version, satisfaction=6)
    row = transition(office.worker_a, row.uuid, "follow_up", row.version)
    with pytest.raises(WorkValidationError) as err:
        transition(office.worker_a, row.uuid, "closed", row.version)
    assert err.value.errors[0].field == "satisfaction"
    row = transition(office.worker_a, row.uuid, "closed", row.version, satisfaction=4)
    assert row.status == "closed" and row.satisfaction == 4


def test_viewer_and_console_cannot_change_demands(db):
    office = make_office()
    row = _new(office)
    from app.services.actor import Actor, console_actor

    with pytest.raises(PermissionDenied):
        transition(Actor("v", "viewer", user_id=office.admin.user_id), row.uuid, "in_progress", row.version)
    with pytest.raises(WorkValidationError):
        transition(console_actor(), row.uuid, "in_progress", row.version)


def test_deadline_across_the_2026_spring_festival(db):
    office = make_office()
    handbook_item(days=2)
    row = _new(office, accepted_on=dt.date(2026, 2, 13), item_code=ITEM_CODE)
    # Fri 13th accepted; Sat 14th a make-up working day (1); 15th–23rd Spring Festival; Tue 24th (2)
    assert row.deadline == dt.date(2026, 2, 24) and not row.deadline_estimated
    assert row.item_code == ITEM_CODE and row.category_code == "TST" and row.category_name == "Test category"


def test_beyond_the_known_calendar_is_estimated_until_the_office_enters_the_schedule(db):
    office = make_office()
    row = _new(office, accepted_on=dt.date(2026, 11, 20), time_limit_days=40)
    assert row.deadline.year == 2027 and row.deadline_estimated
    weekends_only = WorkCalendar().add_workdays(dt.date(2026, 11, 20), 40)
    assert row.deadline == weekends_only.due
    holidays = [dt.date(2027, 1, 1), dt.date(2027, 1, 4)]
    with pytest.raises(PermissionDenied):
        work_calendar.set_holiday_schedule(office.worker_a, 2027, holidays, [])
    with pytest.raises(WorkValidationError):
        work_calendar.set_holiday_schedule(office.admin, 2027, ["2028-01-01"], [])
    assert work_calendar.set_holiday_schedule(office.admin, 2027, holidays, ["2027-01-09"]) == 1
    again = demands_list.get_demand(office.admin, row.uuid)
    expected = WorkCalendar({2027: OfficeSchedule(2027, frozenset(holidays), frozenset({dt.date(2027, 1, 9)}))})
    assert again.deadline == expected.add_workdays(dt.date(2026, 11, 20), 40).due and not again.deadline_estimated
    assert again.deadline != row.deadline
    later = _new(office, accepted_on=dt.date(2026, 11, 20), time_limit_days=40)
    assert later.deadline == again.deadline and not later.deadline_estimated


def test_two_pcs_one_demand_the_second_is_told_the_first_change(db):
    office = make_office()
    row = _new(office)
    first = demands_list.get_demand(office.worker_a, row.uuid)  # PC 1 reads
    second = demands_list.get_demand(office.desk, row.uuid)  # PC 2 reads the same version
    transition(office.worker_a, first.uuid, "in_progress", first.version, note="已联系物业")
    with pytest.raises(DemandConflict) as err:
        transition(office.desk, second.uuid, "declined", second.version, decline_reason="不予受理")
    change = err.value.change
    assert (change.who, change.to_status, change.note) == ("李网格", "in_progress", "已联系物业")
    assert "李网格" in str(err.value) and "已联系物业" in str(err.value)
    assert Demand.get_by_id(row.id).status == "in_progress"
    with pytest.raises(DemandConflict):  # field edits are protected the same way
        demands.edit_demand(office.desk, second.uuid, {"description": "改写"}, second.version)
    assert Demand.get_by_id(row.id).description == "楼道灯坏了，请求维修"


def test_two_connections_saving_the_same_read(db):
    """Two PCs: each thread has its own database connection; both read, both save; the second save fails."""
    office = make_office()
    row = _new(office)
    read, results = threading.Barrier(2), {}
    first_saved = threading.Event()

    def pc(name, actor, target, extra):
        with thread_connection():
            seen = demands_list.get_demand(actor, row.uuid)
            read.wait(timeout=10)
            if name == "second":
                first_saved.wait(timeout=10)
            try:
                results[name] = transition(actor, seen.uuid, target, seen.version, **extra).status
            except DemandConflict as exc:
                results[name] = exc.change
            finally:
                if name == "first":
                    first_saved.set()

    threads = [threading.Thread(target=pc, args=("first", office.worker_a, "referred", {"referred_to": "街道"})),
               threading.Thread(target=pc, args=("second", office.desk, "in_progress", {}))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert results["first"] == "referred"
    assert results["second"].who == "李网格" and results["second"].to_status == "referred"


def test_overdue_and_due_soon_lists_match_a_direct_sql_count(db):
    from app.services import demo

    today = dt.date(2026, 11, 27)
    demo.generate(150, seed=5, today=today)
    from app.services.actor import Actor

    admin = Actor("admin", "admin", user_id=1)
    q = "%s" if database.obj.param == "%s" else "?"
    open_list = ", ".join(f"'{s}'" for s in OPEN_STATUSES)
    overdue_sql = {r[0] for r in database.execute_sql(
        f"SELECT uuid FROM demand WHERE status IN ({open_list}) AND deadline < {q}", (today,)).fetchall()}
    soon_sql = {r[0] for r in database.execute_sql(
        f"SELECT uuid FROM demand WHERE status IN ({open_list}) AND deadline BETWEEN {q} AND {q}",
        (today, today + dt.timedelta(days=3))).fetchall()}
    overdue = demands_list.list_demands(admin, "overdue", limit=10_000, on=today)
    soon = demands_list.list_demands(admin, "due_soon", limit=10_000, on=today)
    assert overdue.total == len(overdue_sql) > 0
    assert {r.uuid.replace("-", "") for r in overdue.rows} == {str(u).replace("-", "") for u in overdue_sql}
    assert soon.total == len(soon_sql)
    assert [r.deadline for r in overdue.rows] == sorted(r.deadline for r in overdue.rows)
    assert all(r.overdue and r.days_left < 0 for r in overdue.rows)
    # a worker sees the demands of their grids and those assigned to them
    user_id, grid_id = database.execute_sql(
        "SELECT user_id, grid_id FROM user_grid ORDER BY id LIMIT 1").fetchone()
    worker = Actor("w", "worker", user_id=user_id, grid_ids=(grid_id,))
    mine_sql = database.execute_sql(
        f"SELECT COUNT(*) FROM demand d JOIN household h ON h.id = d.household_id "
        f"JOIN building b ON b.id = h.building_id WHERE d.status IN ({open_list}) AND d.deadline < {q} "
        f"AND (b.grid_id = {q} OR d.assignee_id = {q})", (today, grid_id, user_id)).fetchone()[0]
    assert demands_list.list_demands(worker, "overdue", on=today).total == mine_sql
    counts = demands_list.demand_counts(admin, today)
    assert counts.overdue == len(overdue_sql) and counts.due_soon == len(soon_sql)
