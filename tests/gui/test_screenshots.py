"""Screenshots of every page and of the log-in and first-run dialogs, in zh, ug and en, for a person to look at.

Saved to $BAIJIA_ARTIFACTS/screenshots (default tests/artifacts/screenshots). What to look for in Uyghur:
navigation on the right, labels right-aligned, letters joined, no Chinese or English UI text once the
catalogs are translated; in Chinese: readable hanzi, no boxes.
"""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QApplication

from app.i18n import set_language
from tests.conftest import artifacts_dir
from tests.gui.conftest import add_resident

LANGS = ("zh", "ug", "en")


def _save(widget, name: str) -> None:
    QApplication.processEvents()
    path = artifacts_dir("screenshots") / f"{name}.png"
    assert widget.grab().save(str(path)), path
    assert path.stat().st_size > 5000  # something was drawn


def test_screenshots_of_every_page(main_window, qtbot):
    add_resident("阿不都拉·艾合买提", "ئابدۇللا ئەخمەت", "650102198506010078", "13812341234", dt.date(1985, 6, 1))
    add_resident("阿依古丽·买买提", "ئايگۈل مەمەت", "650102199003150046", "09911234567", dt.date(1990, 3, 15))
    add_resident("王建国", "", "650102195001010013", "13900001111", dt.date(1950, 1, 1))
    residents = main_window.page("residents")
    residents.search.setText("650102")
    residents.run_search()
    for lang in LANGS:
        set_language(lang)
        for number, key in enumerate(main_window.page_keys(), start=1):
            main_window.show_page(key)
            _save(main_window, f"{lang}-{number}-{key}")


def test_screenshot_of_the_login_dialog(community, qtbot):
    from ui.login_dialog import LoginDialog

    dialog = LoginDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    for lang in LANGS:
        set_language(lang)
        dialog.username.setText("nobody")  # unknown user: refused without the (slow) password hashing
        dialog.password.setText("wrong")
        dialog.try_login()  # shows the error line too
        _save(dialog, f"{lang}-login")


@pytest.mark.parametrize("lang", LANGS)
def test_screenshot_of_the_first_run_dialog(empty_db, qtbot, lang):
    from ui.first_run_dialog import FirstRunDialog

    set_language(lang)
    dialog = FirstRunDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.community_ug.setText("تىنچلىق مەھەللىسى")
    dialog.community_zh.setText("和平社区")
    _save(dialog, f"{lang}-first-run")


@pytest.mark.parametrize("lang", LANGS)
def test_screenshot_of_a_message_box(baijia_app, qtbot, lang):
    from PySide6.QtWidgets import QMessageBox

    set_language(lang)
    box = QMessageBox(QMessageBox.Icon.Question, "Baijia", "Save the changes? / ساقلامسىز؟ / 保存吗？",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
                      | QMessageBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    box.show()
    _save(box, f"{lang}-message-box")


def test_screenshots_of_the_handbook_item_and_its_edit_dialog(main_window, qtbot):
    main_window.show_page("handbook")
    page = main_window.page("handbook")
    page.tree.select_code("MS-01")
    dialog = page.open_editor("MS-01")
    dialog.resize(1100, 760)
    dialog.editors[("note", "ug")].setPlainText("mehelle ishxanisi")  # Latin typed, not yet converted
    for lang in LANGS:
        set_language(lang)
        page.search.clear()
        _save(main_window, f"{lang}-handbook-item")
        page.search.setText("低保")
        _save(main_window, f"{lang}-handbook-search")
        _save(dialog, f"{lang}-handbook-edit")
    dialog.reject()


@pytest.mark.parametrize("lang", LANGS)
def test_screenshot_of_the_print_preview(main_window, qtbot, lang):
    set_language(lang)
    main_window.show_page("handbook")
    page = main_window.page("handbook")
    page.tree.select_code("MS-01")
    page.view.set_sheet_language("bi" if lang == "en" else lang)
    page.view.print_button.click()
    preview = page.last_preview
    preview.resize(820, 900)
    qtbot.waitUntil(lambda: preview.page_count() > 0)
    qtbot.wait(600)  # QPdfView renders its pages in a thread of its own
    _save(preview, f"{lang}-print-preview")
    preview.close()


@pytest.fixture
def work_window(qtbot, community):
    """A grid worker's window over an office with visits and demands (tests.gui.work_data)."""
    from tests.gui.work_data import make_work
    from ui.main_window import MainWindow

    work = make_work()
    window = MainWindow(work.office.worker_a, community)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window, work


def _settled(qtbot, widget, name: str) -> None:
    qtbot.wait(60)  # deferred deletes and layout requests of a page just rebuilt
    _save(widget, name)


def test_screenshots_of_today_visits_and_demands(work_window, qtbot):
    window, work = work_window
    visits_page = window.page("visits")
    form = visits_page.form
    form.set_household(str(work.office.households["a502"].uuid), "1号楼 1单元 502")
    form.situation.setPlainText("老人独居，腿脚不便。 / يالغۇز ياشايدۇ")
    form.needs.rows[0].description.setText("申请低保")
    form.needs.rows[0].item.search_now()
    form.needs.rows[0].item.choose(form.needs.rows[0].item.find("dibao")[0][1])
    form.follow_up.setChecked(True)
    demands_page = window.page("demands")
    for lang in LANGS:
        set_language(lang)
        window.show_page("today")
        _settled(qtbot, window, f"{lang}-work-today")
        window.show_page("visits")
        visits_page.tabs.setCurrentIndex(0)
        _settled(qtbot, window, f"{lang}-work-visit-form")
        picker = form.needs.rows[1].item
        picker.line.setText("申请")
        picker.open_results()  # the matches as they drop down while typing
        _settled(qtbot, window, f"{lang}-work-visit-search")
        picker.clear()
        visits_page.tabs.setCurrentIndex(1)
        _settled(qtbot, window, f"{lang}-work-my-week")
        visits_page.tabs.setCurrentIndex(2)
        _settled(qtbot, window, f"{lang}-work-coverage")
        window.open_demand(work.overdue.uuid)
        _settled(qtbot, window, f"{lang}-work-demands")
    visits_page.tabs.setCurrentIndex(0)


def test_screenshots_of_the_work_dialogs(work_window, qtbot):
    from ui.pages.transition_dialog import TransitionDialog

    window, work = work_window
    timeline = window.open_household(str(work.office.households["a502"].uuid))
    intake = window.open_intake()
    intake.person_picker.line.setText("zhangsan")
    intake.person_picker.search_now()
    intake.person_picker.choose(intake.person_picker.find("zhangsan")[0][1])
    intake.item_picker.choose(intake.item_picker.find("dibao")[0][1])
    intake.about.setPlainText("想申请低保，问需要什么材料")
    refer = TransitionDialog(work.overdue, "referred", parent=window)
    qtbot.addWidget(refer)
    refer.show()
    for lang in LANGS:
        set_language(lang)
        _settled(qtbot, timeline, f"{lang}-work-timeline")
        intake.set_resident_lang("ug")
        _settled(qtbot, intake, f"{lang}-work-intake-ug")
        intake.set_resident_lang("zh")
        intake.new_button.setChecked(True)
        _settled(qtbot, intake, f"{lang}-work-intake-new-person")
        intake.new_button.setChecked(False)
        _settled(qtbot, refer, f"{lang}-work-refer")
    refer.close()
    intake.close()
    timeline.close()
