"""Test set-up: offscreen Qt, a private data folder, and the `db` fixture run on SQLite AND PostgreSQL.

PostgreSQL: BAIJIA_TEST_PG=postgresql://user@host:port/db names a server (CI starts one); otherwise a
throw-away server is started from the installed PostgreSQL binaries. BAIJIA_TEST_DBS=sqlite limits a quick
local run to SQLite; the full suite (`make test`, CI) runs both.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import uuid
from pathlib import Path
from urllib.parse import urlparse, urlunparse

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["BAIJIA_HOME"] = tempfile.mkdtemp(prefix="baijia-home-")
os.environ.pop("BAIJIA_DB", None)

import psycopg2  # noqa: E402
import pytest  # noqa: E402

from app.db.database import close_database  # noqa: E402
from app.i18n import set_language  # noqa: E402

DB_KINDS = [k for k in os.environ.get("BAIJIA_TEST_DBS", "sqlite,postgresql").split(",") if k]
ARTIFACTS = Path(os.environ.get("BAIJIA_ARTIFACTS", Path(__file__).parent / "artifacts"))


def artifacts_dir(*parts: str) -> Path:
    path = ARTIFACTS.joinpath(*parts)
    path.mkdir(parents=True, exist_ok=True)
    return path


def _with_dbname(url: str, name: str) -> str:
    parsed = urlparse(url)
    return urlunparse(parsed._replace(path="/" + name))


@pytest.fixture(scope="session")
def pg_server_url():
    url = os.environ.get("BAIJIA_TEST_PG")
    server = None
    if not url:
        from tests.pgserver import start

        server = start()
        if server is None:
            pytest.fail("No PostgreSQL server: install Debian's postgresql (make test does) or set BAIJIA_TEST_PG; "
                        "BAIJIA_TEST_DBS=sqlite runs the SQLite half only.")
        url = server.url
    yield url
    close_database()
    if server is not None:
        server.stop()


def _admin_sql(url: str, sql: str) -> None:
    conn = psycopg2.connect(_with_dbname(url, "postgres"))
    try:
        conn.autocommit = True
        with conn.cursor() as cur:
            cur.execute(sql)
    finally:
        conn.close()


@pytest.fixture(scope="session")
def pg_template(pg_server_url):
    """A migrated database, cloned per test (CREATE DATABASE … TEMPLATE) — much faster than migrating each."""
    from app.services.setup import open_and_migrate

    name = f"baijia_tpl_{uuid.uuid4().hex[:8]}"
    _admin_sql(pg_server_url, f'CREATE DATABASE "{name}"')
    open_and_migrate(_with_dbname(pg_server_url, name))
    close_database()
    return name


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory):
    from app.services.setup import open_and_migrate

    path = tmp_path_factory.mktemp("tpl") / "template.db"
    open_and_migrate(str(path))
    close_database()
    return path


def _delete_leftover_widgets() -> None:
    """Delete every top-level widget an earlier test left behind (closed or not): a window that still exists
    keeps listening to language changes, and would query a database that is gone."""
    widgets = sys.modules.get("PySide6.QtWidgets")
    if widgets is None or widgets.QApplication.instance() is None:
        return
    from PySide6.QtCore import QCoreApplication, QEvent

    for widget in widgets.QApplication.topLevelWidgets():
        widget.close()
        widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture(autouse=True)
def _language():
    """Every test starts in English (the msgids): tests about zh and ug switch explicitly."""
    _delete_leftover_widgets()
    set_language("en")
    yield
    set_language("en")


def _open_sqlite(sqlite_template, tmp_path) -> str:
    from app.services.setup import open_and_migrate

    path = tmp_path / "baijia.db"
    shutil.copy(sqlite_template, path)
    open_and_migrate(str(path))
    return str(path)


@pytest.fixture(params=DB_KINDS)
def db(request, tmp_path):
    """An empty, migrated database bound to app.db.database.database; yields its address."""
    from app.services.setup import open_and_migrate

    if request.param == "sqlite":
        target = _open_sqlite(request.getfixturevalue("sqlite_template"), tmp_path)
        yield target
        close_database()
        return
    server = request.getfixturevalue("pg_server_url")
    template = request.getfixturevalue("pg_template")
    name = f"t_{uuid.uuid4().hex[:12]}"
    _admin_sql(server, f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    target = _with_dbname(server, name)
    open_and_migrate(target)
    yield target
    close_database()
    _admin_sql(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def sqlite_db(sqlite_template, tmp_path):
    """SQLite only (GUI tests, benchmarks of the embedded default)."""
    target = _open_sqlite(sqlite_template, tmp_path)
    yield target
    close_database()
