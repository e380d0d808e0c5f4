"""Visit coverage (进百家门): per grid, building/lane and worker, how many households were visited in the last
N days, and the households nobody has entered, in the order one walks them (building, unit, room).

N comes from the office's setting (visit_overdue_days, 90) and can be changed here for a look without changing
the setting. Choosing a grid narrows the walking list to it. Printing comes with the reports.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QPushButton, QSpinBox,
                               QSplitter, QTableView, QTabWidget, QVBoxLayout, QWidget)

from app.formats import format_date, format_number, format_percent
from app.i18n import N_, _, ngettext
from app.services import coverage
from app.services.actor import Actor
from app.services.coverage import CoverageReport, CoverageRow, UnvisitedHousehold
from ui.bidi import embedded, ltr, user_text
from ui.language import connect_retranslate
from ui.pages.paged_model import Cells, PagedModel, RowsModel
from ui.tables import read_only_table

AREA_COLUMNS = (N_("Name"), N_("Code"), N_("Households"), N_("Visited"), N_("Not visited"), N_("Coverage"))
WORKER_COLUMNS = (N_("Worker"), N_("Grids"), N_("Households"), N_("Visited"), N_("Not visited"), N_("Coverage"),
                  N_("Visits logged"))
UNVISITED_COLUMNS = (N_("Grid"), N_("Building or lane"), N_("Entrance"), N_("Room"), N_("Head of household"),
                     N_("Last visit"))
NUMBER = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LOW = "#b42318"


def percent_text(row: CoverageRow) -> str:
    return format_percent(row.percent / 100) if row.percent is not None else "—"


def _numbers(row: CoverageRow) -> list[str]:
    return [format_number(row.households), format_number(row.visited), format_number(row.not_visited),
            percent_text(row)]


def _colored(cells: Cells, row: CoverageRow, column: int) -> Cells:
    for c in range(2, len(cells.texts)):
        cells.align[c] = NUMBER
    if row.percent is not None and row.percent < 50:
        cells.colors[column] = LOW
    return cells


def area_cells(row: CoverageRow) -> Cells:
    return _colored(Cells((user_text(row.name), ltr(row.code), *_numbers(row))), row, 5)


def worker_cells(row: CoverageRow) -> Cells:
    return _colored(Cells((user_text(row.name or row.code), ltr(", ".join(row.grid_codes)), *_numbers(row),
                           format_number(row.visits or 0))), row, 5)


def unvisited_cells(h: UnvisitedHousehold) -> Cells:
    last = format_date(h.last_visited_on) if h.last_visited_on else _("never")
    return Cells((ltr(h.grid_code), user_text(h.building_name), ltr(h.unit), ltr(h.room), user_text(h.head_name),
                  last), tips={5: user_text(h.address)})


def _table(model, name: str, stretch: int | None = None) -> QTableView:
    return read_only_table(model, name, stretch_column=stretch)


class CoverageView(QWidget):
    household_requested = Signal(str)
    visit_requested = Signal(str, str)  # household uuid, address

    def __init__(self, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.actor = actor
        self.report: CoverageReport | None = None
        self.grid_code: str | None = None
        self.days_label = QLabel()
        self.days = QSpinBox()
        self.days.setObjectName("coverageDays")
        self.days.setRange(1, 3650)
        self.days.setValue(coverage.window()[0])
        self.days_label.setBuddy(self.days)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(300)
        self.timer.timeout.connect(self.refresh)
        self.days.valueChanged.connect(lambda _v: self.timer.start())
        self.total = QLabel()
        self.total.setObjectName("coverageTotal")
        self.total.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.days_label)
        top.addWidget(self.days)
        top.addSpacing(16)
        top.addWidget(self.total, 1)

        self.grid_model = RowsModel(AREA_COLUMNS, area_cells, self)
        self.building_model = RowsModel(AREA_COLUMNS, area_cells, self)
        self.worker_model = RowsModel(WORKER_COLUMNS, worker_cells, self)
        self.grid_table = _table(self.grid_model, "coverageGrids", stretch=0)
        self.building_table = _table(self.building_model, "coverageBuildings", stretch=0)
        self.worker_table = _table(self.worker_model, "coverageWorkers", stretch=0)
        self.grid_table.selectionModel().currentRowChanged.connect(self._grid_chosen)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("coverageTabs")
        self.tabs.addTab(self.grid_table, "")
        self.tabs.addTab(self.building_table, "")
        self.tabs.addTab(self.worker_table, "")

        self.unvisited_label = QLabel()
        self.unvisited_label.setObjectName("unvisitedLabel")
        self.unvisited_label.setWordWrap(True)
        self.all_grids = QPushButton()
        self.all_grids.setObjectName("allGrids")
        self.all_grids.clicked.connect(self.show_all_grids)
        self.visit_button = QPushButton()
        self.visit_button.setObjectName("visitUnvisited")
        self.visit_button.clicked.connect(self._visit_current)
        if not actor.can("visits.edit"):  # only hide: shown before a layout takes it, it opens a window
            self.visit_button.hide()
        self.unvisited_model = PagedModel(UNVISITED_COLUMNS, unvisited_cells, parent=self)
        self.unvisited_table = _table(self.unvisited_model, "unvisitedTable")
        self.unvisited_table.activated.connect(self._unvisited_activated)
        self.unvisited_table.selectionModel().currentRowChanged.connect(lambda *_a: self._update_buttons())
        head = QHBoxLayout()
        head.addWidget(self.unvisited_label, 1)
        head.addWidget(self.all_grids)
        head.addWidget(self.visit_button)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addLayout(head)
        lower_layout.addWidget(self.unvisited_table, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.tabs)
        splitter.addWidget(lower)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([260, 340])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self._loaded = False
        connect_retranslate(self)

    def retranslate_ui(self) -> None:
        self.days_label.setText(_("Not visited in the last"))
        self.days.setSuffix(" " + _("days"))
        self.tabs.setTabText(0, _("Grids"))
        self.tabs.setTabText(1, _("Buildings and lanes"))
        self.tabs.setTabText(2, _("Workers"))
        self.all_grids.setText(_("All grids"))
        self.visit_button.setText(_("Log a visit…"))
        if self._loaded:
            self.refresh()

    # --- reading ---
    def refresh(self) -> None:
        self.timer.stop()
        self._loaded = True
        self.report = coverage.coverage(self.actor, self.days.value())
        self.grid_model.set_items(self.report.grids)
        self.building_model.set_items(self.report.buildings)
        self.worker_model.set_items(self.report.workers)
        total = self.report.total
        self.total.setText(_("{visited} of {households} households visited since {date}: {percent}.").format(
            visited=format_number(total.visited), households=format_number(total.households),
            date=embedded(format_date(self.report.since)), percent=percent_text(total)))
        if self.grid_code and self.grid_code not in {g.code for g in self.report.grids}:
            self.grid_code = None
        self._select_grid_row()
        self.load_unvisited()

    def _select_grid_row(self) -> None:
        row = self.grid_model.row_of(lambda g: g.code == self.grid_code) if self.grid_code else -1
        selection = self.grid_table.selectionModel()
        selection.blockSignals(True)
        if row >= 0:
            selection.setCurrentIndex(self.grid_model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                                      | QItemSelectionModel.SelectionFlag.Rows)
        else:
            selection.clear()
        selection.blockSignals(False)

    def load_unvisited(self) -> None:
        days, grid = self.days.value(), self.grid_code

        def fetch(offset: int, limit: int):
            page = coverage.unvisited(self.actor, days, grid_code=grid, offset=offset, limit=limit)
            return page.total, page.rows

        self.unvisited_model.set_source(fetch)
        count = self.unvisited_model.total
        where = ltr(grid) if grid else _("all grids")
        self.unvisited_label.setText(ngettext(
            "{n} household not visited in {days} days ({where}), in walking order:",
            "{n} households not visited in {days} days ({where}), in walking order:", count).format(
            n=format_number(count), days=format_number(days), where=where))
        self.all_grids.setEnabled(grid is not None)
        self._update_buttons()

    # --- choosing ---
    def _grid_chosen(self, current, _previous) -> None:
        row = self.grid_model.item(current.row()) if current.isValid() else None
        self.grid_code = row.code if row is not None else None
        self.load_unvisited()

    def show_all_grids(self) -> None:
        self.grid_code = None
        self._select_grid_row()
        self.load_unvisited()

    def _current_household(self) -> UnvisitedHousehold | None:
        index = self.unvisited_table.currentIndex()
        return self.unvisited_model.item(index.row()) if index.isValid() else None

    def _update_buttons(self) -> None:
        self.visit_button.setEnabled(self._current_household() is not None)

    def _unvisited_activated(self, index) -> None:
        household = self.unvisited_model.item(index.row())
        if household is not None:
            self.household_requested.emit(household.uuid)

    def _visit_current(self) -> None:
        household = self._current_household()
        if household is not None:
            self.visit_requested.emit(household.uuid, household.address)
