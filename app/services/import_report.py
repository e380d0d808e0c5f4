"""The import's row-by-row error report as an .xlsx, in the user's language: row, column, name, what is wrong."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from app.i18n import _, current_language
from app.services.resident_import import ImportResult
from app.services.xlsx_out import WRAP, cell, header_cells, set_widths


def default_report_path(source: str | Path) -> Path:
    source = Path(source)
    return source.with_name(f"{source.stem}-errors.xlsx")


def write_error_report(result: ImportResult, path: str | Path) -> Path:
    path = Path(path)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(_("Errors")[:31])
    ws.sheet_view.rightToLeft = current_language() == "ug"
    set_widths(ws, [8, 22, 18, 70])
    summary = _("{file}: {errors} problems in {rows} rows; nothing was imported from the rows listed here.").format(
        file=Path(result.path).name, errors=len(result.errors), rows=len({e.row for e in result.errors}))
    ws.append([cell(ws, summary, font=Font(bold=True))])
    ws.append(header_cells(ws, [_("Row"), _("Column"), _("Name"), _("Problem")]))
    for error in sorted(result.errors, key=lambda e: (e.row, e.column)):
        ws.append([error.row, cell(ws, error.column), cell(ws, error.name), cell(ws, error.message,
                                                                                 alignment=WRAP)])
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path
