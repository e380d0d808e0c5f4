"""Qt's own strings (standard buttons, line-edit menus) through Baijia's catalog.

Qt ships `qtbase_zh_CN.qm` but no Uyghur translation, so a button box would say "OK" and "Cancel" in a
Uyghur window. `CatalogTranslator` is a QTranslator that answers Qt's requests from our gettext catalog,
with the GLOSSARY's words ("Buttons and commands"); what our catalog does not translate falls through to
the next translator (qtbase_zh_CN for Chinese) and finally to Qt's English.
"""

from __future__ import annotations

from PySide6.QtCore import QTranslator

from app.i18n import N_, _, current_language, is_rtl

# (Qt context, Qt source text) → our msgid. Qt's "&" mnemonics are dropped: the catalog holds plain words.
QT_STRINGS: dict[tuple[str, str], str] = {
    ("QPlatformTheme", "OK"): N_("OK"),
    ("QPlatformTheme", "Cancel"): N_("Cancel"),
    ("QPlatformTheme", "&Yes"): N_("Yes"),
    ("QPlatformTheme", "&No"): N_("No"),
    ("QPlatformTheme", "Yes to &All"): N_("Yes to all"),
    ("QPlatformTheme", "N&o to All"): N_("No to all"),
    ("QPlatformTheme", "Save"): N_("Save"),
    ("QPlatformTheme", "Save All"): N_("Save all"),
    ("QPlatformTheme", "Open"): N_("Open"),
    ("QPlatformTheme", "Close"): N_("Close"),
    ("QPlatformTheme", "Apply"): N_("Apply"),
    ("QPlatformTheme", "Reset"): N_("Reset"),
    ("QPlatformTheme", "Restore Defaults"): N_("Restore defaults"),
    ("QPlatformTheme", "Help"): N_("Help"),
    ("QPlatformTheme", "Discard"): N_("Discard"),
    ("QPlatformTheme", "Abort"): N_("Abort"),
    ("QPlatformTheme", "Retry"): N_("Retry"),
    ("QPlatformTheme", "Ignore"): N_("Ignore"),
    ("QProgressDialog", "Cancel"): N_("Cancel"),
    ("QMessageBox", "Show Details..."): N_("Show details…"),
    ("QMessageBox", "Hide Details..."): N_("Hide details"),
    ("QLineEdit", "&Undo"): N_("Undo"),
    ("QLineEdit", "&Redo"): N_("Redo"),
    ("QLineEdit", "Cu&t"): N_("Cut"),
    ("QLineEdit", "&Copy"): N_("Copy"),
    ("QLineEdit", "&Paste"): N_("Paste"),
    ("QLineEdit", "Delete"): N_("Delete"),
    ("QLineEdit", "Select All"): N_("Select all"),
}
for _source in ("&Undo", "&Redo", "Cu&t", "&Copy", "&Paste", "Delete", "Select All"):
    QT_STRINGS[("QWidgetTextControl", _source)] = QT_STRINGS[("QLineEdit", _source)]


class CatalogTranslator(QTranslator):
    """Installed last, so Qt asks it first. Answering None (a null QString; "" would be taken as the
    translation) lets Qt ask the next translator."""

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:
        if context == "QGuiApplication" and source == "QT_LAYOUT_DIRECTION":
            return "RTL" if is_rtl() else "LTR"
        msgid = QT_STRINGS.get((context, source))
        if msgid is None:
            return None
        text = _(msgid)
        if text == msgid and current_language() != "en":
            return None  # not translated yet: qtbase_zh_CN (or Qt's English) answers
        return text

    def isEmpty(self) -> bool:  # noqa: N802 - Qt's name; an "empty" translator would get no LanguageChange
        return False
