"""The live language switch: every visible text follows, Uyghur mirrors the window, Qt's own buttons are in
our words, the choice is remembered. Real catalogs are not translated yet: `pseudo_catalogs` marks every
translated string (〔中〕… / 〔ئۇ〕…), so a string that skipped the catalog shows up unmarked."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDialogButtonBox, QGroupBox, QLabel, QLineEdit,
                               QMessageBox, QTableView)

from app.i18n import NATIVE_NAMES, set_language
from ui.fields import DATA_PROPERTY
from ui.language import language_manager, saved_language
from ui.main_window import PAGES

RTL, LTR = Qt.LayoutDirection.RightToLeft, Qt.LayoutDirection.LeftToRight


def _nav_texts(window) -> list[str]:
    return [window.nav.item(row).text() for row in range(window.nav.count())]


def test_nav_labels_and_title_follow_the_language(main_window, pseudo_catalogs):
    seen = {}
    for lang in ("zh", "ug", "en", "zh"):
        set_language(lang)
        assert _nav_texts(main_window) == [pseudo_catalogs(lang, spec.title) for spec in PAGES]
        assert main_window.windowTitle() == pseudo_catalogs(lang, "Baijia — {community}").format(
            community=main_window.windowTitle().split("— ", 1)[1])
        seen[lang] = (tuple(_nav_texts(main_window)), main_window.windowTitle())
    assert len({seen["zh"], seen["ug"], seen["en"]}) == 3


def _nav_x(window) -> int:
    return window.nav.mapTo(window, window.nav.rect().topLeft()).x()


def test_uyghur_mirrors_the_window_and_chinese_restores_it(main_window, qtbot):
    set_language("ug")
    assert QApplication.layoutDirection() == RTL
    assert main_window.layoutDirection() == RTL
    qtbot.waitUntil(lambda: _nav_x(main_window) > main_window.width() / 2)  # the side list moved to the right
    set_language("zh")
    assert QApplication.layoutDirection() == LTR
    qtbot.waitUntil(lambda: _nav_x(main_window) < main_window.width() / 2)


def test_labels_start_at_the_leading_edge(main_window):
    title = main_window.page("residents").title
    set_language("ug")
    assert title.alignment() & Qt.AlignmentFlag.AlignRight and title.alignment() & Qt.AlignmentFlag.AlignAbsolute
    set_language("zh")
    assert title.alignment() & Qt.AlignmentFlag.AlignLeft


def test_toolbar_switch_changes_language_and_is_remembered(main_window, pseudo_catalogs):
    main_window.language_actions["ug"].trigger()
    assert main_window.nav.item(0).text() == pseudo_catalogs("ug", "Today")
    assert QApplication.layoutDirection() == RTL
    assert saved_language() == "ug"
    assert main_window.language_actions["ug"].isChecked()
    # language names are written in themselves, never translated
    assert [a.text() for a in main_window.language_actions.values()] == list(NATIVE_NAMES.values())
    main_window.language_actions["zh"].trigger()
    assert saved_language() == "zh"


def test_standard_buttons_speak_uyghur(baijia_app, pseudo_catalogs, qtbot):
    set_language("ug")
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    assert box.button(QDialogButtonBox.StandardButton.Ok).text() == pseudo_catalogs("ug", "OK")
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == pseudo_catalogs("ug", "Cancel")
    message = QMessageBox(QMessageBox.Icon.Question, "t", "x",
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    qtbot.addWidget(message)
    assert message.button(QMessageBox.StandardButton.Yes).text() == pseudo_catalogs("ug", "Yes")
    # an open button box follows a switch (Qt retranslates it on the LanguageChange event it posts)
    set_language("en")
    qtbot.waitUntil(lambda: box.button(QDialogButtonBox.StandardButton.Ok).text() == "OK")


def test_chinese_standard_buttons_come_from_qt_translation_until_ours_exist(baijia_app, qtbot):
    set_language("en")
    set_language("zh")
    assert language_manager().qt_translation_loaded
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "取消"


def test_an_open_dialog_switches_completely(community, qtbot, pseudo_catalogs):
    from ui.login_dialog import LoginDialog

    dialog = LoginDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.try_login()  # empty user name: the error line shows
    dialog.language.setCurrentIndex(1)  # the dialog's own picker: ئۇيغۇرچە
    assert dialog.windowTitle() == pseudo_catalogs("ug", "Log in to Baijia")
    assert dialog.login_button.text() == pseudo_catalogs("ug", "Log in")
    assert dialog.error.text() == pseudo_catalogs("ug", "The user name or password is wrong.")
    assert dialog.layoutDirection() == RTL
    assert _untranslated(dialog, "ug") == []


def _visible_texts(root) -> list[str]:
    texts = []
    for widget in [root] + root.findChildren(QLabel) + root.findChildren(QAbstractButton) \
            + root.findChildren(QGroupBox) + root.findChildren(QLineEdit):
        if not widget.isVisibleTo(root) and widget is not root or widget.property(DATA_PROPERTY):
            continue
        if isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif widget is root:
            texts.append(widget.windowTitle())
        else:
            texts.append(widget.text())
    for view in root.findChildren(QTableView):
        model = view.model()
        texts += [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    return [t for t in texts if t]


def _untranslated(root, lang: str) -> list[str]:
    from tests.gui.conftest import MARK

    native = set(NATIVE_NAMES.values())
    return [t for t in _visible_texts(root) if MARK[lang] not in t and t not in native and not t.isdigit()]


def test_no_untranslated_text_on_any_page_in_uyghur(main_window, pseudo_catalogs):
    set_language("ug")
    for spec in PAGES:
        main_window.show_page(spec.key)
        page = main_window.page(spec.key)
        assert len(_visible_texts(page)) >= 3, spec.key  # the sweep does see the page's texts
        assert _untranslated(page, "ug") == [], spec.key
    menus = [main_window.file_menu, main_window.go_menu, main_window.language_menu, main_window.help_menu]
    titles = [m.title() for m in menus] + [a.text() for m in menus for a in m.actions() if a.text()]
    assert [t for t in titles if "〔ئۇ〕" not in t and t not in NATIVE_NAMES.values()] == []
    assert "〔ئۇ〕" in main_window.user_label.text() and "〔ئۇ〕" in main_window.db_label.text()


def test_first_run_dialog_is_fully_translated(empty_db, qtbot, pseudo_catalogs):
    from ui.first_run_dialog import FirstRunDialog

    set_language("ug")
    dialog = FirstRunDialog()
    qtbot.addWidget(dialog)
    assert _untranslated(dialog, "ug") == []
    set_language("zh")
    assert _untranslated(dialog, "zh") == []
