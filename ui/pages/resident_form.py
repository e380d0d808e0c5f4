"""The fields of one resident, checked as the user types (``validate_resident``, after a short pause): each
error stands under its field, in the user's language; an ID number someone already has offers a link to that
person. Sex and date of birth come from a valid ID number (shown, read-only); without one they are typed.

ID numbers and phones of a registered person show masked. "Show" (roles with residents.reveal) asks the service
for the whole value — audited — and keeps it in the field until the dialog closes. A masked value left as it is
is no change; typing a whole new number replaces it.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFormLayout, QGridLayout, QHBoxLayout, QLabel, QLineEdit,
                               QToolButton, QVBoxLayout, QWidget)

from app.i18n import N_, NATIVE_NAMES, _
from app.services.actor import Actor
from app.services.resident_labels import LANGUAGE_CODES, RELATION_LABELS, SEX_LABELS, derived_tags
from app.services.resident_validation import FieldError, clean_fields, validate_resident
from app.services.residents_query import visible_tags
from app.services.residents_view import ResidentView
from ui.language import connect_retranslate
from ui.pages.registry_texts import tags_text
from ui.pages.reveal_values import may_reveal, reveal
from ui.uyghur_input import UyghurLineEdit, UyghurTextEdit, with_uly_button

DEBOUNCE_MS = 300
LTR = Qt.LayoutDirection.LeftToRight
ERROR_STYLE = "color: #b42318;"
FIELD_LABELS = (
    ("name_zh", N_("Name (Chinese):")), ("name_ug", N_("Name (Uyghur):")), ("id_number", N_("ID number:")),
    ("sex", N_("Sex:")), ("birth_date", N_("Date of birth:")), ("phone", N_("Phone:")),
    ("relation", N_("Relation to head:")), ("preferred_lang", N_("Preferred language:")),
    ("tags", N_("Service tags:")), ("note", N_("Note:")),
)


def error_label() -> QLabel:
    """Red text under a field (or a form) saying what is wrong; hidden while nothing is."""
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)  # messages may quote names typed by people
    label.setStyleSheet(ERROR_STYLE)
    label.hide()
    return label


def show_errors(label: QLabel, texts: list[str]) -> None:
    label.setText("\n".join(texts))
    label.setVisible(bool(texts))


class ResidentForm(QWidget):
    open_existing = Signal(str)  # the uuid of the person who already has the ID number typed
    validated = Signal(bool)  # True when the fields have no error

    def __init__(self, actor: Actor, view: ResidentView | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.actor, self.view = actor, view
        self.setObjectName("residentForm")
        self.sensitive = actor.can("residents.sensitive")
        self.name_zh = QLineEdit()
        self.name_ug = UyghurLineEdit()
        self.id_number = QLineEdit()
        self.id_number.setLayoutDirection(LTR)
        self.id_number.setMaxLength(40)
        self.sex = QComboBox()
        self.sex.addItem("", "")
        for code in SEX_LABELS:
            self.sex.addItem("", code)
        self.birth_date = QLineEdit()
        self.birth_date.setLayoutDirection(LTR)
        self.birth_date.setPlaceholderText("1990-03-15")
        self.derived_note = QLabel()
        self.derived_note.setObjectName("derivedNote")
        self.phone = QLineEdit()
        self.phone.setLayoutDirection(LTR)
        self.relation = QComboBox()
        for code in RELATION_LABELS:
            self.relation.addItem("", code)
        self.preferred_lang = QComboBox()
        for code in LANGUAGE_CODES:
            self.preferred_lang.addItem(NATIVE_NAMES[code], code)
        self.tag_boxes: dict[str, QCheckBox] = {}
        tags_box = QWidget()
        tag_grid = QGridLayout(tags_box)
        tag_grid.setContentsMargins(0, 0, 0, 0)
        for n, tag in enumerate(t for t in visible_tags(actor) if not t.derived):
            box = QCheckBox(tag.label)
            box.setObjectName(f"tag_{tag.code}")
            self.tag_boxes[tag.code] = box
            tag_grid.addWidget(box, n // 3, n % 3)
        self.derived_tags = QLabel()
        self.derived_tags.setObjectName("derivedTags")
        tag_grid.addWidget(self.derived_tags, tag_grid.rowCount(), 0, 1, 3)
        self.note = UyghurTextEdit()
        self.note.unsetLayoutDirection()  # Chinese or Uyghur: each paragraph by its own letters
        self.note.setTabChangesFocus(True)
        self.note.setMaximumHeight(80)

        self.show_id, self.show_phone = QToolButton(), QToolButton()
        self.show_id.setObjectName("showIdNumber")
        self.show_phone.setObjectName("showPhone")
        self.show_id.clicked.connect(lambda: self.reveal_field("id_number"))
        self.show_phone.clicked.connect(lambda: self.reveal_field("phone"))
        self.duplicate_link = QLabel()
        self.duplicate_link.setObjectName("openExisting")
        self.duplicate_link.setTextFormat(Qt.TextFormat.RichText)
        self.duplicate_link.linkActivated.connect(self.open_existing.emit)
        self.duplicate_link.hide()
        self.general_errors = error_label()

        self.labels: dict[str, QLabel] = {}
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        fields = {"name_zh": self.name_zh, "name_ug": with_uly_button(self.name_ug),
                  "id_number": self._with_button(self.id_number, self.show_id), "sex": self.sex,
                  "birth_date": self.birth_date, "phone": self._with_button(self.phone, self.show_phone),
                  "relation": self.relation, "preferred_lang": self.preferred_lang, "tags": tags_box,
                  "note": self.note}
        for field, _msgid in FIELD_LABELS:
            if field == "note" and not self.sensitive:
                continue
            box = QWidget()
            column = QVBoxLayout(box)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(2)
            column.addWidget(fields[field])
            self.errors[field] = error_label()
            self.errors[field].setObjectName(f"error_{field}")
            column.addWidget(self.errors[field])
            if field == "id_number":
                column.addWidget(self.duplicate_link)
            if field == "birth_date":
                column.addWidget(self.derived_note)
            self.labels[field] = QLabel()
            form.addRow(self.labels[field], box)
        form.addRow(self.general_errors)

        self._id_shown = view.id_number_masked if view else ""  # what the field held when loaded or revealed
        self._phone_shown = view.phone_masked if view else ""
        self._derived = False
        self._read_only = False
        self._last_errors: list[FieldError] = []
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.validate_now)
        self._load()
        for edit in (self.name_zh, self.name_ug, self.id_number, self.birth_date, self.phone):
            edit.textChanged.connect(self._typed)
        self.note.textChanged.connect(self._typed)
        for combo in (self.sex, self.relation, self.preferred_lang):
            combo.currentIndexChanged.connect(self._typed)
        self.id_number.textChanged.connect(self._update_derived)
        connect_retranslate(self)

    @staticmethod
    def _with_button(edit: QLineEdit, button: QToolButton) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(edit, 1)
        row.addWidget(button)
        return box

    def load(self, view: ResidentView | None) -> None:
        """Show ``view`` (read again after a change): masked values, no errors."""
        self.view = view
        self._id_shown = view.id_number_masked if view else ""
        self._phone_shown = view.phone_masked if view else ""
        self.show_id.setEnabled(True)
        self.show_phone.setEnabled(True)
        self._load()
        self.timer.stop()
        self.show_errors([])

    def _load(self) -> None:
        v = self.view
        self.name_zh.setText(v.name_zh if v else "")
        self.name_ug.setText(v.name_ug if v else "")
        self.id_number.setText(self._id_shown)
        self.phone.setText(self._phone_shown)
        self._set_combo(self.sex, v.sex if v else "")
        self.birth_date.setText(v.birth_date.isoformat() if v and v.birth_date else "")
        self._set_combo(self.relation, v.relation if v else "other")
        self._set_combo(self.preferred_lang, v.preferred_lang if v else "zh")
        own = set(v.tags) if v else set()
        for code, box in self.tag_boxes.items():
            box.setChecked(code in own)
        self.note.setPlainText(v.note if v else "")
        self.show_id.setVisible(bool(v and v.has_id_number and may_reveal(self.actor)))
        self.show_phone.setVisible(bool(v and v.has_phone and may_reveal(self.actor)))
        self._update_derived()

    @staticmethod
    def _set_combo(combo: QComboBox, code: str) -> None:
        index = combo.findData(code)
        combo.setCurrentIndex(max(0, index))

    def retranslate_ui(self) -> None:
        for field, msgid in FIELD_LABELS:
            if field in self.labels:
                self.labels[field].setText(_(msgid))
        self.sex.setItemText(0, _("(not known)"))
        for n, code in enumerate(SEX_LABELS, start=1):
            self.sex.setItemText(n, _(SEX_LABELS[code]))
        for n, code in enumerate(RELATION_LABELS):
            self.relation.setItemText(n, _(RELATION_LABELS[code]))
        for tag in visible_tags(self.actor):
            if tag.code in self.tag_boxes:
                self.tag_boxes[tag.code].setText(tag.label)
        self.name_ug.setPlaceholderText(_("Uyghur script; Latin typing converts with Ctrl+Shift+U"))
        self.id_number.setPlaceholderText(_("18 characters; leave empty if not known"))
        self.phone.setPlaceholderText(_("Mobile or 0991 landline"))
        for button in (self.show_id, self.show_phone):
            button.setText(_("Show"))
            button.setToolTip(_("Show the whole number. This is recorded in the audit log."))
        self.duplicate_link.setText('<a href="#">{}</a>'.format(_("Open the existing person")))
        self._update_derived()
        if self._last_errors or self.timer.isActive():
            self.validate_now()  # the messages are made in the language of the moment

    # --- what the user typed ---
    def id_changed(self) -> bool:
        return self.id_number.text().strip() != self._id_shown

    def phone_changed(self) -> bool:
        return self.phone.text().strip() != self._phone_shown

    def _derived_from_id(self) -> tuple[str, dt.date] | None:
        if self.id_changed():
            text = self.id_number.text().strip()
            if not text:
                return None
            values, errors = clean_fields({"id_number": text})
            if errors or not values.get("id_number"):
                return None
            return values["sex"], values["birth_date"]
        v = self.view
        if v and v.has_id_number and v.birth_date:
            return v.sex, v.birth_date
        return None

    def _update_derived(self) -> None:
        derived = self._derived_from_id()
        if derived is not None:
            sex, birth = derived
            self._set_combo(self.sex, sex)
            self.birth_date.setText(birth.isoformat())
        elif self._derived:  # the ID number is no longer valid: the fields are the user's again
            self._set_combo(self.sex, "")
            self.birth_date.clear()
        self._derived = derived is not None
        self.sex.setEnabled(not self._derived and not self._read_only)
        self.birth_date.setReadOnly(self._derived)
        self.derived_note.setText(_("Sex and date of birth come from the ID number.") if self._derived else "")
        self.derived_note.setVisible(self._derived)
        birth = derived[1] if derived else None
        if birth is None and not self._derived:
            values, errors = clean_fields({"birth_date": self.birth_date.text().strip()})
            birth = values.get("birth_date") if not errors else None
        from_age = derived_tags(birth, dt.date.today()) if birth else ()
        self.derived_tags.setText(_("From the date of birth: {tags}").format(tags=tags_text(from_age))
                                  if from_age else "")
        self.derived_tags.setVisible(bool(from_age))

    def derived(self) -> bool:
        """Sex and date of birth are taken from a valid ID number (and shown read-only)."""
        return self._derived

    def _typed(self, *_args) -> None:
        self.timer.start()

    def _manual_tags(self) -> list[str]:
        return sorted(code for code, box in self.tag_boxes.items() if box.isChecked())

    def values(self) -> dict:
        """Every field, for adding a resident."""
        out = {"name_zh": self.name_zh.text(), "name_ug": self.name_ug.text(),
               "id_number": self.id_number.text().strip() or None, "phone": self.phone.text().strip(),
               "relation": self.relation.currentData(), "preferred_lang": self.preferred_lang.currentData(),
               "tags": self._manual_tags()}
        if not self._derived:
            out["sex"] = self.sex.currentData()
            out["birth_date"] = self.birth_date.text().strip() or None
        if self.sensitive:
            out["note"] = self.note.toPlainText()
        return out

    def changes(self) -> dict:
        """Only what differs from the person as loaded (for editing; masked values left alone are no change)."""
        v = self.view
        if v is None:
            return self.values()
        out: dict = {}
        for field, now, before in (("name_zh", self.name_zh.text(), v.name_zh),
                                   ("name_ug", self.name_ug.text(), v.name_ug),
                                   ("relation", self.relation.currentData(), v.relation),
                                   ("preferred_lang", self.preferred_lang.currentData(), v.preferred_lang)):
            if now != before:
                out[field] = now
        if self.id_changed():
            out["id_number"] = self.id_number.text().strip() or None
        if self.phone_changed():
            out["phone"] = self.phone.text().strip()
        if not self._derived:
            if self.sex.currentData() != v.sex:
                out["sex"] = self.sex.currentData()
            birth = self.birth_date.text().strip()
            if birth != (v.birth_date.isoformat() if v.birth_date else ""):
                out["birth_date"] = birth or None
        visible_manual = sorted(t for t in v.tags if t in self.tag_boxes)
        if self._manual_tags() != visible_manual:
            out["tags"] = self._manual_tags()
        if self.sensitive and self.note.toPlainText() != v.note:
            out["note"] = self.note.toPlainText()
        return out

    # --- checking ---
    def validate_now(self) -> list[FieldError]:
        self.timer.stop()
        fields = self.changes() if self.view else self.values()
        fields.setdefault("name_zh", self.name_zh.text())
        fields.setdefault("name_ug", self.name_ug.text())
        errors = validate_resident(fields, exclude_uuid=self.view.uuid if self.view else None)
        self.show_errors(errors)
        return errors

    def show_errors(self, errors: list[FieldError]) -> None:
        self._last_errors = list(errors)
        by_field: dict[str, list[str]] = {}
        general = []
        for error in errors:
            if error.field in self.errors:
                by_field.setdefault(error.field, []).append(error.message)
            else:
                general.append(error.message)
        for field, label in self.errors.items():
            label.setText("\n".join(by_field.get(field, [])))
            label.setVisible(field in by_field)
        self.general_errors.setText("\n".join(general))
        self.general_errors.setVisible(bool(general))
        duplicate = next((e for e in errors if e.existing_uuid), None)
        self.duplicate_link.setVisible(duplicate is not None)
        if duplicate is not None:
            self.duplicate_link.setText('<a href="{}">{}</a>'.format(duplicate.existing_uuid,
                                                                    _("Open the existing person")))
        self.validated.emit(not errors)

    def errors_shown(self) -> dict[str, str]:
        """The error under each field, as the user sees it (tests and the dialog's summary)."""
        shown = {f: label.text() for f, label in self.errors.items() if not label.isHidden() and label.text()}
        if self.general_errors.text() and not self.general_errors.isHidden():
            shown[""] = self.general_errors.text()
        return shown

    # --- showing a masked value whole ---
    def reveal_field(self, field: str) -> str | None:
        if self.view is None:
            return None
        value = reveal(self, self.actor, self.view.uuid, field)
        if value is None:
            return None
        if field == "id_number":
            self._id_shown = value
            self.id_number.setText(value)
            self.show_id.setEnabled(False)
        else:
            self._phone_shown = value
            self.phone.setText(value)
            self.show_phone.setEnabled(False)
        return value

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        for edit in (self.name_zh, self.name_ug, self.id_number, self.birth_date, self.phone):
            edit.setReadOnly(read_only or (edit is self.birth_date and self._derived))
        self.note.setReadOnly(read_only)
        for widget in (self.relation, self.preferred_lang, *self.tag_boxes.values()):
            widget.setEnabled(not read_only)
        self.sex.setEnabled(not read_only and not self._derived)
        for button in self.findChildren(QToolButton, "ulyButton"):
            button.setVisible(not read_only)
