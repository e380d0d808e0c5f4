"""Phone numbers: mainland mobiles (1[3-9] + 9 digits) and Urumqi (0991) or other landlines."""

from __future__ import annotations

import re
import unicodedata

MOBILE = re.compile(r"^1[3-9]\d{9}$")
LANDLINE = re.compile(r"^0\d{2,3}\d{7,8}$")
LOCAL_LANDLINE = re.compile(r"^\d{7,8}$")


class PhoneError(ValueError):
    pass


def normalize(raw: str) -> str:
    """Strip +86/0086, spaces, dashes and brackets; full-width digits become ASCII. Raises PhoneError."""
    text = unicodedata.normalize("NFKC", str(raw)).strip()
    text = re.sub(r"[\s\-()（）]", "", text)
    if text.startswith("+86"):
        text = text[3:]
    elif text.startswith("0086"):
        text = text[4:]
    if MOBILE.match(text) or LANDLINE.match(text):
        return text
    if LOCAL_LANDLINE.match(text):
        return "0991" + text  # a bare 7–8 digit number in Urumqi is a 0991 landline
    raise PhoneError(raw)


def display(number: str) -> str:
    """0991-1234567 for landlines; mobiles stay in one piece."""
    if number.startswith("0991") and len(number) > 4:
        return f"0991-{number[4:]}"
    return number


def mask(number: str | None) -> str:
    """138****1234 for mobiles; landlines keep the area code and the last four digits."""
    if not number:
        return ""
    if MOBILE.match(number):
        return number[:3] + "****" + number[-4:]
    if len(number) > 8:
        area = 4 if number.startswith("0") else 3
        return number[:area] + "*" * (len(number) - area - 4) + number[-4:]
    return "*" * max(0, len(number) - 4) + number[-4:]
