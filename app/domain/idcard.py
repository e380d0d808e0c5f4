"""Chinese citizen ID numbers (GB 11643-1999) and the residence permits that share their format.

A number is 17 digits + a check character (mod 11 with the standard weights, 'X' for 10). Digits 1–6 are the
region code, 7–14 the birth date, 17 odd for men and even for women. Hong Kong/Macau/Taiwan residents' residence
permits start with 81/82/83; foreigners' permanent-residence ID cards (2023 format) start with 9.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import NamedTuple

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"
# Province-level codes (first two digits) in use, plus 81/82/83 (HK/Macau/Taiwan residence permits) and 9x.
PROVINCES = {
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41", "42", "43",
    "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65", "71", "81", "82", "83",
}
PERMIT_PREFIXES = {"81": "hk", "82": "mo", "83": "tw"}


class IdNumberError(ValueError):
    """``code`` names the problem for a translated message: format, region, birth_date, checksum."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


class IdInfo(NamedTuple):  # a named tuple: an import makes 10,000 of them (a frozen dataclass is 4× slower)
    number: str
    birth_date: dt.date
    sex: str  # "M" | "F"
    kind: str  # "citizen" | "hk" | "mo" | "tw" | "foreigner"
    region: str


def check_char(first17: str) -> str:
    total = sum(int(d) * w for d, w in zip(first17, WEIGHTS))
    return CHECK_CHARS[total % 11]


def normalize(raw: str) -> str:
    """Full-width digits → ASCII, spaces removed, lower-case x → X."""
    text = unicodedata.normalize("NFKC", str(raw)).strip().replace(" ", "").replace("-", "")
    return text.upper()


def parse(raw: str, today: dt.date | None = None) -> IdInfo:
    number = normalize(raw)
    if len(number) != 18 or not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
        raise IdNumberError("format")
    prefix = number[:2]
    if prefix[0] == "9":
        kind = "foreigner"
    elif prefix in PROVINCES:
        kind = PERMIT_PREFIXES.get(prefix, "citizen")
    else:
        raise IdNumberError("region")
    try:
        birth = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise IdNumberError("birth_date") from None
    today = today or dt.date.today()
    if birth > today or birth.year < 1890:
        raise IdNumberError("birth_date")
    if check_char(number[:17]) != number[17]:
        raise IdNumberError("checksum")
    sex = "M" if int(number[16]) % 2 else "F"
    return IdInfo(number, birth, sex, kind, number[:6])


def is_valid(raw: str) -> bool:
    try:
        parse(raw)
    except IdNumberError:
        return False
    return True


def make(region: str, birth: dt.date, sequence: int, sex: str) -> str:
    """Build a valid number (demo data, tests): ``sequence`` 0–99 then the sex digit, then the check char."""
    seq = f"{sequence % 100:02d}"
    sex_digit = (sequence // 100) % 5 * 2 + (1 if sex == "M" else 0)
    first17 = f"{region}{birth:%Y%m%d}{seq}{sex_digit}"
    return first17 + check_char(first17)


def mask(number: str | None) -> str:
    """650102********123X: region and the last four stay, the birth date and sequence are hidden."""
    if not number:
        return ""
    if len(number) <= 10:
        return "*" * len(number)
    return number[:6] + "*" * (len(number) - 10) + number[-4:]
