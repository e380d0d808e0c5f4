"""Residents out to Excel: the export (`baijia export residents FILE.xlsx`) and the import template
(`baijia template residents FILE.xlsx`). Both use the template's bilingual columns, so an exported sheet can be
edited and imported again.

The export masks ID numbers and phones unless the role may see them whole *and* the caller asks (``reveal``);
every export is audited, and the sheet says who exported it and when (first row and the printed footer).
Text cells can never become formulas (app.services.xlsx_out).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.datavalidation import DataValidation
from peewee import fn

from app.db.models import Building, Grid, Household, Resident
from app.domain import idcard, phone
from app.formats import format_datetime
from app.i18n import _, current_language
from app.services import audit
from app.services.actor import Actor
from app.services.resident_labels import (LANGUAGE_WORDS, RELATION_WORDS, SENSITIVE_TAGS, SEX_WORDS, TAG_WORDS,
                                          age_on, bilingual, derived_tags)
from app.services.resident_sheet_map import HEADER_WORDS
from app.services.residents_query import ResidentFilters, filtered
from app.services.residents_view import manual_tags_of, with_place
from app.services.xlsx_out import (TEXT_FORMAT, UYGHUR_ALIGN, UYGHUR_FONT, WRAP, cell, header_cells, plain,
                                   set_widths)

# (field, width): the template's and the export's columns
COLUMNS = (("grid", 12), ("building", 16), ("unit", 8), ("room", 8), ("name_zh", 14), ("name_ug", 22),
           ("id_number", 22), ("sex", 9), ("birth_date", 12), ("phone", 15), ("relation", 14),
           ("preferred_lang", 11), ("tags", 20), ("note", 24))
EXPORT_EXTRA = (("age", "年龄", "يېشى", 7), ("moved_out", "已迁出", "كۆچۈپ كەتكەن", 10))
EXAMPLE = {"grid": "示例 / مىسال", "building": "3号楼", "unit": "2", "room": "301", "name_zh": "张三",
           "name_ug": "", "id_number": idcard.make("650102", dt.date(1990, 3, 15), 12, "M"),
           "sex": bilingual(SEX_WORDS, "M"),
           "birth_date": "1990-03-15", "phone": "13812345678", "relation": bilingual(RELATION_WORDS, "head"),
           "preferred_lang": bilingual(LANGUAGE_WORDS, "zh"), "tags": "独居", "note": ""}
TEMPLATE_ROWS = 2000  # rows prepared with lists and text format


@dataclass(frozen=True)
class ExportResult:
    path: str
    rows: int
    revealed: bool


def header_text(field: str) -> str:
    words = HEADER_WORDS[field]
    return f"{words[0]}\n{words[1]}"


def _stamp(actor: Actor) -> str:
    who = actor.display_name or actor.username
    return _("Exported by {who} ({user}) on {when}. Personal data: keep this file safe and delete it when done.") \
        .format(who=who, user=actor.username, when=format_datetime(dt.datetime.now(), "short"))


def write_template(path: str | Path) -> Path:
    """An empty sheet with bilingual headers, an example row marked as one, lists for relation/sex/language."""
    path = Path(path)
    wb = Workbook()
    ws = wb.active
    ws.title = "居民 ئاھالە"
    fields = [f for f, _w in COLUMNS]
    ws.append([header_text(f) for f in fields])
    for c in ws[1]:
        c.font, c.alignment = Font(bold=True), WRAP
    ws.row_dimensions[1].height = 34
    ws.append([EXAMPLE[f] for f in fields])
    for c in ws[2]:
        c.font = Font(italic=True, color="808080")
    lists = wb.create_sheet("lists")
    lists.sheet_state = "hidden"
    for col, (words, codes) in enumerate(((RELATION_WORDS, list(RELATION_WORDS)), (SEX_WORDS, ["M", "F"]),
                                          (LANGUAGE_WORDS, ["zh", "ug"])), start=1):
        for row, code in enumerate(codes, start=1):
            lists.cell(row=row, column=col, value=bilingual(words, code))
    from openpyxl.utils import get_column_letter

    for field, list_col, count in (("relation", "A", len(RELATION_WORDS)), ("sex", "B", 2),
                                   ("preferred_lang", "C", 2)):
        letter = get_column_letter(fields.index(field) + 1)
        rule = DataValidation(type="list", formula1=f"=lists!${list_col}$1:${list_col}${count}", allow_blank=True,
                              errorStyle="warning", showErrorMessage=True)
        rule.error = "户主 / 配偶 / 子女 …"
        ws.add_data_validation(rule)
        rule.add(f"{letter}3:{letter}{TEMPLATE_ROWS}")
    for field in ("id_number", "phone", "unit", "room"):  # kept as typed: 18 digits, leading zeros
        letter = get_column_letter(fields.index(field) + 1)
        for row in range(2, TEMPLATE_ROWS + 1):
            ws[f"{letter}{row}"].number_format = TEXT_FORMAT
    for i, (_field, width) in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    letter = get_column_letter(fields.index("name_ug") + 1)
    for row in range(2, TEMPLATE_ROWS + 1):  # Uyghur names: a Uyghur font, right to left
        ws[f"{letter}{row}"].font, ws[f"{letter}{row}"].alignment = UYGHUR_FONT, UYGHUR_ALIGN
    ws.freeze_panes = "A3"
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def _relation_text(code: str) -> str:
    return bilingual(RELATION_WORDS, code if code in RELATION_WORDS else "other")


def export_residents(actor: Actor, path: str | Path, filters: ResidentFilters | None = None, reveal: bool = False,
                     progress: Callable[[int, int], None] | None = None, today: dt.date | None = None
                     ) -> ExportResult:
    """Write the residents matching ``filters`` (default: living here) to an .xlsx, by address."""
    actor.require("residents.export")
    if reveal:
        actor.require("residents.reveal")
    path = Path(path)
    today = today or dt.date.today()
    progress = progress or (lambda done, total: None)
    filters = filters or ResidentFilters()
    query = filtered(actor, with_place(), filters, today)
    if query is None:  # a search text that matches nobody
        query = with_place().where(Resident.id < 0)
    query = query.order_by(Grid.code, Building.sort_key, Building.code, Household.unit, fn.LENGTH(Household.room),
                           Household.room, Resident.relation != "head", Resident.id)
    ids = filtered(actor, Resident.select(Resident.id), filters, today)
    ids = [rid for (rid,) in ids.tuples()] if ids is not None else []
    total, tags = len(ids), manual_tags_of(ids)
    sensitive = actor.can("residents.sensitive")

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("居民 ئاھالە")
    fields = [f for f, _w in COLUMNS if f != "note"]
    extra = list(EXPORT_EXTRA if filters.moved_out is not False else EXPORT_EXTRA[:1])
    set_widths(ws, [w for f, w in COLUMNS if f != "note"] + [e[3] for e in extra])
    ws.sheet_view.rightToLeft = current_language() == "ug"
    ws.freeze_panes = "A3"
    stamp = _stamp(actor)
    ws.oddFooter.left.text = stamp.replace("&", "&&")
    ws.oddFooter.right.text = "&P / &N"
    ws.append([cell(ws, stamp, font=Font(italic=True, color="C00000"))])
    ws.append(header_cells(ws, [header_text(f) for f in fields] + [f"{zh}\n{ug}" for _f, zh, ug, _w in extra]))
    ug_col = fields.index("name_ug")
    rows = 0
    for (rid, _uuid, _hh, name_zh, name_ug, number, phone_number, sex, birth, relation, lang, moved, _on, _note,
         _version, _bu, b_zh, b_ug, unit, room, _gu, gcode, g_zh, g_ug) in query.iterator():
        own = [t for t in tags.get(rid, ()) if sensitive or t not in SENSITIVE_TAGS]
        values = {
            "grid": g_zh or g_ug or gcode, "building": b_zh or b_ug, "unit": unit, "room": room,
            "name_zh": name_zh, "name_ug": name_ug,
            "id_number": (number or "") if reveal else idcard.mask(number),
            "sex": bilingual(SEX_WORDS, sex) if sex in SEX_WORDS else "",
            "birth_date": birth.isoformat() if birth else "",
            "phone": (phone_number or "") if reveal else phone.mask(phone_number),
            "relation": _relation_text(relation), "preferred_lang": bilingual(LANGUAGE_WORDS, lang)
            if lang in LANGUAGE_WORDS else lang,
            "tags": "、".join(TAG_WORDS[t][0] for t in list(derived_tags(birth, today)) + sorted(own)),
        }
        out = [plain(ws, values[f]) for f in fields]
        if name_ug:
            out[ug_col] = cell(ws, name_ug, font=UYGHUR_FONT, alignment=UYGHUR_ALIGN)
        out.append(age_on(birth, today))
        if len(extra) > 1:
            out.append("是 / ھەئە" if moved else "")
        ws.append(out)
        rows += 1
        if rows % 2000 == 0:
            progress(rows, total)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    progress(rows, total)
    audit.record(actor, "export.residents", "resident", "", file=path.name, rows=rows, revealed=reveal,
                 filters={k: v for k, v in vars(filters).items() if v not in (None, "")})
    return ExportResult(str(path), rows, reveal)


__all__ = ["ExportResult", "export_residents", "write_template", "COLUMNS"]
