"""Print from the handbook page: one item as an A4 sheet for the resident, or the whole booklet.

The PDF is made in the background (ui.background: progress dialog, errors shown) into a private temporary
folder, then opened in the preview (ui.pdf_preview) with Print… and Save as PDF…. ReportLab is imported
inside the worker, so the window never waits for it. The report modules audit every print.
"""

from __future__ import annotations

import atexit
import itertools
import shutil
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QWidget

from app.i18n import NATIVE_NAMES, _
from app.services.actor import Actor
from ui.background import run_in_background
from ui.language import connect_retranslate
from ui.pdf_preview import PdfPreviewDialog, show_preview

BOOKLET_LANGS = ("zh", "ug", "bi")
PAGE_FORMATS = ("a4", "a5")
_folder: Path | None = None
_serial = itertools.count(1)


def print_folder() -> Path:
    """This session's folder for the PDFs it previews (removed when Baijia quits)."""
    global _folder
    if _folder is None:
        _folder = Path(tempfile.mkdtemp(prefix="baijia-print-"))
        atexit.register(shutil.rmtree, _folder, True)
    return _folder


def _new_path(stem: str) -> Path:
    # a new name every time: an open preview may still hold the previous file (Windows locks it)
    return print_folder() / f"{stem}-{next(_serial)}.pdf"


def _make_sheet(actor: Actor, code: str, out: Path, lang: str):
    from app.reports.handbook_item_sheet import build_item_sheet

    return build_item_sheet(actor, code, out, lang)


def _make_booklet(actor: Actor, out: Path, lang: str, page_format: str, progress=None):
    from app.reports.handbook_booklet import build_booklet

    return build_booklet(actor, out, lang, page_format, progress)


def print_item_sheet(parent: QWidget, actor: Actor, code: str, lang: str) -> PdfPreviewDialog | None:
    """Make the sheet of item `code` in `lang` (zh, ug or bi) and preview it; None if it failed."""
    out = _new_path(f"{code}-{lang}")
    outcome = run_in_background(parent, _("Preparing the sheet of {code}…").format(code=code), _make_sheet,
                                actor, code, out, lang, with_progress=False)
    if not outcome.ok or not out.exists():
        return None
    return show_preview(parent, out, _("Handbook item {code}").format(code=code), f"{code}-{lang}.pdf")


def print_booklet(parent: QWidget, actor: Actor, lang: str, page_format: str) -> PdfPreviewDialog | None:
    out = _new_path(f"handbook-{lang}-{page_format}")
    outcome = run_in_background(parent, _("Making the handbook booklet…"), _make_booklet, actor, out, lang,
                                page_format)
    if not outcome.ok or not out.exists():
        return None
    return show_preview(parent, out, _("Service handbook"), f"handbook-{lang}-{page_format}.pdf")


class BookletDialog(QDialog):
    """Which booklet: language (Chinese, Uyghur, both) and page size (A4, A5)."""

    def __init__(self, lang: str = "zh", page_format: str = "a4", parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("bookletDialog")
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.language = QComboBox()
        self.language.setObjectName("bookletLanguage")
        for code in BOOKLET_LANGS:
            self.language.addItem("", code)
        self.language.setCurrentIndex(BOOKLET_LANGS.index(lang) if lang in BOOKLET_LANGS else 0)
        self.page_format = QComboBox()
        self.page_format.setObjectName("bookletFormat")
        for code in PAGE_FORMATS:
            self.page_format.addItem("", code)
        self.page_format.setCurrentIndex(PAGE_FORMATS.index(page_format))
        self.labels = [QLabel(), QLabel()]
        self.labels[0].setBuddy(self.language)
        self.labels[1].setBuddy(self.page_format)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.intro)
        form.addRow(self.labels[0], self.language)
        form.addRow(self.labels[1], self.page_format)
        form.addRow(self.buttons)
        self.setMinimumWidth(420)
        connect_retranslate(self)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Print the handbook booklet"))
        self.intro.setText(_("The booklet holds every item that is not retired, with a cover, contents and "
                             "page numbers. You see a preview before printing."))
        self.labels[0].setText(_("Language:"))
        self.labels[1].setText(_("Page size:"))
        self.language.setItemText(0, NATIVE_NAMES["zh"])
        self.language.setItemText(1, NATIVE_NAMES["ug"])
        self.language.setItemText(2, _("Both languages"))
        self.page_format.setItemText(0, _("A4"))
        self.page_format.setItemText(1, _("A5 (booklet size)"))

    def choice(self) -> tuple[str, str]:
        return self.language.currentData(), self.page_format.currentData()
