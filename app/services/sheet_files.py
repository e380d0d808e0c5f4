"""Open a spreadsheet someone brought on a USB stick, safely: .xlsx, .xls, .ods through python-calamine.

Before calamine parses anything the file is checked, so a hostile or broken file gets a clear refusal, never a
hang or a crash:
- the kind by extension *and* content; macro workbooks (.xlsm, .xltm, .xlsb, a vbaProject part, an .xls with a
  VBA storage) are refused;
- zip-based files (.xlsx, .ods): every part is decompressed once as a stream with hard limits (total size,
  compression ratio, sizes that lie) — a zip bomb stops at the limit, not when memory runs out; XML parts with a
  DOCTYPE (entity expansion "billion laughs", external entities) are refused; worksheet rows are counted while
  streaming, so a sheet of a million rows is refused before it is read;
- anything calamine cannot read (truncated, encrypted, not a spreadsheet) becomes one clear message.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from app.i18n import _
from app.errors import BaijiaError

MAX_ROWS = 50_000
MAX_FILE_BYTES = 100 * 1024 * 1024
MAX_UNCOMPRESSED = 300 * 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed, for parts over 1 MiB
MAX_PARTS = 5_000
CHUNK = 1024 * 1024
MACRO_EXTENSIONS = {".xlsm", ".xltm", ".xlam", ".xlsb", ".xla", ".xlm"}
READABLE = {".xlsx": "xlsx", ".xltx": "xlsx", ".xls": "xls", ".ods": "ods"}
# Row start tags, counted with bytes.count (C speed); a namespace-prefixed "<x:row " counts via ":row ".
_ROW_TAGS = {"xlsx": (b"<row ", b"<row>", b":row "), "ods": (b"<table:table-row ", b"<table:table-row>")}
_DIMENSION = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?dimension\s+ref=\"[A-Z]*\d+:[A-Z]*(\d+)\"")
_VBA_STORAGE = "_VBA_PROJECT".encode("utf-16-le")


class SheetRefused(BaijiaError, ValueError):
    """The file is not imported; the message (translated) says why and what to do."""


@dataclass
class Sheet:
    name: str
    rows: list[list]  # rows[i] is spreadsheet row i + 1; cells are str, float, int, bool, date, datetime
    merged: list[tuple[tuple[int, int], tuple[int, int]]]


def _too_many_rows(rows: int) -> SheetRefused:
    return SheetRefused(_("The sheet has more than {limit} rows ({rows}). Split it into smaller files.").format(
        limit=MAX_ROWS, rows=rows))


def _damaged() -> SheetRefused:
    return SheetRefused(_("The file is damaged or incomplete (perhaps it was not copied whole). "
                          "Open it in Excel or WPS, save it again and retry."))


def _count_rows(stream, pattern: tuple[bytes, ...] | None, declared: int, budget: list[int]) -> int:
    """Rows in an XML part, read as a stream; refuses DOCTYPEs and parts bigger than they claim."""
    rows, seen, tail, first = 0, 0, b"", True
    while True:
        chunk = stream.read(CHUNK)
        if not chunk:
            break
        seen += len(chunk)
        budget[0] -= len(chunk)
        if seen > declared + CHUNK or budget[0] < 0:
            raise SheetRefused(_("The file unpacks to far more data than a spreadsheet holds (a \"zip bomb\"); "
                                 "it is not opened."))
        if first:
            head = chunk[:65536]
            if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                raise SheetRefused(_("The file contains XML entity declarations, which spreadsheets never need "
                                     "(a known attack); it is not opened."))
            dimension = _DIMENSION.search(head)
            if pattern is not None and dimension and int(dimension.group(1)) > MAX_ROWS + 100:
                raise _too_many_rows(int(dimension.group(1)))
            first = False
        if pattern is None:
            continue
        buffer = tail + chunk
        cut = buffer.rfind(b"<")  # a tag cut in two by the chunk boundary is counted with the next chunk
        if cut < 0:
            cut = len(buffer)
        rows += sum(buffer.count(tag, 0, cut) for tag in pattern)
        tail = buffer[cut:][-4096:]
        if rows > MAX_ROWS + 100:
            raise _too_many_rows(rows)
    if pattern is not None and tail:
        rows += sum(tail.count(tag) for tag in pattern)
    return rows


def _check_zip(path: Path, kind: str) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_PARTS:
                raise SheetRefused(_("The file has too many parts for a spreadsheet; it is not opened."))
            names = {i.filename.lower() for i in infos}
            if any(n.endswith("vbaproject.bin") or n.startswith("basic/") for n in names):
                raise SheetRefused(_("The file contains macros; Baijia does not open workbooks with macros. "
                                     "Save it as a plain .xlsx workbook and retry."))
            if kind == "xlsx" and "xl/workbook.xml" not in names:
                raise _damaged()
            if kind == "ods" and "content.xml" not in names:
                raise _damaged()
            budget = [MAX_UNCOMPRESSED]
            if sum(i.file_size for i in infos) > MAX_UNCOMPRESSED:
                raise SheetRefused(_("The file unpacks to far more data than a spreadsheet holds (a \"zip bomb\"); "
                                     "it is not opened."))
            for info in infos:
                if info.file_size > CHUNK and info.file_size > MAX_RATIO * max(1, info.compress_size):
                    raise SheetRefused(_("The file unpacks to far more data than a spreadsheet holds "
                                         "(a \"zip bomb\"); it is not opened."))
                lowered = info.filename.lower()
                if not lowered.endswith((".xml", ".rels")):
                    continue
                is_sheet = (kind == "xlsx" and lowered.startswith("xl/worksheets/")) or (
                    kind == "ods" and lowered == "content.xml")
                with archive.open(info) as stream:
                    _count_rows(stream, _ROW_TAGS[kind] if is_sheet else None, info.file_size, budget)
    except SheetRefused:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError, NotImplementedError):
        raise _damaged() from None


def check_file(path: str | Path) -> str:
    """The file's kind ("xlsx", "xls", "ods") once it passed the checks; SheetRefused otherwise."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in MACRO_EXTENSIONS:
        raise SheetRefused(_("The file contains macros; Baijia does not open workbooks with macros. "
                             "Save it as a plain .xlsx workbook and retry."))
    kind = READABLE.get(suffix)
    if kind is None:
        raise SheetRefused(_("Baijia reads .xlsx, .xls and .ods spreadsheets; {name} is not one.").format(
            name=path.name))
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            magic = fh.read(8)
    except OSError as exc:
        raise SheetRefused(_("The file cannot be opened: {error}").format(error=exc.strerror or exc)) from None
    if size == 0:
        raise _damaged()
    if size > MAX_FILE_BYTES:
        raise SheetRefused(_("The file is too large for an import ({mb} MB).").format(mb=size // (1024 * 1024)))
    if magic.startswith(b"PK"):
        if kind == "xls":  # an .xlsx renamed to .xls: read it as what it is
            kind = "xlsx"
        _check_zip(path, kind)
    elif magic.startswith(b"\xd0\xcf\x11\xe0"):
        if kind != "xls":
            kind = "xls"
        if _VBA_STORAGE in path.read_bytes():
            raise SheetRefused(_("The file contains macros; Baijia does not open workbooks with macros. "
                                 "Save it as a plain .xlsx workbook and retry."))
    else:
        raise _damaged()
    return kind


def read_first_sheets(path: str | Path, limit: int = 5) -> list[Sheet]:
    """The visible worksheets (at most ``limit``), after ``check_file``. Cells keep their spreadsheet types."""
    import python_calamine

    path = Path(path)
    check_file(path)
    try:
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
        sheets = []
        for index, meta in enumerate(workbook.sheets_metadata):
            if len(sheets) >= limit:
                break
            if str(meta.visible).endswith("Visible") is False or "WorkSheet" not in str(meta.typ):
                continue
            sheet = workbook.get_sheet_by_index(index)
            if sheet.height > MAX_ROWS + 100:
                raise _too_many_rows(sheet.height)
            rows = sheet.to_python(skip_empty_area=False)
            try:
                merged = list(sheet.merged_cell_ranges or [])
            except Exception:  # not every format knows merged cells
                merged = []
            sheets.append(Sheet(meta.name, rows, merged))
        workbook.close()
    except SheetRefused:
        raise
    except Exception as exc:  # calamine: CalamineError, ZipError, XmlError, PasswordError, panics …
        if "password" in type(exc).__name__.lower() or "encrypt" in str(exc).lower():
            raise SheetRefused(_("The file is protected by a password. Remove the password and retry.")) from None
        raise _damaged() from None
    if not sheets:
        raise SheetRefused(_("The file has no visible worksheet."))
    return sheets
