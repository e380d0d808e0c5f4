"""Small widget factories shared by dialogs and pages."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit


def uyghur_field() -> QLineEdit:
    """A field for Uyghur text: right to left whatever the UI language; Latin typing (ULY) converts with
    Ctrl+Shift+U (ui.uyghur_input)."""
    from ui.uyghur_input import UyghurLineEdit

    return UyghurLineEdit()


DATA_PROPERTY = "baijiaData"  # marks widgets that show data (names, paths), not UI text to translate


def mark_data(widget):
    widget.setProperty(DATA_PROPERTY, True)
    return widget


def value_label() -> QLabel:
    """A read-only value (a path, a version). Not mouse-selectable: a selectable QLabel lays its text out
    by the text's own direction and ignores the window's, so a path would stick to the far side of a
    right-to-left form."""
    label = mark_data(QLabel())
    label.setWordWrap(True)
    return label
