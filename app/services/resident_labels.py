"""Words for residents' coded values: relations, sex, service tags, languages.

``*_LABELS`` are English msgids shown through ``_()``. ``*_WORDS`` are what people write in spreadsheets, in
Chinese, Uyghur and English, read leniently by the import; the first Chinese and Uyghur word of each code is
what the template and the export write (so an exported sheet imports again).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from app.db.models.people import MANUAL_TAGS, RELATIONS
from app.i18n import N_, _

RELATION_LABELS = {
    "head": N_("Head of household"), "spouse": N_("Spouse"), "child": N_("Child"), "parent": N_("Parent"),
    "grandchild": N_("Grandchild"), "grandparent": N_("Grandparent"), "sibling": N_("Sibling"),
    "other": N_("Other"),
}
SEX_LABELS = {"M": N_("Male"), "F": N_("Female")}
DERIVED_TAGS = ("elderly_60", "elderly_80", "child_under_3")
TAG_LABELS = {
    "elderly_60": N_("Elderly 60+"), "elderly_80": N_("Elderly 80+"), "child_under_3": N_("Child under 3"),
    "living_alone": N_("Living alone"), "disability": N_("Disability"), "subsistence": N_("Subsistence allowance"),
    "job_seeker": N_("Job seeker"), "veteran": N_("Veteran"), "hardship": N_("Hardship"),
}
# Shown only to roles with residents.sensitive (PIPL: health and financial hardship are sensitive).
SENSITIVE_TAGS = frozenset({"disability", "subsistence", "hardship"})
ALL_TAGS = DERIVED_TAGS + MANUAL_TAGS
LANGUAGE_CODES = ("zh", "ug", "en")

RELATION_WORDS = {
    "head": ("户主", "ئائىلە باشلىقى", "本人", "head"),
    "spouse": ("配偶", "جورىسى", "妻", "妻子", "夫", "丈夫", "爱人", "ئايالى", "ئېرى", "spouse", "wife", "husband"),
    "child": ("子女", "پەرزەنتى", "子", "女", "儿子", "女儿", "长子", "次子", "三子", "长女", "次女", "三女",
              "ئوغلى", "قىزى", "child", "son", "daughter"),
    "parent": ("父母", "ئاتا-ئانىسى", "父亲", "母亲", "父", "母", "ئاتىسى", "ئانىسى", "parent", "father", "mother"),
    "grandchild": ("孙子女", "نەۋرىسى", "孙子", "孙女", "外孙", "外孙女", "grandchild"),
    "grandparent": ("祖父母", "چوڭ ئاتا-ئانىسى", "祖父", "祖母", "外祖父", "外祖母", "爷爷", "奶奶",
                    "چوڭ ئاتىسى", "چوڭ ئانىسى", "grandparent"),
    "sibling": ("兄弟姐妹", "قېرىندىشى", "兄", "弟", "姐", "妹", "哥哥", "弟弟", "姐姐", "妹妹", "ئاكىسى",
                "ئىنىسى", "ئاچىسى", "سىڭلىسى", "sibling", "brother", "sister"),
    "other": ("其他", "باشقا", "儿媳", "女婿", "其他亲属", "other"),
}
SEX_WORDS = {"M": ("男", "ئەر", "m", "male", "男性"), "F": ("女", "ئايال", "f", "female", "女性")}
TAG_WORDS = {
    "living_alone": ("独居", "يالغۇز ياشايدىغان", "独居老人", "空巢", "living alone", "living_alone"),
    "disability": ("残疾", "مېيىپ", "残疾人", "残", "مېيىپلار", "disability"),
    "subsistence": ("低保", "ئەڭ تۆۋەن تۇرمۇش كاپالىتى", "低保户", "subsistence", "subsistence allowance"),
    "job_seeker": ("求职", "ئىش ئىزدىگۈچى", "失业", "待业", "就业困难", "job seeker", "job_seeker"),
    "veteran": ("退役军人", "قوشۇندىن چېكىنگەن ھەربىي", "退伍军人", "veteran"),
    "hardship": ("困难", "قىيىنچىلىقى بار", "困难户", "特困", "hardship"),
    # derived from the birth date: accepted in a sheet and ignored
    "elderly_60": ("60岁以上", "老年人", "ياشانغانلار", "elderly 60+"),
    "elderly_80": ("80岁以上", "高龄", "elderly 80+"),
    "child_under_3": ("3岁以下", "婴幼儿", "child under 3"),
}
LANGUAGE_WORDS = {
    "zh": ("中文", "خەنزۇچە", "汉语", "汉", "普通话", "chinese", "zh"),
    "ug": ("维吾尔文", "ئۇيغۇرچە", "维语", "维吾尔语", "维", "uyghur", "ug"),
    "en": ("英文", "ئىنگلىزچە", "english", "en"),
}

_KEY_DROP = re.compile(r"[\s\u00a0\u3000_*：:（）()\[\]【】]+")


def word_key(text: str) -> str:
    """The form words are compared in: NFKC, lower case, no spaces, brackets or colons."""
    return _KEY_DROP.sub("", unicodedata.normalize("NFKC", str(text))).lower()


def _lookup(words: dict[str, tuple[str, ...]]) -> dict[str, str]:
    table = {}
    for code, options in words.items():
        table[word_key(code)] = code
        for word in options:
            table.setdefault(word_key(word), code)
    return table


RELATION_LOOKUP = _lookup(RELATION_WORDS)
SEX_LOOKUP = _lookup(SEX_WORDS)
TAG_LOOKUP = _lookup(TAG_WORDS)
LANGUAGE_LOOKUP = _lookup(LANGUAGE_WORDS)
_SPLIT_BILINGUAL = re.compile(r"\s*[/／|｜\n]\s*")


_read_cache: dict[tuple[int, str], str | None] = {}


def read_code(lookup: dict[str, str], text: str) -> str | None:
    """The code for a word, also for a bilingual cell such as "户主 / ئائىلە باشلىقى" (cached: a sheet repeats
    the same few words thousands of times)."""
    key = (id(lookup), text)
    if key in _read_cache:
        return _read_cache[key]
    found = _read_code(lookup, text)
    if len(_read_cache) < 10_000:
        _read_cache[key] = found
    return found


def _read_code(lookup: dict[str, str], text: str) -> str | None:
    found = lookup.get(word_key(text))
    if found is None:
        for part in _SPLIT_BILINGUAL.split(str(text)):
            found = lookup.get(word_key(part)) if part else None
            if found:
                break
    return found


def bilingual(words: dict[str, tuple[str, ...]], code: str) -> str:
    """"户主 / ئائىلە باشلىقى": what the template's lists and the export write."""
    return f"{words[code][0]} / {words[code][1]}"


def relation_label(code: str) -> str:
    return _(RELATION_LABELS.get(code, RELATION_LABELS["other"]))


def sex_label(code: str) -> str:
    return _(SEX_LABELS[code]) if code in SEX_LABELS else ""


def tag_label(code: str) -> str:
    return _(TAG_LABELS[code]) if code in TAG_LABELS else code


def years_before(day: dt.date, years: int) -> dt.date:
    """The same calendar day ``years`` earlier (29 February → 28 February)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def age_on(birth: dt.date | None, today: dt.date) -> int | None:
    if birth is None:
        return None
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


def derived_tags(birth: dt.date | None, today: dt.date) -> tuple[str, ...]:
    age = age_on(birth, today)
    if age is None:
        return ()
    if age >= 80:
        return ("elderly_60", "elderly_80")
    if age >= 60:
        return ("elderly_60",)
    if age < 3:
        return ("child_under_3",)
    return ()


assert set(RELATION_WORDS) == set(RELATIONS) and set(TAG_WORDS) == set(ALL_TAGS)
