"""Message boxes in the user's language. Their standard buttons are translated by ui.qt_translator.

Tests replace these functions (monkeypatch) instead of clicking through modal boxes.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from app.i18n import _


def _box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str,
         buttons: QMessageBox.StandardButton = QMessageBox.StandardButton.Ok) -> QMessageBox:
    box = QMessageBox(icon, title or _("Baijia"), text, buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)  # user text is never parsed as HTML
    return box


def show_error(parent: QWidget | None, text: str, title: str = "") -> None:
    _box(parent, QMessageBox.Icon.Critical, title, text).exec()


def show_info(parent: QWidget | None, text: str, title: str = "") -> None:
    _box(parent, QMessageBox.Icon.Information, title, text).exec()


def confirm(parent: QWidget | None, text: str, title: str = "") -> bool:
    box = _box(parent, QMessageBox.Icon.Question, title, text,
               QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes
