"""Spreadsheets for the import tests: the messy sheets offices keep, and hostile files built part by part."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl

from tests.residents_fixtures import number

CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                 'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
                 'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override '
                 'PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
                 'spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType='
                 '"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
WORKBOOK = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
            '2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
            '<sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>')
WORKBOOK_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                 'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
                 'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
SHEET_OPEN = '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
HEADER = ("序号", "网格", "楼栋", "单元", "房号", "姓名", "维文姓名", "公民身份号码", "性别", "联系电话", "与户主关系",
          "民族", "备注")
BIRTHS = [dt.date(1956, 4, 1), dt.date(1958, 9, 9), dt.date(1984, 2, 2), dt.date(1979, 6, 6), dt.date(2025, 3, 1),
          dt.date(1990, 10, 10)]


def ids() -> list[str]:
    return [number(b, "M" if i % 2 == 0 else "F", i) for i, b in enumerate(BIRTHS)]


def messy_sheet(path: Path, fixed: bool = False, phone_of_first: str = "13800138000") -> Path:
    """Title merged over the columns, a note row, header on row 3, blank rows, the building merged over a
    household's rows, ID numbers as text, full-width, as a number (digits lost), in scientific notation and
    one mistyped — unless ``fixed``."""
    n = ids()
    full_width = n[2].translate({ord(d): chr(0xFF10 + int(d)) for d in "0123456789"})
    bad_checksum = n[3][:-1] + ("0" if n[3][-1] != "0" else "1")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["幸福社区居民信息台账（2026年）"])
    ws.merge_cells("A1:M1")
    ws.append(["填表人：第1网格", None, None, None, None, None, None, "日期：2026-11-01"])
    ws.append(list(HEADER))
    rows = [
        (1, "第1网格", "3号楼", "2", "301", "王建国", "", n[0], "男", phone_of_first, "户主", "汉族", ""),
        (2, "第1网格", None, "2", "301", "李秀英", "", n[1], "女", "139 0013 9000", "妻子", "汉族", "行动不便"),
        None,
        (3, "1", "5号楼", "1", "１０２", "阿不都拉·买买提", "ئابدۇللا مەمەت", full_width, "男", "+86 156-0991-5678",
         "户主 / ئائىلە باشلىقى", "维吾尔族", ""),
        (4, "第1网格", "5号楼", "1", 102.0, "古丽", "گۈلى", n[3] if fixed else bad_checksum, "女", "", "配偶", "", ""),
        None,
        (5, "第2网格", "幸福巷", "", "7", "小明", "", n[4] if fixed else float(n[4]), "", "", "孙子", "", ""),
        (6, "第2网格", "幸福巷", "", "7", "赵六", "", n[5] if fixed else "6.50102E+17", "", "0991-4567890", "户主", "",
         ""),
    ]
    for row in rows:
        ws.append(list(row) if row else [])
    ws.merge_cells("C4:C5")  # 3号楼 over the household's two rows
    for cell in ws["H"][3:]:
        if isinstance(cell.value, str):
            cell.number_format = "@"
    wb.save(path)
    return path


def xlsx_parts(path: Path, sheet_xml: str | bytes, extra: dict[str, bytes] | None = None) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        z.writestr("xl/workbook.xml", WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        z.writestr("xl/worksheets/sheet1.xml", sheet_xml)
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return path


def rows_xml(count: int, dimension: str | None = None) -> bytes:
    head = f'<?xml version="1.0"?>{SHEET_OPEN}' + (f'<dimension ref="{dimension}"/>' if dimension else "")
    rows = "".join(f'<row r="{i}"><c r="A{i}" t="inlineStr"><is><t>x</t></is></c></row>' for i in range(1, count + 1))
    return (head + "<sheetData>" + rows + "</sheetData></worksheet>").encode()


def billion_laughs_xml() -> str:
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol;" if i == 1 else f"&lol{i - 1};") * 10}">' for i in range(1, 10))
    return (f'<?xml version="1.0"?><!DOCTYPE lolz [{entities}]>{SHEET_OPEN}<sheetData><row r="1"><c r="A1" '
            f't="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>')
