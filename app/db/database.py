"""Open the database the user chose: an embedded SQLite file, or a PostgreSQL server for several PCs.

The peewee database object is a proxy, created unbound and initialised by :func:`open_database` at start-up.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

from peewee import DatabaseProxy, PostgresqlDatabase, SqliteDatabase

from app.i18n import _
from app.paths import default_db_path
from app.errors import BaijiaError

database = DatabaseProxy()

SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "busy_timeout": 10000,
    "synchronous": 2,  # FULL: an office PC loses power more often than a server does
    "cache_size": -64000,
    "temp_store": 2,
}
NETWORK_FILESYSTEMS = {"nfs", "nfs4", "cifs", "smbfs", "smb3", "sshfs", "fuse.sshfs", "9p", "afs", "davfs", "fuse.davfs2"}


class DatabaseError(BaijiaError):
    """A database problem explained in the user's language."""


@dataclass(frozen=True)
class DbTarget:
    kind: str  # "sqlite" | "postgresql"
    location: str  # file path, or the URL with the password hidden

    @property
    def is_sqlite(self) -> bool:
        return self.kind == "sqlite"


def choose_target(cli_value: str | None = None) -> str:
    """--db wins, then BAIJIA_DB, then the SQLite file in the user's data folder."""
    return cli_value or os.environ.get("BAIJIA_DB") or str(default_db_path())


def _is_network_path(path: Path) -> bool:
    text = str(path)
    if text.startswith("\\\\") or text.startswith("//"):
        return True
    if sys.platform == "win32":  # pragma: no cover - Windows only
        import ctypes

        drive = os.path.splitdrive(str(path.resolve()))[0]
        return bool(drive) and ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == 4  # DRIVE_REMOTE
    try:
        mounts = Path("/proc/mounts").read_text().splitlines()
    except OSError:
        return False
    resolved, best, best_type = str(path.resolve()), "", ""
    for line in mounts:
        parts = line.split()
        if len(parts) >= 3 and (resolved == parts[1] or resolved.startswith(parts[1].rstrip("/") + "/")):
            if len(parts[1]) > len(best):
                best, best_type = parts[1], parts[2]
    return best_type in NETWORK_FILESYSTEMS


def _open_sqlite(path: Path) -> SqliteDatabase:
    if _is_network_path(path.parent if not path.exists() else path):
        raise DatabaseError(
            _("The database file {path} is on a network drive; SQLite corrupts data there. "
              "Keep it on this PC, or use a PostgreSQL server for several PCs.").format(path=path)
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    return SqliteDatabase(str(path), pragmas=SQLITE_PRAGMAS, check_same_thread=False)


def _open_postgresql(url: str) -> PostgresqlDatabase:
    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    if not name:
        raise DatabaseError(_("The PostgreSQL address needs a database name, e.g. postgresql://user@host/baijia"))
    return PostgresqlDatabase(
        unquote(name),
        user=unquote(parsed.username) if parsed.username else None,
        password=unquote(parsed.password) if parsed.password else None,
        host=parsed.hostname or None,
        port=parsed.port or None,
        connect_timeout=10,
    )


def describe(target: str) -> DbTarget:
    if target.startswith(("postgresql://", "postgres://")):
        parsed = urlparse(target)
        hidden = parsed._replace(netloc=(parsed.username + "@" if parsed.username else "") + (parsed.hostname or "")
                                 + (f":{parsed.port}" if parsed.port else ""))
        return DbTarget("postgresql", hidden.geturl())
    return DbTarget("sqlite", str(Path(target).expanduser().resolve()))


def open_database(target: str | None = None) -> DbTarget:
    """Bind the global database proxy to the chosen database and connect. Returns what was opened."""
    target = choose_target(target)
    info = describe(target)
    if info.is_sqlite:
        db = _open_sqlite(Path(info.location))
    elif target.startswith(("postgresql://", "postgres://")):
        db = _open_postgresql(target)
    else:
        raise DatabaseError(_("Unknown database address {target}").format(target=target))
    close_database()
    database.initialize(db)
    try:
        database.connect(reuse_if_open=True)
    except Exception as exc:  # peewee wraps driver errors; the message is what the user needs
        raise DatabaseError(_("Cannot open the database {where}: {error}").format(where=info.location,
                                                                                   error=str(exc).strip())) from exc
    return info


def close_database() -> None:
    if database.obj is not None and not database.is_closed():
        database.close()


def is_postgresql() -> bool:
    return isinstance(database.obj, PostgresqlDatabase)
