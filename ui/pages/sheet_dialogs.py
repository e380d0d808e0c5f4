"""The file dialogs of the registry's spreadsheets (import, error report, template, export). Module functions,
so tests replace them (monkeypatch) instead of clicking through a real file dialog."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from app.i18n import _


def _documents() -> Path:
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))


def ask_open_sheet(parent: QWidget | None) -> str | None:
    path, _filter = QFileDialog.getOpenFileName(parent, _("Choose the residents' spreadsheet"), str(_documents()),
                                                _("Spreadsheets (*.xlsx *.xls *.ods)"))
    return path or None


def ask_save_sheet(parent: QWidget | None, title: str, suggested: str | Path) -> str | None:
    suggested = Path(suggested)
    if not suggested.is_absolute():
        suggested = _documents() / suggested
    path, _filter = QFileDialog.getSaveFileName(parent, title, str(suggested), _("Excel workbooks (*.xlsx)"))
    if path and not path.lower().endswith(".xlsx"):
        path += ".xlsx"
    return path or None
