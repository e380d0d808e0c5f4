"""`baijia doctor`: what this PC has and lacks — Python, database, locales, fonts — with what to install."""

from __future__ import annotations

import platform
import sys
from dataclasses import dataclass

from app import __version__
from app.i18n import _


@dataclass(frozen=True)
class Check:
    topic: str
    ok: bool
    detail: str
    advice: str = ""


def _python() -> Check:
    return Check(_("Program"), True, f"Baijia {__version__}, Python {platform.python_version()}, "
                                     f"{platform.system()} {platform.release()}")


def _database(target: str | None) -> list[Check]:
    from app.db.database import DatabaseError, open_database, database
    from app.db.migrations import current_version, latest_version

    try:
        info = open_database(target)
    except DatabaseError as exc:
        return [Check(_("Database"), False, str(exc))]
    have, newest = current_version(database.obj), latest_version()
    checks = [Check(_("Database"), True, f"{info.kind}: {info.location}")]
    if have < newest:
        checks.append(Check(_("Schema"), False, _("schema {have} of {newest}").format(have=have, newest=newest),
                            _("run: baijia init")))
    else:
        checks.append(Check(_("Schema"), True, _("schema {have} of {newest}").format(have=have, newest=newest)))
    return checks


def _locales() -> list[Check]:
    from babel import Locale

    from app.i18n import LOCALE_OF
    from app.paths import locales_dir

    checks = []
    for lang in ("zh", "ug"):
        code = LOCALE_OF[lang]
        folder = locales_dir() / code / "LC_MESSAGES"
        found = [p for p in (folder / "baijia.mo", folder / "baijia.po") if p.exists()]
        Locale.parse(code)  # Babel's CLDR data must know it
        checks.append(Check(_("Catalog {code}").format(code=code), bool(found),
                            str(found[0]) if found else str(folder),
                            "" if found else _("reinstall Baijia")))
    return checks


def _fonts() -> list[Check]:
    from app.reports.fonts import discover_fonts

    fonts = discover_fonts()
    checks = []
    for role, label in (("cjk", _("Chinese font (PDF)")), ("uyghur", _("Uyghur font (PDF)")),
                        ("latin", _("Latin font (PDF)"))):
        font = fonts.get(role)
        if font is not None:
            checks.append(Check(label, True, font.describe()))
        else:
            checks.append(Check(label, False, _("not found"), fonts.advice_for(role)))
    return checks


def run(target: str | None = None, extra: list[Check] | None = None) -> list[Check]:
    checks = [_python()]
    checks += _database(target)
    checks += _locales()
    checks += _fonts()
    checks += extra or []
    if sys.version_info < (3, 10):
        checks.append(Check("Python", False, platform.python_version(), _("install Python 3.10 or newer")))
    return checks
