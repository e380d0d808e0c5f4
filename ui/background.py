"""The one way to run a slow service call: a worker thread, a modal progress dialog, errors in a message box.

    outcome = run_in_background(parent, _("Creating demo data…"), demo.generate, households=2000)
    if outcome.ok: ...

The service receives ``progress=callback(percent, message)``; the callback is safe to call from the
worker thread (it only emits a queued Qt signal). With ``cancellable=True`` the dialog has a Cancel
button, and the next progress call after the user pressed it raises ``Cancelled`` inside the service —
a service that works in one transaction is rolled back whole. The worker runs in its own database
connection (peewee's connections are per thread), opened and closed around the call.
"""

from __future__ import annotations

import logging
import traceback
from dataclasses import dataclass
from typing import Any, Callable

from PySide6.QtCore import QEventLoop, Qt, QThread, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import QProgressDialog, QWidget

from app.errors import BaijiaError
from app.i18n import _
from ui import messages

log = logging.getLogger(__name__)


class Cancelled(Exception):
    """Raised inside the service by the progress callback after the user pressed Cancel."""


@dataclass
class Outcome:
    value: Any = None
    error: BaseException | None = None
    cancelled: bool = False

    @property
    def ok(self) -> bool:
        return self.error is None and not self.cancelled


def error_text(exc: BaseException) -> str:
    """Baijia's own errors are written for people, in their language; anything else is unexpected."""
    if isinstance(exc, BaijiaError):
        return str(exc)
    return _("Something went wrong: {error}").format(error=f"{type(exc).__name__}: {exc}")


class _Worker(QThread):
    progressed = Signal(int, str)

    def __init__(self, func: Callable, args: tuple, kwargs: dict, with_progress: bool):
        super().__init__()
        self._func, self._args, self._kwargs = func, args, kwargs
        self._with_progress = with_progress
        self.cancel_requested = False
        self.outcome = Outcome()

    def report(self, percent: float, message: str = "") -> None:
        if self.cancel_requested:
            raise Cancelled()
        self.progressed.emit(int(percent), message or "")

    def run(self) -> None:
        from app.services.connection import thread_connection

        kwargs = dict(self._kwargs)
        if self._with_progress:
            kwargs["progress"] = self.report
        try:
            with thread_connection():
                self.outcome.value = self._func(*self._args, **kwargs)
        except Cancelled:
            self.outcome.cancelled = True
        except BaseException as exc:  # noqa: BLE001 - shown to the user, logged in full
            log.error("background job failed:\n%s", traceback.format_exc())
            self.outcome.error = exc


class _ProgressDialog(QProgressDialog):
    """Without a Cancel button, Escape and the window's close box do nothing either."""

    def __init__(self, label: str, cancellable: bool, parent: QWidget | None):
        super().__init__(label, _("Cancel") if cancellable else "", 0, 100, parent)
        self.cancellable = cancellable
        if not cancellable:
            self.setCancelButton(None)
        self.setWindowTitle(_("Baijia"))
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setMinimumDuration(0)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setMinimumWidth(420)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if not self.cancellable and event.key() == Qt.Key.Key_Escape:
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if not self.cancellable:
            event.ignore()
            return
        super().closeEvent(event)


def run_in_background(parent: QWidget | None, label: str, func: Callable, *args: Any, cancellable: bool = False,
                      with_progress: bool = True, show_errors: bool = True, **kwargs: Any) -> Outcome:
    """Run ``func(*args, progress=…, **kwargs)`` in a worker thread while a modal progress dialog shows.

    Returns when the call has ended (the event loop keeps running meanwhile, so the window repaints).
    """
    worker = _Worker(func, args, kwargs, with_progress)
    dialog = _ProgressDialog(label, cancellable, parent)
    if not with_progress:
        dialog.setRange(0, 0)  # busy indicator

    def on_progress(percent: int, message: str) -> None:
        if worker.cancel_requested:
            return
        dialog.setValue(max(0, min(100, percent)))
        if message:
            dialog.setLabelText(message)

    def on_cancel() -> None:
        worker.cancel_requested = True
        dialog.setLabelText(_("Stopping…"))
        dialog.show()  # QProgressDialog hides itself on cancel; stay visible until the worker has stopped

    worker.progressed.connect(on_progress)
    dialog.canceled.connect(on_cancel)
    loop = QEventLoop()
    worker.finished.connect(loop.quit)
    dialog.show()
    worker.start()
    if not worker.isFinished():
        loop.exec()
    worker.wait()
    dialog.canceled.disconnect(on_cancel)
    dialog.hide()
    dialog.deleteLater()
    outcome = worker.outcome
    if outcome.error is not None and show_errors:
        messages.show_error(parent, error_text(outcome.error))
    return outcome
