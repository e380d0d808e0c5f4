"""The visit log: a visit and its demands in one call and one transaction, validation, edits with optimistic
locking, the household timeline, "my visits this week", the Today page — on SQLite and PostgreSQL."""

import datetime as dt

import pytest

from app.db.base import StaleEditError
from app.db.models import AuditLog, Demand, DemandStep, Visit, VisitWorker
from app.services import today as today_page
from app.services import visits
from app.services.actor import PermissionDenied
from app.services.demands import DemandDraft, transition
from app.services.work_common import WorkValidationError
from tests.work_helpers import ITEM_CODE, TODAY, handbook_item, make_office, visit


def test_visit_with_a_new_demand_in_one_call(db):
    office = make_office()
    handbook_item(days=5)
    hh = office.households["a502"]
    result = visits.log_visit(
        office.worker_a, str(hh.uuid), TODAY, "home", "老人独居，身体尚可", needs="需要办理高龄津贴",
        follow_up_on=TODAY + dt.timedelta(days=14), companions=[office.worker_b.user_id],
        demands=[DemandDraft("申请高龄津贴", item_code=ITEM_CODE, resident_uuid=str(office.heads["a502"].uuid))])
    assert result.worker_name == "李网格" and result.companions == ("阿依古丽",) and len(result.demand_uuids) == 1
    demand = Demand.get(Demand.uuid == result.demand_uuids[0])
    assert demand.visit_id == result.id and demand.channel == "visit" and demand.accepted_on == TODAY
    assert demand.assignee_id == office.worker_a.user_id and demand.category_code == "TST"
    assert DemandStep.select().where(DemandStep.demand == demand.id).count() == 1
    assert {a.action for a in AuditLog.select()} >= {"visit.add", "demand.add"}


def test_a_bad_demand_saves_nothing(db):
    office = make_office()
    with pytest.raises(WorkValidationError) as err:
        visits.log_visit(office.worker_a, office.households["a502"].id, TODAY, "home", "正常",
                         demands=[DemandDraft("修水管"), DemandDraft("   ")])
    assert err.value.errors[0].field == "demands[1].description"
    assert Visit.select().count() == 0 and Demand.select().count() == 0 and VisitWorker.select().count() == 0


@pytest.mark.parametrize("change, field", [
    ({"visited_on": TODAY + dt.timedelta(days=1)}, "visited_on"),
    ({"kind": "drive_by"}, "kind"),
    ({"situation": "  ", "needs": ""}, "situation"),
    ({"follow_up_on": TODAY - dt.timedelta(days=1)}, "follow_up_on"),
    ({"visited_on": "2026-13-01"}, "visited_on"),
    ({"companions": [999_999]}, "companions"),
])
def test_validation_names_the_field(db, change, field):
    office = make_office()
    values = {"visited_on": TODAY, "kind": "phone", "situation": "电话联系，情况正常", "needs": ""} | change
    with pytest.raises(WorkValidationError) as err:
        visits.log_visit(office.worker_a, office.households["a101"].uuid, **values)
    assert [e.field for e in err.value.errors] == [field]
    assert Visit.select().count() == 0


def test_archived_household_and_roles(db):
    office = make_office()
    with pytest.raises(WorkValidationError):
        visits.log_visit(office.worker_a, office.households["gone"].id, TODAY, "home", "已搬走")
    from app.services.actor import Actor

    with pytest.raises(PermissionDenied):
        visits.log_visit(Actor("v", "viewer", user_id=office.admin.user_id), office.households["a101"].id, TODAY,
                         "home", "正常")


def test_edit_with_optimistic_locking_and_ownership(db):
    office = make_office()
    v = visits.log_visit(office.worker_a, office.households["a101"].id, TODAY, "home", "正常")
    fixed = visits.edit_visit(office.worker_a, v.uuid, {"kind": "phone", "situation": "电话联系"}, v.version)
    assert fixed.kind == "phone" and fixed.version == v.version + 1
    with pytest.raises(StaleEditError) as err:  # a second window still holding the first version
        visits.edit_visit(office.worker_a, v.uuid, {"situation": "覆盖"}, v.version)
    assert isinstance(err.value, visits.VisitConflict) and visits.get_visit(office.admin, v.uuid).situation == "电话联系"
    with pytest.raises(PermissionDenied):
        visits.edit_visit(office.worker_b, v.uuid, {"situation": "别人的记录"}, fixed.version)
    by_admin = visits.edit_visit(office.admin, v.uuid, {"companions": [office.worker_b.user_id]}, fixed.version)
    assert by_admin.companions == ("阿依古丽",) and by_admin.situation == "电话联系"


def test_notes_are_hidden_from_roles_without_sensitive_access(db):
    office = make_office()
    v = visits.log_visit(office.worker_a, office.households["a101"].id, TODAY, "home", "患有慢性病，行动不便")
    seen = visits.get_visit(office.desk, v.uuid)
    assert seen.notes_hidden and seen.situation == "" and seen.worker_name == "李网格"
    assert visits.get_visit(office.worker_b, v.uuid).situation == "患有慢性病，行动不便"


def test_timeline_puts_visits_and_demands_together_newest_first(db):
    office = make_office()
    hh = office.households["a502"]
    old = visit(office, "a502", 30)
    visits.log_visit(office.worker_a, hh.id, TODAY - dt.timedelta(days=10), "home", "正常",
                     demands=[DemandDraft("维修楼道灯")])
    from app.services.demands import create_demand

    create_demand(office.desk, hh.id, DemandDraft("咨询低保政策", channel="front_desk"),
                  accepted_on=TODAY - dt.timedelta(days=3))
    visit(office, "a101", 1)  # another household
    entries = visits.household_timeline(office.admin, str(hh.uuid))
    assert [(e.kind, (TODAY - e.on).days) for e in entries] == [("demand", 3), ("visit", 10), ("demand", 10),
                                                               ("visit", 30)]
    assert entries[-1].visit.uuid == str(old.uuid) and entries[0].demand.channel == "front_desk"


def test_my_visits_this_week_includes_visits_as_companion(db):
    office = make_office()
    monday = TODAY - dt.timedelta(days=TODAY.weekday())
    mine = visit(office, "a101", (TODAY - monday).days)
    along = visit(office, "b301", (TODAY - monday).days, worker=office.worker_b)
    VisitWorker.create(visit=along, worker=office.worker_a.user_id)
    sunday = visit(office, "a502", (TODAY - monday).days + 1)  # last Sunday: the week before
    visit(office, "b302", 0, worker=office.worker_b)
    week = visits.my_visits(office.worker_a, TODAY)
    assert {v.uuid for v in week} == {str(mine.uuid), str(along.uuid)}
    assert [v.uuid for v in visits.my_visits(office.worker_a, monday - dt.timedelta(days=1))] == [str(sunday.uuid)]


def test_today_page_for_a_worker_and_the_office_head(db):
    office = make_office()
    soon = visit(office, "a101", 5, follow_up_on=TODAY + dt.timedelta(days=2))  # due soon, not followed up yet
    visit(office, "a502", 40, follow_up_on=TODAY - dt.timedelta(days=20))  # followed up by the next visit:
    visit(office, "a502", 10)
    visit(office, "a2-201", 3, follow_up_on=TODAY + dt.timedelta(days=10))  # not due yet
    visit(office, "b301", 2, worker=office.worker_b, follow_up_on=TODAY)  # another grid
    from app.services.demands import create_demand

    late = create_demand(office.worker_a, office.households["lane7"].id, DemandDraft("修路灯", time_limit_days=1),
                         accepted_on=TODAY - dt.timedelta(days=10))
    answered = create_demand(office.worker_a, office.households["lane12"].id, DemandDraft("咨询"))
    answered = transition(office.worker_a, answered.uuid, "in_progress", answered.version)
    transition(office.worker_a, answered.uuid, "answered", answered.version)
    page = today_page.today_data(office.worker_a, days=90)
    assert [d.uuid for d in page.my_overdue] == [late.uuid] and page.my_overdue_total == 1
    due = {(f.kind, f.visit.uuid if f.visit else f.demand.uuid) for f in page.follow_ups}
    assert due == {("visit", str(soon.uuid)), ("demand", answered.uuid)}
    assert page.follow_ups_total == 2
    # grid A: 6 households (the archived one left out), visited: a101, a502, a2-201 → 3 not visited
    assert page.unvisited_total == 3 and [h.room for h in page.unvisited_first] == ["1101", "7", "12"]
    assert page.office is None
    head = today_page.today_data(office.admin, days=90)
    assert head.office.households == 8 and head.office.visited == 4 and head.office.coverage_percent == 50.0
    assert head.office.demands.open == 2 and head.office.demands.overdue == 1
    assert head.office.visits_this_month == Visit.select().where(Visit.visited_on >= TODAY.replace(day=1)).count()


def test_colleagues_to_go_along(db):
    office = make_office()
    names = [c.name for c in visits.colleagues(office.worker_a)]
    assert sorted(names) == sorted(["王主任", "李网格", "阿依古丽", "前台张"])
