"""Import residents from the office's spreadsheet (administrators): choose the file → every row is checked in the
background (progress, Cancel) → the summary and the row-by-row errors, which can be saved as an .xlsx report →
"Import" (only when no row has an error, or when the user chose to skip those rows) writes everything in one
transaction, again with progress and Cancel. "Download template…" saves the bilingual template.

Nothing is written before "Import"; a cancelled or failed import writes nothing (app.services.resident_import).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QDialog, QDialogButtonBox, QHBoxLayout, QHeaderView,
                               QLabel, QPushButton, QStackedWidget, QTableView, QVBoxLayout, QWidget)

from app.formats import format_number
from app.i18n import N_, _, current_language, ngettext
from app.services.actor import Actor
from app.services.import_report import default_report_path, write_error_report
from app.services.resident_export import write_template
from app.services.resident_import import ImportResult, RowError, import_residents
from ui.background import error_text, run_in_background
from ui.bidi import ltr, user_text
from ui.fields import value_label
from ui.language import connect_retranslate
from ui.pages import sheet_dialogs
from ui.pages.page_header import title_label
from ui.pages.paged_model import Cells, RowsModel
from ui.pages.resident_form import error_label, show_errors
from ui.pages.registry_texts import joined

ERROR_COLUMNS = (N_("Row"), N_("Column"), N_("Name"), N_("Problem"))
CHOOSE, REPORT, DONE = 0, 1, 2


def error_cells(error: RowError) -> Cells:
    return Cells((ltr(str(error.row)), user_text(error.column), user_text(error.name), error.message),
                 tips={3: error.message})


def import_job(actor: Actor, path: str, commit: bool, skip_invalid: bool, progress) -> ImportResult:
    """The service call for ui.background: its (done, total, phase) progress as a percentage and a sentence."""
    def report(done: int, total: int, phase: str) -> None:
        share = done / total if total else 0.0
        if phase == "read":
            progress(0, _("Reading the file…"))
        elif phase == "check":
            progress(share * (50 if commit else 100), _("Checking row {done} of {total}…").format(
                done=format_number(done), total=format_number(total)))
        else:
            progress(50 + share * 50, _("Writing row {done} of {total}…").format(
                done=format_number(done), total=format_number(total)))

    return import_residents(actor, path, commit=commit, skip_invalid=skip_invalid, progress=report)


class ImportDialog(QDialog):
    imported = Signal(object)  # ImportResult, once written

    def __init__(self, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.actor = actor
        self.path: str | None = None
        self.result: ImportResult | None = None
        self._checked_in = current_language()
        self.resize(820, 600)
        self.title = title_label()
        self.stack = QStackedWidget()

        choose = QWidget()
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.file_label = value_label()
        self.file_label.setObjectName("importFile")
        self.choose_button = QPushButton()
        self.choose_button.setObjectName("chooseFile")
        self.choose_button.clicked.connect(self.ask_file)
        self.template_button = QPushButton()
        self.template_button.setObjectName("downloadTemplate")
        self.template_button.clicked.connect(lambda: self.download_template())
        self.check_button = QPushButton()
        self.check_button.setObjectName("checkFile")
        self.check_button.clicked.connect(self.check)
        self.check_button.setEnabled(False)
        self.problem = error_label()
        self.problem.setObjectName("importProblem")
        row = QHBoxLayout()
        row.addWidget(self.choose_button)
        row.addWidget(self.template_button)
        row.addStretch(1)
        row.addWidget(self.check_button)
        column = QVBoxLayout(choose)
        column.addWidget(self.intro)
        column.addWidget(self.file_label)
        column.addLayout(row)
        column.addWidget(self.problem)
        column.addStretch(1)

        report = QWidget()
        self.summary = QLabel()
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        self.errors_model = RowsModel(ERROR_COLUMNS, error_cells, self)
        self.errors_table = QTableView()
        self.errors_table.setObjectName("importErrors")
        self.errors_table.setModel(self.errors_model)
        self.errors_table.verticalHeader().hide()
        self.errors_table.setWordWrap(True)
        self.errors_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.errors_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.report_button = QPushButton()
        self.report_button.setObjectName("saveErrorReport")
        self.report_button.clicked.connect(lambda: self.save_report())
        self.skip_invalid = QCheckBox()
        self.skip_invalid.setObjectName("skipInvalid")
        self.skip_invalid.toggled.connect(self._update_import_button)
        self.import_button = QPushButton()
        self.import_button.setObjectName("importNow")
        self.import_button.clicked.connect(self.import_now)
        self.again_button = QPushButton()
        self.again_button.setObjectName("chooseAgain")
        self.again_button.clicked.connect(self.ask_file)
        self.recheck_button = QPushButton()
        self.recheck_button.setObjectName("checkAgain")
        self.recheck_button.clicked.connect(self.check)
        self.language_hint = QLabel()
        self.language_hint.setObjectName("importLanguageHint")
        self.language_hint.setWordWrap(True)
        self.language_hint.hide()
        actions = QHBoxLayout()
        actions.addWidget(self.report_button)
        actions.addWidget(self.recheck_button)
        actions.addWidget(self.again_button)
        actions.addStretch(1)
        actions.addWidget(self.import_button)
        column = QVBoxLayout(report)
        column.addWidget(self.summary)
        column.addWidget(self.language_hint)
        column.addWidget(self.errors_table, 1)
        column.addWidget(self.skip_invalid)
        column.addLayout(actions)

        done = QWidget()
        self.done_label = QLabel()
        self.done_label.setObjectName("importDone")
        self.done_label.setWordWrap(True)
        column = QVBoxLayout(done)
        column.addWidget(self.done_label)
        column.addStretch(1)

        for page in (choose, report, done):
            self.stack.addWidget(page)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.buttons)
        connect_retranslate(self)

    # --- texts ---
    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Import residents"))
        self.title.setText(_("Import residents from a spreadsheet"))
        self.intro.setText(_("Choose the office's spreadsheet (.xlsx, .xls or .ods). Every row is checked first; "
                             "nothing is written until you see the result and choose Import. People already "
                             "registered (same ID number) are updated, not added twice."))
        self.choose_button.setText(_("Choose file…"))
        self.template_button.setText(_("Download template…"))
        self.check_button.setText(_("Check the file"))
        self.report_button.setText(_("Save error report…"))
        self.again_button.setText(_("Choose another file…"))
        self.recheck_button.setText(_("Check again"))
        self.recheck_button.setToolTip(_("After correcting the file in Excel or WPS, save it and check it again."))
        self.skip_invalid.setText(_("Skip the rows with errors and import the others"))
        self.import_button.setText(_("Import"))
        self._show_file()
        if self.result is not None:
            self._show_result()

    def _show_file(self) -> None:
        self.file_label.setText(ltr(self.path) if self.path else _("No file chosen yet."))

    # --- steps ---
    def ask_file(self) -> None:
        path = sheet_dialogs.ask_open_sheet(self)
        if path:
            self.set_path(path)

    def set_path(self, path: str | Path) -> None:
        self.path = str(path)
        self.result = None
        self._show_file()
        show_errors(self.problem, [])
        self.check_button.setEnabled(True)
        self.stack.setCurrentIndex(CHOOSE)

    def check(self) -> ImportResult | None:
        """Check every row in the background (a dry run); shows the summary and the errors."""
        return self._run(commit=False)

    def import_now(self) -> ImportResult | None:
        """Write the checked rows, all in one transaction."""
        if not self._may_import():
            return None
        return self._run(commit=True)

    def _run(self, commit: bool) -> ImportResult | None:
        if not self.path:
            return None
        label = _("Importing residents…") if commit else _("Checking the spreadsheet…")
        outcome = run_in_background(self, label, import_job, self.actor, self.path, commit,
                                    commit and self.skip_invalid.isChecked(), cancellable=True, show_errors=False)
        if outcome.cancelled:
            show_errors(self.problem, [_("Cancelled; nothing was written.")])
            self.stack.setCurrentIndex(CHOOSE)
            return None
        if outcome.error is not None:
            show_errors(self.problem, [error_text(outcome.error)])
            self.stack.setCurrentIndex(CHOOSE)
            return None
        show_errors(self.problem, [])
        self.result = outcome.value
        self._checked_in = current_language()
        self._show_result()
        if self.result.committed:
            self.imported.emit(self.result)
        return self.result

    def _show_result(self) -> None:
        r = self.result
        if r.committed:
            counts = [ngettext("{n} resident added", "{n} residents added", r.created),
                      ngettext("{n} updated", "{n} updated", r.updated),
                      ngettext("{n} unchanged", "{n} unchanged", r.unchanged),
                      ngettext("{n} new household", "{n} new households", r.new_households),
                      ngettext("{n} new building or lane", "{n} new buildings or lanes", r.new_buildings)]
            numbers = (r.created, r.updated, r.unchanged, r.new_households, r.new_buildings)
            self.done_label.setText(_("Imported from {file}: {counts}.").format(
                file=user_text(Path(r.path).name),
                counts=joined(c.format(n=format_number(n)) for c, n in zip(counts, numbers)))
                + ("\n" + self._skipped_text() if r.errors else ""))
            self.stack.setCurrentIndex(DONE)
            return
        bad = len({e.row for e in r.errors})
        parts = [ngettext("{n} row checked.", "{n} rows checked.", r.rows).format(n=format_number(r.rows))]
        if r.errors:
            parts.append(_("{ok} can be imported; {bad} have errors (listed below). Nothing is written while a row "
                           "has an error, unless you choose to skip those rows.").format(
                ok=format_number(r.valid), bad=format_number(bad)))
        elif r.valid:
            parts.append(_("Every row can be imported."))
        else:
            parts.append(_("The sheet has no resident rows."))
        if r.ignored_columns:
            parts.append(_("Columns not imported: {columns}.").format(
                columns=joined(user_text(c) for c in r.ignored_columns)))
        self.summary.setText(" ".join(parts))
        # the service wrote the messages in the language of the check
        self.language_hint.setText(_("The problems are written in the language of the check; choose “Check "
                                     "again” to read them in this language."))
        self.language_hint.setVisible(bool(r.errors) and self._checked_in != current_language())
        self.errors_model.set_items(sorted(r.errors, key=lambda e: (e.row, e.column)))
        self.errors_table.resizeRowsToContents()
        for widget in (self.errors_table, self.report_button, self.skip_invalid):
            widget.setVisible(bool(r.errors))
        if not r.errors:
            self.skip_invalid.setChecked(False)
        self._update_import_button()
        self.stack.setCurrentIndex(REPORT)

    def _skipped_text(self) -> str:
        bad = len({e.row for e in self.result.errors})
        return ngettext("{n} row with errors was skipped.", "{n} rows with errors were skipped.", bad).format(
            n=format_number(bad))

    def _may_import(self) -> bool:
        r = self.result
        return r is not None and not r.committed and r.valid > 0 and (not r.errors or self.skip_invalid.isChecked())

    def _update_import_button(self, *_args) -> None:
        self.import_button.setEnabled(self._may_import())

    # --- files ---
    def save_report(self, path: str | None = None) -> Path | None:
        if self.result is None or not self.result.errors:
            return None
        path = path or sheet_dialogs.ask_save_sheet(self, _("Save error report"),
                                                    default_report_path(self.result.path))
        if not path:
            return None
        return write_error_report(self.result, path)

    def download_template(self, path: str | None = None) -> Path | None:
        path = path or sheet_dialogs.ask_save_sheet(self, _("Save the template"), _("residents-template.xlsx"))
        if not path:
            return None
        return write_template(path)
