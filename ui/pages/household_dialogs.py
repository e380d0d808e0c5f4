"""Households: add one (at a building or lane of a grid, a new building or lane made on the way), and choose one
(moving a resident to another household)."""

from __future__ import annotations

from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout,
                               QWidget)

from app.i18n import N_, _
from app.services import households
from app.services.actor import Actor, PermissionDenied
from app.services.resident_labels import RELATION_LABELS
from app.services.resident_validation import ResidentValidationError
from app.services.residents import ResidentNotFound
from ui.bidi import user_text
from ui.language import connect_retranslate
from ui.pages.registry_tree import RegistryTree
from ui.pages.resident_form import error_label, show_errors
from ui.uyghur_input import UyghurLineEdit, with_uly_button

NEW = "__new__"
KINDS = (("building", N_("Building")), ("lane", N_("Lane")))


class AddHouseholdDialog(QDialog):
    def __init__(self, actor: Actor, grid_uuid: str | None = None, building_uuid: str | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("addHouseholdDialog")
        self.actor = actor
        self.household = None  # HouseholdRow once added
        self.grid_uuid, self.building_uuid = grid_uuid, building_uuid
        self.grid = QComboBox()
        self.grid.setObjectName("householdGrid")
        self.building = QComboBox()
        self.building.setObjectName("householdBuilding")
        self.kind = QComboBox()
        for code, _msgid in KINDS:
            self.kind.addItem("", code)
        self.building_zh = QLineEdit()
        self.building_zh.setObjectName("newBuildingZh")
        self.building_ug = UyghurLineEdit()
        self.unit, self.room, self.note = QLineEdit(), QLineEdit(), QLineEdit()
        self.unit.setObjectName("householdUnit")
        self.room.setObjectName("householdRoom")
        self.labels = {k: QLabel() for k in ("grid", "building", "kind", "building_zh", "building_ug", "unit",
                                             "room", "note")}
        self.form = QFormLayout()
        for key, widget in (("grid", self.grid), ("building", self.building), ("kind", self.kind),
                            ("building_zh", self.building_zh), ("building_ug", with_uly_button(self.building_ug)),
                            ("unit", self.unit), ("room", self.room), ("note", self.note)):
            self.form.addRow(self.labels[key], widget)
        self.errors = error_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.create)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.errors)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)
        self._fill_grids(grid_uuid)
        self.grid.currentIndexChanged.connect(self._fill_buildings)
        self.building.currentIndexChanged.connect(self._building_changed)
        self._fill_buildings()
        if building_uuid:
            self.building.setCurrentIndex(max(0, self.building.findData(building_uuid)))
        connect_retranslate(self)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Add household"))
        for key, text in (("grid", _("Grid:")), ("building", _("Building or lane:")), ("kind", _("Kind:")),
                          ("building_zh", _("Name (Chinese):")), ("building_ug", _("Name (Uyghur):")),
                          ("unit", _("Entrance (unit):")), ("room", _("Room:")), ("note", _("Address note:"))):
            self.labels[key].setText(text)
        for n, (_code, msgid) in enumerate(KINDS):
            self.kind.setItemText(n, _(msgid))
        building = self.building.currentData()
        self._fill_grids(self.grid.currentData())  # names in the UI language
        self._fill_buildings()
        self.building.setCurrentIndex(max(0, self.building.findData(building)))
        self.building_zh.setPlaceholderText(_("e.g. 3号楼 or 幸福巷"))

    def _fill_grids(self, grid_uuid: str | None) -> None:
        self.grid.blockSignals(True)
        self.grid.clear()
        for grid in households.list_grids(self.actor):
            self.grid.addItem(user_text(grid.name), grid.uuid)
        self.grid.setCurrentIndex(max(0, self.grid.findData(grid_uuid)))
        self.grid.blockSignals(False)

    def _fill_buildings(self) -> None:
        self.building.blockSignals(True)
        self.building.clear()
        grid = self.grid.currentData()
        if grid:
            for b in households.list_buildings(self.actor, grid):
                self.building.addItem(user_text(b.name), b.uuid)
        self.building.addItem(_("New building or lane…"), NEW)
        self.building.blockSignals(False)
        self._building_changed()

    def _building_changed(self) -> None:
        new = self.building.currentData() == NEW
        for key, widget in (("kind", self.kind), ("building_zh", self.building_zh),
                            ("building_ug", self.building_ug.parentWidget())):
            self.labels[key].setVisible(new)
            widget.setVisible(new)

    def create(self):
        """Add the household (and the new building or lane first, when one was asked for)."""
        try:
            building_uuid = self.building.currentData()
            if building_uuid == NEW:
                building = households.create_building(self.actor, self.grid.currentData(), self.building_zh.text(),
                                                      self.building_ug.text(), self.kind.currentData())
                building_uuid = building.uuid
                self._fill_buildings()
                self.building.setCurrentIndex(max(0, self.building.findData(building_uuid)))
            self.household = households.create_household(self.actor, building_uuid, self.unit.text(),
                                                         self.room.text(), self.note.text())
        except ResidentValidationError as exc:
            show_errors(self.errors, [e.message for e in exc.errors])
            return None
        except (PermissionDenied, ResidentNotFound) as exc:
            show_errors(self.errors, [str(exc)])
            return None
        self.grid_uuid, self.building_uuid = self.grid.currentData(), building_uuid
        self.accept()
        return self.household


class HouseholdPickerDialog(QDialog):
    """Choose the household a resident moves to, and their relation to its head."""

    def __init__(self, actor: Actor, relation: str = "other", exclude: str | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("householdPicker")
        self.resize(520, 560)
        self.exclude = exclude
        self.household_uuid: str | None = None
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.tree = RegistryTree(actor, with_lists=False)
        self.tree.chosen.connect(self._chosen)
        self.relation_label = QLabel()
        self.relation_combo = QComboBox()
        for code in RELATION_LABELS:
            self.relation_combo.addItem("", code)
        self.relation_combo.setCurrentIndex(max(0, self.relation_combo.findData(relation)))
        form = QFormLayout()
        form.addRow(self.relation_label, self.relation_combo)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.tree, 1)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        connect_retranslate(self)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Move to another household"))
        self.hint.setText(_("Open a grid and a building or lane, then choose the household."))
        self.relation_label.setText(_("Relation to head:"))
        for n, code in enumerate(RELATION_LABELS):
            self.relation_combo.setItemText(n, _(RELATION_LABELS[code]))
        self.tree.reload()

    def _chosen(self, kind: str, key: str) -> None:
        self.household_uuid = key if kind == "household" and key != self.exclude else None
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self.household_uuid is not None)

    def relation(self) -> str:
        return self.relation_combo.currentData()
