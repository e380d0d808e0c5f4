"""The live language switch: app.i18n's listener bridged to a Qt signal, direction, Qt's own translations.

``language_manager()`` is the one instance. Every widget with texts connects
``language_manager().language_changed`` to its ``retranslate_ui``. Switching (from any place that calls
``app.i18n.set_language``, or ``language_manager().switch``):

1. mirrors the whole application for Uyghur (``QApplication.setLayoutDirection(Qt.RightToLeft)``);
2. sets Qt's default locale (date and number editors);
3. reinstalls Qt's translators: ``qtbase_zh_CN.qm`` for Chinese, and always our ``CatalogTranslator``
   for standard buttons (Qt has no Uyghur .qm). Qt then posts LanguageChange to its own widgets;
4. emits ``language_changed(lang)`` so our widgets rebuild their texts.

The chosen language is kept per PC in QSettings (key ``language``): the log-in dialog must speak it before
anyone has logged in, and a shared office PC is usually used in one language.
"""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QObject, QSettings, Qt, QTranslator, Signal
from PySide6.QtWidgets import QApplication

from app.i18n import LANGUAGES, LOCALE_OF, add_language_listener, current_language, is_rtl, set_language
from ui.label_alignment import align_labels
from ui.qt_translator import CatalogTranslator

SETTINGS_KEY = "language"


def ui_settings() -> QSettings:
    """Per-PC preferences of the GUI (an ini file in the user's config folder)."""
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "Baijia", "baijia")


def saved_language() -> str | None:
    value = ui_settings().value(SETTINGS_KEY, "")
    return value if value in LANGUAGES else None


def save_language(lang: str) -> None:
    settings = ui_settings()
    settings.setValue(SETTINGS_KEY, lang)
    settings.sync()


class LanguageManager(QObject):
    language_changed = Signal(str)

    def __init__(self, app: QApplication):
        super().__init__(app)
        self._app = app
        self._qt_translator: QTranslator | None = None
        self._catalog_translator = CatalogTranslator(self)
        add_language_listener(self._on_language)

    def switch(self, lang: str) -> None:
        """The user chose a language: apply it everywhere and remember it on this PC."""
        save_language(lang)
        if lang == current_language():
            return
        set_language(lang)  # calls _on_language through app.i18n's listener

    def apply_current(self) -> None:
        """Apply app.i18n's current language to Qt (at start-up, before any window exists)."""
        self._on_language(current_language())

    def _on_language(self, lang: str) -> None:
        self._app.setLayoutDirection(Qt.LayoutDirection.RightToLeft if is_rtl(lang) else
                                     Qt.LayoutDirection.LeftToRight)
        QLocale.setDefault(QLocale(LOCALE_OF[lang]))
        self._install_translators(lang)
        self.language_changed.emit(lang)
        align_labels()

    def _install_translators(self, lang: str) -> None:
        self._app.removeTranslator(self._catalog_translator)
        if self._qt_translator is not None:
            self._app.removeTranslator(self._qt_translator)
            self._qt_translator = None
        if lang == "zh":
            translator = QTranslator(self)
            folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            if translator.load("qtbase_zh_CN", folder):
                self._app.installTranslator(translator)
                self._qt_translator = translator
        self._app.installTranslator(self._catalog_translator)  # installed last = asked first

    @property
    def qt_translation_loaded(self) -> bool:
        return self._qt_translator is not None


_manager: LanguageManager | None = None


def language_manager() -> LanguageManager:
    """The application's LanguageManager, created with the QApplication's first use of it."""
    global _manager
    if _manager is None:
        app = QApplication.instance()
        if app is None:
            raise RuntimeError("create the QApplication before the language manager")
        _manager = LanguageManager(app)
        _manager.apply_current()
    return _manager


def connect_retranslate(widget) -> None:
    """Call ``widget.retranslate_ui()`` now and after every language switch (then align its labels)."""
    language_manager().language_changed.connect(widget.retranslate_ui)
    widget.retranslate_ui()
    align_labels(widget)
