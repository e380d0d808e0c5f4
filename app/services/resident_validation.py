"""Validation of a resident's fields, shared by the edit form (as the user types), the services and the import.

``validate_resident(fields)`` → ``[FieldError(field, message)]``: the GUI calls it on every change.
``clean_fields(fields)`` → (values ready to store, errors): the services use it; it does no database work. The
import validates 10,000 rows with the same readers a column at a time (app.services.resident_columns, of which
``clean_fields`` is the one-row case); duplicates are checked in bulk by the caller.
Messages are translated when made (English msgids).
"""

from __future__ import annotations

import datetime as dt
import operator
import re
from dataclasses import dataclass
from typing import Any, Iterable, Mapping

from app.db.models.people import MANUAL_TAGS, RELATIONS
from app.domain import idcard, phone
from app.domain.idcard import IdNumberError
from app.errors import BaijiaError
from app.domain.text_clean import clean_name, clean_text, normalize_digits
from app.i18n import _
from app.services.resident_labels import (DERIVED_TAGS, LANGUAGE_CODES, LANGUAGE_LOOKUP, RELATION_LOOKUP,
                                          SEX_LOOKUP, TAG_LOOKUP, read_code)

FIELDS = ("name_zh", "name_ug", "id_number", "sex", "birth_date", "phone", "relation", "preferred_lang", "note",
          "tags")
MAX_LENGTH = {"name_zh": 100, "name_ug": 200, "note": 2000}
# Text that clean_text() returns unchanged: checking this first keeps the import fast.
NAME_CHARACTERS = r"\u3400-\u4dbf\u4e00-\u9fff\u0621-\u064a\u066e-\u06d5A-Za-z0-9·.'\-"  # (a regex class)
_PLAIN_NAME = re.compile(f"[{NAME_CHARACTERS}]+(?: [{NAME_CHARACTERS}]+)*")
_ID_PLAIN = re.compile(r"[0-9]{17}[0-9X]")  # ASCII only: \d would let full-width digits skip normalising
_ID_WEIGHT_OFFSET = 48 * sum(idcard.WEIGHTS)  # ASCII '0' is 48
_CITIZEN_PREFIXES = frozenset(idcard.PROVINCES) - frozenset(idcard.PERMIT_PREFIXES)
# module names bound once: _fast_parse runs 10,000 times an import
_mul, _WEIGHTS, _CHECK_CHARS, _date, _IdInfo = operator.mul, idcard.WEIGHTS, idcard.CHECK_CHARS, dt.date, idcard.IdInfo
_MOBILE_PLAIN = re.compile(r"1[3-9][0-9]{9}")  # [0-9], not \d: other digits must be normalised first
_LANDLINE_PLAIN = re.compile(r"(0[0-9]{2,3})-?([0-9]{7,8})")
_ARABIC_LETTER = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_HAN_LETTER = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_SCIENTIFIC = re.compile(r"^[+-]?\d+(?:\.\d+)?[eE][+-]?\d+$")
_TRAILING_ZERO_DECIMAL = re.compile(r"^(\d+)\.0+$")
_DATE_TEXT = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_TAG_SPLIT = re.compile(r"\s*[,，、;；/\n]\s*")
_PHONE_SPLIT = re.compile(r"[,，、;；/]|\s{2,}")
ID_MESSAGES = {
    "format": lambda: _("An ID number has 18 characters: 17 digits, then a digit or X."),
    "region": lambda: _("The ID number does not start with a known region code."),
    "birth_date": lambda: _("The birth date inside the ID number is not a real date."),
    "checksum": lambda: _("The ID number's last character does not match the others: a digit is mistyped."),
    "old15": lambda: _("This is an old 15-digit ID number; enter the 18-digit number."),
    "masked": lambda: _("This ID number is masked (*); enter the whole number."),
    "precision": lambda: _("The ID number was stored as a number, and spreadsheets keep only 15 digits: the last "
                           "digits are lost ({value}). Format the column as text and enter the number again."),
}


@dataclass(frozen=True)
class FieldError:
    field: str
    message: str
    code: str = ""
    existing_uuid: str | None = None  # duplicate ID number: the person already registered


class ResidentValidationError(BaijiaError, ValueError):
    """One or more fields are wrong; ``errors`` says which, for the form."""

    def __init__(self, errors: list[FieldError]):
        super().__init__(" ".join(e.message for e in errors))
        self.errors = errors


def clean_person_name(value: Any) -> str:
    text = "" if value is None else str(value)
    if _PLAIN_NAME.fullmatch(text):
        return text
    return clean_name(text)


def id_error(code: str, value: str = "") -> FieldError:
    return FieldError("id_number", ID_MESSAGES[code]().format(value=value), code)


def _fast_parse(text: str, today: dt.date) -> idcard.IdInfo | None:
    """idcard.parse for the common case (18 ASCII characters, a citizen, valid), ~10× faster for a 10,000-row
    import; None sends the number to idcard.parse, which names the problem. Tests check both agree."""
    if text[:2] not in _CITIZEN_PREFIXES:
        return None
    total = sum(map(_mul, text[:17].encode(), _WEIGHTS)) - _ID_WEIGHT_OFFSET
    if _CHECK_CHARS[total % 11] != text[17]:
        return None
    try:
        birth = _date(int(text[6:10]), int(text[10:12]), int(text[12:14]))
    except ValueError:
        return None
    if birth > today or birth.year < 1890:
        return None
    return _IdInfo(text, birth, "M" if text[16] in "13579" else "F", "citizen", text[:6])


def read_id_number(value: Any, today: dt.date) -> tuple[idcard.IdInfo | None, FieldError | None]:
    """An ID number typed, pasted, or read from a spreadsheet cell (text, integer or float)."""
    if value is None or value == "":
        return None, None
    if isinstance(value, bool):
        return None, id_error("format")
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 2 ** 53 and len(str(int(value))) < 16:
            value = str(int(value))
        else:
            return None, id_error("precision", f"{value:.15g}")
    elif isinstance(value, int):
        value = str(value)
    text = str(value)
    if _ID_PLAIN.fullmatch(text):
        info = _fast_parse(text, today)
        if info is not None:
            return info, None
    else:
        text = normalize_digits(text).upper()
        zeros = _TRAILING_ZERO_DECIMAL.match(text)
        if zeros:
            text = zeros.group(1)
        if _SCIENTIFIC.match(text):
            return None, id_error("precision", text)
        if "*" in text:
            return None, id_error("masked")
        if len(text) == 15 and text.isdigit():
            return None, id_error("old15")
    try:
        return idcard.parse(text, today=today), None
    except IdNumberError as exc:
        return None, id_error(exc.code if exc.code in ID_MESSAGES else "format")


def read_phone(value: Any) -> tuple[str, FieldError | None]:
    if value is None or value == "":
        return "", None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value)
    if _MOBILE_PLAIN.fullmatch(text):
        return text, None
    landline = _LANDLINE_PLAIN.fullmatch(text)
    if landline:
        return landline.group(1) + landline.group(2), None
    text = normalize_digits(text)
    if "*" in text:
        return "", FieldError("phone", _("This phone number is masked (*); enter the whole number."), "masked")
    if len([p for p in _PHONE_SPLIT.split(text) if p.strip()]) > 1:
        return "", FieldError("phone", _("Enter one phone number; write any other in the note."), "several")
    try:
        return phone.normalize(text), None
    except phone.PhoneError:
        return "", FieldError("phone", _("Enter a mobile number (11 digits starting with 1) or a landline "
                                         "such as 0991-1234567."), "format")


def read_date(value: Any, today: dt.date) -> tuple[dt.date | None, FieldError | None]:
    if value is None or value == "":
        return None, None
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    elif isinstance(value, (int, float)) and not isinstance(value, bool) and 1 <= value < 2958466:
        day = dt.date(1899, 12, 30) + dt.timedelta(days=int(value))  # a spreadsheet date serial number
    else:
        text = normalize_digits(str(value))
        match = _DATE_TEXT.match(text) or (re.fullmatch(r"(\d{4})(\d{2})(\d{2})", text))
        try:
            day = dt.date(*(int(g) for g in match.groups())) if match else None
        except ValueError:
            day = None
        if day is None:
            return None, FieldError("birth_date", _("Write the date of birth as 1990-03-15."), "format")
    if day > today:
        return None, FieldError("birth_date", _("The date of birth is in the future."), "future")
    if day.year < 1890:
        return None, FieldError("birth_date", _("The date of birth is too long ago."), "past")
    return day, None


def read_tags(value: Any) -> tuple[tuple[str, ...], list[FieldError]]:
    """Manual tag codes from codes, labels or a cell such as "独居、低保"; age tags are ignored (derived)."""
    if value is None or value == "":
        return (), []
    parts = list(value) if isinstance(value, (list, tuple, set, frozenset)) else _TAG_SPLIT.split(str(value))
    tags: list[str] = []
    errors = []
    for part in parts:
        part = str(part).strip()
        if not part:
            continue
        code = part if part in MANUAL_TAGS else read_code(TAG_LOOKUP, part)
        if code is None:
            errors.append(FieldError("tags", _("Unknown service tag: {tag}.").format(tag=part), "unknown"))
        elif code not in DERIVED_TAGS and code not in tags:
            tags.append(code)
    return tuple(sorted(tags)), errors


def _name_errors(field: str, text: str) -> list[FieldError]:
    errors = []
    if len(text) > MAX_LENGTH[field]:
        errors.append(FieldError(field, _("The name is too long (at most {n} characters).").format(
            n=MAX_LENGTH[field]), "too_long"))
    if field == "name_zh" and _ARABIC_LETTER.search(text):
        errors.append(FieldError(field, _("Uyghur letters belong in the Uyghur name."), "script"))
    if field == "name_ug" and _HAN_LETTER.search(text):
        errors.append(FieldError(field, _("Chinese characters belong in the Chinese name."), "script"))
    return errors


# --- coded fields: raw value → (stored value, error or None); the import reads whole columns through these readers

def read_sex(raw: Any) -> tuple[str, FieldError | None]:
    sex = "" if raw in (None, "") else (raw if raw in ("M", "F") else read_code(SEX_LOOKUP, raw))
    return ("", FieldError("sex", _("Sex is male or female."), "format")) if sex is None else (sex, None)


def read_relation(raw: Any) -> tuple[str, FieldError | None]:
    relation = "other" if raw in (None, "") else (raw if raw in RELATIONS else read_code(RELATION_LOOKUP, raw))
    if relation is None:
        return "other", FieldError("relation", _("Unknown relation to the head of household: {value}.").format(
            value=raw), "unknown")
    return relation, None


def read_language(raw: Any) -> tuple[str, FieldError | None]:
    lang = "zh" if raw in (None, "") else (raw if raw in LANGUAGE_CODES else read_code(LANGUAGE_LOOKUP, raw))
    if lang is None:
        return "zh", FieldError("preferred_lang", _("Unknown language: {value}.").format(value=raw), "unknown")
    return lang, None


def read_note(raw: Any) -> tuple[str, FieldError | None]:
    note = clean_text(str(raw), multiline=True) if raw not in (None, "") else ""
    if len(note) > MAX_LENGTH["note"]:
        return note, FieldError("note", _("The note is too long (at most {n} characters).").format(
            n=MAX_LENGTH["note"]), "too_long")
    return note, None


def clean_fields(fields: Mapping[str, Any], today: dt.date | None = None) -> tuple[dict, list[FieldError]]:
    """Normalise the fields present in ``fields``; return (model values, errors).

    The values carry ``search_key`` when a name is present, ``tags`` as a tuple of manual tag codes, and the
    birth date and sex derived from the ID number where it has them. (One row of ``clean_columns``.)
    """
    from app.services.resident_columns import MISSING, clean_columns

    values, errors = clean_columns({f: (fields[f],) for f in FIELDS if f in fields}, today)
    return {f: column[0] for f, column in values.items() if column[0] is not MISSING}, errors.get(0, [])


def duplicate_error(existing_uuid: str, name: str, masked: str) -> FieldError:
    return FieldError("id_number", _("This ID number is already registered for {name} ({number}).").format(
        name=name, number=masked), "duplicate", existing_uuid)


def find_duplicate(id_number: str | None, exclude_uuid: str | None = None) -> FieldError | None:
    """The FieldError naming the person who already has ``id_number`` (moved-out people included)."""
    if not id_number:
        return None
    from app.db.models import Resident

    query = Resident.select(Resident.uuid, Resident.name_zh, Resident.name_ug, Resident.id_number).where(
        Resident.id_number == id_number)
    if exclude_uuid:
        query = query.where(Resident.uuid != exclude_uuid)
    other = query.first()
    if other is None:
        return None
    return duplicate_error(str(other.uuid), other.name_zh or other.name_ug, idcard.mask(other.id_number))


def validate_resident(fields: Mapping[str, Any], exclude_uuid: str | None = None,
                      check_duplicate: bool = True, today: dt.date | None = None) -> list[FieldError]:
    """Errors for the fields present (the form calls this as the user types). With a database open and
    ``check_duplicate``, an ID number someone else already has is an error that names them."""
    values, errors = clean_fields(fields, today)
    if check_duplicate and values.get("id_number") and not any(e.field == "id_number" for e in errors):
        duplicate = find_duplicate(values["id_number"], exclude_uuid)
        if duplicate:
            errors.append(duplicate)
    return errors


def require_valid(errors: Iterable[FieldError]) -> None:
    errors = list(errors)
    if errors:
        raise ResidentValidationError(errors)
