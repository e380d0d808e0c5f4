"""Residents (居民台账): the community's registry.

Left (right in Uyghur) the tree grid → building or lane → household, each level read when opened, and the service
lists (one per service tag). Right, the resident list — read a page at a time as it scrolls, filtered and sorted by
the service in SQL — with the one search box (as you type, any script) and the filters; or, once a household is
chosen, the household view with its members and its visits and demands.

Masked ID numbers and phones everywhere; roles with residents.reveal can show one value whole (context menu,
audited). Add, edit, move out (never deleted) and move to another household go through the resident dialog;
administrators import spreadsheets, roles with residents.export export them.

Other pages may call ``show_household(uuid)``, ``open_resident(uuid)`` and ``show_tag_list(code)``.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QDialog, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QMenu,
                               QPushButton, QSplitter, QStackedWidget, QVBoxLayout, QWidget)

from app.formats import format_date, format_number
from app.i18n import _, ngettext
from app.services import households, setup
from app.services.actor import Actor
from app.services.residents import ResidentNotFound
from ui import messages
from ui.bidi import embedded, user_text
from ui.language import connect_retranslate
from ui.office import community_name
from ui.pages.household_view import HouseholdView
from ui.pages.page_header import title_label
from ui.pages.registry_tree import RegistryTree
from ui.pages.residents_filters import FilterBar
from ui.pages.residents_model import ResidentListModel
from ui.pages.reveal_values import add_reveal_actions
from ui.tables import read_only_table

DEBOUNCE_MS = 250
LIST, HOUSEHOLD = 0, 1


class ResidentsPage(QWidget):
    demand_requested = Signal(str)  # the main window opens it on the Demands page

    def __init__(self, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.actor = actor
        self.can_edit = actor.can("residents.edit")
        self.dialog = None  # the resident dialog opened last
        self.title = title_label()
        self.overview = QLabel()
        self.overview.setObjectName("overview")
        self.overview.setWordWrap(True)
        self.add_household_button = QPushButton()
        self.add_household_button.setObjectName("addHousehold")
        self.add_household_button.clicked.connect(self.add_household)
        self.add_resident_button = QPushButton()
        self.add_resident_button.setObjectName("addResident")
        self.add_resident_button.clicked.connect(lambda: self.add_resident())
        self.import_button = QPushButton()
        self.import_button.setObjectName("importResidents")
        self.import_button.clicked.connect(self.open_import)
        self.export_button = QPushButton()
        self.export_button.setObjectName("exportResidents")
        self.export_button.clicked.connect(self.open_export)
        for button, permission in ((self.add_household_button, "residents.edit"),
                                   (self.add_resident_button, "residents.edit"),
                                   (self.import_button, "residents.import"),
                                   (self.export_button, "residents.export")):
            if not actor.can(permission):
                button.hide()  # (never show() a widget before a layout takes it: it flashes as a window)
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        for button in (self.add_household_button, self.add_resident_button, self.import_button, self.export_button):
            head.addWidget(button)

        self.tree = RegistryTree(actor)
        self.tree.chosen.connect(self._tree_chosen)
        self.search = QLineEdit()
        self.search.setObjectName("residentSearch")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _text: self.timer.start())
        self.search.returnPressed.connect(self.run_search)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.run_search)
        self.find_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        self.find_shortcut.activated.connect(self.focus_search)
        self.filters = FilterBar(actor)
        self.filters.changed.connect(self.run_search)
        self.status = QLabel()
        self.status.setObjectName("searchStatus")
        self.model = ResidentListModel(actor, self)
        self.table = read_only_table(self.model, "residentList", QHeaderView.ResizeMode.Interactive)
        header = self.table.horizontalHeader()
        header.setSortIndicatorShown(True)
        self.table.activated.connect(lambda index: self._open_row(index.row()))
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._list_menu)
        list_panel = QWidget()
        column = QVBoxLayout(list_panel)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.search)
        column.addWidget(self.filters)
        column.addWidget(self.status)
        column.addWidget(self.table, 1)

        self.household = HouseholdView(actor)
        self.household.back_requested.connect(self.show_list)
        self.household.resident_requested.connect(self.open_resident)
        self.household.add_member_requested.connect(self.add_resident)
        self.household.demand_requested.connect(self.demand_requested.emit)
        self.household.changed.connect(self._changed)
        self.stack = QStackedWidget()
        self.stack.addWidget(list_panel)
        self.stack.addWidget(self.household)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([280, 900])
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.overview)
        layout.addWidget(self.splitter, 1)

        self._ready = False  # the first paint reads each thing once
        self.model.set_query(self.filters.filters())
        header.setSortIndicator(*self.model.sort_column())
        self.table.setSortingEnabled(True)  # a header click calls model.sort: the service orders
        header.sortIndicatorChanged.connect(self._sort_changed)
        self._size_columns()
        connect_retranslate(self)  # fills the tree
        self._ready = True
        self._just_built = True

    # --- texts ---
    def retranslate_ui(self) -> None:
        self.title.setText(_("Residents"))
        self.add_household_button.setText(_("Add household…"))
        self.add_resident_button.setText(_("Add resident…"))
        self.import_button.setText(_("Import…"))
        self.export_button.setText(_("Export…"))
        self.search.setPlaceholderText(_("Search residents: Chinese or Uyghur name, pinyin, Latin Uyghur, "
                                         "ID or phone digits, address (Ctrl+F)"))
        self._load_grids()  # names in the UI language
        if self._ready:
            self.model.reload()  # addresses and names come from the service in the UI language
            self.model.retranslate()
        header = self.table.horizontalHeader()
        header.blockSignals(True)
        header.setSortIndicator(*self.model.sort_column())  # names sort by the UI language's script
        header.blockSignals(False)
        self._write_overview()
        self._write_status()

    def _write_overview(self) -> None:
        counts = setup.counts()
        parts = [_("Today is {date}.").format(date=embedded(format_date(dt.date.today(), "full")))]
        name = community_name()
        if name:
            parts.append(user_text(name))
        parts.append(_("{residents} in {households}").format(
            residents=ngettext("{n} resident", "{n} residents", counts.residents).format(
                n=format_number(counts.residents)),
            households=ngettext("{n} household", "{n} households", counts.households).format(
                n=format_number(counts.households))))
        self.overview.setText(" · ".join(parts))

    def _write_status(self) -> None:
        total, text = self.model.total, self.model.filters.text.strip()
        if text and total == 0:
            status = _("No resident matches “{text}”.").format(text=user_text(text))
        elif text:
            status = ngettext("{n} resident matches “{text}”.", "{n} residents match “{text}”.", total).format(
                n=format_number(total), text=user_text(text))
        else:
            status = ngettext("{n} resident in the list.", "{n} residents in the list.", total).format(
                n=format_number(total))
        self.status.setText(status)

    def _size_columns(self) -> None:
        metrics = self.table.fontMetrics()
        for column, sample in enumerate(("买尔哈巴·阿不都热合曼", "ئابدۇللا ئەخمەت", "650102********123X", "138****1234",
                                         "Female", "100", "13号楼 2单元 1101", "")):
            if sample:
                self.table.setColumnWidth(column, metrics.horizontalAdvance(sample) + 24)

    # --- the list ---
    def _load_grids(self) -> None:
        grids = households.list_grids(self.actor)  # one read for the tree and the filters
        self.tree.reload(grids)
        self.filters.set_grids(grids)

    def refresh(self) -> None:
        """Read again what is shown (the main window calls this whenever the page is shown)."""
        if self._just_built:
            self._just_built = False  # read a moment ago by the constructor
            return
        self._write_overview()
        self._load_grids()
        self.model.reload()
        self._write_status()
        if self.stack.currentIndex() == HOUSEHOLD:
            self.household.reload()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def run_search(self) -> None:
        """Apply the search text and the filters (the service filters and counts; the first page is read)."""
        self.timer.stop()
        self.model.set_query(self.filters.filters(self.search.text().strip()))
        self._write_status()
        self.show_list()

    def _sort_changed(self, column: int, _order) -> None:
        if not self.model.sortable(column):  # the service cannot sort by it: show the order in force
            header = self.table.horizontalHeader()
            header.blockSignals(True)
            header.setSortIndicator(*self.model.sort_column())
            header.blockSignals(False)

    def show_list(self) -> None:
        self.stack.setCurrentIndex(LIST)

    def show_tag_list(self, code: str) -> None:
        """The list of one service tag (e.g. "elderly_80"), living here, everywhere."""
        self.filters.set_scope("", "")
        self.filters.set_tag(code)
        self.show_list()

    def _tree_chosen(self, kind: str, key: str) -> None:
        if kind == "household":
            self.show_household(key, select=False)
            return
        if kind == "all":
            self.filters.set_scope("", "")
            self.filters.set_tag("")
        elif kind == "grid":
            self.filters.set_scope(key, "")
        elif kind == "building":
            path = dict(self.tree.current_path())
            self.filters.set_scope(path.get("grid", ""), key)
        elif kind == "tag":
            self.filters.set_tag(key)
        self.show_list()

    def _open_row(self, row: int) -> None:
        view = self.model.resident(row)
        if view is not None:
            self.open_resident(view.uuid)

    def row_menu(self, row: int) -> QMenu | None:
        """The context menu of a row: open the person or the household; show a masked value (roles allowed)."""
        view = self.model.resident(row)
        if view is None:
            return None
        menu = QMenu(self)
        menu.addAction(_("Open"), lambda: self.open_resident(view.uuid))
        menu.addAction(_("Open household"), lambda: self.show_household(view.household_uuid))
        add_reveal_actions(menu, self.actor, view, lambda f, v: self.model.show_revealed(view.uuid, f, v), self)
        return menu

    def _list_menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        menu = self.row_menu(index.row()) if index.isValid() else None
        if menu is not None:
            menu.exec(self.table.viewport().mapToGlobal(pos))
            menu.deleteLater()

    # --- households and residents (other pages may call these) ---
    def show_household(self, uuid: str, select: bool = True) -> bool:
        """Show one household: its members, visits and demands; the tree opens down to it."""
        detail = self.household.show_household(uuid)
        if detail is None:
            return False
        if select:
            self.tree.select_household(detail.grid_uuid, detail.building_uuid, uuid)
        self.stack.setCurrentIndex(HOUSEHOLD)
        return True

    def open_resident(self, uuid: str):
        """The resident dialog (details, history, changes) for one person; returns it."""
        from ui.pages.resident_dialog import ResidentDialog

        try:
            dialog = ResidentDialog(self.actor, uuid, parent=self)
        except ResidentNotFound as exc:
            messages.show_error(self, str(exc))
            return None
        return self._show_dialog(dialog)

    def add_resident(self, household_uuid: str | None = None):
        """The dialog for a new resident of ``household_uuid`` (asked for first when not given)."""
        from ui.pages.household_dialogs import HouseholdPickerDialog
        from ui.pages.resident_dialog import ResidentDialog

        if not self.can_edit:
            return None
        if not household_uuid:
            picker = HouseholdPickerDialog(self.actor, parent=self)
            picker.relation_combo.hide()
            picker.relation_label.hide()
            picker.setWindowTitle(_("Add resident"))
            accepted = picker.exec() == QDialog.DialogCode.Accepted
            household_uuid = picker.household_uuid if accepted else None
            picker.deleteLater()
            if not household_uuid:
                return None
        return self._show_dialog(ResidentDialog(self.actor, household_uuid=household_uuid, parent=self))

    def _show_dialog(self, dialog):
        """Several may be open (a new person's form, and the person the duplicate link opened)."""
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(lambda _view: self._changed())
        dialog.open_resident_requested.connect(self.open_resident)
        dialog.household_requested.connect(lambda uuid, d=dialog: (d.close(), self.show_household(uuid)))
        dialog.destroyed.connect(lambda _obj=None, d=dialog: self._dialog_gone(d))
        self.dialog = dialog
        dialog.show()
        dialog.raise_()
        return dialog

    def _dialog_gone(self, dialog) -> None:
        if self.dialog is dialog:
            self.dialog = None

    def _changed(self) -> None:
        self._write_overview()
        self.model.reload()
        self._write_status()
        self._load_grids()
        if self.household.household_uuid:
            self.household.reload()

    def add_household(self):
        from ui.pages.household_dialogs import AddHouseholdDialog

        path = dict(self.tree.current_path())
        dialog = AddHouseholdDialog(self.actor, path.get("grid") or self.filters.grid.currentData(),
                                    path.get("building") or self.filters.building.currentData(), self)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted or dialog.household is None:
                return None
            self.household_added(dialog.household.uuid)
            return dialog.household
        finally:
            dialog.deleteLater()

    def household_added(self, uuid: str) -> None:
        self._load_grids()
        self._write_overview()
        self.show_household(uuid)

    # --- spreadsheets ---
    def open_import(self):
        from ui.pages.import_dialog import ImportDialog

        if not self.actor.can("residents.import"):
            return None
        dialog = ImportDialog(self.actor, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.imported.connect(lambda _result: self._changed())
        dialog.open()
        return dialog

    def open_export(self):
        from ui.pages.export_dialog import ExportDialog

        if not self.actor.can("residents.export"):
            return None
        dialog = ExportDialog(self.actor, self.model.filters, self.model.total, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog
