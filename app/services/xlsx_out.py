"""Writing spreadsheets that are safe to open: no cell a spreadsheet program would run as a formula.

A cell whose text starts with = + - @ (or their full-width forms) or a control character (tab, CR, LF) is a
formula-injection risk ("=HYPERLINK(…)", "@SUM(…)", "-2+3" …) when it comes from residents' data. Such cells
are written as text cells with the *quote prefix* style: Excel and LibreOffice both show them as text, exactly
as typed, and keep them text when the cell is edited (it is what typing a leading apostrophe does in Excel);
control characters are removed. No text cell is ever written as a formula.
"""

from __future__ import annotations

import re
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill

FORMULA_STARTS = ("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\t\r]")
UYGHUR_FONT = Font(name="Microsoft Uighur", size=12)
UYGHUR_ALIGN = Alignment(horizontal="right", vertical="center", readingOrder=2)
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
WRAP = Alignment(wrap_text=True, vertical="center")
TEXT_FORMAT = "@"


def is_risky(text: str) -> bool:
    return bool(text) and (text.startswith(FORMULA_STARTS) or bool(_CONTROL.search(text[:1])))


def safe_text(text: str) -> str:
    """Control characters removed (a tab or CR has no business in a cell); line feeds kept."""
    return _CONTROL.sub("", text)


def cell(ws, value: Any, *, font: Font | None = None, alignment: Alignment | None = None,
         fill: PatternFill | None = None, number_format: str | None = None):
    """A write-only cell; text is never a formula (see the module docstring)."""
    risky = False
    if isinstance(value, str):
        risky = is_risky(value)
        value = safe_text(value)
        risky = risky or is_risky(value)
    c = WriteOnlyCell(ws, value=value)
    if isinstance(value, str):
        c.data_type = "s"  # openpyxl would make "=…" a formula
        if risky:
            c.quotePrefix = True
    if font is not None:
        c.font = font
    if alignment is not None:
        c.alignment = alignment
    if fill is not None:
        c.fill = fill
    if number_format is not None:
        c.number_format = number_format
    return c


def plain(ws, value: Any):
    """The value itself where it is harmless (fast path for big exports), else a safe cell."""
    if isinstance(value, str) and (value.startswith(FORMULA_STARTS) or _CONTROL.search(value)):
        return cell(ws, value)
    return value


def header_cells(ws, texts: list[str]) -> list:
    return [cell(ws, t, font=HEADER_FONT, fill=HEADER_FILL, alignment=WRAP) for t in texts]


def set_widths(ws, widths: list[float]) -> None:
    from openpyxl.utils import get_column_letter

    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
