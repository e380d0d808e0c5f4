"""The "needs found" rows of the visit form: each need in a line of its own, and each can become a demand in the
same save — tick "Demand" (or choose a handbook item, which ticks it) and the visit opens it, deadline and all.

A new empty row appears as soon as the last one is written in, so the keyboard never has to look for a button:
need → Tab → item (type, Enter) → Space on "Demand" → Tab to the next need.
"""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QGridLayout, QLabel, QWidget

from app.i18n import _
from app.services.demands import DemandDraft
from ui.pages.pickers import ItemPicker
from ui.pages.work_fields import FreeLineEdit

MAX_ROWS = 10


class NeedRow:
    def __init__(self, number: int):
        self.description = FreeLineEdit()
        self.description.setObjectName(f"need{number}")
        self.item = ItemPicker()
        self.item.line.setObjectName(f"needItem{number}")
        self.demand = QCheckBox()
        self.demand.setObjectName(f"needDemand{number}")
        self.item.chosen_changed.connect(self._item_changed)
        self.retranslate_ui()

    def _item_changed(self, item) -> None:
        if item is not None:
            self.demand.setChecked(True)  # an item only matters for a demand

    def retranslate_ui(self) -> None:
        self.description.setPlaceholderText(_("A need, e.g. the stair light is broken"))
        self.item.line.setPlaceholderText(_("Handbook item (optional)"))
        self.demand.setText(_("Demand"))
        self.demand.setToolTip(_("Open a demand for this need: it is followed until it is closed."))
        self.item.redisplay()

    def text(self) -> str:
        return self.description.text().strip()

    def is_empty(self) -> bool:
        return not self.text() and self.item.chosen is None and not self.demand.isChecked()

    def clear(self) -> None:
        self.description.clear()
        self.item.clear()
        self.demand.setChecked(False)


class NeedsList(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("needsList")
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setColumnStretch(0, 3)
        self.grid.setColumnStretch(1, 2)
        self.rows: list[NeedRow] = []
        self._clearing = False
        self.hint = QLabel()
        self.hint.setObjectName("needsHint")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #505050;")
        self.add_row()

    def add_row(self) -> NeedRow:
        row = NeedRow(len(self.rows) + 1)
        n = len(self.rows)
        self.grid.addWidget(row.description, n, 0)
        self.grid.addWidget(row.item, n, 1)
        self.grid.addWidget(row.demand, n, 2)
        self.grid.addWidget(self.hint, n + 1, 0, 1, 3)
        row.description.textChanged.connect(self._grow)
        row.item.chosen_changed.connect(lambda _item: self._grow())
        if self.rows:  # Tab order: need, item, demand, then the next row's need
            QWidget.setTabOrder(self.rows[-1].demand, row.description)
        QWidget.setTabOrder(row.description, row.item.line)
        QWidget.setTabOrder(row.item.line, row.demand)
        self.rows.append(row)
        return row

    def _grow(self) -> None:
        if self._clearing:
            return
        if len(self.rows) < MAX_ROWS and not self.rows[-1].is_empty():
            self.add_row()
            self.rows[-1].retranslate_ui()

    def retranslate_ui(self) -> None:
        for row in self.rows:
            row.retranslate_ui()
        self.hint.setText(_("Each need on a line of its own. Tick “Demand” to open it as a demand with this "
                            "visit."))

    def needs_text(self) -> str:
        return "\n".join(row.text() for row in self.rows if row.text())

    def demand_rows(self) -> list[NeedRow]:
        return [row for row in self.rows if row.demand.isChecked()]

    def drafts(self, resident_uuid: str | None, channel: str) -> list[DemandDraft]:
        return [DemandDraft(description=row.text(), item_code=row.item.chosen.code if row.item.chosen else None,
                            resident_uuid=resident_uuid or None, channel=channel)
                for row in self.demand_rows()]

    def clear(self) -> None:
        self._clearing = True
        for row in self.rows[1:]:
            for widget in (row.description, row.item, row.demand):
                self.grid.removeWidget(widget)
                widget.deleteLater()
        self.rows = self.rows[:1]
        self.rows[0].clear()
        self.grid.addWidget(self.hint, 1, 0, 1, 3)
        self._clearing = False
