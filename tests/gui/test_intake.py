"""Front-desk quick intake: find or add the walk-in resident, show the handbook item in the resident's language,
save a walk-in visit and a demand in one go; open dialogs follow a language switch."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.db.models import Resident
from app.i18n import set_language
from app.services import demands_list, visits
from tests.gui.work_data import make_work

LOW_INCOME = "MS-01"
TITLE_UG_START = "ئەڭ تۆۋەن"


@pytest.fixture
def work(community):
    return make_work()


@pytest.fixture
def intake(qtbot, work):
    from ui.pages.intake_dialog import IntakeDialog

    set_language("zh")
    dialog = IntakeDialog(work.office.desk)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _pick(picker, text: str):
    picker.line.setFocus()
    picker.line.setText(text)
    picker.search_now()
    assert picker.results(), f"nothing found for {text}"
    picker.choose(picker.dropdown.item(0).data(Qt.ItemDataRole.UserRole))
    return picker.chosen


def test_intake_saves_a_walk_in_visit_and_a_demand(intake, work, qtbot):
    office = work.office
    person = _pick(intake.person_picker, "zhangsan")
    assert person.uuid == str(office.heads["a502"].uuid)
    assert "张三" in intake.person_label.text()
    item = _pick(intake.item_picker, "dibao")
    assert item.code == LOW_INCOME and intake.demand.isChecked()
    intake.about.setPlainText("想申请低保，问要带什么")
    qtbot.keyClick(intake.about, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # Ctrl+Enter saves
    view = intake.last
    assert view is not None and view.kind == "front_desk"
    timeline = visits.household_timeline(office.admin, str(office.households["a502"].uuid))
    walk_in = [e.visit for e in timeline if e.kind == "visit" and e.visit.kind == "front_desk"]
    assert len(walk_in) == 1 and walk_in[0].situation == "想申请低保，问要带什么"
    assert walk_in[0].worker_name == "前台张"
    demand = demands_list.get_demand(office.admin, walk_in[0].demand_uuids[0])
    assert demand.channel == "front_desk" and demand.item_code == LOW_INCOME
    assert demand.resident_uuid == person.uuid and demand.status == "accepted"
    assert demand.assignee_name == "李网格"  # the front desk hands it to the household's grid worker
    # ready for the next resident
    assert intake.person is None and intake.item_picker.chosen is None and intake.about.toPlainText() == ""
    assert "1 demand opened" in intake.status.text() or "1" in intake.status.text()


def test_without_a_demand_only_the_visit_is_saved(intake, work):
    _pick(intake.person_picker, "lisi")
    intake.kind.setCurrentIndex(intake.kind.findData("phone"))
    intake.about.setPlainText("问社保卡补办地点")
    assert not intake.demand.isChecked()
    view = intake.save()
    assert view.kind == "phone" and view.demand_uuids == ()


def test_without_a_person_nothing_is_saved(intake, work):
    set_language("en")
    intake.about.setPlainText("something")
    assert intake.save() is None
    assert "Find the resident first" in intake.errors.text()


def test_a_new_resident_is_added_to_a_household_and_served(intake, work):
    office = work.office
    intake.person_picker.line.setText("热娜")
    intake.new_button.setChecked(True)
    form = intake.new_form
    assert form.isVisibleTo(intake) and form.name_zh.text() == "热娜"
    form.name_ug.setText("rena")
    form.name_ug.convert_latin()  # Latin typing (ULY) → Uyghur script
    assert form.name_ug.text() == "رەنا"
    form.phone.setText("13912345678")
    _pick(form.household, "zhangsan")  # lives with 张三
    form.add_button.click()
    assert form.errors.isHidden(), form.errors.text()
    added = Resident.get(Resident.name_zh == "热娜")
    assert added.household_id == office.households["a502"].id and added.name_ug == "رەنا"
    assert intake.person.uuid == str(added.uuid) and not intake.new_form.isVisibleTo(intake)
    intake.about.setPlainText("新搬来，登记")
    view = intake.save()
    assert view.household_uuid == str(office.households["a502"].uuid)


def test_a_new_resident_needs_a_household(intake, work):
    set_language("en")
    intake.new_button.setChecked(True)
    intake.new_form.name_zh.setText("新人")
    assert intake.new_form.add() is None
    assert "household" in intake.new_form.errors.text()


def test_the_item_shows_in_the_residents_language_not_the_windows(intake, work):
    _pick(intake.item_picker, "低保")
    brief = intake.brief
    assert intake.resident_lang == "zh" and "最低生活保障" in brief.title.text()
    intake.lang_buttons["ug"].click()
    assert intake.resident_lang == "ug"
    assert TITLE_UG_START in brief.title.text() and TITLE_UG_START in intake.item_picker.line.text()
    assert brief.title.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert "\u200f" in brief.body.text()  # Uyghur lines run right to left
    assert intake.layoutDirection() == Qt.LayoutDirection.LeftToRight  # the window stays Chinese
    intake.lang_buttons["zh"].click()
    assert "最低生活保障" in brief.title.text()


def test_a_resident_who_speaks_uyghur_gets_uyghur(intake, work):
    Resident.update(preferred_lang="ug").where(Resident.id == work.office.heads["b301"].id).execute()
    _pick(intake.person_picker, "abdulla")
    assert intake.resident_lang == "ug" and intake.lang_buttons["ug"].isChecked()


def test_open_dialogs_follow_a_language_switch(qtbot, work, community, pseudo_catalogs):
    from ui.main_window import MainWindow
    from ui.pages.transition_dialog import TransitionDialog

    window = MainWindow(work.office.worker_a, community)
    qtbot.addWidget(window)
    window.show()
    intake = window.open_intake()
    timeline = window.open_household(str(work.office.households["a502"].uuid))
    refer = TransitionDialog(work.open, "referred", parent=window)
    qtbot.addWidget(refer)
    refer.show()
    _pick(intake.item_picker, "dibao")
    for lang in ("ug", "zh"):
        set_language(lang)
        assert intake.windowTitle() == pseudo_catalogs(lang, "Front-desk intake")
        assert intake.person_box.title() == pseudo_catalogs(lang, "1. Who came")
        assert intake.layoutDirection() == (Qt.LayoutDirection.RightToLeft if lang == "ug"
                                            else Qt.LayoutDirection.LeftToRight)
        assert timeline.windowTitle() == pseudo_catalogs(lang, "Household timeline")
        assert timeline.model.headerData(0, Qt.Orientation.Horizontal) == pseudo_catalogs(lang, "Date")
        assert refer.referred_label.text() == pseudo_catalogs(lang, "Referred to:")
        assert window.page("today").title.text() == pseudo_catalogs(lang, "Today")
    # the item stays in the resident's language, whatever the window speaks
    assert "最低生活保障" in intake.brief.title.text()
    refer.close()


def test_ctrl_i_opens_the_intake_from_anywhere_and_today_offers_it(qtbot, work, community):
    from PySide6.QtWidgets import QApplication

    from ui.main_window import MainWindow

    window = MainWindow(work.office.desk, community)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    intake = window.dialogs["intake"]
    assert intake.isVisible()
    qtbot.waitUntil(intake.person_picker.line.hasFocus)  # ready for typing the name
    intake.close()
    qtbot.waitUntil(lambda: "intake" not in window.dialogs)
    window.page("today").intake_button.click()
    assert window.dialogs["intake"].isVisible()
    window.dialogs["intake"].close()


def test_a_viewer_gets_no_intake(qtbot, work, community):
    from app.db.models import User
    from app.services.actor import Actor
    from ui.main_window import MainWindow

    user = User.create(username="viewer2", display_name="只看", role="viewer")
    window = MainWindow(Actor("viewer2", "viewer", "只看", user.id), community)
    qtbot.addWidget(window)
    window.show()
    assert window.open_intake() is None and not window.intake_action.isEnabled()
    assert not window.page("today").intake_button.isVisibleTo(window)
