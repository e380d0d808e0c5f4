"""``clean_fields`` for a whole sheet at once: the import validates 10,000 rows a column at a time.

Each column goes through the same one-field readers as the resident form (app.services.resident_validation),
once per distinct value where a sheet repeats them (sex, relation, tags, a family's Uyghur names); a column of
plain names is checked in one pass over the column. Then the rules between fields run row by row, in
the order of the form, so the errors come in the same order as ``clean_fields`` gives them (tests compare the
two on random rows).
"""

from __future__ import annotations

import datetime as dt
import re
from operator import attrgetter
from typing import Any, Callable, Iterable, Mapping, Sequence

from app.domain import idcard
from app.domain.search_forms import search_key
from app.i18n import _
from app.services.resident_labels import sex_label
from app.services.resident_validation import (_ARABIC_LETTER, _HAN_LETTER, _ID_PLAIN, FIELDS, MAX_LENGTH,
                                              NAME_CHARACTERS, FieldError, _fast_parse, _name_errors,
                                              clean_person_name, read_date, read_id_number, read_language,
                                              read_note, read_phone, read_relation, read_sex, read_tags)

_NOT_IN_PLAIN_NAMES = re.compile(f"[^{NAME_CHARACTERS} \\n]")  # a column of plain names, one a line


def _single(read: Callable, dated: bool = False) -> Callable:
    """A reader returning (value, error or None) as one returning (value, errors); ``dated``: it needs today."""
    def reader(raw: Any, today: dt.date) -> tuple[Any, tuple[FieldError, ...]]:
        value, error = read(raw, today) if dated else read(raw)
        return value, (error,) if error else ()
    return reader


def _read_name(field: str) -> Callable:
    def reader(raw: Any, today: dt.date) -> tuple[str, tuple[FieldError, ...]]:
        text = clean_person_name(raw)
        return text, tuple(_name_errors(field, text))
    return reader


def _read_tags(raw: Any, today: dt.date) -> tuple[tuple[str, ...], tuple[FieldError, ...]]:
    tags, errors = read_tags(raw)
    return tags, tuple(errors)


READERS = {"name_zh": _read_name("name_zh"), "name_ug": _read_name("name_ug"),
           "id_number": _single(read_id_number, dated=True), "sex": _single(read_sex),
           "birth_date": _single(read_date, dated=True), "phone": _single(read_phone),
           "relation": _single(read_relation), "preferred_lang": _single(read_language), "note": _single(read_note),
           "tags": _read_tags}
assert tuple(READERS) == FIELDS


def _read_column(field: str, raws: Sequence, today: dt.date) -> tuple[list, dict[int, tuple[FieldError, ...]]]:
    """READERS[field] over a column: (values, the errors of the rows that have some). A sheet repeats its values
    (sex, relation, tags, a household's names …): each distinct text is read once."""
    read = READERS[field]
    if field == "id_number":  # all different; the usual cell (18 ASCII characters, valid) takes the fast path
        cells = [(info, ()) if (type(raw) is str and _ID_PLAIN.fullmatch(raw)
                                and (info := _fast_parse(raw, today))) else read(raw, today) for raw in raws]
    elif field in ("name_zh", "name_ug") and _plain_names(field, raws):
        return list(raws), {}
    else:
        texts = {raw: read(raw, today) for raw in {raw for raw in raws if type(raw) is str}}
        cells = [texts[raw] if type(raw) is str else read(raw, today) for raw in raws]  # numbers, dates, None …
    return [value for value, _found in cells], {i: found for i, (_value, found) in enumerate(cells) if found}


def _plain_names(field: str, raws: Sequence) -> bool:
    """True when every cell of a name column is empty or a _PLAIN_NAME (kept as it is by clean_person_name) that
    _name_errors has nothing against — the usual column, checked all at once, one cell a line: only the plain
    characters, no line break inside a cell, spaces single and only between words."""
    if set(map(type, raws)) != {str}:
        return False
    text = "\n".join(raws)
    wrong_script = _ARABIC_LETTER if field == "name_zh" else _HAN_LETTER
    return (text.count("\n") == len(raws) - 1 and not _NOT_IN_PLAIN_NAMES.search(text)
            and "  " not in text and " \n" not in text and "\n " not in text
            and not text.startswith(" ") and not text.endswith(" ")
            and max(map(len, raws), default=0) <= MAX_LENGTH[field] and not wrong_script.search(text))


class _Missing:
    """A cell with no value: sex or birth date when the ID number gives none and the sheet has no such column."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING = _Missing()


def clean_columns(columns: Mapping[str, Sequence], today: dt.date | None = None
                  ) -> tuple[dict[str, list], dict[int, list[FieldError]]]:
    """``clean_fields`` for many rows at once (the import): ``columns[field][i]`` is row i's raw value. Returns
    (field → values, row → its errors, for the rows that have some). Field after field, in the order of the form:
    each column through its reader, then the rules between fields (a name is required; the ID number decides sex
    and birth date). Sex and birth date come with an ID number column; where neither it nor a column of their own
    gives them, the cell is MISSING (clean_fields leaves the key out)."""
    today = today or dt.date.today()
    present = [f for f in FIELDS if f in columns]
    count = len(columns[present[0]]) if present else 0
    out: dict[str, list] = {}
    errors: dict[int, list[FieldError]] = {}

    def note(row: int, found: Iterable[FieldError]) -> None:
        errors.setdefault(row, []).extend(found)

    def read(field: str) -> dict[int, tuple[FieldError, ...]]:
        out[field], found = _read_column(field, columns[field], today)
        for row, problems in found.items():
            note(row, problems)
        return found

    names = [f for f in ("name_zh", "name_ug") if f in columns]
    for field in names:
        read(field)
    if names:
        blank = [""] * count
        for row, (zh, ug) in enumerate(zip(out.get("name_zh", blank), out.get("name_ug", blank))):
            if not (zh or ug):
                note(row, [FieldError("name_zh", _("Enter the name in Chinese or in Uyghur."), "required")])
    infos: list[idcard.IdInfo | None] = [None] * count
    if "id_number" in columns:
        read("id_number")
        infos = out["id_number"]
        out["id_number"] = [info.number if info else None for info in infos]
    for field in ("sex", "birth_date"):
        of_id = attrgetter(field)  # IdInfo.sex, IdInfo.birth_date
        if field in columns:
            found = read(field)
            for row in [row for row, (info, value) in enumerate(zip(infos, out[field]))
                        if info and value and value != of_id(info)]:
                if row not in found:
                    note(row, [_contradicts_id(field, infos[row])])
        if "id_number" in columns:  # the ID number is the source of both
            own = out.get(field) or [MISSING] * count
            out[field] = [of_id(info) if info else value for info, value in zip(infos, own)]
    for field in ("phone", "relation", "preferred_lang", "note", "tags"):
        if field in columns:
            read(field)
    if names:
        blank = [""] * count
        out["search_key"] = [search_key(zh, ug) for zh, ug in zip(out.get("name_zh", blank),
                                                                   out.get("name_ug", blank))]
    return out, errors


def _contradicts_id(field: str, info: idcard.IdInfo) -> FieldError:
    if field == "sex":
        return FieldError("sex", _("The ID number says the sex is {sex}.").format(sex=sex_label(info.sex)),
                          "contradicts_id")
    return FieldError("birth_date", _("The ID number says the date of birth is {date}.").format(
        date=info.birth_date.isoformat()), "contradicts_id")


