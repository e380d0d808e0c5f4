"""Start-up: first run on an empty database, log-in otherwise; wrong passwords are refused in place."""

from __future__ import annotations

import sys
import types
from dataclasses import dataclass

from PySide6.QtWidgets import QDialog

from app.i18n import set_language
from app.services import settings, setup
from tests.gui.conftest import ADMIN, PASSWORD


def _capture_exec(monkeypatch, cls):
    shown = []

    def fake_exec(self):
        shown.append(self)
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(cls, "exec", fake_exec)
    return shown


def test_empty_database_offers_the_first_run_dialog(empty_db, monkeypatch):
    from ui import application
    from ui.first_run_dialog import FirstRunDialog

    set_language("en")  # English texts below: the catalogs get translated later
    shown = _capture_exec(monkeypatch, FirstRunDialog)
    assert application.sign_in() is None
    assert len(shown) == 1 and shown[0].setup_button.text() == "Set up my community"
    assert shown[0].demo_button.text() == "Explore with demo data"


def test_set_up_database_asks_for_log_in(community, monkeypatch):
    from ui import application
    from ui.login_dialog import LoginDialog

    shown = _capture_exec(monkeypatch, LoginDialog)
    assert application.sign_in() is None
    assert len(shown) == 1


def test_wrong_password_shows_an_error_and_stays(community, qtbot):
    from ui.login_dialog import LoginDialog

    set_language("en")
    dialog = LoginDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.username, ADMIN)
    qtbot.keyClicks(dialog.password, "not-the-password")
    dialog.login_button.click()
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.error.isVisible() and dialog.error.text() == "The user name or password is wrong."
    assert dialog.password.text() == "" and dialog.actor is None
    dialog.password.setText(PASSWORD)
    dialog.login_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.actor.username == ADMIN and dialog.actor.role == "admin"


def test_demo_hint_only_on_a_demo_database(community, qtbot):
    from ui.login_dialog import LoginDialog

    plain = LoginDialog()
    qtbot.addWidget(plain)
    assert plain.demo_hint.isHidden()
    settings.put(None, "demo", True)
    from app.services import demo

    dialog = LoginDialog()
    qtbot.addWidget(dialog)
    assert not dialog.demo_hint.isHidden()
    assert demo.ADMIN_USERNAME in dialog.demo_hint.text() and demo.ADMIN_PASSWORD in dialog.demo_hint.text()


def _fill(dialog, password2: str = PASSWORD) -> None:
    dialog.subdistrict_zh.setText("红山街道")
    dialog.subdistrict_ug.setText("قىزىلتاغ كوچىسى")
    dialog.community_zh.setText("和平社区")
    dialog.community_ug.setText("تىنچلىق مەھەللىسى")
    dialog.admin_username.setText("secretary")
    dialog.admin_password.setText(PASSWORD)
    dialog.admin_password2.setText(password2)


def test_first_run_sets_up_the_community_and_logs_in(empty_db, qtbot):
    from ui.first_run_dialog import FirstRunDialog

    set_language("en")
    dialog = FirstRunDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    _fill(dialog, password2="typo-typo")
    dialog.setup_button.click()
    assert dialog.setup_error.isVisible() and "differ" in dialog.setup_error.text()
    assert setup.is_empty()
    _fill(dialog)
    dialog.setup_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.actor.username == "secretary" and dialog.actor.role == "admin"
    assert settings.get("community_name_ug") == "تىنچلىق مەھەللىسى"
    assert setup.counts().communities == 1


def test_first_run_shows_the_services_refusal(empty_db, qtbot):
    from ui.first_run_dialog import FirstRunDialog

    set_language("en")
    dialog = FirstRunDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    _fill(dialog)
    dialog.community_zh.setText("")
    dialog.setup_button.click()
    assert dialog.setup_error.text() == "Enter the community's Chinese name."
    assert dialog.result() != QDialog.DialogCode.Accepted


@dataclass
class FakeDemoResult:
    admin_username: str
    admin_password: str


def test_explore_with_demo_data_runs_in_the_background_and_logs_in(empty_db, qtbot, monkeypatch):
    """With a stand-in for app.services.demo (written by another engineer): the service runs in a worker
    thread with its own database connection, reports progress, and the dialog logs in as its admin."""
    import threading

    from ui.first_run_dialog import FirstRunDialog

    calls = {}

    def generate(households, seed=None, progress=None):
        calls["thread"] = threading.current_thread()
        calls["households"] = households
        progress(10, "Households…")
        setup.setup_community("", "演示社区", "", "demo", "demo-pass-123")
        settings.put(None, "demo", True)
        progress(100, "Done")
        return FakeDemoResult("demo", "demo-pass-123")

    fake = types.ModuleType("app.services.demo")
    fake.generate = generate
    monkeypatch.setitem(sys.modules, "app.services.demo", fake)
    import app.services

    monkeypatch.setattr(app.services, "demo", fake, raising=False)
    dialog = FirstRunDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.demo_button.click()
    assert calls["thread"] is not threading.main_thread() and calls["households"] == 2000
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.actor.username == "demo"
