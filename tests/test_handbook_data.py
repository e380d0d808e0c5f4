"""The shipped handbook files: complete, bilingual, clean Uyghur text, and broken files explained."""

import re

import pytest

from app.services import handbook_data
from app.services.handbook_data import HandbookDataError
from tests.handbook_helpers import ShippedCopy

CATEGORIES = ["DQ", "ZZ", "XJ", "MS", "WJ", "TY", "YL", "CY", "CG"]
ARABIC_LETTER = re.compile("[\u0600-\u06ff]")


@pytest.fixture(scope="module")
def data():
    return handbook_data.load()


def test_the_shipped_handbook_has_87_items_in_9_categories_and_3_centres(data):
    assert [c.code for c in data.centres] == ["party_mass", "governance", "civilisation"]
    assert [c.code for c in data.categories] == CATEGORIES
    assert len(data.items) == 87
    per_category = {c: sum(i.category == c for i in data.items) for c in CATEGORIES}
    assert all(per_category.values()), per_category
    assert data.version


def test_every_item_is_complete_in_both_languages(data):
    for item in data.items:
        assert set(item.texts) >= {"zh", "ug"}, item.code
        for lang in ("zh", "ug"):
            text = item.texts[lang]
            assert text.title and text.target and text.place and text.time_limit, (item.code, lang)
            assert text.policy_basis and text.workflow, (item.code, lang)  # materials: some services need none
            assert text.status in ("draft", "reviewed")
        assert ARABIC_LETTER.search(item.texts["ug"].title), item.code
        for field in ("policy_basis", "workflow", "materials"):
            assert len(getattr(item.texts["zh"], field)) == len(getattr(item.texts["ug"], field)), (item.code, field)


def test_uyghur_text_has_base_letters_only_and_titles_without_hanzi(data):
    for item in data.items:
        ug = item.texts["ug"]
        every = [ug.title, ug.target, ug.time_limit, ug.place, ug.note, *ug.policy_basis, *ug.workflow, *ug.materials]
        assert not any(handbook_data.PRESENTATION_FORMS.search(t) for t in every), item.code
        assert not handbook_data.HAN.search(ug.title), item.code
    for named in (*data.centres, *data.categories):
        assert not handbook_data.HAN.search(named.ug) and not handbook_data.PRESENTATION_FORMS.search(named.ug)


def test_item_hashes_are_stable_and_follow_the_content(data, tmp_path):
    assert len({i.hash for i in data.items}) == 87
    copy = ShippedCopy(tmp_path / "hb")
    first, second = data.items[0], data.items[1]
    copy.set_title(first.code, "ug", first.texts["ug"].title + " (يېڭى)")
    reloaded = handbook_data.load(copy.folder)
    assert reloaded.item(first.code).hash != first.hash
    assert reloaded.item(second.code).hash == second.hash


def test_broken_files_name_the_file_and_the_item(data, tmp_path):
    copy = ShippedCopy(tmp_path / "hb")
    a = copy.folder / "part_a.toml"
    text = a.read_text(encoding="utf-8")
    first = next(i for i in data.items if i.file == "part_a.toml")
    text = text.replace('materials = [', 'materials = ["多余的一项", ', 1)  # the first item's zh list
    a.write_text(text, encoding="utf-8")
    other = next(i for i in data.items if i.file == "part_b.toml")
    b = copy.folder / "part_b.toml"
    dup = [i for i in data.items if i.file == "part_a.toml"][1]
    b.write_text(b.read_text(encoding="utf-8").replace(f'code = "{other.code}"', f'code = "{dup.code}"', 1),
                 encoding="utf-8")
    c = copy.folder / "part_c.toml"
    c.write_text(c.read_text(encoding="utf-8").replace('\n[item.ug]\ntitle = "', '\n[item.ug]\ntitle = "\ufe8e', 1)
                 .replace('\nzh_status = "', '\nzh_status = "done', 1), encoding="utf-8")
    with pytest.raises(HandbookDataError) as err:
        handbook_data.load(copy.folder)
    problems = "\n".join(err.value.problems)
    assert f"part_a.toml: item {first.code}: materials has" in problems
    assert "zh_status must be one of draft, reviewed" in problems
    assert f"part_b.toml: item {dup.code}: the code is used twice (also in part_a.toml)" in problems
    assert "presentation forms" in problems
    assert "items = 87, but the files have" in problems


def test_unreadable_toml_is_reported_with_its_file(tmp_path):
    copy = ShippedCopy(tmp_path / "hb")
    (copy.folder / "part_c.toml").write_text("[[item]\ncode = ", encoding="utf-8")
    with pytest.raises(HandbookDataError, match="part_c.toml: cannot be read"):
        handbook_data.load(copy.folder)
