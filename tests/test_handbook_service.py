"""The handbook as the front desk and the administrator use it: tree, search in every script, edits, counts, CLI."""

import json

import pytest

import main as entry
from app.db.base import StaleEditError
from app.db.database import close_database
from app.db.models import AuditLog
from app.domain.translit import to_latin
from app.i18n import set_language
from app.services import handbook, handbook_data
from app.services.actor import Actor, PermissionDenied
from app.services.handbook import HandbookError

ADMIN = Actor("hb-admin", "admin", "Admin")
WORKER = Actor("hb-worker", "worker", "Worker")


def _code_with_title(fragment: str) -> str:
    found = [i.code for i in handbook_data.load().items if fragment in i.texts["zh"].title]
    assert found, f"no shipped item has {fragment} in its title"
    return found[0]


def _codes(query: str, **kw) -> list[str]:
    return [h.item.code for h in handbook.search(query, **kw)]


def test_tree_is_centres_categories_items_in_booklet_order(db):
    tree = handbook.tree()
    assert [c.code for c in tree] == ["party_mass", "governance", "civilisation"]
    cats = [cat for centre in tree for cat in centre.categories]
    assert sorted(c.code for c in cats) == sorted(["DQ", "ZZ", "XJ", "MS", "WJ", "TY", "YL", "CY", "CG"])
    assert sum(c.active for c in tree) == 87
    first = cats[0].items[0]
    assert first.title_zh and first.title_ug and first.status_zh in ("draft", "reviewed") and not first.retired
    assert tree[0].names.get("ug") == "پارتىيە-ئاممە مۇلازىمەت مەركىزى"


def test_item_has_both_languages_in_full(db):
    code = handbook_data.load().items[0].code
    record = handbook.item(code)
    assert record.text("zh").workflow and record.text("ug").workflow
    assert len(record.text("zh").materials) == len(record.text("ug").materials)
    assert record.text("en") is record.text("zh")  # no English text: Chinese stands in
    with pytest.raises(HandbookError):
        handbook.item("NO-SUCH")


def test_search_finds_by_chinese_uyghur_pinyin_and_latin(db):
    dibao = _code_with_title("最低生活保障")
    ug_title = handbook.item(dibao).text("ug").title
    assert _codes("最低生活保障")[0] == dibao
    assert _codes(ug_title)[0] == dibao
    assert handbook.search(ug_title)[0].rank == 0
    assert dibao in _codes("dbsq")[:3] and _codes("dibao")[0] == dibao
    assert _codes("zuidishenghuo")[0] == dibao
    assert _codes(_code_with_title("高龄津贴"))[0] == _code_with_title("高龄津贴")
    assert _codes("gljt")[0] == _code_with_title("高龄津贴")
    assert _codes(to_latin(ug_title))[0] == dibao
    assert _codes(dibao.lower())[0] == dibao
    materials = set(_codes("居民身份证", limit=100))
    assert len(materials) > 20  # a material most items ask for
    assert _codes("no such thing at all") == []


def test_search_ignores_the_ui_language_and_ranks_titles_first(db):
    dibao = _code_with_title("最低生活保障")
    ug_title = handbook.item(dibao).text("ug").title
    set_language("ug")
    from_ug_ui = _codes("最低生活保障"), _codes(ug_title), _codes("dbsq")
    set_language("zh")
    assert (_codes("最低生活保障"), _codes(ug_title), _codes("dbsq")) == from_ug_ui
    hits = handbook.search("低保")
    assert [h.rank for h in hits] == sorted(h.rank for h in hits)


def test_an_edit_is_saved_audited_found_and_locked(db):
    code = _code_with_title("最低生活保障")
    record = handbook.item(code)
    new_steps = list(record.text("ug").workflow) + ["مەھەللە ئىشخانىسىغا تېلېفون بېرىڭ"]
    saved = handbook.update_item(ADMIN, code, "ug", {"workflow": new_steps, "note": "ئىشخانا ئىزاھى"},
                                 record.version)
    assert saved.edited and saved.version > record.version
    assert list(saved.text("ug").workflow) == new_steps
    row = AuditLog.select().where(AuditLog.action == "handbook.edit").order_by(AuditLog.id.desc()).get()
    detail = json.loads(row.detail)
    assert row.username == "hb-admin" and row.at is not None
    assert detail["code"] == code and detail["lang"] == "ug" and detail["fields"] == ["note", "workflow"]
    assert code in _codes("ئىشخانا ئىزاھى")  # the index follows the edit
    with pytest.raises(StaleEditError):
        handbook.update_item(ADMIN, code, "zh", {"note": "过期的编辑"}, record.version)
    with pytest.raises(PermissionDenied):
        handbook.update_item(WORKER, code, "zh", {"note": "x"}, saved.version)
    with pytest.raises(HandbookError):
        handbook.update_item(ADMIN, code, "zh", {"title": "  "}, saved.version)
    with pytest.raises(HandbookError):
        handbook.update_item(ADMIN, code, "zh", {"colour": "red"}, saved.version)
    assert handbook.item(code).text("zh").note != "过期的编辑"


def test_status_add_retire_and_restore_follow_the_counts(db):
    code = handbook_data.load().items[0].code
    handbook.set_status(ADMIN, code, "ug", "draft")
    drafts = handbook.counts().draft["ug"]
    reviewed = handbook.set_status(ADMIN, code, "ug", "reviewed")
    assert reviewed.text("ug").status == "reviewed" and reviewed.edited
    assert handbook.counts().draft["ug"] == drafts - 1
    new = handbook.add_item(ADMIN, "YL", "社区老年食堂就餐登记", "مەھەللە ياشانغانلار ئاشخانىسى")
    assert new.code == "YL-L01" and new.centre == handbook.item(_code_with_title("高龄津贴")).centre
    assert handbook.counts().items == 88 and handbook.counts().by_category["YL"] >= 2
    assert _codes("老年食堂")[0] == "YL-L01"
    handbook.retire_item(ADMIN, code)
    counts = handbook.counts()
    assert (counts.items, counts.retired) == (87, 1)
    assert code not in _codes(code) and code in _codes(code, include_retired=True)
    assert [i.retired for c in handbook.tree() for cat in c.categories for i in cat.items if i.code == code] == [True]
    handbook.restore_item(ADMIN, code)
    assert (handbook.counts().items, handbook.counts().retired) == (88, 0)
    actions = [a for (a,) in AuditLog.select(AuditLog.action)
               .where(AuditLog.action.startswith("handbook.")).order_by(AuditLog.id).tuples()]
    assert actions[-4:] == ["handbook.status", "handbook.add", "handbook.retire", "handbook.restore"]
    with pytest.raises(PermissionDenied):
        handbook.retire_item(WORKER, code)


@pytest.mark.parametrize("lang, total", [("zh", "87"), ("ug", "87"), ("en", "87 items in 9 categories")])
def test_cli_handbook_list_prints_every_item_and_a_total(db, capsys, lang, total):
    assert entry.main(["--db", db, "--lang", lang, "handbook", "list"]) == 0
    close_database()
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 88 and total in lines[-1] and "9" in lines[-1]
    first = handbook_data.load().items[0]
    assert lines[0].split()[0] == first.code
    expected = {"zh": first.texts["zh"].title, "ug": first.texts["ug"].title, "en": first.texts["zh"].title}[lang]
    assert expected in lines[0]
