"""Where Baijia finds its shipped files and keeps the user's data."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

import platformdirs

from app import APP_NAME

_PKG = Path(__file__).resolve().parent


def _shipped(name: str) -> Path:
    """A shipped folder: beside app/ in a checkout, inside app/ once pip-installed."""
    in_checkout = _PKG.parent / name
    if in_checkout.is_dir():
        return in_checkout
    return _PKG / f"_{name}"


@lru_cache(maxsize=None)
def resources_dir() -> Path:
    return _shipped("resources")


@lru_cache(maxsize=None)
def locales_dir() -> Path:
    return _shipped("locales")


def data_dir() -> Path:
    """The user's data folder (the database, backups). BAIJIA_HOME overrides it."""
    override = os.environ.get("BAIJIA_HOME")
    path = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_db_path() -> Path:
    return data_dir() / "baijia.db"


def backups_dir() -> Path:
    path = data_dir() / "backups"
    path.mkdir(parents=True, exist_ok=True)
    return path
