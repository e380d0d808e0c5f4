"""Load the residents' search index in the background right after log-in, so that the first search in the
registry, the front desk or the visit form answers at once (the index takes 1–2 s to build at 100,000 people).

A plain daemon thread with its own database connection: it never touches Qt, and a search that comes before it
has finished simply waits for the index (app.services.residents_index locks it).
"""

from __future__ import annotations

import logging
import threading

log = logging.getLogger(__name__)


def _warm() -> None:
    from app.services import residents_index
    from app.services.connection import thread_connection

    try:
        with thread_connection():
            residents_index.warm_up()
    except Exception:  # noqa: BLE001 - the first search builds the index itself then
        log.warning("warming up the residents' search index failed", exc_info=True)


def warm_up_search() -> threading.Thread:
    thread = threading.Thread(target=_warm, name="baijia-search-warm-up", daemon=True)
    thread.start()
    return thread
