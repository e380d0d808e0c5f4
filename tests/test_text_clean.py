"""Hostile and messy text in names, addresses and notes: what is stored and shown is what a person
sees typed, with nothing hidden that reorders or disguises it."""

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.text_clean import (
    BIDI_CONTROLS,
    FSI,
    PDI,
    base_letters,
    char_script,
    clean_name,
    clean_text,
    is_rtl,
    isolate,
    normalize_digits,
    script_of,
)


def test_trojan_source_bidi_controls_are_removed():
    # "admin" displayed reversed by an override; isolates and marks hide further tricks
    hostile = "\u202eadmin\u202c \u2067ئابدۇللا\u2069\u200f \u2066x\u2069\u061c\u200e"
    cleaned = clean_text(hostile)
    assert cleaned == "admin ئابدۇللا x"
    assert not BIDI_CONTROLS & set(cleaned)


def test_control_characters_removed_and_whitespace_collapsed():
    assert clean_text("  王\x00建\x07国\t\t 同志 \x1b[31m ") == "王建国 同志 [31m"
    assert clean_text("a\u200bb\ufeffc\u00add") == "abcd"  # zero-width space, BOM, soft hyphen
    assert clean_text(None) == ""


def test_newlines_kept_only_in_multiline_fields():
    text = "第一行\r\n  第二行 \r\r\r\r第三行\n"
    assert clean_text(text) == "第一行 第二行 第三行"
    assert clean_text(text, multiline=True) == "第一行\n第二行\n\n第三行"


def test_presentation_forms_become_base_letters():
    pasted_from_pdf = "\ufee3\ufeea\ufbac\ufeea\ufedf\ufee0\ufeea"  # مەھەللە as joined glyphs
    assert clean_name(pasted_from_pdf) == "مەھەللە"
    assert clean_name("\ufe8b\ufe8e\ufe91\ufeaa\u06c7\ufedf\ufefc") == "ئابدۇللا"  # lam-alef ligature
    assert base_letters("\ufbe6\ufbe7\ufbe5") == "\u06d0\u06d0\u06d0"  # ې forms


def test_chinese_names_keep_their_punctuation():
    for name in ("阿依古丽·买买提", "王建国（社区主任）", "团结路８８号，３栋"):
        assert clean_name(name) == name  # not NFKC: full-width and the middle dot stay


def test_normalize_digits_for_numbers():
    assert normalize_digits("１３８ １２３４ ５６７８") == "13812345678"
    assert normalize_digits("６５０１０２１９９００１０１１２３ｘ") == "65010219900101123x"
    assert normalize_digits("٠٩٩١-١٢٣٤٥٦٧") == "0991-1234567"
    assert normalize_digits("\u202e0991\u202c") == "0991"


def test_script_of():
    assert script_of("王建国") == "han"
    assert script_of("ئابدۇللا") == "arabic"
    assert script_of("Abdulla 2024") == "latin"
    assert script_of("阿不都拉 / ئابدۇللا") == "mixed"
    assert script_of("2024-03-15") == "latin"
    assert char_script("，") == "han" and char_script("،") == "arabic" and char_script("5") == "common"


def test_isolate_wraps_other_direction_only():
    assert isolate("ئابدۇللا", rtl_context=False) == FSI + "ئابدۇللا" + PDI
    assert isolate("王建国", rtl_context=True) == FSI + "王建国" + PDI
    assert isolate("王建国", rtl_context=False) == "王建国"
    assert isolate("ئابدۇللا", rtl_context=True) == "ئابدۇللا"
    assert isolate("阿不都拉 / ئابدۇللا", rtl_context=False).startswith(FSI)
    assert isolate("0991-1234567") == "0991-1234567"  # nothing strong: no need
    assert isolate("\u202eabc") == FSI + "abc" + PDI
    assert is_rtl("  2024-يىلى") and not is_rtl("2024年")


@settings(max_examples=200, deadline=None)
@given(st.text(), st.booleans())
def test_clean_text_is_idempotent_and_leaves_no_controls(text, multiline):
    once = clean_text(text, multiline=multiline)
    assert clean_text(once, multiline=multiline) == once
    assert once == once.strip()
    for ch in once:
        assert ch not in BIDI_CONTROLS
        assert ch == "\n" and multiline or unicodedata.category(ch) not in ("Cc", "Cs")
        assert not "\ufb50" <= ch <= "\ufdff" and not "\ufe70" <= ch <= "\ufeff"
