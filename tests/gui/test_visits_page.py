"""The Visits page as a grid worker uses it: a visit with a new demand logged by keyboard alone, my week, the
household timeline, and coverage numbers that are the service's."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.i18n import set_language
from app.services import coverage, demands_list, visits
from tests.gui.work_data import make_work

CTRL = Qt.KeyboardModifier.ControlModifier
LOW_INCOME = "MS-01"


@pytest.fixture
def work(community):
    return make_work()


@pytest.fixture
def window(qtbot, work, community):
    from ui.main_window import MainWindow

    window = MainWindow(work.office.worker_a, community)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def _tab(qtbot, widget, times: int = 1) -> None:
    for _n in range(times):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)


def test_a_visit_with_a_new_demand_by_keyboard_alone(window, work, qtbot):
    set_language("en")
    qtbot.keyClick(window, Qt.Key.Key_3, CTRL)
    page = window.page("visits")
    form = page.form
    assert window.current_page_key() == "visits"
    qtbot.waitUntil(lambda: form.household.line.hasFocus())

    qtbot.keyClicks(form.household.line, "zhangsan")
    qtbot.keyClick(form.household.line, Qt.Key.Key_Return)  # the first match, and on to the date
    assert form.household.chosen.household_uuid == str(work.office.households["a502"].uuid)
    assert "张三" in form.household.line.text()
    assert form.date.hasFocus()
    _tab(qtbot, form, 3)  # kind, who went along, what you learnt
    assert form.situation.hasFocus()
    qtbot.keyClicks(form.situation, "Lives alone, knee pain")
    _tab(qtbot, form)
    need = form.needs.rows[0]
    assert need.description.hasFocus()
    qtbot.keyClicks(need.description, "Asks about subsistence allowance")
    _tab(qtbot, form)
    assert need.item.line.hasFocus()
    qtbot.keyClicks(need.item.line, "dibao")
    qtbot.keyClick(need.item.line, Qt.Key.Key_Return)  # takes 低保 and ticks "Demand"
    assert need.item.chosen.code == LOW_INCOME and need.demand.isChecked()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return, CTRL)  # save

    mine = visits.my_visits(work.office.worker_a)
    saved = [v for v in mine if v.situation == "Lives alone, knee pain"]
    assert len(saved) == 1
    visit = saved[0]
    assert visit.household_uuid == str(work.office.households["a502"].uuid)
    assert visit.visited_on == dt.date.today() and visit.kind == "home"
    assert visit.needs == "Asks about subsistence allowance" and len(visit.demand_uuids) == 1
    demand = demands_list.get_demand(work.office.worker_a, visit.demand_uuids[0])
    assert demand.item_code == LOW_INCOME and demand.status == "accepted" and demand.channel == "visit"
    assert demand.resident_uuid == str(work.office.heads["a502"].uuid)
    assert demand.description == "Asks about subsistence allowance"
    # the form says so, empties for the next household and is ready for typing
    assert "1 demand opened" in form.status.text()
    assert form.household.chosen is None and form.situation.toPlainText() == ""
    assert len(form.needs.rows) == 1 and form.needs.rows[0].text() == ""
    assert form.household.line.hasFocus()


def test_without_a_household_nothing_is_saved_and_the_form_says_why(window, work, qtbot):
    set_language("en")
    window.show_page("visits")
    form = window.page("visits").form
    before = len(visits.my_visits(work.office.worker_a))
    form.situation.setPlainText("All well")
    assert form.save() is None
    assert form.errors.isVisible() and "household" in form.errors.text()
    form.household.line.setText("nobody-lives-here-xyz")
    assert form.save() is None
    assert len(visits.my_visits(work.office.worker_a)) == before


def test_a_service_refusal_shows_on_the_form(window, work, qtbot):
    set_language("en")
    window.show_page("visits")
    form = window.page("visits").form
    form.set_household(str(work.office.households["a101"].uuid), "1号楼")
    assert form.save() is None  # nothing learnt, no needs: the service refuses
    assert "What you learnt" in form.errors.text()
    form.needs.rows[0].demand.setChecked(True)  # a demand without words
    form.situation.setPlainText("ok")
    assert form.save() is None
    assert "Need 1" in form.errors.text()


def test_my_week_lists_my_visits_and_opens_the_timeline(window, work, qtbot):
    set_language("en")
    window.show_page("visits")
    page = window.page("visits")
    page.tabs.setCurrentIndex(1)
    week = page.week
    expected = visits.my_visits(work.office.worker_a)
    assert week.model.rowCount() == len(expected)
    if expected:
        assert week.model.text(0, 1) == expected[0].address or expected[0].address in week.model.text(0, 1)
    page.form.set_household(str(work.office.households["lane7"].uuid), "幸福巷")
    page.form.situation.setPlainText("Visited today")
    page.form.save()
    page.tabs.setCurrentIndex(1)
    assert week.model.rowCount() == len(expected) + 1
    assert "1 visit" in week.summary.text() or "visits" in week.summary.text()
    row = week.model.row_of(lambda v: v.situation == "Visited today")
    week.table.activated.emit(week.model.index(row, 0))
    dialog = window.dialogs["timeline"]
    assert dialog.isVisible()
    assert dialog.model.rowCount() == 1 and "Visit" in dialog.model.text(0, 1)
    dialog.close()


def test_timeline_shows_visits_and_demands_together_newest_first(window, work, qtbot):
    set_language("en")
    household = str(work.office.households["a502"].uuid)
    dialog = window.open_household(household)
    kinds = [dialog.model.item(n).kind for n in range(dialog.model.rowCount())]
    assert sorted(kinds) == ["demand", "visit"]
    assert dialog.model.item(0).on >= dialog.model.item(1).on
    demand_row = kinds.index("demand")
    assert "申请低保" in dialog.model.text(demand_row, 3)
    assert "Accepted" in dialog.model.text(demand_row, 1)
    dialog.table.setCurrentIndex(dialog.model.index(demand_row, 0))
    assert dialog.demand_button.isEnabled()
    dialog.demand_button.click()
    assert window.current_page_key() == "demands"
    assert window.page("demands").detail.row.uuid == work.open.uuid


def test_log_a_visit_from_the_timeline_fills_the_form(window, work, qtbot):
    household = str(work.office.households["lane12"].uuid)
    dialog = window.open_household(household)
    dialog.visit_button.click()
    form = window.page("visits").form
    assert window.current_page_key() == "visits"
    assert form.household.chosen.household_uuid == household
    assert form.situation.hasFocus()


def test_coverage_numbers_are_the_services(window, work, qtbot):
    set_language("en")
    page = window.page("visits")
    window.show_coverage()
    view = page.coverage
    assert page.tabs.currentWidget() is view
    report = coverage.coverage(work.office.worker_a, view.days.value())
    assert view.days.value() == 90  # the office setting's default
    assert [view.grid_model.text(r, 1) for r in range(view.grid_model.rowCount())] == \
        ["\u2066" + g.code + "\u2069" for g in report.grids]
    for r, grid in enumerate(report.grids):
        assert view.grid_model.text(r, 2) == str(grid.households)
        assert view.grid_model.text(r, 3) == str(grid.visited)
        assert view.grid_model.text(r, 4) == str(grid.not_visited)
    assert view.building_model.rowCount() == len(report.buildings)
    page_of = coverage.unvisited(work.office.worker_a, 90)
    assert view.unvisited_model.total == page_of.total
    assert [view.unvisited_model.item(r).uuid for r in range(view.unvisited_model.rowCount())] == \
        [h.uuid for h in page_of.rows]
    assert str(report.total.visited) in view.total.text() and str(report.total.households) in view.total.text()
    # a longer window counts the visit of 200 days ago
    view.days.setValue(365)
    view.refresh()
    longer = coverage.coverage(work.office.worker_a, 365)
    assert longer.total.visited == report.total.visited + 1
    assert view.grid_model.text(0, 3) == str(longer.grids[0].visited)
    assert view.unvisited_model.total == coverage.unvisited(work.office.worker_a, 365).total


def test_coverage_for_the_office_narrows_the_walk_to_a_grid(qtbot, work, community):
    from ui.pages.coverage_view import CoverageView

    set_language("en")
    view = CoverageView(work.office.admin)
    qtbot.addWidget(view)
    view.refresh()
    codes = [view.grid_model.item(r).code for r in range(view.grid_model.rowCount())]
    assert "TC1-G01" in codes and "TC1-G02" in codes
    assert view.worker_model.rowCount() >= 2
    view.grid_table.setCurrentIndex(view.grid_model.index(codes.index("TC1-G02"), 0))
    assert view.grid_code == "TC1-G02"
    walk = coverage.unvisited(work.office.admin, 90, grid_code="TC1-G02")
    assert [view.unvisited_model.item(r).uuid for r in range(view.unvisited_model.rowCount())] == \
        [h.uuid for h in walk.rows]
    assert "TC1-G02" in view.unvisited_label.text()
    view.show_all_grids()
    assert view.unvisited_model.total == coverage.unvisited(work.office.admin, 90).total


def test_an_unvisited_household_opens_its_timeline_and_a_visit(window, work, qtbot):
    page = window.page("visits")
    window.show_coverage()
    view = page.coverage
    first = view.unvisited_model.item(0)
    view.unvisited_table.setCurrentIndex(view.unvisited_model.index(0, 0))
    view.visit_button.click()
    assert page.tabs.currentIndex() == 0
    assert page.form.household.chosen.household_uuid == first.uuid


def test_coverage_models_hold_the_services_rows_without_a_view(work):
    from ui.pages.coverage_view import AREA_COLUMNS, UNVISITED_COLUMNS, area_cells, unvisited_cells
    from ui.pages.paged_model import PagedModel, RowsModel

    set_language("en")
    actor = work.office.admin
    report = coverage.coverage(actor, 90)
    grids = RowsModel(AREA_COLUMNS, area_cells)
    grids.set_items(report.grids)
    assert grids.rowCount() == len(report.grids) and grids.columnCount() == 6
    for r, grid in enumerate(report.grids):
        expected = "—" if grid.percent is None else f"{grid.percent:.1f}%"
        assert grids.data(grids.index(r, 5)) == expected
    walk = PagedModel(UNVISITED_COLUMNS, unvisited_cells, page=2)
    walk.set_source(lambda offset, limit: (lambda p: (p.total, p.rows))(
        coverage.unvisited(actor, 90, offset=offset, limit=limit)))
    while walk.canFetchMore():
        walk.fetchMore()
    assert [walk.item(r).uuid for r in range(walk.rowCount())] == \
        [h.uuid for h in coverage.unvisited(actor, 90, limit=100).rows]
    assert walk.data(walk.index(walk.row_of(lambda h: h.last_visited_on is None), 5)) == "never"


def test_the_household_is_found_by_its_address_and_listed_as_you_type(window, work, qtbot):
    set_language("en")
    window.show_page("visits")
    picker = window.page("visits").form.household
    picker.line.setFocus()
    qtbot.waitUntil(picker.line.hasFocus)
    picker.line.insert("1号楼 1单元 502")  # as an input method commits it
    picker.line.textEdited.emit(picker.line.text())
    qtbot.waitUntil(picker.dropdown_open)  # the matches drop down after a short pause in typing
    assert len(picker.results()) == 1 and "张三" in picker.results()[0]
    qtbot.keyClick(picker.line, Qt.Key.Key_Escape)
    assert not picker.dropdown_open()
    qtbot.keyClick(picker.line, Qt.Key.Key_Down)  # opens the list again
    assert picker.dropdown_open()
    qtbot.keyClick(picker.line, Qt.Key.Key_Return)
    assert picker.chosen.household_uuid == str(work.office.households["a502"].uuid)
    assert picker.chosen.resident_uuid == ""  # found by address: the demand is the household's


def test_leaving_a_search_field_takes_a_single_match_and_marks_an_unchosen_text(window, work, qtbot):
    set_language("en")
    window.show_page("visits")
    form = window.page("visits").form
    need = form.needs.rows[0]
    need.item.line.setFocus()
    qtbot.waitUntil(need.item.line.hasFocus)
    qtbot.keyClicks(need.item.line, "MS-01")
    form.situation.setFocus()
    qtbot.waitUntil(lambda: need.item.chosen is not None)
    assert need.item.chosen.code == "MS-01" and need.demand.isChecked()
    form.household.line.setFocus()
    form.household.line.insert("1号楼")  # several households: nothing is taken silently
    form.situation.setFocus()
    qtbot.waitUntil(lambda: "Not chosen" in form.household.line.toolTip())
    assert form.household.chosen is None
