"""The forms a resident's name is searched by: Chinese, pinyin (full and initials), Uyghur, Uyghur Latin."""

from __future__ import annotations

from functools import lru_cache

SEPARATOR = "\n"  # never inside a query, so a LIKE match cannot straddle two forms


@lru_cache(maxsize=65536)
def _pinyin_forms(name_zh: str) -> tuple[str, str]:
    from pypinyin import Style, lazy_pinyin

    han = "".join(ch for ch in name_zh if "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff")
    if not han:
        return "", ""
    full = lazy_pinyin(han, style=Style.NORMAL, errors="ignore")
    return "".join(full).lower(), "".join(p[0] for p in full if p).lower()


@lru_cache(maxsize=65536)
def _latin_form(name_ug: str) -> str:
    from app.domain.translit import to_latin

    return to_latin(name_ug).lower()


def search_key(name_zh: str, name_ug: str) -> str:
    parts = []
    if name_zh:
        full, initials = _pinyin_forms(name_zh)
        parts += [name_zh.lower(), full, initials]
    if name_ug:
        latin = _latin_form(name_ug)
        parts += [name_ug, latin, latin.replace("'", "")]
    return SEPARATOR.join(p for p in parts if p)


def query_form(text: str) -> str:
    return " ".join(text.split()).lower()
