"""Direction of user text and technical strings inside labels and cells.

A Uyghur name in a Chinese window, or a Chinese address in a Uyghur window, is isolated (FSI…PDI) so it
cannot reorder what stands around it; paths, ID numbers and phone numbers always run left to right
(LRI…PDI), otherwise "138****1234" reads "1234****138" in a right-to-left window.
"""

from __future__ import annotations

from app.domain.text_clean import isolate
from app.i18n import is_rtl

LRI, PDI = "\u2066", "\u2069"


def ltr(text: str) -> str:
    """Numbers, codes, paths, URLs: left to right in every window."""
    return LRI + text + PDI if text else text


def user_text(text: str) -> str:
    """A name or address typed by someone: isolated unless its direction matches the window's."""
    return isolate(text, rtl_context=is_rtl()) if text else text


def embedded(text: str) -> str:
    """A value put into a sentence (a date, a name): always isolated, so a sentence in the other direction
    (say, an English fallback in a Uyghur window) cannot scramble it."""
    return isolate(text) if text else text

