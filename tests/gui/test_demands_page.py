"""The Demands page: lists by status, deadlines with days left (estimated ones marked), only the legal next
steps offered, the fields each step needs, and a clear message when someone else changed the demand first."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from app.i18n import set_language
from app.services import demands_list
from app.services.actor import Actor
from app.services.demands import TRANSITIONS, DemandDraft, create_demand, transition
from tests.gui.work_data import make_work
from ui import messages


@pytest.fixture
def work(community):
    return make_work()


@pytest.fixture
def page(qtbot, work):
    from ui.pages.demands_page import DemandsPage

    set_language("en")
    page = DemandsPage(work.office.worker_a)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    page.refresh()
    return page


@pytest.fixture
def errors(monkeypatch):
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(messages, "show_error", lambda parent, text, title="": shown.append((text, title)))
    return shown


def _codes(page) -> list[str]:
    return [page.model.item(r).uuid for r in range(page.model.rowCount())]


def _buttons(page) -> set[str]:
    return {key for key, button in page.detail.action_buttons.items() if button.isVisibleTo(page)}


def test_filters_list_what_the_service_counts(page, work):
    actor = work.office.worker_a
    assert page.current_filter() == "open"
    assert set(_codes(page)) == {work.overdue.uuid, work.open.uuid}
    assert page.count.text() == "2 demands"
    assert page.filter.currentText() == "Not closed (2)"
    page.set_filter("overdue")
    assert _codes(page) == [work.overdue.uuid]
    assert page.model.total == demands_list.count_demands(actor, "overdue")
    assert "Overdue (1)" in [page.filter.itemText(n) for n in range(page.filter.count())]
    page.set_filter("closed")
    assert page.model.rowCount() == 0 and page.count.text() == "0 demands"
    page.set_filter("accepted")
    assert page.model.total == demands_list.list_demands(actor, "accepted").total == 2


def test_deadline_shows_days_left_and_marks_an_estimate(page, work):
    page.set_filter("open")
    row = page.model.row_of(lambda r: r.uuid == work.overdue.uuid)
    assert "28 days overdue" in page.model.text(row, 2) or "days overdue" in page.model.text(row, 2)
    color = page.model.data(page.model.index(row, 2), Qt.ItemDataRole.ForegroundRole)
    assert color is not None and color.color().name() == "#b42318"
    # 60 working days from today run into a year without a known holiday schedule
    later = create_demand(work.office.worker_a, str(work.office.households["lane7"].uuid),
                          DemandDraft("修缮屋顶", time_limit_days=60))
    assert later.deadline_estimated and later.deadline.year >= 2027
    page.refresh()
    row = page.model.row_of(lambda r: r.uuid == later.uuid)
    assert page.model.text(row, 2).startswith("≈")
    assert "weekends only" in page.model.data(page.model.index(row, 2), Qt.ItemDataRole.ToolTipRole)
    page.show_demand(later.uuid)
    assert page.detail.fact_values["deadline"].text().startswith("≈")
    assert "weekends only" in page.detail.fact_values["deadline"].toolTip()


def test_only_legal_steps_are_offered(page, work, errors):
    page.show_demand(work.open.uuid)
    detail = page.detail
    assert detail.row.uuid == work.open.uuid
    assert _buttons(page) == set(TRANSITIONS["accepted"]) == {"in_progress", "referred", "declined"}
    detail.note.setText("打电话问了")
    detail.action_buttons["in_progress"].click()
    assert detail.row.status == "in_progress" and errors == []
    assert _buttons(page) == {"answered", "referred", "declined"}
    assert [s.to_status for s in detail.row.steps] == ["accepted", "in_progress"]
    assert detail.steps_model.rowCount() == 2 and detail.steps_model.text(1, 3) == "打电话问了"
    assert detail.note.text() == ""
    detail.action_buttons["answered"].click()
    assert _buttons(page) == {"follow_up", "in_progress"}
    # the list follows: the demand is still open, now "Answered"
    row = page.model.row_of(lambda r: r.uuid == work.open.uuid)
    assert page.model.text(row, 1) == "Answered"


def test_refer_asks_to_whom(page, work, errors):
    page.show_demand(work.open.uuid)
    detail = page.detail
    detail.action_buttons["referred"].click()
    dialog = detail.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.referred_to.isVisibleTo(dialog) and not dialog.reason.isVisibleTo(dialog)
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert dialog.isVisible() and "to whom" in dialog.errors.text()
    assert demands_list.get_demand(work.office.admin, work.open.uuid).status == "accepted"
    dialog.referred_to.setText("区住建局")
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    row = demands_list.get_demand(work.office.admin, work.open.uuid)
    assert row.status == "referred" and row.referred_to == "区住建局"
    assert detail.fact_values["referred"].text().endswith("区住建局\u2069") or "区住建局" in \
        detail.fact_values["referred"].text()
    assert _buttons(page) == {"answered", "in_progress"}


def test_decline_asks_for_a_reason(page, work, errors):
    page.show_demand(work.open.uuid)
    detail = page.detail
    detail.action_buttons["declined"].click()
    dialog = detail.dialog
    assert dialog.reason.isVisibleTo(dialog) and not dialog.referred_to.isVisibleTo(dialog)
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert "reason" in dialog.errors.text()
    dialog.reason.setPlainText("不属于社区职责")
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    row = demands_list.get_demand(work.office.admin, work.open.uuid)
    assert row.status == "declined" and row.decline_reason == "不属于社区职责"
    assert _buttons(page) == set() and detail.finished.isVisibleTo(page)


def test_closing_asks_for_the_satisfaction(page, work, errors):
    actor = work.office.worker_a
    row = transition(actor, work.open.uuid, "in_progress", work.open.version)
    row = transition(actor, row.uuid, "answered", row.version)
    row = transition(actor, row.uuid, "follow_up", row.version)  # satisfaction not asked yet
    page.show_demand(row.uuid)
    detail = page.detail
    assert _buttons(page) == {"closed", "in_progress"}
    detail.action_buttons["closed"].click()
    dialog = detail.dialog
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert "satisfaction" in dialog.errors.text()
    dialog.satisfaction_buttons[4].setChecked(True)
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    closed = demands_list.get_demand(actor, row.uuid)
    assert closed.status == "closed" and closed.satisfaction == 4
    assert detail.fact_values["satisfaction"].text() == "4 of 5"


def test_a_change_underneath_is_reported_with_who_when_what(page, work, errors):
    page.show_demand(work.open.uuid)
    detail = page.detail
    seen_version = detail.row.version
    # meanwhile, on another PC, the office head moves it on
    transition(work.office.admin, work.open.uuid, "in_progress", seen_version, note="我已经联系了民政")
    detail.action_buttons["declined"].click()
    detail.dialog.reason.setPlainText("重复申请")
    detail.dialog.buttons.button(detail.dialog.buttons.StandardButton.Ok).click()
    assert len(errors) == 1
    text, title = errors[0]
    assert title == "Someone else changed this demand"
    assert "王主任" in text  # who
    assert "In progress" in text  # what it is now
    assert "我已经联系了民政" in text  # their note
    assert "Decline" in text and "not saved" in text
    row = demands_list.get_demand(work.office.admin, work.open.uuid)
    assert row.status == "in_progress" and row.decline_reason == ""  # nothing overwritten
    # the pane shows the demand as it is now, with the steps its new status allows
    assert detail.row.status == "in_progress" and detail.row.version == row.version
    assert _buttons(page) == {"answered", "referred", "declined"}


def test_a_step_without_dialog_after_a_change_underneath(page, work, errors):
    page.show_demand(work.open.uuid)
    transition(work.office.admin, work.open.uuid, "declined", page.detail.row.version, decline_reason="重复")
    page.detail.action_buttons["in_progress"].click()
    assert len(errors) == 1 and "Declined" in errors[0][0]
    assert page.detail.row.status == "declined" and _buttons(page) == set()


def test_a_viewer_sees_the_steps_but_no_buttons(qtbot, work):
    from app.db.models import User
    from ui.pages.demands_page import DemandsPage

    user = User.create(username="viewer1", display_name="看看", role="viewer")
    viewer = Actor("viewer1", "viewer", "看看", user.id)
    page = DemandsPage(viewer)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    page.show_demand(work.open.uuid)
    assert page.detail.steps_model.rowCount() == 1
    assert not page.detail.actions_box.isVisibleTo(page)
    assert not page.intake_button.isVisibleTo(page)


def test_today_and_the_timeline_open_demands_on_this_page(qtbot, work, community):
    from ui.main_window import MainWindow

    window = MainWindow(work.office.worker_a, community)
    qtbot.addWidget(window)
    window.show()
    window.open_demand(work.overdue.uuid)
    page = window.page("demands")
    assert window.current_page_key() == "demands"
    assert page.detail.row.uuid == work.overdue.uuid
    assert page.table.currentIndex().row() == page.model.row_of(lambda r: r.uuid == work.overdue.uuid)
    window.show_demands("overdue", True)
    assert page.current_filter() == "overdue" and page.mine.isChecked()
    assert _codes(page) == [work.overdue.uuid]


def test_closed_demands_are_listed_newest_first(page, work):
    actor = work.office.worker_a
    older = create_demand(actor, str(work.office.households["lane12"].uuid), DemandDraft("旧的"),
                          accepted_on=dt.date.today() - dt.timedelta(days=10))
    transition(actor, older.uuid, "declined", older.version, decline_reason="不属于社区")
    transition(actor, work.open.uuid, "declined", work.open.version, decline_reason="重复")
    page.set_filter("declined")
    assert _codes(page) == [work.open.uuid, older.uuid]
    assert page.model.text(0, 2).count("·") == 0  # a finished demand shows its deadline, not days left


def test_the_demand_model_reads_one_page_at_a_time_without_a_view(work):
    from ui.pages.demands_page import COLUMNS, demand_cells
    from ui.pages.paged_model import PagedModel

    set_language("en")
    actor = work.office.worker_a
    for n in range(5):
        create_demand(actor, str(work.office.households["lane12"].uuid), DemandDraft(f"需求 {n}"))
    calls = []

    def fetch(offset, limit):
        calls.append((offset, limit))
        page = demands_list.list_demands(actor, "open", offset=offset, limit=limit)
        return page.total, page.rows

    model = PagedModel(COLUMNS, demand_cells, page=3)
    model.set_source(fetch)
    assert model.total == 7 and model.rowCount() == 3 and calls == [(0, 3)]
    assert model.canFetchMore()
    model.fetchMore()
    model.fetchMore()
    assert model.rowCount() == 7 and not model.canFetchMore() and calls == [(0, 3), (3, 3), (6, 3)]
    everything = demands_list.list_demands(actor, "open", limit=100).rows
    assert [model.item(r).uuid for r in range(7)] == [r.uuid for r in everything]
    first = model.index(0, 2)  # the most urgent first: the overdue one, in red
    assert model.item(0).uuid == work.overdue.uuid
    assert "days overdue" in model.data(first)
    assert model.data(first, Qt.ItemDataRole.ForegroundRole).color().name() == "#b42318"
    assert model.headerData(2, Qt.Orientation.Horizontal) == "Deadline"
    set_language("zh")
    model.retranslate()
    assert model.headerData(2, Qt.Orientation.Horizontal) in ("Deadline", "期限")  # catalog may be empty
    model.reload()  # after a change: as far as it was read, in one call
    assert model.rowCount() == 7 and calls[-1] == (0, 7)
