"""Dates and numbers in the user's language, always through Babel's locale data (never hand-built)."""

from __future__ import annotations

import datetime as dt

from babel import dates as babel_dates
from babel import numbers as babel_numbers

from app.i18n import babel_locale


def format_date(value: dt.date | None, fmt: str = "medium", lang: str | None = None) -> str:
    if value is None:
        return ""
    return babel_dates.format_date(value, format=fmt, locale=babel_locale(lang))


def format_datetime(value: dt.datetime | None, fmt: str = "medium", lang: str | None = None) -> str:
    if value is None:
        return ""
    return babel_dates.format_datetime(value, format=fmt, locale=babel_locale(lang))


def format_weekday(value: dt.date, width: str = "wide", lang: str | None = None) -> str:
    return babel_dates.format_date(value, format="EEEE" if width == "wide" else "EEE", locale=babel_locale(lang))


def format_number(value: int | float, lang: str | None = None) -> str:
    return babel_numbers.format_decimal(value, locale=babel_locale(lang))


def format_percent(value: float, lang: str | None = None) -> str:
    return babel_numbers.format_percent(value, format="#,##0.0%", locale=babel_locale(lang))
