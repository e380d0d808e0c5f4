"""Versioned schema migrations.

Each migration is a module ``mNNNN_name.py`` with ``up(db)``. It declares the tables it creates as a frozen
snapshot (never the live models, which move on), so an old database upgrades the same way a new one is built.
Each runs in its own transaction and is recorded in ``schema_version``.
"""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil
from dataclasses import dataclass
from types import ModuleType

from peewee import Database

from app.i18n import _
from app.errors import BaijiaError


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    module: ModuleType


class MigrationError(BaijiaError):
    pass


def available() -> list[Migration]:
    found = []
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("m") and info.name[1:5].isdigit():
            module = importlib.import_module(f"{__name__}.{info.name}")
            found.append(Migration(int(info.name[1:5]), info.name[6:], module))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if versions != list(range(1, len(found) + 1)):
        raise MigrationError(f"migration versions must be 1..N without gaps, found {versions}")
    return found


def latest_version() -> int:
    return available()[-1].version


def _ensure_version_table(db: Database) -> None:
    db.execute_sql(
        "CREATE TABLE IF NOT EXISTS schema_version ("
        " version INTEGER PRIMARY KEY, name VARCHAR(100) NOT NULL, applied_at VARCHAR(32) NOT NULL)"
    )


def current_version(db: Database) -> int:
    if "schema_version" not in db.get_tables():
        return 0
    row = db.execute_sql("SELECT MAX(version) FROM schema_version").fetchone()
    return row[0] or 0


def migrate(db: Database, target: int | None = None) -> list[Migration]:
    """Apply every pending migration up to ``target`` (default: the latest). Returns those applied."""
    _ensure_version_table(db)
    have = current_version(db)
    newest = latest_version()
    if have > newest:
        raise MigrationError(
            _("This database was written by a newer Baijia (schema {have}, this program knows {known}). "
              "Update Baijia on this PC.").format(have=have, known=newest)
        )
    applied = []
    for migration in available():
        if migration.version <= have or (target is not None and migration.version > target):
            continue
        with db.atomic():
            migration.module.up(db)
            db.execute_sql(
                "INSERT INTO schema_version (version, name, applied_at) VALUES (%s, %s, %s)"
                if db.param == "%s" else
                "INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)",
                (migration.version, migration.name, dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")),
            )
        applied.append(migration)
    return applied
