"""Residents: today's overview line and the one search box (as you type) over the registry."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QLineEdit, QTableView, QVBoxLayout, QWidget

from app.formats import format_date, format_number
from app.i18n import _, ngettext
from app.services import residents_search, setup
from app.services.actor import Actor
from ui.bidi import embedded, user_text
from ui.language import connect_retranslate
from ui.office import community_name
from ui.pages.page_header import note_label, title_label
from ui.pages.residents_model import ResidentHitsModel

DEBOUNCE_MS = 250
LIMIT = 50


class ResidentsPage(QWidget):
    def __init__(self, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.actor = actor
        self.title = title_label()
        self.overview = QLabel()
        self.overview.setObjectName("overview")
        self.overview.setWordWrap(True)
        self.search = QLineEdit()
        self.search.setObjectName("residentSearch")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._text_changed)
        self.search.returnPressed.connect(self.run_search)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.run_search)
        self.status = QLabel()
        self.status.setObjectName("searchStatus")
        self.model = ResidentHitsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.note = note_label()
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.overview)
        layout.addWidget(self.search)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)
        self._searched = ""
        self._count = 0
        connect_retranslate(self)
        self.refresh()

    def retranslate_ui(self) -> None:
        self.title.setText(_("Residents"))
        self.search.setPlaceholderText(_("Search residents: Chinese or Uyghur name, pinyin, Latin Uyghur, "
                                         "ID or phone digits"))
        self.note.setText(_("Filters, the household view, editing and importing residents come with a coming "
                            "update. For now this page finds residents."))
        if self._searched:
            self.run_search()  # the service writes addresses in the UI language: ask again
        else:
            self.model.retranslate()
        self._show_status()
        self.refresh()

    def refresh(self) -> None:
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

    def _text_changed(self, _text: str) -> None:
        self.timer.start()  # restart: search once the typing pauses

    def run_search(self) -> None:
        self.timer.stop()
        text = self.search.text()
        self._searched = text.strip()
        hits = residents_search.search(self.actor, text, limit=LIMIT) if self._searched else []
        self._count = len(hits)
        self.model.set_hits(hits)
        self._show_status()

    def _show_status(self) -> None:
        if not self._searched:
            text = _("Type a name or number; results appear as you type.")
        elif self._count == 0:
            text = _("No resident matches “{text}”.").format(text=user_text(self._searched))
        elif self._count >= LIMIT:
            text = _("The first {n} matches are shown; type more to narrow the search.").format(n=LIMIT)
        else:
            text = ngettext("{n} resident found.", "{n} residents found.", self._count).format(n=self._count)
        self.status.setText(text)
