"""Errors the command line turns into one line in the user's language and exit code 1."""

from __future__ import annotations


class CliError(Exception):
    """A message already translated, printed as one line; exit code 1."""


def known_errors() -> tuple[type[BaseException], ...]:
    from app.db.base import StaleEditError
    from app.db.database import DatabaseError
    from app.db.migrations import MigrationError
    from app.services.actor import PermissionDenied
    from app.services.handbook import HandbookError
    from app.services.handbook_data import HandbookDataError
    from app.services.setup import SetupError
    from app.services.users import UserError

    return (CliError, DatabaseError, MigrationError, PermissionDenied, SetupError, UserError, StaleEditError,
            HandbookError, HandbookDataError)
