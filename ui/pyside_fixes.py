"""Work-arounds for defects of the Qt binding, applied once when the ui package is imported.

None's reference count (PySide6 6.12 on CPython 3.11): every Qt call that answers None — a null pointer
(``currentItem()`` with nothing current, ``buddy()``, ``parentWidget()`` of a window) or an invalid QVariant
(``property()`` of an unset property, ``data()`` of an empty role, ``currentData()`` of an empty combo box) —
hands back None without taking a reference, so None's count drops by one per call (measured: 1000 calls,
-1000). After a few thousand such calls CPython aborts the process with "Fatal Python error: none_dealloc:
deallocating None" (seen in the GUI test run, inside ui.label_alignment after many language switches).
CPython 3.12 made None immortal, which ends the problem; on 3.11 we give None a reference count no program
can use up, which is what 3.12 does.
"""

from __future__ import annotations

import ctypes
import sys

_RESERVE = 1 << 40


def keep_none_alive() -> None:
    if sys.version_info >= (3, 12) or hasattr(sys, "gettotalrefcount"):  # immortal / a debug build: leave it
        return
    count = ctypes.c_ssize_t.from_address(id(None))  # ob_refcnt, the object's first field
    if count.value < _RESERVE:
        count.value += _RESERVE


keep_none_alive()
