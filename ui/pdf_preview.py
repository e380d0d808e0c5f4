"""Preview a PDF Baijia made, then print it or save a copy: one dialog for the handbook and every report.

    show_preview(parent, path, _("Handbook sheet"), suggested_name="MS-01.pdf")

The dialog shows every page (QtPdf), with Print… (the system print dialog, then each page rendered at
printer resolution) and Save as PDF… (a copy where the user chooses). Both steps that talk to the
outside world are module functions, so tests replace them (monkeypatch) instead of opening a real print
or file dialog:
- ``choose_printer(parent, page_size_pt) -> QPrinter | None`` — None when the user cancelled;
- ``ask_save_path(parent, suggested) -> str | None``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QMarginsF, QSize, QSizeF, QStandardPaths, Qt
from PySide6.QtGui import QGuiApplication, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QDialog, QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.i18n import N_, _, ngettext
from ui import messages
from ui.bidi import ltr
from ui.language import connect_retranslate

MAX_PRINT_DPI = 300  # a page image at 600 dpi takes 140 MB; 300 dpi prints text crisply


def choose_printer(parent: QWidget | None, page_size_pt: QSizeF):
    """The system print dialog; returns the configured printer, or None when the user cancelled."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(QPageLayout(QPageSize(page_size_pt, QPageSize.Unit.Point),
                                      QPageLayout.Orientation.Portrait, QMarginsF()))
    printer.setFullPage(True)  # the PDF brings its own margins
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(_("Print"))
    return printer if dialog.exec() == QDialog.DialogCode.Accepted else None


def ask_save_path(parent: QWidget | None, suggested: str) -> str | None:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    path, _filter = QFileDialog.getSaveFileName(parent, _("Save as PDF"), str(Path(folder) / suggested),
                                                _("PDF files (*.pdf)"))
    return path or None


def render_to_printer(document: QPdfDocument, printer) -> int:
    """Draw every page of `document` on `printer` (any QPagedPaintDevice); returns the pages drawn."""
    painter = QPainter()
    if not painter.begin(printer):
        raise RuntimeError(_("The printer could not be started."))
    try:
        dpi = min(printer.resolution(), MAX_PRINT_DPI)
        for page in range(document.pageCount()):
            if page:
                printer.newPage()
            size_pt = document.pagePointSize(page)
            image = document.render(page, QSize(round(size_pt.width() / 72 * dpi),
                                                round(size_pt.height() / 72 * dpi)))
            target = painter.viewport()  # the whole sheet: the printer is in full-page mode
            scaled = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(target.x(), target.y(), image.scaled(
                scaled, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation))
        return document.pageCount()
    finally:
        painter.end()


class PdfPreviewDialog(QDialog):
    def __init__(self, path: str | Path, title: str = "", suggested_name: str = "",
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("pdfPreview")
        self.path = Path(path)
        self.title_text = title
        self.suggested_name = suggested_name or self.path.name
        self.document = QPdfDocument(self)
        self.load_error = self.document.load(str(self.path))
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # pages are laid out as printed

        self.pages_label = QLabel()
        self.pages_label.setObjectName("pageCount")
        self.status = QLabel()
        self.status.setObjectName("previewStatus")
        self.print_button = QPushButton()
        self.print_button.setObjectName("printButton")
        self.print_button.setDefault(True)
        self.print_button.clicked.connect(self.print_document)
        self.save_button = QPushButton()
        self.save_button.setObjectName("saveButton")
        self.save_button.clicked.connect(self.save_copy)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.reject)
        bar = QHBoxLayout()
        bar.addWidget(self.pages_label)
        bar.addWidget(self.status, 1)
        bar.addWidget(self.print_button)
        bar.addWidget(self.save_button)
        bar.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(bar)
        screen = QGuiApplication.primaryScreen()
        height = int(screen.availableGeometry().height() * 0.85) if screen else 800
        self.resize(min(900, int(height * 0.85)), height)
        self._status_msgid = ""
        self._status_values: dict = {}
        connect_retranslate(self)

    def page_count(self) -> int:
        return self.document.pageCount()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Preview: {title}").format(title=self.title_text) if self.title_text
                            else _("Preview"))
        n = self.page_count()
        self.pages_label.setText(ngettext("{n} page", "{n} pages", n).format(n=n))
        self.print_button.setText(_("Print…"))
        self.save_button.setText(_("Save as PDF…"))
        self.close_button.setText(_("Close"))
        self.status.setText(_(self._status_msgid).format(**self._status_values) if self._status_msgid else "")

    def _say(self, msgid: str, **values) -> None:
        self._status_msgid, self._status_values = msgid, values
        self.status.setText(_(msgid).format(**values))

    def print_document(self) -> bool:
        if not self.page_count():
            return False
        printer = choose_printer(self, self.document.pagePointSize(0))
        if printer is None:
            return False
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            render_to_printer(self.document, printer)
        except Exception as exc:  # noqa: BLE001 - the printer's trouble, shown to the user
            QGuiApplication.restoreOverrideCursor()
            messages.show_error(self, _("Printing failed: {error}").format(error=exc))
            return False
        QGuiApplication.restoreOverrideCursor()
        self._say(N_("Sent to the printer."))
        return True

    def save_copy(self) -> str | None:
        target = ask_save_path(self, self.suggested_name)
        if not target:
            return None
        if not target.lower().endswith(".pdf"):
            target += ".pdf"
        try:
            if Path(target).resolve() != self.path.resolve():
                shutil.copyfile(self.path, target)
        except OSError as exc:
            messages.show_error(self, _("The file could not be saved: {error}").format(error=exc))
            return None
        self._say(N_("Saved as {path}"), path=ltr(target))
        return target


def show_preview(parent: QWidget | None, path: str | Path, title: str = "",
                 suggested_name: str = "") -> PdfPreviewDialog:
    """Open the preview window-modal and return at once (the dialog deletes itself when closed)."""
    dialog = PdfPreviewDialog(path, title, suggested_name, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
