"""Edit one handbook item (administrators): every field in Chinese and Uyghur side by side, the time limit
in working days, and a "reviewed" mark per language.

Like the item view, Chinese stands on the left and Uyghur on the right; the Uyghur fields take Latin typing
(ULY → Ctrl+Shift+U or the small button). List fields (policy basis, workflow, materials) are one entry a
line. Saving goes through app.services.handbook, which audits every change and checks the item's version:
if someone else saved the item since this dialog loaded it, the dialog says so and shows their version.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QFrame, QGridLayout, QHBoxLayout,
                               QLabel, QLineEdit, QPlainTextEdit, QScrollArea, QSpinBox, QVBoxLayout, QWidget)

from app.i18n import N_, NATIVE_NAMES, _, current_language
from app.services import handbook
from app.services.actor import Actor, PermissionDenied
from app.services.handbook import ItemRecord
from ui import messages
from ui.bidi import ltr, user_text
from ui.language import connect_retranslate
from ui.uyghur_input import UyghurLineEdit, UyghurTextEdit, with_uly_button

LTR = Qt.LayoutDirection.LeftToRight
LANGS = ("zh", "ug")
FIELDS = (  # (field, label msgid, kind): line, text (several lines) or list (one entry a line)
    ("title", N_("Title"), "line"),
    ("target", N_("Target group"), "text"),
    ("policy_basis", N_("Policy basis (one law or regulation a line)"), "list"),
    ("workflow", N_("Workflow (one step a line)"), "list"),
    ("materials", N_("Required materials (one a line)"), "list"),
    ("time_limit", N_("Time limit"), "line"),
    ("place", N_("Place"), "line"),
    ("note", N_("Note"), "text"),
)
LIST_KINDS = frozenset({"list"})
TEXT_HEIGHT = {"text": 72, "list": 140}


def _editor(kind: str, lang: str):
    if lang == "ug":
        edit = UyghurLineEdit() if kind == "line" else UyghurTextEdit()
    else:
        edit = QLineEdit() if kind == "line" else QPlainTextEdit()
        edit.setLayoutDirection(LTR)
    if kind != "line":
        edit.setTabChangesFocus(True)
        edit.setMinimumHeight(TEXT_HEIGHT[kind])
    return edit


def _get(edit) -> str:
    return edit.text() if isinstance(edit, QLineEdit) else edit.toPlainText()


def _set(edit, value: str) -> None:
    if isinstance(edit, QLineEdit):
        edit.setText(value)
    else:
        edit.setPlainText(value)


class ItemEditDialog(QDialog):
    def __init__(self, actor: Actor, record: ItemRecord, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("itemEditDialog")
        self.actor = actor
        self.record = record
        self.saved = False

        self.days_label = QLabel()
        self.days = QSpinBox()
        self.days.setObjectName("timeLimitDays")
        self.days.setRange(0, handbook.MAX_DAYS)
        self.days_label.setBuddy(self.days)
        self.info = QLabel()
        self.info.setWordWrap(True)
        top = QFormLayout()
        top.addRow(self.info)
        days_row = QHBoxLayout()
        days_row.addWidget(self.days)
        days_row.addStretch(1)
        top.addRow(self.days_label, days_row)

        columns = QWidget()
        columns.setLayoutDirection(LTR)  # Chinese left, Uyghur right, as in the item view
        grid = QGridLayout(columns)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setHorizontalSpacing(14)
        self.reviewed: dict[str, QCheckBox] = {}
        self.editors: dict[tuple[str, str], QLineEdit | QPlainTextEdit] = {}
        self.labels: list[tuple[QLabel, str]] = []
        for col, lang in enumerate(LANGS):
            head = QWidget()
            head.setLayoutDirection(Qt.LayoutDirection.RightToLeft if lang == "ug" else LTR)
            row = QHBoxLayout(head)
            row.setContentsMargins(0, 0, 0, 0)
            name = QLabel(NATIVE_NAMES[lang])
            name.setStyleSheet("font-weight: bold;")
            check = QCheckBox()
            check.setObjectName(f"reviewed_{lang}")
            self.reviewed[lang] = check
            row.addWidget(name)
            row.addSpacing(12)
            row.addWidget(check)
            row.addStretch(1)
            grid.addWidget(head, 0, col)
        row_no = 1
        for field, msgid, kind in FIELDS:
            label = QLabel()
            label.setObjectName(f"label_{field}")
            label.setProperty("keepAlignment", True)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setStyleSheet("QLabel { color: #1f3a5f; font-weight: bold; padding-top: 6px; }")
            self.labels.append((label, msgid))
            grid.addWidget(label, row_no, 0, 1, 2)
            for col, lang in enumerate(LANGS):
                edit = _editor(kind, lang)
                edit.setObjectName(f"{field}_{lang}")
                self.editors[(field, lang)] = edit
                grid.addWidget(with_uly_button(edit) if lang == "ug" else edit, row_no + 1, col)
            label.setBuddy(self.editors[(field, "zh")])
            row_no += 2
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(columns)

        self.error = QLabel()
        self.error.setObjectName("editError")
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(1000, 720)
        self.load(record)
        connect_retranslate(self)

    # --- content ---
    def load(self, record: ItemRecord) -> None:
        """Show `record` in the editors (at start, and after someone else's save)."""
        self.record = record
        self.days.setValue(record.time_limit_days)
        for (field, lang), edit in self.editors.items():
            text = record.texts.get(lang)
            value = getattr(text, field) if text is not None else ""
            _set(edit, "\n".join(value) if isinstance(value, tuple) else value)
        for lang, check in self.reviewed.items():
            text = record.texts.get(lang)
            check.setChecked(text is not None and text.status == "reviewed")

    def changes(self) -> dict[str, dict]:
        """lang → the fields whose text differs from the loaded record (lists as lists of lines)."""
        out: dict[str, dict] = {lang: {} for lang in LANGS}
        for field, _msgid, kind in FIELDS:
            for lang in LANGS:
                typed = _get(self.editors[(field, lang)])
                text = self.record.texts.get(lang)
                if kind in LIST_KINDS:
                    value = [line.strip() for line in typed.splitlines() if line.strip()]
                    old = list(getattr(text, field)) if text is not None else []
                else:
                    value = typed.strip() if kind == "line" else typed.strip("\n")
                    old = getattr(text, field) if text is not None else ""
                if value != old:
                    out[lang][field] = value
        return out

    def has_changes(self) -> bool:
        statuses = any(self._status(lang) != self._old_status(lang) for lang in LANGS)
        return statuses or any(self.changes().values()) or self.days.value() != self.record.time_limit_days

    def _status(self, lang: str) -> str:
        return "reviewed" if self.reviewed[lang].isChecked() else "draft"

    def _old_status(self, lang: str) -> str:
        text = self.record.texts.get(lang)
        return text.status if text is not None else "draft"

    # --- saving ---
    def save(self) -> bool:
        code = self.record.code
        self.error.hide()
        try:
            changes = self.changes()
            if self.days.value() != self.record.time_limit_days:
                changes["zh"]["time_limit_days"] = self.days.value()
            for lang in LANGS:
                if changes[lang]:
                    self.record = handbook.update_item(self.actor, code, lang, changes[lang], self.record.version)
                    self.saved = True
            for lang in LANGS:
                if self._status(lang) != self._old_status(lang):
                    self.record = handbook.set_status(self.actor, code, lang, self._status(lang),
                                                      self.record.version)
                    self.saved = True
        except handbook.StaleEditError:
            messages.show_error(self, _("Someone else saved this item while you were editing it. Their version is "
                                        "shown now: make your changes again, then save."),
                                _("The item was changed"))
            self.load(handbook.item(code))
            return False
        except (handbook.HandbookError, PermissionDenied) as exc:
            self.error.setText(str(exc))
            self.error.show()
            return False
        self.accept()
        return True

    # --- texts ---
    def retranslate_ui(self) -> None:
        lang = current_language()
        title = self.record.text(lang).title
        self.setWindowTitle(_("Edit handbook item {code}").format(code=ltr(self.record.code)))
        self.info.setText(_("{code} · {category}: {title}").format(
            code=ltr(self.record.code), category=user_text(self.record.category_names.get(lang)),
            title=user_text(title)))
        self.days_label.setText(_("Time limit in working days:"))
        for label, msgid in self.labels:
            label.setText(_(msgid))
        for check in self.reviewed.values():
            check.setText(_("Reviewed"))
            check.setToolTip(_("Tick when a reviewer has checked this language's text."))

