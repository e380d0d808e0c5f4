"""A 35,000-household demo database (≈ 1,000,000 visits) for the visits/demands benchmarks, built once with
``demo.generate`` and kept: a SQLite file cached under /tmp, or (BAIJIA_BENCH_PG=postgresql://… names a server) a
database on that server — both keyed by seed, size and schema version."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from app.db.database import close_database
from app.db.migrations import latest_version

CACHE = Path(os.environ.get("BAIJIA_BENCH_CACHE", "/tmp/baijia-bench"))
HOUSEHOLDS = 35_000


def _generate(target: str, households: int, seed: int) -> dt.date:
    from app.services import demo, settings, setup

    today = dt.date.today()
    setup.open_and_migrate(target)
    demo.generate(households, seed=seed, today=today)
    settings.put(None, "bench_generated_on", today.isoformat())
    return today


def cached_demo_db(seed: int = 1, households: int = HOUSEHOLDS) -> tuple[Path, dt.date]:
    """Path of the cached SQLite database and the ``today`` it was generated for (built when missing)."""
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"work-{households}-s{seed}-v{latest_version()}.db"
    stamp = path.with_suffix(".today")
    if not (path.exists() and stamp.exists()):
        partial = path.with_suffix(".partial")
        for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
            leftover.unlink(missing_ok=True)
        today = _generate(str(partial), households, seed)
        close_database()  # checkpoints the WAL into the file
        partial.rename(path)
        stamp.write_text(today.isoformat())
    return path, dt.date.fromisoformat(stamp.read_text().strip())


def cached_pg_db(server_url: str, seed: int = 1, households: int = HOUSEHOLDS) -> tuple[str, dt.date]:
    """URL of the demo database on a PostgreSQL server (created, filled and VACUUM ANALYZEd when missing)."""
    import psycopg2
    from urllib.parse import urlparse, urlunparse

    name = f"bench_work_{households}_s{seed}_v{latest_version()}"
    url = urlunparse(urlparse(server_url)._replace(path="/" + name))
    admin = psycopg2.connect(server_url)
    admin.autocommit = True
    try:
        with admin.cursor() as cur:
            cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
            exists = cur.fetchone() is not None
            if exists:
                probe = psycopg2.connect(url)
                with probe, probe.cursor() as c:
                    c.execute("SELECT value FROM setting WHERE key = 'bench_generated_on'")
                    row = c.fetchone()
                probe.close()
                if row:
                    return url, dt.date.fromisoformat(row[0].strip('"'))
                cur.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            cur.execute(f'CREATE DATABASE "{name}"')
    finally:
        admin.close()
    today = _generate(url, households, seed)
    from app.db.database import database

    database.execute_sql("VACUUM ANALYZE")  # what autovacuum does soon after a bulk load
    close_database()
    return url, today


if __name__ == "__main__":
    import sys
    import time

    started = time.perf_counter()
    result = cached_pg_db(sys.argv[1]) if len(sys.argv) > 1 else cached_demo_db()
    print(result, f"{time.perf_counter() - started:.1f} s")
