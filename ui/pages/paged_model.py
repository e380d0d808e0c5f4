"""A table model over a long list that is read one page at a time (demands, households not visited).

The model is given ``fetch(offset, limit) -> (total, items)`` (a service call) and ``prepare(item)``, which turns
one item into its cells once (texts, and optionally tooltips / colours): ``data()`` only reads prepared cells.
Views ask for more rows as they scroll (canFetchMore / fetchMore); nothing reads the whole list.

    model = PagedModel(COLUMNS, prepare)
    model.set_source(lambda offset, limit: …)      # reads the first page
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from app.i18n import _

PAGE = 100
Index = QModelIndex | QPersistentModelIndex


@dataclass
class Cells:
    """One prepared row: its texts, and per column an optional tooltip, colour and alignment."""

    texts: tuple[str, ...]
    tips: dict[int, str] = field(default_factory=dict)
    colors: dict[int, str] = field(default_factory=dict)
    align: dict[int, Qt.AlignmentFlag] = field(default_factory=dict)


Fetch = Callable[[int, int], tuple[int, list]]


class PagedModel(QAbstractTableModel):
    def __init__(self, columns: Sequence[str], prepare: Callable[[Any], Cells], page: int = PAGE, parent=None):
        super().__init__(parent)
        self.columns = tuple(columns)  # msgids
        self._prepare = prepare
        self._page = page
        self._fetch: Fetch | None = None
        self._items: list = []
        self._cells: list[Cells] = []
        self._total = 0

    # --- content ---
    def set_source(self, fetch: Fetch | None) -> None:
        """A new list (another filter): read its first page."""
        self.beginResetModel()
        self._fetch = fetch
        self._items, self._cells, self._total = [], [], 0
        if fetch is not None:
            total, items = fetch(0, self._page)
            self._total = total
            self._items = list(items)
            self._cells = [self._prepare(i) for i in self._items]
        self.endResetModel()

    def reload(self) -> None:
        """Read the list again, as far as it was read (after a change)."""
        fetch, loaded = self._fetch, len(self._items)
        self.beginResetModel()
        self._items, self._cells = [], []
        if fetch is not None:
            total, items = fetch(0, max(self._page, loaded))
            self._total, self._items = total, list(items)
            self._cells = [self._prepare(i) for i in self._items]
        self.endResetModel()

    def retranslate(self) -> None:
        """Cells are written in the UI language: prepare them again."""
        self._cells = [self._prepare(i) for i in self._items]
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)
        if self._cells:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._cells) - 1, len(self.columns) - 1))

    @property
    def total(self) -> int:
        return self._total

    def loaded(self) -> int:
        return len(self._items)

    def item(self, row: int):
        return self._items[row] if 0 <= row < len(self._items) else None

    def row_of(self, predicate: Callable[[Any], bool]) -> int:
        return next((n for n, i in enumerate(self._items) if predicate(i)), -1)

    def text(self, row: int, column: int) -> str:
        return self._cells[row].texts[column]

    # --- lazy loading ---
    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: N802
        return not parent.isValid() and self._fetch is not None and len(self._items) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: N802
        if not self.canFetchMore(parent):
            return
        total, items = self._fetch(len(self._items), self._page)
        items = list(items)
        if not items:
            self._total = len(self._items)
            return
        first = len(self._items)
        self.beginInsertRows(QModelIndex(), first, first + len(items) - 1)
        self._items += items
        self._cells += [self._prepare(i) for i in items]
        self._total = max(total, len(self._items))
        self.endInsertRows()

    # --- Qt ---
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._cells)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        cells = self._cells[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return cells.texts[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return cells.tips.get(column) or None
        if role == Qt.ItemDataRole.ForegroundRole and column in cells.colors:
            return QBrush(QColor(cells.colors[column]))
        if role == Qt.ItemDataRole.TextAlignmentRole and column in cells.align:
            return int(cells.align[column].value)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _(self.columns[section])
        return None


class RowsModel(PagedModel):
    """The same for a short list held whole (a week of visits, the coverage of a few grids)."""

    def __init__(self, columns: Sequence[str], prepare: Callable[[Any], Cells], parent=None):
        super().__init__(columns, prepare, parent=parent)

    def set_items(self, items: list) -> None:
        items = list(items)
        self.set_source(lambda offset, limit: (len(items), items[offset:offset + limit]))
        if len(items) > self.loaded():  # held whole: no paging
            while self.canFetchMore():
                self.fetchMore()
