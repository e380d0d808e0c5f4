"""Field validation as the form calls it while the user types: ID numbers, phones, names, sex and birth date."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain import idcard, phone
from app.i18n import set_language
from app.services.resident_validation import (_fast_parse, clean_fields, read_id_number, read_phone,
                                              validate_resident)
from tests.residents_fixtures import TODAY, number

births = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2025, 12, 31))
regions = st.sampled_from(["650102", "650103", "650104", "110105", "810000", "830000", "930000"])


@settings(max_examples=300)
@given(regions, births, st.integers(0, 499), st.sampled_from("MF"), st.integers(-1, 17), st.integers(0, 10))
def test_the_fast_id_path_agrees_with_idcard_parse(region, birth, seq, sex, pos, change):
    """The import's fast path must accept exactly what idcard.parse accepts, with the same birth date and sex."""
    text = idcard.make(region, birth, seq, sex)
    if pos >= 0:  # a typo somewhere (or the same digit: still valid)
        replacement = "X" if change == 10 else str(change)
        text = text[:pos] + replacement + text[pos + 1:]
    try:
        expected = idcard.parse(text, today=TODAY)
    except idcard.IdNumberError:
        expected = None
    info, error = read_id_number(text, TODAY)
    assert (info is None) == (expected is None) and (error is None) == (expected is not None)
    if expected:
        assert (info.number, info.birth_date, info.sex) == (expected.number, expected.birth_date, expected.sex)
    fast = _fast_parse(text, TODAY) if text[:17].isdigit() else None
    assert fast is None or fast == expected


@settings(max_examples=200)
@given(st.sampled_from(["13", "15", "17", "18", "19"]), st.integers(0, 999_999_999),
       st.sampled_from(["{}", "+86 {}", "0086-{}", "{} ", " {}", "{}"]), st.booleans())
def test_mobiles_are_normalised_however_they_are_typed(prefix, rest, shape, full_width):
    mobile = f"{prefix}{rest:09d}"
    spaced = mobile[:3] + " " + mobile[3:7] + "-" + mobile[7:]
    typed = shape.format(spaced)
    if full_width:
        typed = typed.translate({ord(d): chr(0xFF10 + int(d)) for d in "0123456789"})
    value, error = read_phone(typed)
    assert error is None and value == mobile == phone.normalize(mobile)


@pytest.mark.parametrize("typed,expected", [("0991-4567890", "09914567890"), ("4567890", "09914567890"),
                                            ("(0991)45678901", "099145678901"), ("13800138000", "13800138000"),
                                            (13800138000.0, "13800138000")])
def test_landlines_and_numeric_cells(typed, expected):
    assert read_phone(typed) == (expected, None)


def test_bad_phone_and_two_phones_say_what_to_do():
    set_language("en")
    assert "mobile number" in read_phone("12345")[1].message
    assert "one phone number" in read_phone("13800138000/13900139000")[1].message


@pytest.mark.parametrize("raw,code", [
    ("12345", "format"), ("000000199001011234", "region"), ("650102199002301234", "birth_date"),
    ("110105194912310021", "checksum"), ("650102900101123", "old15"), ("650102********123X", "masked"),
    (6.50102e17, "precision"), ("6.50102E+17", "precision"), (650102199001011234.0, "precision"),
])
def test_each_id_problem_has_its_own_message(raw, code):
    set_language("en")
    info, error = read_id_number(raw, TODAY)
    assert info is None and error.code == code and error.field == "id_number"
    assert error.message and "{" not in error.message


def test_text_and_integer_cells_full_width_and_lower_case_x():
    good = "11010519491231002X"
    for raw in (good, "11010519491231002x", "１１０１０５１９４９１２３１００２Ｘ", " 110105 19491231 002X "):
        assert read_id_number(raw, TODAY)[0].number == good
    digits_only = next(n for n in (number(dt.date(1990, 1, 2), "M", s) for s in range(20)) if n[-1] != "X")
    assert read_id_number(int(digits_only), TODAY)[0].number == digits_only  # an exact integer cell
    assert read_id_number(digits_only + ".0", TODAY)[0].number == digits_only  # text of a CSV round trip


def test_sex_and_birth_date_come_from_the_id_and_contradictions_are_refused():
    set_language("en")
    n = number(dt.date(1985, 6, 1), "F")
    values, errors = clean_fields({"id_number": n}, TODAY)
    assert errors == [] and values["sex"] == "F" and values["birth_date"] == dt.date(1985, 6, 1)
    errors = validate_resident({"id_number": n, "sex": "男", "birth_date": "1985-06-02"}, check_duplicate=False,
                               today=TODAY)
    assert {e.field for e in errors} == {"sex", "birth_date"}
    assert any("1985-06-01" in e.message for e in errors)
    assert validate_resident({"id_number": n, "sex": "女", "birth_date": "1985年6月1日"}, check_duplicate=False,
                             today=TODAY) == []


def test_names_are_cleaned_and_scripts_checked():
    set_language("en")
    values, errors = clean_fields({"name_zh": "\u202e张\u200b三 ", "name_ug": "ﺋﺎﺑﺪﯗﻟﻼ"}, TODAY)
    assert values["name_zh"] == "张三" and values["name_ug"] == "ئابدۇللا" and errors == []
    assert "zhangsan" in values["search_key"] and "abdulla" in values["search_key"]
    errors = validate_resident({"name_zh": "ئابدۇللا", "name_ug": "张三"}, check_duplicate=False)
    assert {e.field for e in errors} == {"name_zh", "name_ug"}
    assert validate_resident({"name_zh": " ", "name_ug": ""}, check_duplicate=False)[0].code == "required"


def test_relation_language_and_tags_accept_words_in_three_languages():
    values, errors = clean_fields({"relation": "妻子", "preferred_lang": "ئۇيغۇرچە", "tags": "独居、低保 / veteran"},
                                  TODAY)
    assert errors == [] and values["relation"] == "spouse" and values["preferred_lang"] == "ug"
    assert values["tags"] == ("living_alone", "subsistence", "veteran")
    values, errors = clean_fields({"relation": "户主 / ئائىلە باشلىقى", "tags": "60岁以上"}, TODAY)
    assert values["relation"] == "head" and values["tags"] == () and errors == []
    set_language("en")
    assert clean_fields({"tags": "VIP"}, TODAY)[1][0].code == "unknown"


def test_messages_follow_the_language():
    set_language("en")
    english = read_phone("12")[1].message
    set_language("zh")
    assert read_phone("12")[1].message  # translated when the catalog has it, English otherwise
    assert english
