"""A page whose work comes with a coming update: it says so plainly and shows what the database holds now.

No fake content and no disabled look-alike widgets: a title, what the page will be for, the note, and
real counts from ``setup.counts()``.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.formats import format_number
from app.services import setup
from app.services.actor import Actor
from ui.language import connect_retranslate
from ui.pages.page_header import note_label, title_label


class UpcomingPage(QWidget):
    def __init__(self, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.actor = actor
        self.title = title_label()
        self.purpose = QLabel()
        self.purpose.setObjectName("purpose")
        self.purpose.setWordWrap(True)
        self.note = note_label()
        self.facts = QLabel()
        self.facts.setObjectName("facts")
        self.facts.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.purpose)
        layout.addWidget(self.note)
        layout.addWidget(self.facts)
        layout.addStretch(1)
        connect_retranslate(self)

    # --- what a subclass says ---
    def title_text(self) -> str:
        raise NotImplementedError

    def purpose_text(self) -> str:
        raise NotImplementedError

    def note_text(self) -> str:
        raise NotImplementedError

    def fact_lines(self, counts: setup.Counts) -> list[str]:
        raise NotImplementedError

    # --- common ---
    def retranslate_ui(self) -> None:
        self.title.setText(self.title_text())
        self.purpose.setText(self.purpose_text())
        self.note.setText(self.note_text())
        self.refresh()

    def refresh(self) -> None:
        self.facts.setText("\n".join(self.fact_lines(setup.counts())))


def n(value: int) -> str:
    """A count written the UI language's way (grouping separators)."""
    return format_number(value)
