"""A throw-away PostgreSQL server for the test suite (real server, loopback only, deleted afterwards).

Used when BAIJIA_TEST_PG is not set. As root the server runs as the `postgres` system user.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass


@dataclass
class PgServer:
    url: str
    datadir: str
    pgbin: str
    as_postgres: bool

    def stop(self) -> None:
        _run(self, f"{self.pgbin}/pg_ctl -D {self.datadir}/data -m immediate stop")
        shutil.rmtree(self.datadir, ignore_errors=True)


def _pgbin() -> str | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    if found:
        return os.path.dirname(found[-1])
    initdb = shutil.which("initdb")
    return os.path.dirname(initdb) if initdb else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _run(server: PgServer, command: str) -> None:
    argv = ["su", "postgres", "-c", command] if server.as_postgres else ["sh", "-c", command]
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd="/")


def start() -> PgServer | None:
    pgbin = _pgbin()
    if pgbin is None:
        return None
    datadir = tempfile.mkdtemp(prefix="baijia-pg-")
    as_postgres = os.geteuid() == 0
    if as_postgres:
        shutil.chown(datadir, "postgres")
    port = _free_port()
    server = PgServer(f"postgresql://postgres@127.0.0.1:{port}/postgres", datadir, pgbin, as_postgres)
    _run(server, f"{pgbin}/initdb -D {datadir}/data -A trust -U postgres -E UTF8 --locale=C.UTF-8")
    _run(server, f"{pgbin}/pg_ctl -D {datadir}/data -o \"-p {port} -k {datadir} -c listen_addresses=127.0.0.1 "
                 f"-c fsync=off -c synchronous_commit=off -c full_page_writes=off\" -l {datadir}/log -w start")
    return server
