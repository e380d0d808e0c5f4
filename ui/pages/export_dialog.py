"""Export residents to an .xlsx (roles with residents.export): the list as filtered, or everyone living here.

ID numbers and phones are masked in the file unless the role may see them whole and the user ticks the box; the
service audits every export either way, and the sheet says who exported it and when.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QDialog, QDialogButtonBox, QLabel, QRadioButton, QVBoxLayout,
                               QWidget)

from app.formats import format_number
from app.i18n import _, ngettext
from app.services.actor import Actor
from app.services.resident_export import ExportResult, export_residents
from app.services.residents_query import ResidentFilters
from ui import messages
from ui.background import run_in_background
from ui.bidi import ltr
from ui.language import connect_retranslate
from ui.pages import sheet_dialogs
from ui.pages.reveal_values import may_reveal


def export_job(actor: Actor, path: str, filters: ResidentFilters, reveal: bool, progress) -> ExportResult:
    def report(done: int, total: int) -> None:
        progress(done * 100 / total if total else 100, _("{done} of {total} residents written…").format(
            done=format_number(done), total=format_number(total)))

    return export_residents(actor, path, filters, reveal=reveal, progress=report)


class ExportDialog(QDialog):
    def __init__(self, actor: Actor, filters: ResidentFilters, shown: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.actor, self.filters, self.shown = actor, filters, shown
        self.result: ExportResult | None = None
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.as_listed = QRadioButton()
        self.as_listed.setObjectName("exportListed")
        self.everyone = QRadioButton()
        self.everyone.setObjectName("exportEveryone")
        group = QButtonGroup(self)
        group.addButton(self.as_listed)
        group.addButton(self.everyone)
        self.as_listed.setChecked(True)
        self.reveal = QCheckBox()
        self.reveal.setObjectName("exportReveal")
        if not may_reveal(actor):
            self.reveal.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(lambda: self.export())
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.as_listed)
        layout.addWidget(self.everyone)
        layout.addSpacing(8)
        layout.addWidget(self.reveal)
        layout.addWidget(self.buttons)
        connect_retranslate(self)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Export residents"))
        self.intro.setText(_("The file holds personal data: keep it safe and delete it when done. Every export "
                             "is recorded in the audit log."))
        self.as_listed.setText(ngettext("The {n} resident the list shows", "The {n} residents the list shows",
                                        self.shown).format(n=format_number(self.shown)))
        self.everyone.setText(_("Everyone living here"))
        self.reveal.setText(_("Include whole ID numbers and phones (recorded in the audit log)"))

    def chosen_filters(self) -> ResidentFilters:
        return self.filters if self.as_listed.isChecked() else ResidentFilters()

    def export(self, path: str | None = None) -> ExportResult | None:
        name = _("residents-{date}.xlsx").format(date=dt.date.today().isoformat())
        path = path or sheet_dialogs.ask_save_sheet(self, _("Export residents"), name)
        if not path:
            return None
        reveal = self.reveal.isChecked() and may_reveal(self.actor)
        outcome = run_in_background(self, _("Exporting residents…"), export_job, self.actor, path,
                                    self.chosen_filters(), reveal, cancellable=True)
        if not outcome.ok:
            return None
        self.result = outcome.value
        messages.show_info(self, ngettext("{n} resident exported to {path}.", "{n} residents exported to {path}.",
                                          self.result.rows).format(n=format_number(self.result.rows),
                                                                   path=ltr(str(Path(path)))))
        self.accept()
        return self.result
