"""Catalogs complete: every user-visible string extracted, zh_CN and ug_CN 100 % translated, none fuzzy,
placeholders identical, Uyghur written in base letters with the glossary's terms."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ROOT / "locales"
PLACEHOLDER = re.compile(r"\{[a-z_0-9]*(?::[^}]*)?\}|%\(?[a-z_]*\)?[sdfr]")
PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")
HAN = re.compile("[\u4e00-\u9fff]")


def _catalog(code):
    with open(LOCALES / code / "LC_MESSAGES" / "baijia.po", "rb") as fh:
        return read_po(fh, locale=code)


def _messages(catalog):
    return [m for m in catalog if m.id]


def test_template_is_current_with_the_code(tmp_path):
    """Every _() string in app/, ui/ and main.py is in the template (run `make extract-messages`)."""
    pot = tmp_path / "fresh.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "-q", "extract", "-F", "babel.cfg", "-k", "_",
                    "-k", "N_", "-k", "ngettext:1,2", "-k", "pgettext:1c,2", "--no-location", "-o", str(pot),
                    "app", "ui", "main.py"], cwd=ROOT, check=True)
    with open(pot, "rb") as fh:
        fresh = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(fh) if m.id}
    for code in ("zh_CN", "ug_CN"):
        have = {m.id if isinstance(m.id, str) else m.id[0] for m in _messages(_catalog(code))}
        missing = sorted(fresh - have)
        assert not missing, f"{code} lacks {len(missing)} strings, e.g. {missing[:5]}"


@pytest.mark.parametrize("code", ["zh_CN", "ug_CN"])
def test_every_message_translated_and_not_fuzzy(code):
    catalog = _catalog(code)
    untranslated = [m.id for m in _messages(catalog)
                    if not m.string or (isinstance(m.string, tuple) and not all(m.string))]
    fuzzy = [m.id for m in _messages(catalog) if m.fuzzy]
    assert not untranslated, f"{len(untranslated)} untranslated in {code}, e.g. {untranslated[:5]}"
    assert not fuzzy, f"fuzzy in {code}: {fuzzy[:5]}"


@pytest.mark.parametrize("code", ["zh_CN", "ug_CN"])
def test_placeholders_match(code):
    for m in _messages(_catalog(code)):
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        wanted = sorted(set(PLACEHOLDER.findall(ids[-1])))
        for s in strings:
            assert sorted(set(PLACEHOLDER.findall(s))) == wanted, f"{code}: {m.id!r} → {s!r}"


def test_plural_forms():
    assert _catalog("zh_CN").num_plurals == 1
    assert _catalog("ug_CN").num_plurals == 2


def test_uyghur_uses_base_letters_and_no_chinese():
    for m in _messages(_catalog("ug_CN")):
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        for s in strings:
            assert not PRESENTATION_FORMS.search(s), m.id
            assert "\u06cc" not in s and "\u0647" not in s, f"Persian/Arabic letter in {s!r}"
            assert not HAN.search(s) or "中文" in s, f"Chinese inside Uyghur: {s!r}"


# The glossary's stems (suffixes change the last vowel: ئاھالە → ئاھالىلەر).
GLOSSARY_UG = {
    "Resident": "ئاھال", "Residents": "ئاھال", "Visits": "زىيارەت", "Demands": "ئىلتىماس",
    "Handbook": "قوللانما", "Settings": "تەڭشەك", "Save": "ساقلا", "Cancel": "ۋاز كەچ", "Search": "ئىزدە",
}


def test_glossary_terms_in_uyghur():
    catalog = _catalog("ug_CN")
    for msgid, term in GLOSSARY_UG.items():
        message = catalog.get(msgid)
        if message is not None:
            assert term in message.string, f"{msgid!r} should use {term!r}: {message.string!r}"
