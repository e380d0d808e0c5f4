"""Schema 1: organisation tree, users, households, residents, settings, append-only audit log."""

from peewee import BooleanField, CharField, DateField, DateTimeField, ForeignKeyField, IntegerField, TextField

from app.db.migrations.frozen import FrozenModel, create


class Subdistrict(FrozenModel):
    code = CharField(max_length=32, unique=True)
    name_zh = CharField(max_length=100)
    name_ug = CharField(max_length=200, default="")


class Community(FrozenModel):
    subdistrict = ForeignKeyField(Subdistrict, on_delete="RESTRICT")
    code = CharField(max_length=32, unique=True)
    name_zh = CharField(max_length=100)
    name_ug = CharField(max_length=200, default="")


class Grid(FrozenModel):
    community = ForeignKeyField(Community, on_delete="RESTRICT")
    code = CharField(max_length=32, unique=True)
    name_zh = CharField(max_length=100)
    name_ug = CharField(max_length=200, default="")


class Building(FrozenModel):
    grid = ForeignKeyField(Grid, on_delete="RESTRICT")
    kind = CharField(max_length=16, default="building")
    code = CharField(max_length=32, unique=True)
    name_zh = CharField(max_length=100)
    name_ug = CharField(max_length=200, default="")
    sort_key = IntegerField(default=0)


class User(FrozenModel):
    username = CharField(max_length=64, unique=True)
    display_name = CharField(max_length=100)
    display_name_ug = CharField(max_length=200, default="")
    password_hash = CharField(max_length=255, default="")
    role = CharField(max_length=16, default="worker")
    job_category = CharField(max_length=24, default="community_worker")
    language = CharField(max_length=8, default="")
    active = BooleanField(default=True)


class UserGrid(FrozenModel):
    user = ForeignKeyField(User, on_delete="CASCADE")
    grid = ForeignKeyField(Grid, on_delete="CASCADE")

    class Meta:
        indexes = ((("user", "grid"), True),)


class Household(FrozenModel):
    building = ForeignKeyField(Building, on_delete="RESTRICT")
    unit = CharField(max_length=16, default="")
    room = CharField(max_length=16, default="")
    address_note = CharField(max_length=200, default="")
    archived = BooleanField(default=False, index=True)

    class Meta:
        indexes = ((("building", "unit", "room"), False),)


class Resident(FrozenModel):
    household = ForeignKeyField(Household, on_delete="RESTRICT")
    name_zh = CharField(max_length=100, default="")
    name_ug = CharField(max_length=200, default="")
    id_number = CharField(max_length=18, null=True, unique=True)
    birth_date = DateField(null=True)
    sex = CharField(max_length=1, default="")
    phone = CharField(max_length=20, default="")
    relation = CharField(max_length=16, default="other")
    preferred_lang = CharField(max_length=8, default="zh")
    moved_out = BooleanField(default=False, index=True)
    note = TextField(default="")
    search_key = TextField(default="")


class ResidentTag(FrozenModel):
    resident = ForeignKeyField(Resident, on_delete="CASCADE")
    tag = CharField(max_length=24)

    class Meta:
        indexes = ((("resident", "tag"), True), (("tag",), False))


class Setting(FrozenModel):
    key = CharField(max_length=64, unique=True)
    value = TextField(default="null")


class AuditLog(FrozenModel):
    at = DateTimeField(index=True)
    username = CharField(max_length=64, default="")
    action = CharField(max_length=48, index=True)
    entity = CharField(max_length=48, default="")
    entity_uuid = CharField(max_length=40, default="")
    detail = TextField(default="")


MODELS = [Subdistrict, Community, Grid, Building, User, UserGrid, Household, Resident, ResidentTag, Setting,
          AuditLog]

SQLITE_AUDIT_GUARD = [
    "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
    "BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END",
    "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
    "BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END",
]
POSTGRES_AUDIT_GUARD = [
    "CREATE FUNCTION audit_log_append_only() RETURNS trigger AS $$ "
    "BEGIN RAISE EXCEPTION 'audit log is append-only'; END; $$ LANGUAGE plpgsql",
    "CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log "
    "FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()",
]


def up(db) -> None:
    create(db, MODELS)
    for sql in (POSTGRES_AUDIT_GUARD if db.param == "%s" else SQLITE_AUDIT_GUARD):
        db.execute_sql(sql)
