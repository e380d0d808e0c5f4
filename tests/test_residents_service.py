"""Residents and households through the services, on SQLite and PostgreSQL: add/edit/move-out (never a delete),
duplicates named, masking by role, audited reveal, sensitive tags, the paged list and the registry tree."""

import datetime as dt
import json

import pytest

from app.db.base import StaleEditError
from app.db.models import AuditLog, Resident
from app.i18n import set_language
from app.services import households, residents
from app.services.actor import PermissionDenied
from app.services.resident_validation import ResidentValidationError
from app.services.residents_query import ResidentFilters, count_residents, list_by_tag, list_residents, visible_tags
from tests.residents_fixtures import ADMIN, FRONT, VIEWER, WORKER, number, registry

BORN = dt.date(1950, 3, 15)


@pytest.fixture
def reg(db):
    set_language("en")
    return registry()


def _add(reg, **fields):
    base = {"name_zh": "张三", "id_number": number(BORN), "phone": "138 0013 8000", "relation": "户主"}
    base.update(fields)
    return residents.add_resident(ADMIN, reg.get("household", reg["h1"]), base)


def test_add_derives_sex_birth_and_masks(reg):
    v = _add(reg)
    assert (v.sex, v.birth_date, v.relation) == ("M", BORN, "head")
    assert v.id_number_masked == "650102********" + number(BORN)[-4:] and v.phone_masked == "138****8000"
    assert "elderly_60" in v.tags and v.address.startswith("3号楼") and v.grid_code == "C01-G01"
    stored = Resident.get(Resident.uuid == v.uuid)
    assert stored.id_number == number(BORN) and stored.phone == "13800138000" and "zhangsan" in stored.search_key


def test_duplicate_id_is_refused_with_a_link_to_the_person(reg):
    first = _add(reg)
    with pytest.raises(ResidentValidationError) as err:
        residents.add_resident(ADMIN, reg["h2"], {"name_zh": "李四", "id_number": number(BORN).lower()})
    error = err.value.errors[0]
    assert error.code == "duplicate" and error.existing_uuid == first.uuid
    assert "张三" in error.message and "650102********" in error.message and number(BORN) not in error.message
    assert Resident.select().count() == 1


def test_a_household_has_one_head(reg):
    _add(reg)
    with pytest.raises(ResidentValidationError) as err:
        residents.add_resident(ADMIN, reg["h1"], {"name_zh": "李四", "relation": "head"})
    assert err.value.errors[0].field == "relation" and "张三" in err.value.errors[0].message


def test_edit_checks_the_whole_person_and_stale_saves_are_refused(reg):
    v = _add(reg)
    with pytest.raises(ResidentValidationError) as err:
        residents.edit_resident(WORKER, v.uuid, {"sex": "F"})
    assert err.value.errors[0].code == "contradicts_id"
    changed = residents.edit_resident(WORKER, v.uuid, {"name_ug": "جاڭ سەن", "phone": "0991-4567890"},
                                      version=v.version)
    assert changed.version == v.version + 1 and changed.phone_masked.startswith("0991")
    with pytest.raises(StaleEditError):
        residents.edit_resident(WORKER, v.uuid, {"note": "x"}, version=v.version)
    entry = AuditLog.select().where(AuditLog.action == "resident.edit").get()
    assert "4567890" not in entry.detail  # audit rows hold masked values only


def test_move_out_never_deletes_and_can_be_undone(reg):
    v = _add(reg)
    gone = residents.move_out(WORKER, v.uuid, dt.date(2026, 1, 5), "moved to Kashgar")
    assert gone.moved_out and gone.moved_out_on == dt.date(2026, 1, 5)
    assert Resident.select().count() == 1
    assert count_residents(ADMIN) == 0 and count_residents(ADMIN, ResidentFilters(moved_out=True)) == 1
    back = residents.move_back(WORKER, v.uuid)
    assert not back.moved_out
    actions = [h.action for h in residents.history(VIEWER, v.uuid)]
    assert actions[:3] == ["resident.move_back", "resident.move_out", "resident.add"]


def test_masking_by_role_and_audited_reveal(reg):
    v = _add(reg, note="needs a wheelchair", tags=["disability", "living_alone"])
    for actor in (FRONT, VIEWER):
        seen = residents.get_resident(actor, v.uuid)
        assert "********" in seen.id_number_masked and "****" in seen.phone_masked
        assert "disability" not in seen.tags and "living_alone" in seen.tags
        assert seen.note == "" and seen.note_hidden
        with pytest.raises(PermissionDenied):
            residents.reveal(actor, v.uuid, "id_number")
    assert "disability" in residents.get_resident(WORKER, v.uuid).tags
    assert residents.reveal(WORKER, v.uuid, "id_number") == number(BORN)
    assert residents.reveal(WORKER, v.uuid, "phone") == "13800138000"
    reveals = AuditLog.select().where(AuditLog.action.startswith("resident.reveal"))
    assert [(r.username, r.action) for r in reveals.order_by(AuditLog.id)] == [
        ("t-worker", "resident.reveal_id"), ("t-worker", "resident.reveal_phone")]


def test_roles_without_sensitive_rights_keep_hidden_tags_when_editing(reg):
    v = _add(reg, tags=["disability"])
    residents.edit_resident(FRONT, v.uuid, {"tags": ["living_alone"]})
    assert set(residents.get_resident(ADMIN, v.uuid).tags) >= {"disability", "living_alone"}
    with pytest.raises(PermissionDenied):
        residents.edit_resident(FRONT, v.uuid, {"tags": ["subsistence"]})
    with pytest.raises(PermissionDenied):
        list_by_tag(FRONT, "disability")
    assert "disability" not in {t.code for t in visible_tags(FRONT)}


def test_paged_list_filters_and_sorts_in_sql(reg):
    today = dt.date(2026, 11, 20)
    people = [("王一", dt.date(1940, 1, 1), reg["h1"]), ("王二", dt.date(1960, 1, 1), reg["h2"]),
              ("李三", dt.date(2025, 1, 1), reg["h3"]), ("赵四", dt.date(1990, 1, 1), reg["h3"])]
    for seq, (name, birth, hh) in enumerate(people):
        residents.add_resident(ADMIN, hh, {"name_zh": name, "id_number": number(birth, "F", seq)})
    names = lambda rows: [r.name_zh for r in rows]  # noqa: E731
    assert names(list_residents(ADMIN, sort="name", today=today)) == ["李三", "王一", "王二", "赵四"]
    assert names(list_residents(ADMIN, sort="-age", today=today)) == ["王一", "王二", "赵四", "李三"]  # oldest first
    assert names(list_residents(ADMIN, sort="age", today=today)) == ["李三", "赵四", "王二", "王一"]
    assert names(list_residents(ADMIN, sort="name", offset=1, limit=2, today=today)) == ["王一", "王二"]
    assert names(list_residents(ADMIN, ResidentFilters(grid_uuid=reg["grid2"]), today=today)) == ["李三", "赵四"]
    assert names(list_residents(ADMIN, ResidentFilters(building_uuid=reg["b1"]), today=today)) == ["王一"]
    assert names(list_residents(ADMIN, ResidentFilters(age_min=60), today=today)) == ["王一", "王二"]
    assert names(list_residents(ADMIN, ResidentFilters(age_min=30, age_max=70), today=today)) == ["王二", "赵四"]
    assert names(list_by_tag(ADMIN, "elderly_80", sort="name")) == ["王一"]
    assert names(list_by_tag(ADMIN, "child_under_3", sort="name")) == ["李三"]
    assert names(list_residents(ADMIN, ResidentFilters(text="王"), today=today)) == ["王一", "王二"]
    assert count_residents(ADMIN, ResidentFilters(text="幸福巷")) == 2
    assert count_residents(ADMIN, ResidentFilters(grid_uuid=reg["grid1"], age_min=60)) == 2
    assert names(list_residents(ADMIN, sort="address", today=today)) == ["王一", "王二", "李三", "赵四"]


def test_registry_tree_and_household_moves(reg):
    _add(reg)
    residents.add_resident(ADMIN, reg["h1"], {"name_zh": "李梅", "relation": "spouse",
                                              "id_number": number(BORN, "F", 2)})
    grids = households.list_grids(ADMIN)
    assert [(g.code, g.buildings, g.households, g.residents) for g in grids] == [("C01-G01", 2, 2, 2),
                                                                                 ("C01-G02", 1, 1, 0)]
    buildings = households.list_buildings(VIEWER, reg["grid1"])
    assert [(b.name, b.residents) for b in buildings] == [("3号楼", 2), ("13号楼", 0)]
    rows = households.list_households(VIEWER, reg["b1"])
    assert len(rows) == 1 and rows[0].head_name == "张三" and rows[0].members == 2
    detail = households.get_household(FRONT, reg["h1"])
    assert [m.name_zh for m in detail.members] == ["张三", "李梅"]
    new = households.create_household(WORKER, reg["b2"], "3", "５０２")
    assert new.room == "502"
    with pytest.raises(ResidentValidationError):
        households.create_household(WORKER, reg["b2"], "3", "502")
    moved = households.move_household(WORKER, reg["h1"], reg["b3"], "", "9")
    assert moved.address.startswith("幸福巷")
    archived = households.archive_household(WORKER, reg["h1"], "left the city")
    assert archived.archived and count_residents(ADMIN) == 0 and Resident.select().count() == 2
    lane = households.create_building(ADMIN, reg["grid2"], "团结巷", kind="lane")
    assert lane.code.startswith("C01-G02-B")


def test_move_to_another_household_keeps_history(reg):
    v = _add(reg)
    moved = residents.move_to_household(WORKER, v.uuid, reg["h3"], "其他")
    assert moved.household_uuid == reg["h3"] and moved.relation == "other"
    entry = AuditLog.select().where(AuditLog.action == "resident.move_household").get()
    assert json.loads(entry.detail)["from_household"] == reg["h1"]
