"""A database connection for a worker thread.

peewee keeps one connection per thread (``thread_safe=True``, the default): a background job that
queries would otherwise auto-connect and never close. Wrap the job in ``thread_connection()``.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from app.db.database import database


@contextmanager
def thread_connection() -> Iterator[None]:
    """Open this thread's own connection for the block, and close it afterwards (if it was opened here)."""
    opened = database.connect(reuse_if_open=True)
    try:
        yield
    finally:
        if opened and not database.is_closed():
            database.close()
