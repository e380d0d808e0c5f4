"""The forms a resident's name is searched by: Chinese, pinyin (full and initials), Uyghur, Uyghur Latin.

Pinyin is looked up per character (cached), not per name: an import of 10,000 new names must stay within a few
hundred milliseconds, and pypinyin's phrase segmentation costs ~70 µs a name. Names are not phrases, so the
per-character reading is what a person types anyway; polyphonic surnames get their surname reading (单 shan,
曾 zeng, 解 xie …) and keep the everyday one as a second form, so both find the person. A name's forms are
cached too (an import is checked twice: its dry run, then the import the user accepted).
"""

from __future__ import annotations

from functools import lru_cache

SEPARATOR = "\n"  # never inside a query, so a LIKE match cannot straddle two forms

# Surname readings of characters whose first dictionary reading is another one.
SURNAME_READINGS = {
    "单": "shan", "曾": "zeng", "解": "xie", "仇": "qiu", "朴": "piao", "区": "ou", "查": "zha", "盖": "ge",
    "乐": "yue", "覃": "qin", "翟": "zhai", "缪": "miao", "尉": "yu", "万": "wan", "长": "chang", "重": "chong",
    "召": "shao", "员": "yun", "繁": "po", "句": "gou", "折": "she", "祭": "zhai", "隗": "wei", "秘": "bi",
    "种": "chong", "过": "guo", "沈": "shen", "葛": "ge", "柏": "bai", "薄": "bo", "贲": "ben", "宓": "mi",
}
_FOLD = str.maketrans({"é": "e", "ö": "o", "ü": "u"})
_NAME_DOTS = str.maketrans("", "", "·•・‧")
_char_cache: dict[str, str] = {}
_word_cache: dict[str, str] = {}


def _is_han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def _char_pinyin(ch: str) -> str:
    reading = _char_cache.get(ch)
    if reading is None:
        from pypinyin import Style, lazy_pinyin

        found = lazy_pinyin(ch, style=Style.NORMAL, errors="ignore")
        reading = _char_cache[ch] = (found[0] if found else "").lower()
    return reading


def _pinyin_forms(name_zh: str) -> tuple[str, ...]:
    """(full, initials) and, for a polyphonic surname, (full, initials) with the everyday reading as well."""
    han = [ch for ch in name_zh if _is_han(ch)]
    if not han:
        return ()
    readings = [_char_pinyin(ch) for ch in han]
    forms = ["".join(readings), "".join(r[0] for r in readings if r)]
    surname = SURNAME_READINGS.get(han[0]) if len(han) > 1 else None
    if surname and surname != readings[0]:
        everyday = forms
        readings[0] = surname
        forms = ["".join(readings), "".join(r[0] for r in readings if r)]
        forms += [f for f in everyday if f not in forms]
    return tuple(forms)


def _latin_word(word: str) -> str:
    """One word in ULY; Uyghur names share their words (given names, fathers' names), so they are cached."""
    latin = _word_cache.get(word)
    if latin is None:
        from app.domain.translit import to_latin

        latin = to_latin(word).lower()
        if len(_word_cache) < 100_000:
            _word_cache[word] = latin
    return latin


@lru_cache(maxsize=65536)
def _latin_forms(name_ug: str) -> tuple[str, ...]:
    """ULY as written, without apostrophes, and without é ö ü (what a keyboard without them gives)."""
    latin = " ".join(_latin_word(word) for word in name_ug.split(" "))
    forms = [name_ug, latin]
    for extra in (latin.replace("'", ""), latin.replace("'", "").translate(_FOLD)):
        if extra not in forms:
            forms.append(extra)
    return tuple(f for f in forms if f)


@lru_cache(maxsize=65536)
def _chinese_forms(name_zh: str) -> tuple[str, ...]:
    """The name as written (lower case), without the middle dot, and its pinyin forms."""
    forms = [name_zh.lower()]
    plain = name_zh.translate(_NAME_DOTS)
    if plain != name_zh:  # 阿不都拉·买买提 is typed without the dot as often as with it
        forms.append(plain.lower())
    return tuple(f for f in (*forms, *_pinyin_forms(name_zh)) if f)


def search_key(name_zh: str, name_ug: str) -> str:
    forms = _chinese_forms(name_zh) if name_zh else ()
    if name_ug:
        forms += _latin_forms(name_ug)
    return SEPARATOR.join(forms)


def query_form(text: str) -> str:
    return " ".join(text.split()).lower()
