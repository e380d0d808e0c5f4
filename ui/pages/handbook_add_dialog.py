"""Add a handbook item of the office's own (administrators): its category, title in both languages and time
limit. The code is given by the service (`<category>-L01`, …); the other fields are filled in next, in the
edit dialog."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QSpinBox, QWidget

from app.i18n import _, current_language
from app.services import handbook
from app.services.actor import Actor, PermissionDenied
from app.services.handbook import CentreNode, ItemRecord
from ui.bidi import ltr, user_text
from ui.language import connect_retranslate
from ui.uyghur_input import UyghurLineEdit, with_uly_button


class AddItemDialog(QDialog):
    def __init__(self, actor: Actor, centres: list[CentreNode], category: str | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("addItemDialog")
        self.actor = actor
        self.centres = centres
        self.record: ItemRecord | None = None
        self.category = QComboBox()
        self.category.setObjectName("category")
        for centre in centres:
            for cat in centre.categories:
                self.category.addItem("", cat.code)
        if category is not None and self.category.findData(category) >= 0:
            self.category.setCurrentIndex(self.category.findData(category))
        self.title_zh = QLineEdit()
        self.title_zh.setObjectName("title_zh")
        self.title_ug = UyghurLineEdit()
        self.title_ug.setObjectName("title_ug")
        self.days = QSpinBox()
        self.days.setRange(0, handbook.MAX_DAYS)
        self.labels = [QLabel() for _i in range(4)]
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.error = QLabel()
        self.error.setObjectName("addError")
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        self.error.hide()
        form = QFormLayout(self)
        form.addRow(self.intro)
        for label, field in zip(self.labels, (self.category, self.title_zh, with_uly_button(self.title_ug),
                                               self.days)):
            form.addRow(label, field)
        for label, field in zip(self.labels, (self.category, self.title_zh, self.title_ug, self.days)):
            label.setBuddy(field)
        form.addRow(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.add)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.setMinimumWidth(560)
        connect_retranslate(self)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Add a handbook item"))
        self.intro.setText(_("The new item gets a code of its own. Fill in its other fields next."))
        lang = current_language()
        names = {cat.code: cat.names.get(lang) for centre in self.centres for cat in centre.categories}
        for i in range(self.category.count()):
            code = self.category.itemData(i)
            self.category.setItemText(i, f"{ltr(code)}  {user_text(names[code])}")
        for label, text in zip(self.labels, (_("Category:"), _("Title (Chinese):"), _("Title (Uyghur):"),
                                             _("Time limit in working days:"))):
            label.setText(text)

    def add(self) -> bool:
        try:
            self.record = handbook.add_item(self.actor, self.category.currentData(), self.title_zh.text(),
                                            self.title_ug.text(), self.days.value())
        except (handbook.HandbookError, PermissionDenied) as exc:
            self.error.setText(str(exc))
            self.error.show()
            return False
        self.accept()
        return True
