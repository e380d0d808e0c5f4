"""ID numbers (GB 11643-1999) and phone numbers: what the front desk types, what the registry accepts."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain import idcard, phone

births = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2025, 12, 31))
regions = st.sampled_from(["650102", "650103", "650104", "650105", "650106", "650109", "110105", "810000",
                           "830000"])


@settings(max_examples=200)
@given(regions, births, st.integers(0, 499), st.sampled_from("MF"))
def test_made_numbers_parse_back_with_their_birth_date_and_sex(region, birth, seq, sex):
    number = idcard.make(region, birth, seq, sex)
    info = idcard.parse(number, today=dt.date(2026, 1, 1))
    assert (info.birth_date, info.sex, info.region) == (birth, sex, region)


@settings(max_examples=200)
@given(regions, births, st.integers(0, 499), st.sampled_from("MF"), st.integers(0, 16), st.integers(1, 9))
def test_any_single_digit_change_is_caught(region, birth, seq, sex, pos, delta):
    number = idcard.make(region, birth, seq, sex)
    changed = number[:pos] + str((int(number[pos]) + delta) % 10) + number[pos + 1:]
    assert not idcard.is_valid(changed)


def test_known_number_lower_case_x_and_full_width_digits():
    assert idcard.parse("11010519491231002X").sex == "F"
    assert idcard.parse("11010519491231002x").number == "11010519491231002X"
    assert idcard.parse("１１０１０５１９４９１２３１００２Ｘ").number == "11010519491231002X"


@pytest.mark.parametrize("raw,code", [
    ("12345", "format"),
    ("000000199001011234", "region"),
    ("650102199002301234", "birth_date"),
    ("11010519491231002Y", "format"),
    ("110105194912310021", "checksum"),
])
def test_bad_numbers_say_why(raw, code):
    with pytest.raises(idcard.IdNumberError) as err:
        idcard.parse(raw)
    assert err.value.code == code


def test_permits_of_hk_macau_taiwan_and_foreigners_are_accepted():
    for region, kind in (("810000", "hk"), ("820000", "mo"), ("830000", "tw")):
        assert idcard.parse(idcard.make(region, dt.date(1990, 5, 5), 1, "M")).kind == kind
    first17 = "93" + "0000" + "19900505" + "123"
    assert idcard.parse(first17 + idcard.check_char(first17)).kind == "foreigner"


def test_masking_keeps_region_and_last_four():
    assert idcard.mask("65010219800517123X") == "650102********123X"
    assert idcard.mask("") == ""


@pytest.mark.parametrize("raw,expected", [
    ("13800131234", "13800131234"), ("+86 138-0013-1234", "13800131234"), ("0086 13800131234", "13800131234"),
    ("０９９１－１２３４５６７", "09911234567"), ("1234567", "09911234567"), ("(0991) 8765 4321", "099187654321"),
])
def test_phone_forms_offices_type(raw, expected):
    assert phone.normalize(raw) == expected


@pytest.mark.parametrize("raw", ["12800131234", "1380013123", "abc", "", "+1 555 1234567"])
def test_phone_rejects_what_is_not_a_number_here(raw):
    with pytest.raises(phone.PhoneError):
        phone.normalize(raw)


@given(st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True))
def test_every_mobile_masks_to_3_stars_4(number):
    masked = phone.mask(phone.normalize(number))
    assert masked == number[:3] + "****" + number[-4:]
