"""Versioned migrations: every earlier schema upgrades to the newest, data kept, same schema as a new database."""

import pytest

from app.db.database import close_database, database, open_database
from app.db.migrations import MigrationError, available, current_version, latest_version, migrate
from app.db.models import ALL_MODELS, Subdistrict
from app.services.setup import open_and_migrate


def _columns(db):
    return {table: sorted((c.name, c.data_type.lower(), c.null) for c in db.get_columns(table))
            for table in sorted(db.get_tables()) if table != "schema_version"}


def _fresh_database(db_target):
    """The test database starts migrated; drop everything to start from nothing."""
    db = database.obj
    with db.atomic():
        for model in reversed(ALL_MODELS):
            db.execute_sql(f'DROP TABLE IF EXISTS "{model._meta.table_name}" CASCADE'
                           if db.param == "%s" else f'DROP TABLE IF EXISTS "{model._meta.table_name}"')
        db.execute_sql("DROP TABLE IF EXISTS schema_version")
        if db.param == "%s":
            db.execute_sql("DROP FUNCTION IF EXISTS audit_log_append_only()")
    return db


def test_migrations_are_numbered_without_gaps():
    versions = [m.version for m in available()]
    assert versions == list(range(1, latest_version() + 1))


def test_init_is_idempotent(db):
    assert current_version(database.obj) == latest_version()
    assert migrate(database.obj) == []
    result = open_and_migrate(db)
    assert result.migrations_applied == () and result.schema_after == latest_version()


def test_live_models_match_the_migrated_schema(db):
    db_obj = database.obj
    for model in ALL_MODELS:
        live = {f.column_name for f in model._meta.sorted_fields}
        stored = {c.name for c in db_obj.get_columns(model._meta.table_name)}
        assert live == stored, f"{model.__name__}: model and migrations disagree: {live ^ stored}"


@pytest.mark.parametrize("start", range(latest_version()))
def test_every_earlier_schema_upgrades(db, start):
    newest_shape = _columns(database.obj)
    db_obj = _fresh_database(db)
    migrate(db_obj, target=start)
    assert current_version(db_obj) == start
    if start >= 1:
        db_obj.execute_sql(
            "INSERT INTO subdistrict (uuid, created_at, updated_at, version, code, name_zh, name_ug) "
            + ("VALUES (%s, %s, %s, 1, %s, %s, %s)" if db_obj.param == "%s" else "VALUES (?, ?, ?, 1, ?, ?, ?)"),
            ("0" * 32 if db_obj.param == "?" else "00000000-0000-0000-0000-000000000000",
             "2024-01-01 00:00:00", "2024-01-01 00:00:00", "S9", "红山街道", ""))
    applied = migrate(db_obj)
    assert [m.version for m in applied] == list(range(start + 1, latest_version() + 1))
    assert _columns(db_obj) == newest_shape
    if start >= 1:
        assert Subdistrict.get(Subdistrict.code == "S9").name_zh == "红山街道"


def test_a_newer_database_is_refused_clearly(db):
    db_obj = database.obj
    db_obj.execute_sql("INSERT INTO schema_version (version, name, applied_at) VALUES (999, 'future', 'x')")
    with pytest.raises(MigrationError) as err:
        migrate(db_obj)
    assert "999" in str(err.value)


def test_live_models_declare_the_migrated_indexes(db):
    """A model's declared indexes and the database's agree, so a query planned from the model has its index."""
    db_obj = database.obj
    for model in ALL_MODELS:
        declared = {sorted_cols for sorted_cols in (
            tuple(f.column_name for f in idx._expressions) for idx in model._meta.fields_to_index())}
        stored = {tuple(i.columns) for i in db_obj.get_indexes(model._meta.table_name) if not i.name.endswith("_pkey")}
        assert declared == stored, f"{model.__name__}: {declared ^ stored}"
