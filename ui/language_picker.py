"""A drop-down of the three languages, each written in itself (中文 / ئۇيغۇرچە / English)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget

from app.i18n import LANGUAGES, NATIVE_NAMES, _, current_language
from ui.language import connect_retranslate, language_manager


class LanguagePicker(QComboBox):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        for lang in LANGUAGES:
            self.addItem(NATIVE_NAMES[lang], lang)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.currentIndexChanged.connect(self._chosen)
        connect_retranslate(self)

    def _chosen(self, index: int) -> None:
        lang = self.itemData(index)
        if lang:
            language_manager().switch(lang)

    def retranslate_ui(self) -> None:
        self.blockSignals(True)
        self.setCurrentIndex(LANGUAGES.index(current_language()))
        self.blockSignals(False)
        self.setToolTip(_("Language"))
        self.setAccessibleName(_("Language"))
