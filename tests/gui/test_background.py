"""run_in_background: a worker thread with its own database connection, a modal progress dialog that shows
the service's messages, Cancel where asked for, errors in a message box."""

from __future__ import annotations

import sqlite3
import threading
import time

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog

from app.i18n import set_language
from ui import background, messages
from ui.background import run_in_background


def _dialog() -> QProgressDialog | None:
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()]
    return found[0] if found else None


def _when_dialog_shows(action) -> None:
    """Call action(dialog) once the progress dialog is on screen (polling from the GUI thread)."""
    def poll():
        dialog = _dialog()
        if dialog is None:
            QTimer.singleShot(10, poll)
        else:
            action(dialog)
    QTimer.singleShot(0, poll)


def test_value_progress_and_own_connection(community, baijia_app):
    from app.db.database import database
    from app.services import setup

    main_connection = database.connection()
    seen, looked = {}, threading.Event()

    def job(households, progress):
        progress(40, "Counting households…")
        looked.wait(5)  # the GUI thread reads the dialog meanwhile
        seen["connection"] = database.connection()
        return setup.counts().communities + households

    def look(dialog):
        seen["label"], seen["value"] = dialog.labelText(), dialog.value()
        seen["modal"] = dialog.isModal()
        looked.set()

    _when_dialog_shows(lambda d: QTimer.singleShot(50, lambda: look(d)))
    outcome = run_in_background(None, "Working…", job, 10)
    assert outcome.ok and outcome.value == 11
    assert seen["label"] == "Counting households…" and seen["value"] == 40 and seen["modal"]
    assert seen["connection"] is not main_connection
    with pytest.raises(sqlite3.ProgrammingError):  # the worker's connection was closed when it finished
        seen["connection"].execute("SELECT 1")
    assert not database.is_closed() and setup.counts().communities == 1  # the GUI thread's is untouched
    assert _dialog() is None


def test_errors_are_shown_in_the_users_language(community, baijia_app, monkeypatch):
    from app.services.setup import SetupError

    shown = []
    monkeypatch.setattr(messages, "show_error", lambda parent, text, title="": shown.append(text))

    def refuses(progress):
        raise SetupError("This database is already set up.")

    outcome = run_in_background(None, "…", refuses)
    assert isinstance(outcome.error, SetupError) and not outcome.ok
    assert shown == ["This database is already set up."]

    set_language("en")

    def crashes(progress):
        raise KeyError("x")

    outcome = run_in_background(None, "…", crashes)
    assert shown[-1] == "Something went wrong: KeyError: 'x'"


def test_cancel_stops_a_cancellable_job(community, baijia_app):
    steps = []

    def long_job(progress):
        for i in range(500):
            progress(i / 5)
            steps.append(i)
            time.sleep(0.01)
        return "finished"

    from PySide6.QtWidgets import QPushButton

    labels = []

    def press_cancel(dialog):
        button = dialog.findChild(QPushButton)
        labels.append(button.text())
        button.click()
        labels.append(dialog.labelText())

    set_language("en")
    _when_dialog_shows(lambda dialog: QTimer.singleShot(50, lambda: press_cancel(dialog)))
    outcome = run_in_background(None, "Long job…", long_job, cancellable=True)
    assert outcome.cancelled and outcome.value is None and not outcome.ok
    assert len(steps) < 500
    assert labels == ["Cancel", "Stopping…"]


def test_a_job_without_cancel_has_no_cancel_button(community, baijia_app):
    from PySide6.QtWidgets import QPushButton

    buttons = {}

    def job(progress):
        time.sleep(0.2)

    _when_dialog_shows(lambda d: buttons.update(n=len(d.findChildren(QPushButton))))
    assert run_in_background(None, "…", job).ok
    assert buttons["n"] == 0


def test_error_text_keeps_our_messages_and_labels_others():
    from app.services.actor import PermissionDenied

    assert background.error_text(PermissionDenied("users.manage")).endswith("(users.manage).")
    assert background.error_text(OSError("disk full")).startswith("Something went wrong")
