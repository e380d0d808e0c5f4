"""A household's timeline: its visits and demands together, newest first (the residents registry may later show
it inside its household view; until then this dialog is what "open household" shows).

Enter or a double-click on a demand opens it on the Demands page; "Log a visit" starts the visit form with this
household filled in.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLabel, QPushButton,
                               QTableView, QVBoxLayout, QWidget)

from app.formats import format_date, format_number
from app.i18n import N_, _, ngettext
from app.services import households, visits
from app.services.actor import Actor
from app.services.residents import ResidentNotFound
from app.services.visits import TimelineEntry
from app.services.work_common import WorkNotFound
from ui.bidi import ltr, user_text
from ui.fields import mark_data
from ui.language import connect_retranslate
from ui.pages.page_header import title_label
from ui.pages.paged_model import Cells, RowsModel
from ui.pages.work_texts import deadline_color, deadline_text, deadline_tip, status_text

COLUMNS = (N_("Date"), N_("What"), N_("Who"), N_("Details"))
ALIGN_TOP = Qt.AlignmentFlag.AlignTop


def entry_cells(entry: TimelineEntry) -> Cells:
    if entry.visit is not None:
        v = entry.visit
        who = "、".join(user_text(n) for n in (v.worker_name, *v.companions) if n)
        if v.notes_hidden:
            details = _("(the notes are shown to the workers of the visit and to the office)")
        else:
            details = " · ".join(user_text(t) for t in (v.situation, v.needs) if t)
        if v.follow_up_on:
            details += " · " + _("visit again on {date}").format(date=format_date(v.follow_up_on))
        return Cells((format_date(v.visited_on), _("Visit: {kind}").format(kind=_(visits.KIND_LABELS[v.kind])),
                      who, details), tips={3: details})
    d = entry.demand
    what = _("Demand {code}: {status}").format(code=ltr(d.code), status=status_text(d.status))
    details = user_text(d.description)
    if d.item_title:
        details += " · " + user_text(d.item_title)
    deadline = deadline_text(d)
    if deadline:
        details += " · " + _("deadline {date}").format(date=deadline)
    cells = Cells((format_date(d.accepted_on), what, user_text(d.assignee_name), details),
                  tips={3: "\n".join(t for t in (details, deadline_tip(d)) if t)})
    color = deadline_color(d)
    if color:
        cells.colors[1] = color
    return cells


class HouseholdTimelineDialog(QDialog):
    demand_requested = Signal(str)
    visit_requested = Signal(str)  # household uuid: log a visit to it

    def __init__(self, actor: Actor, household_uuid: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.actor, self.household_uuid = actor, household_uuid
        self.setObjectName("householdTimeline")
        self.resize(900, 560)
        self.title = title_label()
        self.address = mark_data(title_label())
        self.address.setObjectName("timelineAddress")
        self.members = mark_data(QLabel())
        self.members.setObjectName("timelineMembers")
        self.members.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setObjectName("timelineSummary")
        self.model = RowsModel(COLUMNS, entry_cells, self)
        self.table = QTableView()
        self.table.setObjectName("timelineTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.activated.connect(self._activated)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._update_buttons())
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self.visit_button = QPushButton()
        self.visit_button.setObjectName("logVisitHere")
        self.visit_button.clicked.connect(lambda: self.visit_requested.emit(self.household_uuid))
        self.demand_button = QPushButton()
        self.demand_button.setObjectName("openDemand")
        self.demand_button.clicked.connect(self._open_current)
        self.buttons.addButton(self.visit_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.demand_button, QDialogButtonBox.ButtonRole.ActionRole)
        if not actor.can("visits.edit"):  # only hide: shown before a layout takes it, it opens a window
            self.visit_button.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.address)
        layout.addWidget(self.members)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.entries: list[TimelineEntry] = []
        connect_retranslate(self)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Household timeline"))
        self.title.setText(_("Visits and demands of this household"))
        self.visit_button.setText(_("Log a visit…"))
        self.demand_button.setText(_("Open demand"))
        self.reload()

    def reload(self) -> None:
        """Read the household and its timeline (the names and labels come in the UI language)."""
        try:
            detail = households.get_household(self.actor, self.household_uuid)
            self.entries = visits.household_timeline(self.actor, self.household_uuid)
        except (ResidentNotFound, WorkNotFound) as exc:
            self.address.setText(str(exc))
            self.entries = []
            self.model.set_items([])
            return
        self.address.setText(user_text(detail.household.address))
        living = [m for m in detail.members if not m.moved_out]
        names = "、".join(user_text(m.display_name) for m in living[:6])
        self.members.setText(ngettext("{n} person lives here: {names}", "{n} people live here: {names}",
                                      len(living)).format(n=format_number(len(living)), names=names)
                             if living else _("Nobody is registered as living here."))
        n_visits = sum(1 for e in self.entries if e.kind == "visit")
        n_demands = len(self.entries) - n_visits
        self.summary.setText(_("{visits}, {demands}.").format(
            visits=ngettext("{n} visit", "{n} visits", n_visits).format(n=format_number(n_visits)),
            demands=ngettext("{n} demand", "{n} demands", n_demands).format(n=format_number(n_demands))))
        self.model.set_items(self.entries)
        self.table.resizeRowsToContents()
        self._update_buttons()

    def _current_entry(self) -> TimelineEntry | None:
        index = self.table.currentIndex()
        return self.model.item(index.row()) if index.isValid() else None

    def _update_buttons(self) -> None:
        entry = self._current_entry()
        self.demand_button.setEnabled(entry is not None and entry.kind == "demand")

    def _activated(self, index) -> None:
        entry = self.model.item(index.row())
        if entry is not None and entry.kind == "demand":
            self.demand_requested.emit(entry.demand.uuid)

    def _open_current(self) -> None:
        entry = self._current_entry()
        if entry is not None and entry.kind == "demand":
            self.demand_requested.emit(entry.demand.uuid)
