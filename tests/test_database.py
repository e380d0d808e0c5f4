"""Models, optimistic locking, the append-only audit log and the database address rules, on both databases."""

import datetime as dt

import pytest
from peewee import DatabaseError as PeeweeDatabaseError

from app.db.base import StaleEditError
from app.db.database import DatabaseError, database, describe, is_postgresql, open_database
from app.db.models import AuditLog, Building, Community, Grid, Household, Resident, Subdistrict
from app.domain import idcard


def _household():
    sub = Subdistrict.create(code="S1", name_zh="红山街道")
    com = Community.create(subdistrict=sub, code="C1", name_zh="和平社区", name_ug="تىنچلىق مەھەللىسى")
    grid = Grid.create(community=com, code="C1-G1", name_zh="第一网格")
    building = Building.create(grid=grid, code="C1-B1", name_zh="3号楼")
    return Household.create(building=building, unit="2", room="502")


def test_every_row_has_uuid_times_and_version(db):
    hh = _household()
    assert hh.uuid is not None and hh.version == 1
    assert hh.created_at == hh.updated_at
    again = Household.get_by_id(hh.id)
    assert again.uuid == hh.uuid and isinstance(again.created_at, dt.datetime)


def test_second_writer_is_refused_not_silently_overwritten(db):
    hh = _household()
    mine, theirs = Household.get_by_id(hh.id), Household.get_by_id(hh.id)
    theirs.room = "503"
    theirs.save()
    mine.room = "601"
    with pytest.raises(StaleEditError):
        mine.save()
    assert Household.get_by_id(hh.id).room == "503"
    assert Household.get_by_id(hh.id).version == 2


def test_uyghur_and_chinese_text_round_trip(db):
    hh = _household()
    name = "ئابدۇللا ئەخمەت"
    number = idcard.make("650102", dt.date(1985, 6, 1), 7, "M")
    Resident.create(household=hh, name_zh="阿不都拉·艾合买提", name_ug=name, id_number=number)
    back = Resident.get(Resident.id_number == number)
    assert back.name_ug == name and back.name_zh == "阿不都拉·艾合买提"


def test_duplicate_id_number_is_refused_by_the_database(db):
    hh = _household()
    number = idcard.make("650103", dt.date(1990, 1, 2), 3, "F")
    Resident.create(household=hh, name_zh="张三", id_number=number)
    with pytest.raises(PeeweeDatabaseError), database.atomic():
        Resident.create(household=hh, name_zh="李四", id_number=number)


def test_audit_log_is_append_only(db):
    entry = AuditLog.create(action="resident.reveal_id", username="admin")
    with pytest.raises(PeeweeDatabaseError), database.atomic():
        AuditLog.update(action="nothing").where(AuditLog.id == entry.id).execute()
    with pytest.raises(PeeweeDatabaseError), database.atomic():
        AuditLog.delete().execute()
    assert AuditLog.select().count() == 1


def test_sqlite_pragmas_are_the_safe_ones(sqlite_db):
    assert not is_postgresql()
    pragma = lambda name: database.execute_sql(f"PRAGMA {name}").fetchone()[0]  # noqa: E731
    assert pragma("journal_mode") == "wal"
    assert pragma("foreign_keys") == 1
    assert pragma("synchronous") == 2
    assert pragma("busy_timeout") >= 5000


def test_foreign_keys_are_enforced(db):
    with pytest.raises(PeeweeDatabaseError), database.atomic():
        Household.create(building=999999, unit="1", room="1")


def test_postgres_address_hides_the_password():
    info = describe("postgresql://office:s3cret@10.0.0.5:5432/baijia")
    assert info.kind == "postgresql" and "s3cret" not in info.location and "10.0.0.5" in info.location


def test_unreachable_postgres_is_one_clear_error():
    with pytest.raises(DatabaseError) as err:
        open_database("postgresql://nobody@127.0.0.1:1/baijia")
    assert "127.0.0.1" in str(err.value)
