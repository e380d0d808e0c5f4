"""The title line every page starts with."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QWidget


def title_label(parent: QWidget | None = None) -> QLabel:
    label = QLabel(parent)
    label.setObjectName("pageTitle")
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 1.4)
    font.setBold(True)
    label.setFont(font)
    return label


def note_label(parent: QWidget | None = None) -> QLabel:
    """A plain note, e.g. what a coming update adds to this page."""
    label = QLabel(parent)
    label.setObjectName("comingNote")
    label.setWordWrap(True)
    label.setStyleSheet("color: #505050; padding: 6px 0;")
    return label
