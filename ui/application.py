"""Start the GUI: the QApplication, fonts and language, the database, first run or log-in, the main window.

Heavy modules (pages, Babel data, pinyin) are imported only when first needed: the window must be ready
within a second even on a 100,000-resident database.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from app.i18n import _, set_language, system_language
from app.services.actor import Actor


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with Baijia's names, fonts, language and translators (or the existing one)."""
    app = QApplication.instance()
    if app is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("Baijia")
    app.setOrganizationName("Baijia")
    app.setApplicationVersion(__import__("app").__version__)
    from ui.fonts import apply_ui_font
    from ui.language import language_manager

    apply_ui_font(app)
    language_manager()
    return app


def choose_language(cli_lang: str | None) -> str:
    """--lang wins, then the language last chosen on this PC, then the system's."""
    from ui.language import saved_language

    return cli_lang or saved_language() or system_language()


def sign_in(parent: QWidget | None = None) -> Actor | None:
    """First run on an empty database, else the log-in dialog; None when the user quits."""
    from app.services import setup

    if setup.is_empty():
        from ui.first_run_dialog import FirstRunDialog

        dialog: QDialog = FirstRunDialog(parent)
    else:
        from ui.login_dialog import LoginDialog

        dialog = LoginDialog(parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.actor


def _show_uncaught(kind, value, tb) -> None:
    """An exception nobody caught inside a slot: log it whole, show the person a message in their language."""
    import logging
    import traceback

    logging.getLogger("baijia").error("".join(traceback.format_exception(kind, value, tb)))
    if issubclass(kind, KeyboardInterrupt):
        QApplication.quit()
        return
    from ui import messages
    from ui.background import error_text

    messages.show_error(QApplication.activeWindow(), error_text(value))


def run_gui(db: str | None = None, lang: str | None = None) -> int:
    set_language(choose_language(lang))
    app = create_application()
    previous_hook, sys.excepthook = sys.excepthook, _show_uncaught
    try:
        return _run(app, db)
    finally:
        sys.excepthook = previous_hook


def _run(app: QApplication, db: str | None) -> int:
    from app.services import setup
    from ui import messages

    try:
        db_info = setup.open_and_migrate(db)
    except Exception as exc:  # noqa: BLE001 - any failure to open is explained, never a traceback
        from ui.background import error_text

        messages.show_error(None, _("Baijia cannot open its database.") + "\n\n" + error_text(exc))
        return 1
    from ui.main_window import MainWindow

    windows: list[MainWindow] = []  # keeps the current window alive

    def open_session() -> bool:
        actor = sign_in()
        if actor is None:
            return False
        window = MainWindow(actor, db_info)
        window.logged_out.connect(lambda: QTimer.singleShot(0, change_user))
        windows[:] = [window]
        window.show()
        from ui.search_warm_up import warm_up_search

        QTimer.singleShot(300, warm_up_search)  # the residents' search index, once the window has painted
        return True

    def change_user() -> None:
        """Log out: the next person at the shared office PC logs in without restarting Baijia."""
        app.setQuitOnLastWindowClosed(False)
        for window in windows:
            window.hide()
            window.deleteLater()
        windows.clear()
        if not open_session():
            app.quit()
        app.setQuitOnLastWindowClosed(True)

    if not open_session():
        return 0
    return app.exec()
