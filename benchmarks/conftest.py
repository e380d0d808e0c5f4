"""Benchmarks use the test suite's fixtures (private data folder, `db`, `sqlite_db`)."""

from tests.conftest import *  # noqa: F401,F403
