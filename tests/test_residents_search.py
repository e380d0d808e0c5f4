"""One search box, every script, on SQLite and PostgreSQL: each kind of query finds the right person, ranked."""

import datetime as dt

import pytest

from app.i18n import set_language
from app.services import residents
from app.services.actor import PermissionDenied
from app.services.residents_search import search
from tests.residents_fixtures import ADMIN, FRONT, number, registry

PEOPLE = [
    # name_zh, name_ug, birth, sex, phone, household
    ("张三", "", dt.date(1980, 5, 17), "M", "13800138000", "h1"),
    ("张三丰", "", dt.date(1950, 1, 2), "M", "13900139001", "h1"),
    ("李章", "", dt.date(1992, 7, 8), "F", "0991-4567890", "h2"),
    ("阿不都拉·买买提", "ئابدۇللا مەمەت", dt.date(1975, 3, 3), "M", "15609915678", "h2"),
    ("", "گۈلنار ئەخمەت", dt.date(1988, 8, 8), "F", "18099112233", "h3"),
    ("单田芳", "", dt.date(1960, 12, 1), "M", "", "h3"),
]


@pytest.fixture
def people(db):
    set_language("en")
    reg = registry()
    found = {}
    for seq, (zh, ug, birth, sex, phone_number, hh) in enumerate(PEOPLE):
        view = residents.add_resident(ADMIN, reg[hh], {"name_zh": zh, "name_ug": ug, "phone": phone_number,
                                                       "id_number": number(birth, sex, seq)})
        found[zh or ug] = view
    return found


def names(text, **kwargs):
    return [h.name_zh or h.name_ug for h in search(ADMIN, text, **kwargs)]


@pytest.mark.parametrize("query,first", [
    ("张", "张三"),  # one hanzi
    ("丰", "张三丰"),  # one hanzi inside the name
    ("张三", "张三"),  # exact name first, before 张三丰
    ("zs", "张三"),  # pinyin initials
    ("zsf", "张三丰"),
    ("zhangsan", "张三"),  # full pinyin
    ("Zhang San", "张三"),
    ("shantianfang", "单田芳"),  # surname reading of 单
    ("ئابدۇللا", "阿不都拉·买买提"),  # Uyghur script
    ("ﺋﺎﺑﺪﯗﻟﻼ", "阿不都拉·买买提"),  # presentation forms pasted from a PDF
    ("abdulla", "阿不都拉·买买提"),  # ULY
    ("memet", "阿不都拉·买买提"),
    ("ab", "阿不都拉·买买提"),  # two Latin letters: the start of a form
    ("gülnar", "گۈلنار ئەخمەت"),
    ("gulnar", "گۈلنار ئەخمەت"),  # typed without ü
    ("阿不都拉买买提", "阿不都拉·买买提"),  # without the middle dot
])
def test_every_script_finds_the_person(people, query, first):
    assert names(query)[0] == first


def test_exact_name_ranks_before_longer_names(people):
    assert names("张三")[:2] == ["张三", "张三丰"]
    assert names("zhang")[:2] == ["张三", "张三丰"] and "李章" in names("zhang")


def test_id_and_phone_fragments(people):
    zs = people["张三"]
    whole = residents.reveal(ADMIN, zs.uuid, "id_number")
    assert names(whole[-6:]) == ["张三"]
    assert names(whole)[0] == "张三" and search(ADMIN, whole)[0].matched == "id_phone"
    assert names("138 0013")[0] == "张三"
    assert names("4567890") == ["李章"]
    assert names("0991-4567890") == ["李章"]
    assert names("12") == []  # two digits mean nothing


def test_address_search(people):
    assert set(names("幸福巷")) == {"گۈلنار ئەخمەت", "单田芳"}
    assert set(names("3号楼")) == {"张三", "张三丰"}  # not 13号楼
    assert set(names("13号楼 1单元 101")) == {"李章", "阿不都拉·买买提"}
    assert search(ADMIN, "幸福巷")[0].matched == "address"


def test_moved_out_people_and_changes_are_seen_at_once(people):
    zs = people["张三"]
    residents.move_out(ADMIN, zs.uuid)
    assert "张三" not in names("张三")
    assert names("张三", include_moved_out=True) == ["张三", "张三丰"]  # exact first, though moved out
    assert search(ADMIN, "张三", include_moved_out=True)[0].moved_out
    residents.edit_resident(ADMIN, people["李章"].uuid, {"name_zh": "李文"})
    assert names("李文") == ["李文"] and names("lizhang") == []
    added = residents.add_resident(ADMIN, zs.household_uuid, {"name_zh": "王五"})
    assert names("ww") == ["王五"] and added.uuid == search(ADMIN, "王五")[0].uuid


def test_hits_are_masked_for_every_role(people):
    for actor in (ADMIN, FRONT):
        hit = search(actor, "zhangsan")[0]
        assert hit.id_number_masked.count("*") == 8 and hit.phone_masked == "138****8000"
    with pytest.raises(PermissionDenied):
        residents.reveal(FRONT, hit.uuid, "phone")
