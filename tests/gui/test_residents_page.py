"""The registry page: the lazy list (pages read as it scrolls), filters, sorting and the search box through the
service, the tree, the household view, masking and revealing by role."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.i18n import set_language
from app.services import audit, households
from app.services.residents_query import ResidentFilters, count_residents
from tests.gui.registry_data import (ABDULLA_ID, ADMIN, FRONT, VIEWER, WORKER, add_abdulla, households_of, page_for,
                                     _delete_pages, registry, registry_template)  # noqa: F401
from ui.bidi import LRI, PDI
from ui.pages.registry_texts import LIST_COLUMNS
from ui.pages.residents_model import ResidentListModel

DISPLAY = Qt.ItemDataRole.DisplayRole
COL = {key: n for n, (key, _msgid, _sort) in enumerate(LIST_COLUMNS)}


def _cell(model, row: int, key: str) -> str:
    return model.data(model.index(row, COL[key]), DISPLAY)


def _names(model) -> list[str]:
    return [model.resident(r).name_zh for r in range(model.rowCount())]


def test_the_list_reads_one_page_at_a_time(registry, monkeypatch):
    from ui.pages import residents_model

    calls = []
    real = residents_model.list_residents
    monkeypatch.setattr(residents_model, "list_residents",
                        lambda *a, **k: calls.append((a[3], a[4])) or real(*a, **k))
    model = ResidentListModel(ADMIN, page=50)
    model.set_query(ResidentFilters())
    total = count_residents(ADMIN, ResidentFilters())
    assert total > 300 and model.total == total
    assert model.rowCount() == 50 and model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 100
    assert calls == [(0, 50), (50, 50)]  # offset, limit: never the whole registry
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == total and not model.canFetchMore()
    assert len({model.resident(r).uuid for r in range(total)}) == total  # no row twice, none lost


def test_data_shows_masked_numbers_left_to_right(registry):
    model = ResidentListModel(ADMIN)
    model.set_query(ResidentFilters())
    row = next(r for r in range(model.rowCount()) if model.resident(r).has_id_number and model.resident(r).has_phone)
    view = model.resident(row)
    assert _cell(model, row, "id_number") == LRI + view.id_number_masked + PDI and "*" in view.id_number_masked
    assert _cell(model, row, "phone") == LRI + view.phone_masked + PDI and "*" in view.phone_masked
    assert _cell(model, row, "age") == str(view.age)


def test_sorting_asks_the_service(registry):
    model = ResidentListModel(ADMIN)
    model.set_query(ResidentFilters())
    model.sort(COL["age"], Qt.SortOrder.DescendingOrder)
    assert model.sort_key == "-age"
    ages = [model.resident(r).age for r in range(model.rowCount())]
    assert ages == sorted(ages, reverse=True) and ages[0] >= 80
    model.sort(COL["age"], Qt.SortOrder.AscendingOrder)
    assert model.resident(0).age <= 3
    model.sort(COL["sex"], Qt.SortOrder.AscendingOrder)  # the service cannot sort by it: nothing changes
    assert model.sort_key == "age"


def test_filters_narrow_the_list_through_the_service(registry, qtbot):
    page = page_for(qtbot, ADMIN)
    everyone = page.model.total
    page.filters.set_age("80")
    assert 0 < page.model.total < everyone
    assert all(page.model.resident(r).age >= 80 for r in range(page.model.rowCount()))
    page.filters.set_age("")
    page.filters.set_tag("elderly_60")
    assert all("elderly_60" in page.model.resident(r).tags for r in range(page.model.rowCount()))
    set_language("en")
    assert "Elderly 60+" in _cell(page.model, 0, "tags")
    assert page.status.text() == f"{page.model.total} residents in the list."


def test_the_tree_opens_grids_buildings_and_households(registry, qtbot):
    page = page_for(qtbot, ADMIN)
    grid = households.list_grids(ADMIN)[1]
    assert page.tree.select_path([("grid", grid.uuid)])
    assert page.filters.grid.currentData() == grid.uuid
    assert page.model.total == grid.residents  # everyone living in that grid, counted by the service
    building = households.list_buildings(ADMIN, grid.uuid)[0]
    page.tree.select_path([("grid", grid.uuid), ("building", building.uuid)])
    assert page.model.total == building.residents
    household = households.list_households(ADMIN, building.uuid)[0]
    page.tree.select_path([("grid", grid.uuid), ("building", building.uuid), ("household", household.uuid)])
    assert page.stack.currentWidget() is page.household
    assert page.household.members_model.rowCount() == len(households.get_household(ADMIN, household.uuid).members)
    page.household.back_button.click()
    assert page.stack.currentIndex() == 0


def test_a_service_list_per_tag(registry, qtbot):
    page = page_for(qtbot, ADMIN)
    page.tree.select_path([("lists", ""), ("tag", "elderly_80")])
    assert page.filters.tag.currentData() == "elderly_80"
    assert page.model.total == count_residents(ADMIN, ResidentFilters(tag="elderly_80")) > 0
    front = page_for(qtbot, FRONT)  # sensitive tags only for the roles that need them
    codes = [front.filters.tag.itemData(n) for n in range(front.filters.tag.count())]
    assert "living_alone" in codes and "disability" not in codes and "subsistence" not in codes
    assert "disability" in [page.filters.tag.itemData(n) for n in range(page.filters.tag.count())]


@pytest.mark.parametrize("typed", ["ئابدۇ", "abdulla", "阿不都", "abdl", "017717", "1381234"])
def test_the_search_box_finds_a_person_in_any_script(registry, qtbot, typed):
    person = add_abdulla(households_of()[0])
    page = page_for(qtbot, ADMIN)
    set_language("en")
    page.search.insert(typed)
    assert page.model.filters.text == ""  # not yet: the search waits for a pause in typing
    qtbot.waitUntil(lambda: page.model.filters.text == typed, timeout=2000)
    assert person.uuid in [page.model.resident(r).uuid for r in range(page.model.rowCount())]
    assert "match" in page.status.text()


def test_a_search_that_finds_nobody_says_so(registry, qtbot):
    page = page_for(qtbot, ADMIN)
    set_language("en")
    page.search.setText("没有这个人")
    page.run_search()
    assert page.model.rowCount() == 0
    assert page.status.text() == "No resident matches “没有这个人”."


def test_front_desk_and_viewer_see_masked_values_and_no_reveal(registry, qtbot):
    for actor in (FRONT, VIEWER):
        page = page_for(qtbot, actor)
        menu = page.row_menu(0)
        names = [a.objectName() for a in menu.actions()]
        assert not any(n.startswith("reveal_") for n in names)
        assert "*" in _cell(page.model, 0, "id_number")
    assert page.add_resident_button.isHidden() and page.import_button.isHidden()  # the viewer reads only
    assert page.export_button.isHidden()


def test_admin_reveals_one_value_and_it_is_audited(registry, qtbot, monkeypatch):
    from ui.pages import residents_model

    monkeypatch.setattr(residents_model, "REVEAL_SECONDS", 0.2)
    person = add_abdulla(households_of()[0])
    page = page_for(qtbot, ADMIN)
    page.search.setText("abdulla")
    page.run_search()
    row = [page.model.resident(r).uuid for r in range(page.model.rowCount())].index(person.uuid)
    menu = page.row_menu(row)
    action = next(a for a in menu.actions() if a.objectName() == "reveal_id_number")
    action.trigger()
    assert _cell(page.model, row, "id_number") == LRI + ABDULLA_ID + PDI
    assert "*" in _cell(page.model, row, "phone")  # only the value asked for
    latest = audit.recent(ADMIN, 1)[0]
    assert latest["action"] == "resident.reveal_id" and latest["username"] == "admin"
    qtbot.waitUntil(lambda: "*" in _cell(page.model, row, "id_number"), timeout=2000)  # masked again


def test_worker_reveals_a_phone_in_the_household_view(registry, qtbot):
    household = households_of()[0]
    person = add_abdulla(household)
    page = page_for(qtbot, WORKER)
    assert page.show_household(household)
    view = page.household
    row = [view.member(r).uuid for r in range(view.members_model.rowCount())].index(person.uuid)
    assert view.member_text(row, "phone") == LRI + "138****1234" + PDI
    action = next(a for a in view.member_menu(row).actions() if a.objectName() == "reveal_phone")
    action.trigger()
    assert view.member_text(row, "phone") == LRI + "13812341234" + PDI
    assert page.tree.current_path()[-1] == ("household", household)


def test_the_household_view_shows_members_and_history(registry, qtbot):
    from app.services import visits

    with_visits = next(h for h in households_of(n=20) if visits.household_timeline(ADMIN, h))
    page = page_for(qtbot, ADMIN)
    page.show_household(with_visits)
    set_language("en")
    detail = households.get_household(ADMIN, with_visits)  # the address in English now, as the view shows it
    assert detail.household.address in page.household.title.text()
    assert page.household.members_model.rowCount() == len(detail.members)
    assert page.household.tabs.tabText(0) == f"Members ({len(detail.members)})"
    entries = visits.household_timeline(ADMIN, with_visits)
    assert page.household.timeline_model.rowCount() == len(entries)
    assert page.household.tabs.tabText(1) == f"Visits and demands ({len(entries)})"
    head = [m for m in detail.members if m.relation == "head"]
    if head:
        assert page.household.member_text(0, "relation") == "Head of household"


def test_a_demand_in_the_household_history_asks_the_window_to_open_it(registry, qtbot):
    from app.services import visits

    found = None
    for grid in households.list_grids(ADMIN):
        for building in households.list_buildings(ADMIN, grid.uuid):
            for h in households.list_households(ADMIN, building.uuid):
                entries = visits.household_timeline(ADMIN, h.uuid)
                if any(e.kind == "demand" for e in entries):
                    found = h.uuid, entries
                    break
            if found:
                break
        if found:
            break
    assert found, "the demo registry has demands"
    page = page_for(qtbot, ADMIN)
    page.show_household(found[0])
    row = next(n for n, e in enumerate(found[1]) if e.kind == "demand")
    with qtbot.waitSignal(page.demand_requested) as signal:
        page.household.timeline.activated.emit(page.household.timeline_model.index(row, 0))
    assert signal.args == [found[1][row].demand.uuid]


def test_the_search_index_warms_up_in_a_background_thread(registry):
    from app.services import residents_index
    from ui.search_warm_up import warm_up_search

    assert residents_index._index().loaded_at == 0  # nobody searched yet
    thread = warm_up_search()
    thread.join(20)
    assert not thread.is_alive() and residents_index._index().loaded_at > 0
