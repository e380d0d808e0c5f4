"""Today, the first page after log-in: my overdue demands, follow-ups due, households not visited for N days
(the same numbers as the services), the office head's counts; each line opens what it names."""

from __future__ import annotations

import datetime as dt

import pytest

from app.i18n import set_language
from app.services import coverage, demands_list, today
from app.services.demands import transition
from tests.gui.work_data import make_work
from tests.work_helpers import visit


@pytest.fixture
def work(community):
    return make_work()


def _window(qtbot, actor, community):
    from ui.main_window import MainWindow

    set_language("en")
    window = MainWindow(actor, community)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _texts(widget) -> list[str]:
    return [widget.item(n).text() for n in range(widget.count())]


def test_today_is_first_and_lists_my_overdue_demand(qtbot, work, community):
    window = _window(qtbot, work.office.worker_a, community)
    assert window.current_page_key() == "today"
    page = window.page("today")
    assert page.targets(page.overdue) == [("demand", work.overdue.uuid)]
    assert "楼道灯坏了" in _texts(page.overdue)[0] and "days overdue" in _texts(page.overdue)[0]
    assert page.overdue_box.title() == "My overdue demands (1)"
    assert not page.office_box.isVisibleTo(page)  # counts of the office: for its head only


def test_an_overdue_line_opens_the_demand(qtbot, work, community):
    window = _window(qtbot, work.office.worker_a, community)
    page = window.page("today")
    page.overdue.itemActivated.emit(page.overdue.item(0))
    assert window.current_page_key() == "demands"
    assert window.page("demands").detail.row.uuid == work.overdue.uuid


def test_unvisited_households_are_the_services_and_open_their_timeline(qtbot, work, community):
    window = _window(qtbot, work.office.worker_a, community)
    page = window.page("today")
    actor = work.office.worker_a
    total = coverage.count_unvisited(actor, 90, grid_ids=list(actor.grid_ids))
    assert total == 5
    assert page.unvisited_box.title() == f"Households not visited for 90 days: {total}"
    first = coverage.unvisited(actor, 90, limit=5, grid_ids=list(actor.grid_ids)).rows
    assert page.targets(page.unvisited) == [("household", h.uuid) for h in first]
    assert "never visited" in _texts(page.unvisited)[1]
    page.unvisited.itemActivated.emit(page.unvisited.item(0))
    dialog = window.dialogs["timeline"]
    assert dialog.household_uuid == first[0].uuid and dialog.isVisible()
    dialog.close()
    page.coverage_button.click()
    assert window.current_page_key() == "visits"
    assert window.page("visits").tabs.currentWidget() is window.page("visits").coverage


def test_follow_ups_due_list_visits_and_answered_demands(qtbot, work, community):
    office = work.office
    soon = visit(office, "lane7", 10, follow_up_on=dt.date.today() + dt.timedelta(days=1))
    row = transition(office.worker_a, work.open.uuid, "in_progress", work.open.version)
    transition(office.worker_a, row.uuid, "answered", row.version)
    window = _window(qtbot, office.worker_a, community)
    page = window.page("today")
    data = today.today_data(office.worker_a)
    assert page.follow_box.title() == f"Follow-ups due ({data.follow_ups_total})" == "Follow-ups due (2)"
    targets = page.targets(page.follow_ups)
    assert ("household", str(office.households["lane7"].uuid)) in targets
    assert ("demand", work.open.uuid) in targets
    assert any("follow-up visit" in t for t in _texts(page.follow_ups))
    assert soon.follow_up_on is not None


def test_the_office_head_sees_the_office_counts(qtbot, work, community):
    window = _window(qtbot, work.office.admin, community)
    page = window.page("today")
    assert page.office_box.isVisibleTo(page)
    counts = demands_list.demand_counts(work.office.admin)
    assert page.office_labels["open"][0].text() == str(counts.open)
    assert page.office_labels["overdue"][0].text() == str(counts.overdue) == "1"
    report = coverage.coverage(work.office.admin, 90)
    assert page.office_labels["coverage"][0].text() == f"{report.total.percent:.1f}%"
    assert page.overdue.count() == 0 and page.empty_labels["overdue"].isVisibleTo(page)


def test_today_follows_a_new_visit(qtbot, work, community):
    window = _window(qtbot, work.office.worker_a, community)
    page = window.page("today")
    before = page.data.unvisited_total
    window.start_visit(str(work.office.households["lane12"].uuid))
    visits_page = window.page("visits")
    assert window.current_page_key() == "visits"
    visits_page.form.situation.setPlainText("都好")
    assert visits_page.form.save() is not None
    window.show_page("today")
    assert page.data.unvisited_total == before - 1
    assert ("household", str(work.office.households["lane12"].uuid)) not in page.targets(page.unvisited)
