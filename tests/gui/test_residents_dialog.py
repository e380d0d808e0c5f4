"""The resident dialog: checks as the user types, derived sex and birth date, the duplicate link, saving, moving out
and to another household, masking and revealing by role, and a live language switch; adding a household."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.i18n import set_language
from app.services import audit, households, residents
from app.services.residents_query import ResidentFilters, count_residents
from tests.gui.conftest import pseudo_catalogs  # noqa: F401
from tests.gui.registry_data import (ABDULLA_ID, ADMIN, FRONT, VIEWER, add_abdulla, households_of, page_for,
                                     _delete_pages, registry, registry_template)  # noqa: F401
from ui import messages

BAD_CHECKSUM = ABDULLA_ID[:-1] + "8"
NEW_ID = "650102199003150400"  # idcard.make("650102", 1990-03-15, 4, "F")


def _everyone() -> int:
    return count_residents(ADMIN, ResidentFilters(moved_out=None))


def _shown(form, field: str) -> str:
    return form.errors_shown().get(field, "")


def test_a_mistyped_id_number_shows_under_its_field_and_nothing_is_written(registry, qtbot):
    page = page_for(qtbot, ADMIN)
    set_language("en")
    before = _everyone()
    dialog = page.add_resident(households_of()[0])
    form = dialog.form
    form.name_zh.setText("王小明")
    form.id_number.setText(BAD_CHECKSUM)
    qtbot.waitUntil(lambda: bool(_shown(form, "id_number")), timeout=2000)  # as the user types, after a pause
    assert "does not match" in _shown(form, "id_number")
    assert not form.derived() and form.sex.isEnabled()
    assert dialog.save() is None and dialog.isVisible()
    assert _everyone() == before


def test_a_valid_id_number_gives_sex_and_birth_date_read_only(registry, qtbot):
    page = page_for(qtbot, ADMIN)
    set_language("en")
    dialog = page.add_resident(households_of()[0])
    form = dialog.form
    form.name_zh.setText("李秀英")
    form.id_number.setText(NEW_ID)
    assert form.derived()
    assert form.sex.currentData() == "F" and not form.sex.isEnabled()
    assert form.birth_date.text() == "1990-03-15" and form.birth_date.isReadOnly()
    assert not form.derived_note.isHidden()
    form.id_number.setText(NEW_ID[:-1])  # one character less: typed by hand again
    assert not form.derived() and form.sex.isEnabled() and form.birth_date.text() == ""
    form.id_number.setText(NEW_ID)
    view = dialog.save()
    assert view is not None and view.sex == "F" and str(view.birth_date) == "1990-03-15"
    assert view.id_number_masked == "650102********0400"
    assert page.model.total == count_residents(ADMIN, page.model.filters)  # the list read again


def test_a_duplicate_id_number_links_to_the_person_who_has_it(registry, qtbot):
    household = households_of()[0]
    existing = add_abdulla(household)
    page = page_for(qtbot, ADMIN)
    set_language("en")
    dialog = page.add_resident(household)
    dialog.form.name_zh.setText("别人")
    dialog.form.id_number.setText(ABDULLA_ID)
    dialog.form.validate_now()
    assert "already registered for 阿不都拉·艾合买提 (650102********7717)" in _shown(dialog.form, "id_number")
    link = dialog.form.duplicate_link
    assert not link.isHidden() and "Open the existing person" in link.text()
    link.linkActivated.emit(existing.uuid)  # the user clicks the link
    assert page.dialog is not dialog and page.dialog.view.uuid == existing.uuid


def test_editing_saves_and_keeps_the_masked_numbers(registry, qtbot):
    person = add_abdulla(households_of()[0])
    page = page_for(qtbot, ADMIN)
    dialog = page.open_resident(person.uuid)
    form = dialog.form
    assert form.id_number.text() == "650102********7717" and form.phone.text() == "138****1234"
    form.name_zh.setText("阿不都拉·艾海提")
    form.tag_boxes["living_alone"].setChecked(True)
    assert form.changes() == {"name_zh": "阿不都拉·艾海提", "tags": ["living_alone"]}
    assert dialog.save() is not None and not dialog.isVisible()
    saved = residents.get_resident(ADMIN, person.uuid)
    assert saved.name_zh == "阿不都拉·艾海提" and "living_alone" in saved.tags
    assert residents.reveal(ADMIN, person.uuid, "id_number") == ABDULLA_ID  # the masked value left alone


def test_moving_out_keeps_the_person(registry, qtbot, monkeypatch):
    person = add_abdulla(households_of()[0])
    page = page_for(qtbot, ADMIN)
    set_language("en")
    dialog = page.open_resident(person.uuid)
    asked = []
    monkeypatch.setattr(messages, "confirm", lambda parent, text, title="": asked.append(text) or True)
    assert dialog.ask_move_out()
    assert "moved out" in asked[0] and "阿不都拉·艾合买提" in asked[0]
    assert residents.get_resident(ADMIN, person.uuid).moved_out  # kept, marked
    assert "Moved out on" in dialog.state.text() and not dialog.move_back_button.isHidden()
    page.search.setText("阿不都拉·艾合买提")
    page.run_search()
    assert page.model.rowCount() == 0  # not among the people living here
    page.filters.set_moved("moved")
    assert [page.model.resident(r).uuid for r in range(page.model.rowCount())] == [person.uuid]
    assert dialog.history_model.rowCount() == 2  # registered, moved out
    assert dialog.history_model.text(0, 2) == "Moved out"


def test_moving_to_another_household(registry, qtbot):
    first, second = households_of(n=2)
    person = add_abdulla(first)
    page = page_for(qtbot, ADMIN)
    dialog = page.open_resident(person.uuid)
    assert dialog.move_to(second, "spouse")
    moved = residents.get_resident(ADMIN, person.uuid)
    assert moved.household_uuid == second and moved.relation == "spouse"
    assert dialog.form.relation.currentData() == "spouse"


def test_front_desk_sees_masked_values_without_show_buttons(registry, qtbot):
    person = add_abdulla(households_of()[0])
    page = page_for(qtbot, FRONT)
    dialog = page.open_resident(person.uuid)
    form = dialog.form
    assert form.id_number.text() == "650102********7717"
    assert form.show_id.isHidden() and form.show_phone.isHidden()
    assert "note" not in form.errors and "disability" not in form.tag_boxes  # sensitive: not for this role
    viewer = page_for(qtbot, VIEWER).open_resident(person.uuid)
    assert viewer.save_button.isHidden() and viewer.form.name_zh.isReadOnly()
    assert viewer.move_out_button.isHidden() and viewer.form.show_id.isHidden()


def test_admin_shows_the_whole_id_number_in_the_dialog_and_it_is_audited(registry, qtbot):
    person = add_abdulla(households_of()[0])
    page = page_for(qtbot, ADMIN)
    dialog = page.open_resident(person.uuid)
    assert not dialog.form.show_id.isHidden()
    dialog.form.show_id.click()
    assert dialog.form.id_number.text() == ABDULLA_ID
    assert dialog.form.phone.text() == "138****1234"
    latest = audit.recent(ADMIN, 1)[0]
    assert latest["action"] == "resident.reveal_id"
    assert dialog.form.changes() == {}  # shown, not changed


def test_a_language_switch_retranslates_an_open_dialog(registry, qtbot, pseudo_catalogs):
    page = page_for(qtbot, ADMIN)
    dialog = page.add_resident(households_of()[0])
    dialog.form.id_number.setText(BAD_CHECKSUM)
    dialog.form.validate_now()
    set_language("en")
    assert dialog.form.labels["name_zh"].text() == "Name (Chinese):"
    assert dialog.windowTitle() == "New resident"
    assert _shown(dialog.form, "id_number").startswith("The ID number's last character")
    set_language("ug")
    assert dialog.form.labels["name_zh"].text() == pseudo_catalogs("ug", "Name (Chinese):")
    assert _shown(dialog.form, "id_number").startswith(pseudo_catalogs("ug", "")), "the error, retranslated"
    assert dialog.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert dialog.form.id_number.layoutDirection() == Qt.LayoutDirection.LeftToRight  # numbers stay LTR


def test_adding_a_household_with_a_new_lane(registry, qtbot):
    from ui.pages.household_dialogs import NEW, AddHouseholdDialog

    grid = households.list_grids(ADMIN)[0]
    page = page_for(qtbot, ADMIN)
    dialog = AddHouseholdDialog(ADMIN, grid.uuid, parent=page)
    qtbot.addWidget(dialog)
    dialog.building.setCurrentIndex(dialog.building.findData(NEW))
    assert not dialog.building_zh.isHidden()
    dialog.kind.setCurrentIndex(dialog.kind.findData("lane"))
    dialog.room.setText("12")
    assert dialog.create() is None and not dialog.errors.isHidden()  # the lane needs a name
    dialog.building_zh.setText("团结巷")
    row = dialog.create()
    assert row is not None and "团结巷" in row.address
    page.household_added(row.uuid)
    assert page.stack.currentWidget() is page.household
    assert page.tree.current_path()[-1] == ("household", row.uuid)
    again = AddHouseholdDialog(ADMIN, grid.uuid, dialog.building_uuid, parent=page)
    qtbot.addWidget(again)
    again.room.setText("12")
    set_language("en")
    assert again.create() is None and "already lives at this address" in again.errors.text()


def test_moving_back_and_a_save_that_comes_too_late(registry, qtbot, monkeypatch):
    person = add_abdulla(households_of()[0])
    page = page_for(qtbot, ADMIN)
    set_language("en")
    dialog = page.open_resident(person.uuid)
    residents.move_out(ADMIN, person.uuid)
    dialog.form.name_zh.setText("阿不都拉")
    errors = []
    monkeypatch.setattr(messages, "show_error", lambda parent, text, title="": errors.append(text))
    assert dialog.save() is None  # someone else changed the person in between
    assert "Someone else changed this resident" in errors[0]
    assert dialog.form.name_zh.text() == "阿不都拉·艾合买提" and dialog.view.moved_out  # their version shown
    assert not dialog.move_back_button.isHidden() and dialog.move_out_button.isHidden()
    assert dialog.move_back()
    assert not residents.get_resident(ADMIN, person.uuid).moved_out
    assert dialog.move_back_button.isHidden()
