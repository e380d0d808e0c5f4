"""The main window: it opens on Today, every page is reachable by the side list and by Ctrl+1…7, the status bar
says who is logged in and which database is open."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.i18n import set_language
from ui.main_window import PAGES

KEYS = [spec.key for spec in PAGES]


def test_window_opens_on_today_with_seven_pages(main_window):
    assert main_window.isVisible()
    assert main_window.nav.count() == 7
    assert main_window.page_keys() == ["today", "residents", "visits", "demands", "handbook", "reports", "settings"]
    assert main_window.current_page_key() == "today"
    assert main_window.stack.currentWidget() is main_window.page("today")


def test_status_bar_names_user_role_and_database(main_window, community):
    set_language("en")  # English texts below: the catalogs get translated later
    assert "古丽" in main_window.user_label.text()
    assert "Administrator" in main_window.user_label.text()
    assert "SQLite" in main_window.db_label.text()
    assert community.target.location in main_window.db_label.text()


@pytest.mark.parametrize("row", range(7))
def test_each_page_reachable_from_the_side_list(main_window, qtbot, row):
    item = main_window.nav.item(row)
    rect = main_window.nav.visualItemRect(item)
    qtbot.mouseClick(main_window.nav.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert main_window.current_page_key() == KEYS[row]
    assert main_window.stack.currentWidget() is main_window.page(KEYS[row])
    assert main_window.stack.currentWidget().isVisible()


def test_each_page_reachable_with_ctrl_number(main_window, qtbot):
    main_window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main_window)
    for number, key in reversed(list(enumerate(KEYS, start=1))):
        qtbot.keyClick(main_window, getattr(Qt.Key, f"Key_{number}"), Qt.KeyboardModifier.ControlModifier)
        assert main_window.current_page_key() == key, number
        assert main_window.stack.currentWidget().objectName() == f"page_{key}"


def test_pages_are_built_only_when_first_shown(main_window):
    assert set(main_window.pages) == {"today"}
    main_window.show_page("reports")
    assert set(main_window.pages) == {"today", "reports"}


def test_upcoming_pages_say_so_and_show_real_counts(main_window):
    set_language("en")
    from tests.gui.conftest import add_resident

    add_resident("王建国", "", "650102195001010013")
    main_window.show_page("reports")
    reports = main_window.page("reports")
    assert "coming update" in reports.note.text()
    assert "1 resident" in reports.facts.text() and "1 community" in reports.facts.text()


def test_settings_show_database_and_fonts(main_window, community):
    main_window.show_page("settings")
    page = main_window.page("settings")
    assert page.db_kind.text() == "SQLite"
    assert community.target.location in page.db_location.text()
    assert page.db_schema.text() == str(community.schema_after)
    assert page.font_cjk.text() == "Noto Sans CJK SC"
    assert page.office_box.isEnabled() and page.users_box.isEnabled()
    assert "admin" in page.users_list.text()


def test_settings_admin_sections_disabled_for_a_worker(qtbot, community):
    from app.services import users
    from app.services.actor import Actor
    from ui.pages.settings_page import SettingsPage

    users.add_user(None, "ayshem", "Ayshem", "worker")
    worker = users.actor_for("ayshem")
    assert isinstance(worker, Actor)
    page = SettingsPage(worker, community)
    qtbot.addWidget(page)
    assert not page.office_box.isEnabled() and not page.users_box.isEnabled()
    assert page.admin_note.isVisibleTo(page)
    assert page.users_list.text() == ""


def test_admin_saves_the_community_name(main_window):
    from app.services import settings

    set_language("en")
    main_window.show_page("settings")
    page = main_window.page("settings")
    page.community_zh.setText("  团结社区\u202e ")
    page.save_office.click()
    assert settings.get("community_name_zh") == "团结社区"  # cleaned: spaces and bidi controls gone
    assert page.office_saved.text() == "Saved."
    assert "团结社区" in main_window.windowTitle()


def test_no_page_flashes_a_window_of_its_own(main_window, qtbot):
    """A widget made visible before a layout takes it is shown as a window of its own for a moment (and
    takes the keyboard focus from the main window)."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QWidget

    shown = []

    class Watch(QObject):
        def eventFilter(self, obj, event):  # noqa: N802
            if event.type() == QEvent.Type.Show and isinstance(obj, QWidget) and obj.isWindow():
                shown.append(f"{type(obj).__name__} {obj.objectName()}")
            return False

    watch = Watch()
    QApplication.instance().installEventFilter(watch)
    try:
        for key in KEYS:
            main_window.show_page(key)
    finally:
        QApplication.instance().removeEventFilter(watch)
    assert shown == []
