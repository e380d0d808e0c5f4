"""Demands (诉求): the lists (open, overdue, due soon, all, each status), read a page at a time, and the chosen
demand's detail with its steps and next steps.

Keyboard: Up/Down in the list shows each demand; Ctrl+F goes to the list filter. A new demand is taken with the
front-desk intake (or on a visit).
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QCheckBox, QComboBox, QHBoxLayout, QHeaderView, QLabel,
                               QPushButton, QSplitter, QVBoxLayout, QWidget)

from app.formats import format_number
from app.i18n import N_, _, ngettext
from app.services import demands_list
from app.services.actor import Actor
from app.services.demands import STATUS_LABELS
from app.services.demands_list import DemandRow
from ui.bidi import ltr, user_text
from ui.language import connect_retranslate
from ui.pages.demand_detail import DemandDetail
from ui.pages.page_header import title_label
from ui.pages.paged_model import Cells, PagedModel
from ui.pages.work_texts import deadline_color, deadline_text, deadline_tip, status_text
from ui.tables import read_only_table

FILTER_LABELS = {"open": N_("Not closed"), "overdue": N_("Overdue"), "due_soon": N_("Due soon"), "all": N_("All")}
FILTERS = tuple(FILTER_LABELS) + tuple(STATUS_LABELS)
COLUMNS = (N_("No."), N_("Status"), N_("Deadline"), N_("Demand"), N_("Household"), N_("Resident"),
           N_("Service item"), N_("Handled by"))
DEADLINE = 2


def demand_cells(row: DemandRow) -> Cells:
    item = user_text(row.item_title) if row.item_title else user_text(row.category_name)
    cells = Cells((ltr(row.code), status_text(row.status), deadline_text(row),
                   user_text(row.description.replace("\n", " ")), user_text(row.address),
                   user_text(row.resident_name), item, user_text(row.assignee_name)),
                  tips={DEADLINE: deadline_tip(row), 3: row.description})
    color = deadline_color(row)
    if color:
        cells.colors[DEADLINE] = color
    return cells


class DemandsPage(QWidget):
    household_requested = Signal(str)
    intake_requested = Signal()

    def __init__(self, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.actor = actor
        self.title = title_label()
        self.filter_label = QLabel()
        self.filter = QComboBox()
        self.filter.setObjectName("demandFilter")
        for key in FILTERS:
            self.filter.addItem("", key)
        self.filter_label.setBuddy(self.filter)
        self.filter.currentIndexChanged.connect(lambda _i: self.load())
        self.mine = QCheckBox()
        self.mine.setObjectName("mineOnly")
        self.mine.toggled.connect(lambda _on: self.load())
        self.count = QLabel()
        self.count.setObjectName("demandCount")
        self.intake_button = QPushButton()
        self.intake_button.setObjectName("intakeButton")
        self.intake_button.clicked.connect(self.intake_requested)
        if not actor.can("demands.edit"):  # only hide: shown before a layout takes it, it opens a window
            self.intake_button.hide()
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addSpacing(16)
        top.addWidget(self.filter_label)
        top.addWidget(self.filter)
        top.addWidget(self.mine)
        top.addWidget(self.count, 1)
        top.addWidget(self.intake_button)

        self.model = PagedModel(COLUMNS, demand_cells, parent=self)
        self.table = read_only_table(self.model, "demandTable", QHeaderView.ResizeMode.Interactive)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.detail = DemandDetail(actor)
        self.detail.setObjectName("demandDetail")
        self.detail.changed.connect(self._detail_changed)
        self.detail.household_requested.connect(self.household_requested)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([560, 420])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)
        self.find_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        self.find_shortcut.activated.connect(lambda: self.filter.setFocus(Qt.FocusReason.ShortcutFocusReason))
        self._loaded = False
        connect_retranslate(self)

    # --- texts ---
    def retranslate_ui(self) -> None:
        self.title.setText(_("Demands"))
        self.filter_label.setText(_("&Show:"))
        self.mine.setText(_("Handled by me"))
        self.intake_button.setText(_("Front-desk intake…"))
        self.intake_button.setToolTip(_("A walk-in resident: find or add the person, the service item, the visit "
                                        "and the demand on one screen (Ctrl+I)"))
        self._write_filter_texts()
        if self._loaded:
            self.model.reload()  # addresses and titles come from the services in the UI language
            self.detail.reload()
            self._write_count()
            self._fit_columns()

    def _write_filter_texts(self) -> None:
        counts = demands_list.demand_counts(self.actor) if self._loaded else None
        numbers = {"open": counts.open, "overdue": counts.overdue, "due_soon": counts.due_soon} if counts else {}
        for n, key in enumerate(FILTERS):
            label = _(FILTER_LABELS.get(key) or STATUS_LABELS[key])
            if key in numbers:
                label = f"{label} ({format_number(numbers[key])})"
            self.filter.setItemText(n, label)

    # --- lists ---
    def current_filter(self) -> str:
        return self.filter.currentData()

    def set_filter(self, key: str, mine: bool | None = None) -> None:
        self.filter.blockSignals(True)
        self.mine.blockSignals(True)
        self.filter.setCurrentIndex(FILTERS.index(key))
        if mine is not None:
            self.mine.setChecked(mine)
        self.filter.blockSignals(False)
        self.mine.blockSignals(False)
        self.load()

    def refresh(self) -> None:
        """Shown again (the main window calls this): read the list and the open demand again."""
        self.load(keep=True)

    def load(self, keep: bool = False) -> None:
        status, mine = self.current_filter(), self.mine.isChecked()
        keep_uuid = self.detail.row.uuid if keep and self.detail.row is not None else None
        self._loaded = True

        def fetch(offset: int, limit: int):
            page = demands_list.list_demands(self.actor, status, offset=offset, limit=limit, mine=mine)
            return page.total, page.rows

        self.model.set_source(fetch)
        self._write_filter_texts()
        self._write_count()
        self._fit_columns()
        if keep_uuid:
            self.detail.show_demand(keep_uuid)
            self._select(keep_uuid)

    def _fit_columns(self) -> None:
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        for column, most in ((3, 320), (4, 200), (6, 200)):
            if header.sectionSize(column) > most:
                header.resizeSection(column, most)

    def _write_count(self) -> None:
        total = self.model.total
        self.count.setText(ngettext("{n} demand", "{n} demands", total).format(n=format_number(total)))

    def _select(self, uuid: str) -> None:
        row = self.model.row_of(lambda r: r.uuid == uuid)
        selection = self.table.selectionModel()
        selection.blockSignals(True)
        if row >= 0:
            index = self.model.index(row, 0)
            selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                                      | QItemSelectionModel.SelectionFlag.Rows)
            self.table.scrollTo(index)
        else:
            selection.clear()
        selection.blockSignals(False)

    def _current_changed(self, current, _previous) -> None:
        row = self.model.item(current.row()) if current.isValid() else None
        if row is not None:
            self.detail.show_demand(row.uuid)

    def _detail_changed(self, row: DemandRow | None) -> None:
        """A step was taken (or refused by a conflict): the list may have changed too."""
        self.model.reload()
        self._write_filter_texts()
        self._write_count()
        if row is not None:
            self._select(row.uuid)

    # --- asked by other pages ---
    def show_demand(self, uuid: str) -> None:
        """Show this demand; in the list too when the current filter holds it."""
        if not self._loaded:
            self.load()
        if self.detail.show_demand(uuid) is not None:
            self._select(uuid)
