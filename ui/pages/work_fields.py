"""Fields of the visit and demand forms.

Free text (what was learnt on a visit, a need, a note) is written in Chinese or Uyghur, whichever the worker and
the resident speak: these fields follow the window's direction (Qt orders each paragraph by its own letters) and,
like every Uyghur field, convert Latin typing (ULY) with Ctrl+Shift+U.
"""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDateEdit, QLabel, QWidget

from app.i18n import babel_locale
from ui.language import connect_retranslate
from ui.uyghur_input import UyghurLineEdit, UyghurTextEdit


class FreeLineEdit(UyghurLineEdit):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.unsetLayoutDirection()  # the window's direction, not always right to left


class FreeTextEdit(UyghurTextEdit):
    """Several lines; Tab goes on to the next field (Ctrl+Enter saves the form)."""

    def __init__(self, parent: QWidget | None = None, lines: int = 3):
        super().__init__(parent)
        self.unsetLayoutDirection()
        self.setTabChangesFocus(True)
        height = self.fontMetrics().lineSpacing() * lines + 14
        self.setMinimumHeight(height)
        self.setMaximumHeight(height + self.fontMetrics().lineSpacing() * 2)


def qt_date_format() -> str:
    """The UI language's short date pattern (Babel's) with a four-digit year, as a Qt display format."""
    return re.sub(r"y+", "yyyy", babel_locale().date_formats["short"].pattern)


class DateEdit(QDateEdit):
    """Tab leaves the field (Qt's date edit would step through day, month and year first: arrows do that).
    Dates show the UI language's way and follow a language switch."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        connect_retranslate(self)

    def retranslate_ui(self) -> None:
        self.setDisplayFormat(qt_date_format())

    def focusNextPrevChild(self, forward: bool) -> bool:  # noqa: N802
        return QWidget.focusNextPrevChild(self, forward)


def date_edit(day: dt.date | None = None, latest: dt.date | None = None) -> QDateEdit:
    """A date field with a calendar (the locale's short format); ``latest``: no later day can be chosen."""
    edit = DateEdit()
    edit.setCalendarPopup(True)
    if latest is not None:
        edit.setMaximumDate(QDate(latest.year, latest.month, latest.day))
    edit.setMinimumDate(QDate(2000, 1, 1))
    if day is not None:
        set_date(edit, day)
    return edit


def set_date(edit: QDateEdit, day: dt.date) -> None:
    edit.setDate(QDate(day.year, day.month, day.day))


def date_of(edit: QDateEdit) -> dt.date:
    value = edit.date()
    return dt.date(value.year(), value.month(), value.day())


def error_label() -> QLabel:
    """The line under a form that says what is wrong (red, wraps)."""
    label = QLabel()
    label.setObjectName("formErrors")
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setStyleSheet("color: #b42318;")
    label.hide()
    return label


def show_errors(label: QLabel, messages: list[str]) -> None:
    label.setText("\n".join(messages))
    label.setVisible(bool(messages))
