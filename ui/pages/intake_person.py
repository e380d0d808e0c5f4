"""Adding a walk-in resident who is not in the registry yet: names (Chinese and/or Uyghur, Latin typing converts),
phone, ID number (optional), the household they live in (found by address or a member's name). The residents
service validates and audits; its messages show under the form."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QFrame, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.domain.text_clean import script_of
from app.i18n import _
from app.services import residents
from app.services.actor import Actor, PermissionDenied
from app.services.resident_validation import ResidentValidationError
from app.services.residents import ResidentNotFound
from ui.language import connect_retranslate
from ui.pages.pickers import HouseholdPicker
from ui.pages.work_fields import error_label, show_errors
from ui.uyghur_input import UyghurLineEdit, with_uly_button


class NewPersonForm(QFrame):
    added = Signal(object)  # ResidentView

    def __init__(self, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.actor = actor
        self.lang = "zh"
        self.setObjectName("newPersonForm")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.name_zh = QLineEdit()
        self.name_zh.setObjectName("newNameZh")
        self.name_ug = UyghurLineEdit()
        self.name_ug.setObjectName("newNameUg")
        self.phone = QLineEdit()
        self.phone.setObjectName("newPhone")
        self.id_number = QLineEdit()
        self.id_number.setObjectName("newIdNumber")
        self.household = HouseholdPicker(actor)
        self.household.advance_on_choice = True
        self.labels = {key: QLabel() for key in ("name_zh", "name_ug", "phone", "id_number", "household")}
        form = QFormLayout()
        form.addRow(self.labels["name_zh"], self.name_zh)
        form.addRow(self.labels["name_ug"], with_uly_button(self.name_ug))
        form.addRow(self.labels["phone"], self.phone)
        form.addRow(self.labels["id_number"], self.id_number)
        form.addRow(self.labels["household"], self.household)
        self.errors = error_label()
        self.add_button = QPushButton()
        self.add_button.setObjectName("addPerson")
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.errors)
        layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignTrailing)
        connect_retranslate(self)

    def retranslate_ui(self) -> None:
        self.labels["name_zh"].setText(_("Name (Chinese):"))
        self.labels["name_ug"].setText(_("Name (Uyghur):"))
        self.labels["phone"].setText(_("Phone:"))
        self.labels["id_number"].setText(_("ID number:"))
        self.id_number.setPlaceholderText(_("optional"))
        self.labels["household"].setText(_("Lives at:"))
        self.household.line.setPlaceholderText(_("Address, or the name of someone in the household"))
        self.add_button.setText(_("Add resident"))
        self.household.redisplay()

    def start(self, typed: str, lang: str) -> None:
        """Open the form with what was typed in the search put into the right name field."""
        self.lang = lang
        typed = typed.strip()
        if typed and not any(ch.isdigit() for ch in typed):
            (self.name_ug if script_of(typed) == "arabic" else self.name_zh).setText(typed)
        show_errors(self.errors, [])
        self.name_zh.setFocus()

    def add(self):
        choice = self.household.chosen
        if choice is None:
            show_errors(self.errors, [_("Choose the household the resident lives in.")])
            self.household.line.setFocus()
            return None
        fields = {"name_zh": self.name_zh.text(), "name_ug": self.name_ug.text(), "phone": self.phone.text(),
                  "id_number": self.id_number.text() or None, "preferred_lang": self.lang}
        try:
            view = residents.add_resident(self.actor, choice.household_uuid, fields)
        except ResidentValidationError as exc:
            show_errors(self.errors, [e.message for e in exc.errors])
            return None
        except (ResidentNotFound, PermissionDenied) as exc:
            show_errors(self.errors, [str(exc)])
            return None
        show_errors(self.errors, [])
        for edit in (self.name_zh, self.name_ug, self.phone, self.id_number):
            edit.clear()
        self.household.clear()
        self.added.emit(view)
        return view
