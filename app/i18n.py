"""The one i18n module: gettext catalogs compiled by Babel, the current language, and change listeners.

Use it explicitly everywhere: ``from app.i18n import _, ngettext``. Source strings (msgids) are English;
``locales/zh_CN`` and ``locales/ug_CN`` hold the translations. ``_`` looks the current language up at call
time, so a widget that calls ``_`` again in its ``retranslate_ui()`` follows a live language switch.
"""

from __future__ import annotations

import gettext as _gettext
import locale as _locale
import os
from typing import Callable

from babel import Locale

from app.paths import locales_dir

DOMAIN = "baijia"
LANGUAGES = ("zh", "ug", "en")
LOCALE_OF = {"zh": "zh_CN", "ug": "ug_CN", "en": "en"}
RTL_LANGUAGES = frozenset({"ug"})
# Each language written in itself, for language pickers.
NATIVE_NAMES = {"zh": "中文", "ug": "ئۇيغۇرچە", "en": "English"}

_translations: dict[str, _gettext.NullTranslations] = {}
_current = "zh"  # replaced below by the system language (BAIJIA_LANG, locale)
_listeners: list[Callable[[str], None]] = []


def _load(lang: str) -> _gettext.NullTranslations:
    """The compiled .mo when it is current; else the .po compiled in memory (a fresh checkout works as is)."""
    folder = locales_dir() / LOCALE_OF[lang] / "LC_MESSAGES"
    po, mo = folder / f"{DOMAIN}.po", folder / f"{DOMAIN}.mo"
    if mo.exists() and (not po.exists() or mo.stat().st_mtime >= po.stat().st_mtime):
        with mo.open("rb") as fh:
            return _gettext.GNUTranslations(fh)
    if po.exists():
        import io

        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        with po.open("rb") as fh:
            catalog = read_po(fh, locale=LOCALE_OF[lang])
        buffer = io.BytesIO()
        write_mo(buffer, catalog, use_fuzzy=False)
        buffer.seek(0)
        return _gettext.GNUTranslations(buffer)
    return _gettext.NullTranslations()


def _catalog(lang: str) -> _gettext.NullTranslations:
    if lang not in _translations:
        _translations[lang] = _gettext.NullTranslations() if lang == "en" else _load(lang)
    return _translations[lang]


def normalize_language(value: str | None) -> str | None:
    """'zh_CN.UTF-8', 'ug-CN', 'UG' → 'zh' / 'ug'; None for anything Baijia has no catalog for."""
    if not value:
        return None
    head = value.replace("-", "_").split(".")[0].split("_")[0].lower()
    return head if head in LANGUAGES else None


def system_language() -> str:
    """BAIJIA_LANG, else the system locale when it is one of ours, else Chinese."""
    for candidate in (os.environ.get("BAIJIA_LANG"), os.environ.get("LANGUAGE"), os.environ.get("LC_ALL"),
                      os.environ.get("LANG")):
        lang = normalize_language(candidate)
        if lang:
            return lang
    try:
        lang = normalize_language(_locale.getlocale()[0])
    except ValueError:
        lang = None
    return lang or "zh"


_current = system_language()


def set_language(lang: str) -> None:
    """Switch the language for everything that calls ``_`` from now on, and tell the listeners."""
    global _current
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    changed = lang != _current
    _current = lang
    if changed:
        for listener in list(_listeners):
            listener(lang)


def current_language() -> str:
    return _current


def is_rtl(lang: str | None = None) -> bool:
    return (lang or _current) in RTL_LANGUAGES


def babel_locale(lang: str | None = None) -> Locale:
    return Locale.parse(LOCALE_OF[lang or _current])


def add_language_listener(callback: Callable[[str], None]) -> None:
    _listeners.append(callback)


def remove_language_listener(callback: Callable[[str], None]) -> None:
    if callback in _listeners:
        _listeners.remove(callback)


def _(message: str) -> str:
    return _catalog(_current).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _catalog(_current).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return _catalog(_current).pgettext(context, message)


def gettext_in(lang: str, message: str) -> str:
    """``message`` in a given language, whatever the UI shows (bilingual PDFs need both)."""
    return _catalog(lang).gettext(message)


def N_(message: str) -> str:
    """Mark a string for extraction without translating it now (module-level constants)."""
    return message


def reload_catalogs() -> None:
    """Forget loaded catalogs (after `make catalogs` in a running test session)."""
    _translations.clear()
