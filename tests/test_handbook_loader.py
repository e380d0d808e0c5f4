"""Loading the shipped handbook at init, and upgrading it without losing the office's edits (SQLite and PostgreSQL)."""

import pytest

from app.db.models import HandbookItem, HandbookText
from app.services import handbook, handbook_data, handbook_loader, settings
from app.services.actor import Actor
from app.services.setup import open_and_migrate
from tests.handbook_helpers import ShippedCopy

ADMIN = Actor("hb-admin", "admin", "Admin")


def _versions():
    return (dict(HandbookItem.select(HandbookItem.code, HandbookItem.version).tuples()),
            sorted(HandbookText.select(HandbookText.id, HandbookText.version).tuples()))


@pytest.fixture
def shipped(tmp_path):
    return ShippedCopy(tmp_path / "hb")


def test_init_loads_the_whole_handbook(db):
    counts = handbook.counts()
    assert (counts.centres, counts.categories, counts.items, counts.retired) == (3, 9, 87, 0)
    assert sum(counts.by_category.values()) == 87
    assert HandbookText.select().where(HandbookText.lang.in_(["zh", "ug"])).count() == 2 * 87
    assert handbook_loader.shipped_version() == handbook_data.load().version


def test_init_again_writes_nothing(db):
    before = _versions()
    open_and_migrate(db)
    for force in (False, True):  # the quick path (files unchanged since the last sync), and a full comparison
        report = handbook_loader.sync_shipped(force=force)
        assert len(report.unchanged) == 87 and report.version == handbook_data.load().version
        assert not (report.added or report.updated or report.conflicts or report.retired)
    assert _versions() == before


def test_a_new_shipped_version_updates_unedited_items_and_keeps_edited_ones(db, shipped):
    data = handbook_data.load()
    plain, edited, kept = data.items[0].code, data.items[1].code, data.items[2].code
    record = handbook.item(edited)
    handbook.update_item(ADMIN, edited, "zh", {"title": "本社区改写的标题"}, record.version)
    shipped.set_title(plain, "zh", "新版标题一")
    shipped.set_title(plain, "ug", "يېڭى نەشىر ماۋزۇسى")
    shipped.set_title(edited, "zh", "新版标题二")
    shipped.add_copy(data.items[-1].code, "CG-99", "新增的服务事项")

    report = handbook_loader.sync_shipped(shipped.folder)

    assert report.added == ["CG-99"] and report.updated == [plain] and report.conflicts == [edited]
    assert handbook.item(plain).text("zh").title == "新版标题一"
    assert handbook.item(plain).text("ug").title == "يېڭى نەشىر ماۋزۇسى"
    assert not handbook.item(plain).edited
    assert handbook.item(edited).text("zh").title == "本社区改写的标题"  # never overwritten silently
    assert handbook.item(edited).shipped_change_pending and not handbook.item(plain).shipped_change_pending
    assert handbook.item(kept).version == 1
    assert handbook.item("CG-99").text("zh").title == "新增的服务事项"
    assert handbook.counts().items == 88
    assert settings.get(handbook_loader.CONFLICTS_KEY) == {edited: handbook_data.load(shipped.folder).item(edited).hash}
    pending = handbook_loader.pending_conflicts(shipped.folder)
    assert [(c.code, c.shipped.texts["zh"].title) for c in pending] == [(edited, "新版标题二")]

    before = _versions()
    again = handbook_loader.sync_shipped(shipped.folder)  # idempotent: the conflict stays, nothing is written
    assert again.conflicts == [edited] and not (again.added or again.updated) and _versions() == before


@pytest.mark.parametrize("take_shipped", [True, False])
def test_a_conflict_is_resolved_once_either_way(db, shipped, take_shipped):
    code = handbook_data.load().items[5].code
    handbook.update_item(ADMIN, code, "ug", {"note": "ئىشخانىنىڭ ئىزاھى"}, handbook.item(code).version)
    shipped.set_title(code, "zh", "新版标题")
    assert handbook_loader.sync_shipped(shipped.folder).conflicts == [code]

    handbook_loader.resolve_conflict(ADMIN, code, take_shipped=take_shipped, source=shipped.folder)

    record = handbook.item(code)
    if take_shipped:
        assert record.text("zh").title == "新版标题" and record.text("ug").note != "ئىشخانىنىڭ ئىزاھى"
        assert not record.edited
    else:
        assert record.text("zh").title != "新版标题" and record.text("ug").note == "ئىشخانىنىڭ ئىزاھى"
        assert record.edited
    assert handbook_loader.sync_shipped(shipped.folder).conflicts == []
    assert handbook_loader.pending_conflicts(shipped.folder) == []
    assert not record.shipped_change_pending
    with pytest.raises(handbook_loader.HandbookConflictError):
        handbook_loader.resolve_conflict(ADMIN, code, take_shipped=True, source=shipped.folder)


def test_shipped_retirement_and_withdrawal_retire_but_keep_the_office_choice(db, shipped):
    data = handbook_data.load()
    retired, withdrawn = data.items[10].code, data.items[20].code
    shipped.retire(retired)
    shipped.drop(withdrawn)

    report = handbook_loader.sync_shipped(shipped.folder)

    assert sorted(report.retired) == sorted([retired, withdrawn])
    assert handbook.item(retired).retired and handbook.item(withdrawn).retired
    assert handbook.counts().items == 85 and handbook.counts().retired == 2
    handbook.restore_item(ADMIN, retired)  # the office wants it after all
    handbook.restore_item(ADMIN, withdrawn)
    again = handbook_loader.sync_shipped(shipped.folder)
    assert again.retired == [] and not handbook.item(retired).retired and not handbook.item(withdrawn).retired


def test_an_office_retirement_survives_a_shipped_update(db, shipped):
    code = handbook_data.load().items[3].code
    handbook.retire_item(ADMIN, code)
    shipped.set_title(code, "zh", "新版标题")
    assert handbook_loader.sync_shipped(shipped.folder).updated == [code]
    assert handbook.item(code).retired and handbook.item(code).text("zh").title == "新版标题"


def test_sync_is_one_transaction(db, shipped, monkeypatch):
    data = handbook_data.load()
    shipped.set_title(data.items[0].code, "zh", "新版标题一")
    shipped.set_title(data.items[1].code, "zh", "新版标题二")
    calls = []

    def failing_apply(row_id, item, ids, keep_retired):
        calls.append(item.code)
        if len(calls) == 2:
            raise RuntimeError("power cut")
        return original(row_id, item, ids, keep_retired)

    original = handbook_loader._apply
    monkeypatch.setattr(handbook_loader, "_apply", failing_apply)
    with pytest.raises(RuntimeError):
        handbook_loader.sync_shipped(shipped.folder)
    assert handbook.item(data.items[0].code).text("zh").title == data.items[0].texts["zh"].title
