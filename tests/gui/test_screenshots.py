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
