"""A worker's visits of one week (Monday–Sunday), as worker or companion; this week first, arrows for others."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableView,
                               QVBoxLayout, QWidget)

from app.formats import format_date, format_number
from app.i18n import N_, _, ngettext
from app.services import visits
from app.services.actor import Actor
from app.services.visits import VisitView
from ui.bidi import embedded, user_text
from ui.language import connect_retranslate
from ui.pages.paged_model import Cells, RowsModel
from ui.pages.work_texts import kind_text

COLUMNS = (N_("Date"), N_("Household"), N_("Kind"), N_("What you learnt"), N_("Demands"))


def visit_cells(v: VisitView) -> Cells:
    if v.notes_hidden:
        learnt = _("(the notes are shown to the workers of the visit and to the office)")
    else:
        learnt = " · ".join(user_text(t.replace("\n", " ")) for t in (v.situation, v.needs) if t)
    demands = format_number(len(v.demand_uuids)) if v.demand_uuids else ""
    return Cells((format_date(v.visited_on), user_text(v.address), kind_text(v.kind), learnt, demands),
                 tips={3: learnt})


class MyWeekView(QWidget):
    timeline_requested = Signal(str)  # household uuid

    def __init__(self, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.actor = actor
        self.week_of = dt.date.today()
        self.previous_button = QPushButton()
        self.previous_button.setObjectName("previousWeek")
        self.previous_button.clicked.connect(lambda: self.show_week(self.week_of - dt.timedelta(days=7)))
        self.next_button = QPushButton()
        self.next_button.setObjectName("nextWeek")
        self.next_button.clicked.connect(lambda: self.show_week(self.week_of + dt.timedelta(days=7)))
        self.this_button = QPushButton()
        self.this_button.setObjectName("thisWeek")
        self.this_button.clicked.connect(lambda: self.show_week(dt.date.today()))
        self.week_label = QLabel()
        self.week_label.setObjectName("weekLabel")
        top = QHBoxLayout()
        top.addWidget(self.previous_button)
        top.addWidget(self.week_label, 1)
        top.addWidget(self.this_button)
        top.addWidget(self.next_button)
        self.summary = QLabel()
        self.summary.setObjectName("weekSummary")
        self.summary.setWordWrap(True)
        self.model = RowsModel(COLUMNS, visit_cells, self)
        self.table = QTableView()
        self.table.setObjectName("weekTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(self._activated)
        self.hint = QLabel()
        self.hint.setObjectName("weekHint")
        self.hint.setStyleSheet("color: #505050;")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.hint)
        self.visits: list[VisitView] = []
        self._loaded = False
        connect_retranslate(self)

    def retranslate_ui(self) -> None:
        self.previous_button.setText(_("Previous week"))
        self.next_button.setText(_("Next week"))
        self.this_button.setText(_("This week"))
        self.hint.setText(_("Enter or a double-click shows the household's timeline."))
        if self._loaded:  # read first when the tab is shown
            self.refresh()

    def show_week(self, day: dt.date) -> None:
        self.week_of = day
        self.refresh()

    def refresh(self) -> None:
        self._loaded = True
        first, last = visits.week_bounds(self.week_of)
        self.visits = visits.my_visits(self.actor, self.week_of)
        self.model.set_items(self.visits)
        self.next_button.setEnabled(last < dt.date.today())
        self.this_button.setEnabled(not first <= dt.date.today() <= last)
        self.week_label.setText(_("Week of {first} – {last}").format(first=embedded(format_date(first)),
                                                                     last=embedded(format_date(last))))
        self._write_summary()

    def _write_summary(self) -> None:
        n = len(self.visits)
        if not n:
            self.summary.setText(_("You logged no visits this week.") if self.this_week() else
                                 _("You logged no visits in this week."))
            return
        kinds = Counter(v.kind for v in self.visits)
        parts = [_("{kind}: {n}").format(kind=kind_text(kind), n=format_number(count))
                 for kind, count in kinds.most_common()]
        households = len({v.household_uuid for v in self.visits})
        demands = sum(len(v.demand_uuids) for v in self.visits)
        text = ngettext("{n} visit to {households}", "{n} visits to {households}", n).format(
            n=format_number(n), households=ngettext("{n} household", "{n} households", households).format(
                n=format_number(households)))
        text += " (" + ", ".join(parts) + ")"
        if demands:
            text += "; " + ngettext("{n} demand opened", "{n} demands opened", demands).format(
                n=format_number(demands))
        self.summary.setText(text + ".")

    def this_week(self) -> bool:
        first, last = visits.week_bounds(self.week_of)
        return first <= dt.date.today() <= last

    def _activated(self, index) -> None:
        visit = self.model.item(index.row())
        if visit is not None:
            self.timeline_requested.emit(visit.household_uuid)
