"""Understand the residents sheets offices really keep: find the header row (not always the first: titles,
merged cells and notes come before it), map its columns by the many ways people name them in Chinese, Uyghur
and English, skip blank, repeated-header and example rows, and turn each row into a dict of raw fields.

Columns for things Baijia must not record (民族 ethnicity, 政治面貌, 宗教 …) are never read.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Sequence

from app.domain.text_clean import normalize_digits
from app.services.resident_labels import word_key

HEADER_SCAN_ROWS = 30
# field → words (the first Chinese and the first Uyghur word are the template's headers)
HEADER_WORDS = {
    "grid": ("网格", "تور", "所属网格", "网格名称", "网格编号", "网格号", "grid"),
    "building": ("楼栋/巷道", "بىنا / تار كوچا", "楼栋", "楼号", "楼栋号", "楼宇", "巷道", "楼", "小区楼栋", "بىنا",
                 "building"),
    "unit": ("单元", "ئىشىك", "单元号", "entrance", "unit"),
    "room": ("房号", "ئۆي نومۇرى", "门牌号", "房间号", "室", "门牌", "房屋号", "room"),
    "address": ("地址", "ئادرېس", "住址", "家庭住址", "现住址", "居住地址", "address"),
    "name_zh": ("姓名", "خەنزۇچە ئىسمى", "名字", "居民姓名", "中文姓名", "汉文姓名", "姓名中文", "人员姓名", "成员姓名",
                "ئىسمى", "ئىسىم", "ئىسىم-فامىلىسى", "name", "namezh", "name chinese"),
    "name_ug": ("维吾尔文姓名", "ئۇيغۇرچە ئىسمى", "维文姓名", "维语姓名", "维吾尔语姓名", "姓名维文", "姓名维吾尔文",
                "ئۇيغۇرچە ئىسىم", "nameug", "name uyghur", "uyghur name"),
    "id_number": ("身份证号", "كىملىك نومۇرى", "身份证号码", "公民身份号码", "公民身份证号码", "居民身份证号码", "身份证",
                  "证件号码", "证件号", "身份号码", "id number", "id"),
    "sex": ("性别", "جىنسى", "sex", "gender"),
    "birth_date": ("出生日期", "تۇغۇلغان ۋاقتى", "出生年月", "出生年月日", "生日", "تۇغۇلغان كۈنى", "date of birth",
                   "birth date"),
    "phone": ("联系电话", "تېلېفون", "电话", "手机号", "手机", "手机号码", "电话号码", "联系方式", "تېلېفون نومۇرى",
              "phone", "mobile"),
    "relation": ("与户主关系", "ئائىلە باشلىقى بىلەن مۇناسىۋىتى", "与户主的关系", "户主关系", "关系", "مۇناسىۋىتى",
                 "relation", "relation to head"),
    "preferred_lang": ("常用语言", "تىل", "语言", "language"),
    "tags": ("服务标签", "بەلگە", "标签", "人员类别", "特殊人群", "类别", "مۇلازىمەت بەلگىسى", "tags"),
    "note": ("备注", "ئىزاھ", "note"),
    # read so that they are recognised as headers, never stored
    "_ignored": ("序号", "编号", "年龄", "民族", "政治面貌", "宗教", "宗教信仰", "户籍地", "no", "age", "ethnicity"),
}
_NAME_HEADERS = frozenset(w for f in ("name_zh", "name_ug") for w in HEADER_WORDS[f]) | frozenset(
    w.upper() for f in ("name_zh", "name_ug") for w in HEADER_WORDS[f])
_LOOKUP: dict[str, str] = {}
for _field, _words in HEADER_WORDS.items():
    for _word in _words:
        _LOOKUP.setdefault(word_key(_word), _field)
_DECORATED = re.compile(r"[/／|｜\n（(【\[]")
_BRACKETED = re.compile(r"[（(【\[].*?[)）】\]]")
_PARTS = re.compile(r"\s*[/／|｜\n]\s*")
_EXAMPLE = re.compile(r"^\s*(示例|例[:：]|مىسال|example)", re.IGNORECASE)
_ADDRESS = re.compile(r"^(?P<b>.*?)(?:(?P<u>\d+)\s*单元)?\s*(?:(?P<r>\d+[A-Za-z]?)\s*(?:室|号)?)?$")
_DASHED = re.compile(r"^(\d+)\s*-\s*(\d+)\s*-\s*(\d+[A-Za-z]?)$")


def header_field(text) -> str | None:
    """The field a header cell names ("身份证号码（必填）", "姓名 / خەنزۇچە ئىسمى", "手机号*"), or None."""
    if not isinstance(text, str) or not text.strip() or len(text) > 80:
        return None
    found = _LOOKUP.get(word_key(text))
    if found or not _DECORATED.search(text):
        return found
    for part in [text, *_PARTS.split(text)]:
        for candidate in (part, _BRACKETED.sub("", part)):
            found = _LOOKUP.get(word_key(candidate)) if candidate.strip() else None
            if found:
                return found
    return None


@dataclass
class Layout:
    header_row: int  # index into the rows (spreadsheet row header_row + 1)
    columns: dict[str, list[int]]  # field → column indexes, first non-empty wins
    headers: dict[int, str]  # column → header text, for the error report
    ignored: list[str] = field(default_factory=list)  # header texts not read

    @cached_property
    def plan(self) -> list[tuple[str, list[int]]]:
        return list(self.columns.items())

    @cached_property
    def name_columns(self) -> list[int]:
        return self.columns.get("name_zh", []) + self.columns.get("name_ug", [])


def find_layout(rows: list[list]) -> Layout | None:
    best = None
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        fields = [header_field(cell) for cell in row]
        named = {f for f in fields if f}
        if not ({"name_zh", "name_ug"} & named) or len(named - {"_ignored"}) < 2:
            continue
        if best is None or len(named) > best[0]:
            best = (len(named), index, fields)
    if best is None:
        return None
    _count, index, fields = best
    columns: dict[str, list[int]] = {}
    headers, ignored = {}, []
    for col, (f, cell) in enumerate(zip(fields, rows[index])):
        text = str(cell).strip() if cell not in (None, "") else ""
        headers[col] = text
        if f and f != "_ignored":
            columns.setdefault(f, []).append(col)
        elif text:
            ignored.append(text)
    return Layout(index, columns, headers, ignored)


def fill_merged(rows: list[list], merged, first_data_row: int) -> None:
    """Cells merged over several data rows (a household's address over its members) repeat their value."""
    for (r0, c0), (r1, c1) in merged:
        if r1 < first_data_row or r0 >= len(rows) or (r0 == r1 and c0 == c1):
            continue
        value = rows[r0][c0] if c0 < len(rows[r0]) else ""
        for r in range(max(r0, first_data_row), min(r1, len(rows) - 1) + 1):
            row = rows[r]
            for c in range(c0, c1 + 1):
                if c < len(row) and row[c] in (None, ""):
                    row[c] = value


def is_blank(row: list) -> bool:
    for cell in row:  # a loop, not all(): it usually stops at the first cell, and runs for every row
        if cell is not None and (not isinstance(cell, str) or cell.strip()):
            return False
    return True


def is_header_again(row: list, layout: Layout) -> bool:
    """A second header row (Uyghur under Chinese) or a header repeated on every printed page: its name
    column holds a column name. (Runs for every row of a large sheet: a set lookup, the full reading only for
    short cells that look decorated.)"""
    for c in layout.name_columns:
        cell = row[c] if c < len(row) else None
        if not isinstance(cell, str) or not cell:
            continue
        text = cell.strip()
        if text in _NAME_HEADERS or text == layout.headers.get(c):
            return True
        if len(text) <= 40 and _DECORATED.search(text) and header_field(text) in ("name_zh", "name_ug"):
            return True
    return False


def header_rows(rows: list[list], indexes: list[int], layout: Layout) -> set[int]:
    """Which of ``rows[indexes]`` repeat the header (is_header_again). A name column in which no cell is a column
    name or could be a decorated one ("姓名（必填）") is cleared all at once; the others are read row by row."""
    found: set[int] = set()
    for c in layout.name_columns:
        texts = {row[c].strip() if c < len(row) and isinstance(row[c], str) else ""
                 for row in map(rows.__getitem__, indexes)}
        if not (_NAME_HEADERS.intersection(texts) or layout.headers.get(c) in texts
                or _DECORATED.search("\0".join(texts))):
            continue
        found.update(i for i in indexes if is_header_again(rows[i], layout))
    return found


def is_example(row: list, layout: Layout) -> bool:
    cells = [row[c] for c in layout.columns.get("name_zh", []) + layout.columns.get("name_ug", []) if c < len(row)]
    cells += row[:2]
    return any(isinstance(c, str) and _EXAMPLE.match(c) for c in cells)


def text_of(value) -> str:
    """A cell as text: 301.0 → "301", dates as ISO, strings stripped."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    return str(value).strip()


def split_address(text: str) -> tuple[str, str, str]:
    """"3号楼2单元301" → ("3号楼", "2", "301"); "3-2-301" → ("3号楼", "2", "301"); else (text, "", "")."""
    text = normalize_digits(text)
    dashed = _DASHED.match(text)
    if dashed:
        return f"{dashed.group(1)}号楼", dashed.group(2), dashed.group(3)
    match = _ADDRESS.match(text)
    if match and match.group("b") and (match.group("u") or match.group("r")):
        return match.group("b").strip(), match.group("u") or "", match.group("r") or ""
    return text, "", ""


_TEXT_FIELDS = frozenset({"name_zh", "name_ug", "relation", "note", "tags", "sex", "preferred_lang"})
PLACE_FIELDS = ("grid", "building", "unit", "room")


def _column(rows: list[list], columns: list[tuple], cols: list[int]) -> Sequence:
    """The cells of a field over ``rows``: the first of its columns that is not empty. ``columns`` holds the
    columns every row has (``zip(*rows)``)."""
    if len(cols) == 1 and cols[0] < len(columns):
        return columns[cols[0]]
    out = []
    for row in rows:
        value = None
        for c in cols:
            if c < len(row):
                value = row[c]
                if value is not None and value != "":
                    break
        out.append(value)
    return out


def sheet_columns(rows: list[list], layout: Layout) -> tuple[dict[str, list], list[tuple[str, str, str, str]]]:
    """The data ``rows`` read a column at a time: (person fields → raw cell values, strings stripped and text
    fields as text; each row's (grid, building, unit, room) as text, the separate columns winning over a split
    address column where both are filled)."""
    person: dict[str, list] = {}
    place: dict[str, list] = {}
    columns = list(zip(*rows))  # column-major: one pass over the rows instead of one per field
    for f, cols in layout.plan:
        cells = _column(rows, columns, cols)
        if f in PLACE_FIELDS or f == "address":
            place[f] = [v.strip() if type(v) is str else text_of(v) for v in cells]
        elif f in _TEXT_FIELDS:
            person[f] = [v.strip() if type(v) is str else None if v is None else text_of(v) for v in cells]
        else:
            person[f] = [v.strip() if type(v) is str else v for v in cells]
    blank = [""] * len(rows)
    parts = [place.get(f, blank) for f in PLACE_FIELDS]
    if "address" in place:
        parts = [list(p) for p in parts]
        for i, address in enumerate(place["address"]):
            if address:
                for part, found in zip(parts, split_address(address)):
                    part[i] = part[i] or found
    return person, list(zip(*parts))
