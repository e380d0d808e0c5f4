"""The filters above the resident list: grid, building or lane, age band, service tag, living here / moved out.
Each change emits ``changed``; ``filters(text)`` gives the service's ResidentFilters."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from app.i18n import _
from app.services import households
from app.services.actor import Actor
from app.services.residents_query import ResidentFilters, visible_tags
from ui.bidi import user_text
from ui.language import connect_retranslate
from ui.pages.registry_texts import AGE_BANDS, MOVED_CHOICES


def _combo(name: str) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    return combo


class FilterBar(QWidget):
    changed = Signal()

    def __init__(self, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.actor = actor
        self.grid = _combo("filterGrid")
        self.building = _combo("filterBuilding")
        self.age = _combo("filterAge")
        self.tag = _combo("filterTag")
        self.moved = _combo("filterMoved")
        for key, _msgid, _low, _high in AGE_BANDS:
            self.age.addItem("", key)
        self.tag.addItem("", "")
        for tag in visible_tags(actor):
            self.tag.addItem("", tag.code)
        for key, _msgid, _value in MOVED_CHOICES:
            self.moved.addItem("", key)
        self.label = QLabel()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label)
        for combo in (self.grid, self.building, self.age, self.tag, self.moved):
            row.addWidget(combo)
        row.addStretch(1)
        self._quiet = False
        self.grid.currentIndexChanged.connect(self._grid_changed)
        for combo in (self.building, self.age, self.tag, self.moved):
            combo.currentIndexChanged.connect(self._emit)
        connect_retranslate(self)

    def retranslate_ui(self) -> None:
        self.label.setText(_("Show:"))
        for n, (_key, msgid, _low, _high) in enumerate(AGE_BANDS):
            self.age.setItemText(n, _(msgid))
        self.tag.setItemText(0, _("All service tags"))
        labels = {t.code: t.label for t in visible_tags(self.actor)}
        for n in range(1, self.tag.count()):
            self.tag.setItemText(n, labels.get(self.tag.itemData(n), self.tag.itemData(n)))
        for n, (_key, msgid, _value) in enumerate(MOVED_CHOICES):
            self.moved.setItemText(n, _(msgid))
        # the grids' names come with set_grids (the page reads them once for the tree and for this bar)

    # --- grids and buildings ---
    def set_grids(self, grids: list) -> None:
        """The grids to choose from (households.list_grids), in the UI language."""
        grid, building = self.grid.currentData(), self.building.currentData()
        self._quiet = True
        self.grid.clear()
        self.grid.addItem(_("All grids"), "")
        for g in grids:
            self.grid.addItem(user_text(g.name), g.uuid)
        self.grid.setCurrentIndex(max(0, self.grid.findData(grid)))
        self._fill_buildings(building)
        self._quiet = False

    def _fill_buildings(self, building: str | None = None) -> None:
        self.building.clear()
        self.building.addItem(_("All buildings and lanes"), "")
        grid = self.grid.currentData()
        if grid:
            for b in households.list_buildings(self.actor, grid):
                self.building.addItem(user_text(b.name), b.uuid)
        self.building.setCurrentIndex(max(0, self.building.findData(building or "")))
        self.building.setEnabled(bool(grid))

    def _grid_changed(self) -> None:
        was = self._quiet
        self._quiet = True
        self._fill_buildings()
        self._quiet = was
        self._emit()

    def _emit(self, *_args) -> None:
        if not self._quiet:
            self.changed.emit()

    # --- set from elsewhere (the tree) ---
    def set_scope(self, grid_uuid: str = "", building_uuid: str = "") -> None:
        self._quiet = True
        self.grid.setCurrentIndex(max(0, self.grid.findData(grid_uuid)))
        self._fill_buildings(building_uuid)
        self._quiet = False
        self.changed.emit()

    def set_tag(self, code: str) -> None:
        index = self.tag.findData(code)
        if index >= 0 and index != self.tag.currentIndex():
            self.tag.setCurrentIndex(index)  # emits changed

    def set_moved(self, key: str) -> None:
        self.moved.setCurrentIndex(max(0, self.moved.findData(key)))

    def set_age(self, key: str) -> None:
        self.age.setCurrentIndex(max(0, self.age.findData(key)))

    def filters(self, text: str = "") -> ResidentFilters:
        band = next(b for b in AGE_BANDS if b[0] == (self.age.currentData() or ""))
        moved = next(m for m in MOVED_CHOICES if m[0] == self.moved.currentData())
        return ResidentFilters(grid_uuid=self.grid.currentData() or None,
                               building_uuid=self.building.currentData() or None,
                               age_min=band[2], age_max=band[3], tag=self.tag.currentData() or None,
                               moved_out=moved[2], text=text)
