"""Errors the command line turns into one line in the user's language and exit code 1."""

from __future__ import annotations

from app.errors import BaijiaError


class CliError(BaijiaError):
    """A message already translated, printed as one line; exit code 1."""


def known_errors() -> tuple[type[BaseException], ...]:
    """What `baijia` reports as one line (exit 1) instead of a traceback: every error meant for the user."""
    return (BaijiaError,)
