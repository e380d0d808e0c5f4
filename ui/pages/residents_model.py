"""The registry's resident list: one page of rows at a time from the service, filtered and sorted in SQL.

    model = ResidentListModel(actor)
    model.set_query(ResidentFilters(grid_uuid=…, tag="elderly_80"), sort="address")

The first page (and the count) is read by ``set_query``; a view asks for more as it scrolls (canFetchMore /
fetchMore, ``PAGE`` rows each); nothing reads the whole list. Clicking a column header sorts through the service
(``sort``). Masked values only: ``show_revealed`` puts one value shown whole (the caller asked the service, which
audits) into its cell, and it goes back to masked after ``REVEAL_SECONDS`` or with the next query.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, QTimer

from app.i18n import current_language
from app.services.actor import Actor
from app.services.residents_query import ResidentFilters, count_residents, list_residents
from app.services.residents_view import ResidentView
from ui.pages.paged_model import Cells, PagedModel
from ui.pages.registry_texts import LIST_COLUMNS, REVEAL_SECONDS, resident_cells

PAGE = 100
COLUMN_KEYS = tuple(c[0] for c in LIST_COLUMNS)


class ResidentListModel(PagedModel):
    def __init__(self, actor: Actor, parent=None, page: int = PAGE):
        super().__init__([c[1] for c in LIST_COLUMNS], self._cells_of, page, parent)
        self.actor = actor
        self.filters = ResidentFilters()
        self.sort_key = "name"
        self._revealed: dict[str, dict[str, str]] = {}  # resident uuid → field → whole value

    def _cells_of(self, view: ResidentView) -> Cells:
        return resident_cells(view, LIST_COLUMNS, self._revealed.get(view.uuid))

    # --- the query ---
    def set_query(self, filters: ResidentFilters | None = None, sort: str | None = None) -> None:
        """Read the first page of another selection (filters, search text) or order."""
        if filters is not None:
            self.filters = filters
        if sort is not None:
            self.sort_key = sort
        self._revealed.clear()
        actor, chosen, order = self.actor, self.filters, self.sort_key
        counted: list[int] = []

        def fetch(offset: int, limit: int) -> tuple[int, list]:
            if offset == 0 or not counted:  # counted once a query (and again on reload)
                counted[:] = [count_residents(actor, chosen)]
            return counted[0], list_residents(actor, chosen, order, offset, limit)

        self.set_source(fetch)

    def set_filters(self, **changes) -> None:
        self.set_query(replace(self.filters, **changes))

    def resident(self, row: int) -> ResidentView | None:
        return self.item(row)

    def sortable(self, column: int) -> bool:
        return 0 <= column < len(LIST_COLUMNS) and LIST_COLUMNS[column][2] is not None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """A click on a column header: the service sorts (columns it cannot sort by are left as they are)."""
        if not self.sortable(column):
            return
        key = LIST_COLUMNS[column][2]
        wanted = key if order == Qt.SortOrder.AscendingOrder else "-" + key
        if wanted != self.sort_key or self.loaded() == 0:
            self.set_query(sort=wanted)

    def sort_column(self) -> tuple[int, Qt.SortOrder]:
        """The header column and direction that show the current order."""
        key = self.sort_key.lstrip("-")
        column = next((n for n, c in enumerate(LIST_COLUMNS) if c[2] == key), 0)
        if key == "name" and current_language() == "ug":
            column = COLUMN_KEYS.index("name_ug")
        order = Qt.SortOrder.DescendingOrder if self.sort_key.startswith("-") else Qt.SortOrder.AscendingOrder
        return column, order

    # --- a value shown whole for a while ---
    def show_revealed(self, uuid: str, field: str, value: str) -> None:
        self._revealed.setdefault(uuid, {})[field] = value
        self._redraw(uuid)
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.timeout.connect(lambda: (self.hide_revealed(uuid, field), timer.deleteLater()))
        timer.start(REVEAL_SECONDS * 1000)

    def hide_revealed(self, uuid: str, field: str | None = None) -> None:
        shown = self._revealed.get(uuid)
        if not shown:
            return
        if field is None:
            shown.clear()
        else:
            shown.pop(field, None)
        if not shown:
            self._revealed.pop(uuid, None)
        self._redraw(uuid)

    def revealed(self, uuid: str) -> dict[str, str]:
        return dict(self._revealed.get(uuid, {}))

    def _redraw(self, uuid: str) -> None:
        row = self.row_of(lambda v: v.uuid == uuid)
        if row < 0:
            return
        self._cells[row] = self._cells_of(self._items[row])
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1),
                              [Qt.ItemDataRole.DisplayRole])
