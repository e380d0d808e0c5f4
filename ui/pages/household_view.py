"""One household: its address, its members with their relation to the head (moved-out members last, greyed),
and its visits and demands (the household's history), newest first.

Double-click (or Enter) on a member opens them; "Add member…" adds a resident here. Masked ID numbers and phones;
the context menu of a member offers "Show the whole …" to roles with residents.reveal (audited; masked again
after a short while). A demand in the history opens on the Demands page (``demand_requested``).
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QMenu, QPushButton, QTableView,
                               QTabWidget, QVBoxLayout, QWidget)

from app.formats import format_number
from app.i18n import N_, _, ngettext
from app.services import households, residents, visits
from app.services.actor import Actor, PermissionDenied
from app.services.households import HouseholdDetail
from app.services.residents_view import ResidentView
from ui import messages
from ui.bidi import user_text
from ui.fields import mark_data
from ui.language import connect_retranslate
from ui.pages.page_header import title_label
from ui.pages.paged_model import RowsModel
from ui.pages.registry_texts import MEMBER_COLUMNS, REVEAL_SECONDS, resident_cells
from ui.pages.reveal_values import add_reveal_actions
from ui.tables import read_only_table

TIMELINE_COLUMNS = (N_("Date"), N_("What"), N_("Who"), N_("Details"))


def _table(model) -> QTableView:
    return read_only_table(model)


class HouseholdView(QWidget):
    resident_requested = Signal(str)
    add_member_requested = Signal(str)
    back_requested = Signal()
    demand_requested = Signal(str)
    changed = Signal()

    def __init__(self, actor: Actor, parent: QWidget | None = None):
        from ui.pages.household_timeline import entry_cells

        super().__init__(parent)
        self.actor = actor
        self.setObjectName("householdView")
        self.household_uuid: str | None = None
        self.detail: HouseholdDetail | None = None
        self._revealed: dict[str, dict[str, str]] = {}
        self.back_button = QPushButton()
        self.back_button.setObjectName("backToList")
        self.back_button.clicked.connect(self.back_requested.emit)
        self.title = mark_data(title_label())
        self.title.setObjectName("householdAddress")
        self.info = QLabel()
        self.info.setObjectName("householdInfo")
        self.info.setWordWrap(True)
        self.add_button = QPushButton()
        self.add_button.setObjectName("addMember")
        self.add_button.clicked.connect(lambda: self.add_member_requested.emit(self.household_uuid or ""))
        self.open_button = QPushButton()
        self.open_button.setObjectName("openMember")
        self.open_button.clicked.connect(self._open_current)
        self.archive_button = QPushButton()
        self.archive_button.setObjectName("archiveHousehold")
        self.archive_button.clicked.connect(self.ask_archive)
        if not actor.can("residents.edit"):
            self.add_button.hide()
            self.archive_button.hide()
        head = QHBoxLayout()
        head.addWidget(self.back_button)
        head.addWidget(self.title, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(self.archive_button)

        self.members_model = RowsModel([c[1] for c in MEMBER_COLUMNS], self._member_cells, self)
        self.members = _table(self.members_model)
        self.members.setObjectName("householdMembers")
        self.members.activated.connect(lambda index: self._open_row(index.row()))
        self.members.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.members.customContextMenuRequested.connect(self._member_menu)
        self.timeline_model = RowsModel(TIMELINE_COLUMNS, entry_cells, self)
        self.timeline = _table(self.timeline_model)
        self.timeline.setObjectName("householdTimeline")
        self.timeline.setWordWrap(True)
        self.timeline.activated.connect(self._timeline_activated)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.members, "")
        self.tabs.addTab(self.timeline, "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(head)
        layout.addWidget(self.info)
        layout.addLayout(buttons)
        layout.addWidget(self.tabs, 1)
        connect_retranslate(self)

    def retranslate_ui(self) -> None:
        self.back_button.setText(_("Back to the list"))
        self.add_button.setText(_("Add member…"))
        self.open_button.setText(_("Open"))
        self.archive_button.setText(_("Household moved away…"))
        self.archive_button.setToolTip(_("Every member is marked as moved out; nothing is deleted."))
        if self.household_uuid:
            self.reload()

    # --- content ---
    def show_household(self, uuid: str) -> HouseholdDetail | None:
        if uuid != self.household_uuid:
            self._revealed.clear()
        self.household_uuid = uuid
        return self.reload()

    def reload(self) -> HouseholdDetail | None:
        try:
            self.detail = households.get_household(self.actor, self.household_uuid)
            entries = visits.household_timeline(self.actor, self.household_uuid)
        except residents.ResidentNotFound as exc:
            self.detail = None
            self.title.setText(str(exc))
            self.members_model.set_items([])
            self.timeline_model.set_items([])
            return None
        row = self.detail.household
        living = [m for m in self.detail.members if not m.moved_out]
        self.title.setText(user_text(row.address) + (" · " + user_text(row.address_note) if row.address_note
                                                     else ""))
        parts = [ngettext("{n} person lives here", "{n} people live here", len(living)).format(
            n=format_number(len(living)))]
        if row.head_name:
            parts.append(_("head of household: {name}").format(name=user_text(row.head_name)))
        grid = self.detail.members[0].grid_name if self.detail.members else ""
        if grid:
            parts.append(_("grid: {grid}").format(grid=user_text(grid)))
        if row.archived:
            parts.append(_("the household moved away"))
        self.info.setText(" · ".join(parts))
        self.members_model.set_items(self.detail.members)
        self.timeline_model.set_items(entries)
        self.timeline.resizeRowsToContents()
        n_visits = sum(1 for e in entries if e.kind == "visit")
        self.tabs.setTabText(0, _("Members ({n})").format(n=format_number(len(self.detail.members))))
        self.tabs.setTabText(1, _("Visits and demands ({n})").format(n=format_number(len(entries))))
        self.tabs.setTabToolTip(1, _("{visits}, {demands}").format(
            visits=ngettext("{n} visit", "{n} visits", n_visits).format(n=format_number(n_visits)),
            demands=ngettext("{n} demand", "{n} demands", len(entries) - n_visits).format(
                n=format_number(len(entries) - n_visits))))
        self.archive_button.setEnabled(not row.archived)
        return self.detail

    def _member_cells(self, view: ResidentView):
        return resident_cells(view, MEMBER_COLUMNS, self._revealed.get(view.uuid))

    def member(self, row: int) -> ResidentView | None:
        return self.members_model.item(row)

    def member_text(self, row: int, key: str) -> str:
        return self.members_model.text(row, [c[0] for c in MEMBER_COLUMNS].index(key))

    # --- actions ---
    def _open_row(self, row: int) -> None:
        view = self.member(row)
        if view is not None:
            self.resident_requested.emit(view.uuid)

    def _open_current(self) -> None:
        index = self.members.currentIndex()
        if index.isValid():
            self._open_row(index.row())

    def member_menu(self, row: int) -> QMenu | None:
        view = self.member(row)
        if view is None:
            return None
        menu = QMenu(self)
        menu.addAction(_("Open"), lambda: self._open_row(row))
        add_reveal_actions(menu, self.actor, view, lambda f, v: self.show_revealed(view.uuid, f, v), self)
        return menu

    def _member_menu(self, pos: QPoint) -> None:
        index = self.members.indexAt(pos)
        menu = self.member_menu(index.row()) if index.isValid() else None
        if menu is not None:
            menu.exec(self.members.viewport().mapToGlobal(pos))
            menu.deleteLater()

    def show_revealed(self, uuid: str, field: str, value: str) -> None:
        self._revealed.setdefault(uuid, {})[field] = value
        self.members_model.set_items(self.detail.members if self.detail else [])
        QTimer.singleShot(REVEAL_SECONDS * 1000, self, lambda: self.hide_revealed(uuid))

    def hide_revealed(self, uuid: str) -> None:
        if self._revealed.pop(uuid, None) is not None and self.detail is not None:
            self.members_model.set_items(self.detail.members)

    def _timeline_activated(self, index) -> None:
        entry = self.timeline_model.item(index.row())
        if entry is not None and entry.kind == "demand":
            self.demand_requested.emit(entry.demand.uuid)

    def ask_archive(self) -> bool:
        if self.detail is None or not messages.confirm(
                self, _("Has the whole household at {address} moved away? Every member is marked as moved out; "
                        "nothing is deleted.").format(address=user_text(self.detail.household.address)),
                _("Household moved away")):
            return False
        try:
            households.archive_household(self.actor, self.household_uuid)
        except (PermissionDenied, residents.ResidentNotFound) as exc:
            messages.show_error(self, str(exc))
            return False
        self.reload()
        self.changed.emit()
        return True
