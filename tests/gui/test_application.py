"""run_gui: the database is opened (or the failure explained), the user signs in, the main window shows."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.i18n import current_language
from tests.gui.conftest import ADMIN
from ui import application, messages
from ui.language import save_language


def test_run_gui_shows_the_main_window_after_sign_in(community, monkeypatch):
    from app.services import users
    from ui.main_window import MainWindow

    monkeypatch.setattr(application, "sign_in", lambda parent=None: users.actor_for(ADMIN))
    seen = {}

    def fake_exec(*_args):
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        seen["windows"] = windows
        seen["direction"] = QApplication.layoutDirection()
        for w in windows:
            w.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", fake_exec)
    assert application.run_gui(db=community.target.location, lang="ug") == 0
    assert len(seen["windows"]) == 1 and seen["windows"][0].actor.username == ADMIN
    assert seen["direction"] == Qt.LayoutDirection.RightToLeft and current_language() == "ug"


def test_quitting_the_sign_in_quits_baijia(community, monkeypatch):
    monkeypatch.setattr(application, "sign_in", lambda parent=None: None)
    monkeypatch.setattr(QApplication, "exec", lambda *_a: (_ for _ in ()).throw(AssertionError("no event loop")))
    assert application.run_gui(db=community.target.location, lang="zh") == 0


def test_a_database_that_cannot_be_opened_is_explained_not_a_traceback(baijia_app, monkeypatch):
    shown = []
    monkeypatch.setattr(messages, "show_error", lambda parent, text, title="": shown.append(text))
    assert application.run_gui(db="postgresql://localhost", lang="en") == 1
    assert shown and shown[0].startswith("Baijia cannot open its database.")
    assert "database name" in shown[0]


def test_language_comes_from_the_command_line_then_this_pc(baijia_app):
    save_language("ug")
    assert application.choose_language(None) == "ug"
    assert application.choose_language("en") == "en"
    save_language("zh")
