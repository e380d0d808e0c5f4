"""What a lifecycle step needs besides a note: referred → to whom; declined → why; the follow-up visit → the
resident's satisfaction (may wait); closing → the satisfaction, when it was not recorded at the follow-up."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QButtonGroup, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel,
                               QRadioButton, QVBoxLayout, QWidget)

from app.i18n import N_, _
from app.services.demands_list import DemandRow
from ui.bidi import ltr
from ui.language import connect_retranslate
from ui.pages.work_fields import FreeLineEdit, FreeTextEdit, error_label, show_errors
from ui.pages.work_texts import ACTION_TIPS, action_label

SATISFACTION_WORDS = {1: N_("very dissatisfied"), 2: N_("dissatisfied"), 3: N_("so-so"), 4: N_("satisfied"),
                      5: N_("very satisfied")}


def needs_dialog(row: DemandRow, target: str) -> bool:
    """Whether moving ``row`` to ``target`` asks for more than the note."""
    return target in ("referred", "declined", "follow_up") or (target == "closed" and row.satisfaction is None)


class TransitionDialog(QDialog):
    def __init__(self, row: DemandRow, target: str, note: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.row, self.target = row, target
        self.setObjectName("transitionDialog")
        self.setMinimumWidth(520)
        self.heading = QLabel()
        self.heading.setObjectName("transitionHeading")
        self.heading.setWordWrap(True)
        self.form = QFormLayout()
        self.referred_label, self.reason_label, self.satisfaction_label, self.note_label = (QLabel() for _n in
                                                                                            range(4))
        self.referred_to = FreeLineEdit()
        self.referred_to.setObjectName("referredTo")
        self.reason = FreeTextEdit(lines=3)
        self.reason.setObjectName("declineReason")
        self.satisfaction_box = QWidget()
        self.satisfaction_box.setObjectName("satisfaction")
        row_layout = QHBoxLayout(self.satisfaction_box)
        row_layout.setContentsMargins(0, 0, 0, 0)
        self.satisfaction = QButtonGroup(self)
        self.satisfaction_buttons: dict[int, QRadioButton] = {}
        for value in range(1, 6):
            button = QRadioButton()
            button.setObjectName(f"satisfaction{value}")
            self.satisfaction.addButton(button, value)
            self.satisfaction_buttons[value] = button
            row_layout.addWidget(button)
        row_layout.addStretch(1)
        if row.satisfaction:
            self.satisfaction_buttons[row.satisfaction].setChecked(True)
        self.note = FreeLineEdit()
        self.note.setObjectName("transitionNote")
        self.note.setText(note)
        if target == "referred":
            self.form.addRow(self.referred_label, self.referred_to)
        if target == "declined":
            self.form.addRow(self.reason_label, self.reason)
        if target in ("follow_up", "closed"):
            self.form.addRow(self.satisfaction_label, self.satisfaction_box)
        self.form.addRow(self.note_label, self.note)
        self.errors = error_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.try_accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(self.form)
        layout.addWidget(self.errors)
        layout.addWidget(self.buttons)
        connect_retranslate(self)
        first = {"referred": self.referred_to, "declined": self.reason}.get(target)
        (first or self.note).setFocus(Qt.FocusReason.OtherFocusReason)

    def retranslate_ui(self) -> None:
        label = action_label(self.row.status, self.target).rstrip("…")
        self.setWindowTitle(label)
        self.heading.setText(_("Demand {code}: {action}. {what}").format(
            code=ltr(self.row.code), action=label, what=_(ACTION_TIPS.get(self.target, ""))))
        self.referred_label.setText(_("Referred to:"))
        self.referred_to.setPlaceholderText(_("The office or person now handling it, e.g. 区住建局"))
        self.reason_label.setText(_("Reason:"))
        self.reason.setPlaceholderText(_("Why the demand is not accepted; the resident is told this"))
        self.satisfaction_label.setText(_("Resident's satisfaction:"))
        for value, button in self.satisfaction_buttons.items():
            button.setText(f"{value}")
            button.setToolTip(_(SATISFACTION_WORDS[value]))
        self.note_label.setText(_("Note:"))
        self.note.setPlaceholderText(_("What was done or said (optional)"))

    def values(self) -> dict:
        checked = self.satisfaction.checkedId()
        return {"note": self.note.text().strip(), "referred_to": self.referred_to.text().strip(),
                "decline_reason": self.reason.toPlainText().strip(),
                "satisfaction": checked if checked > 0 and self.target in ("follow_up", "closed") else None}

    def problems(self) -> list[str]:
        values = self.values()
        out = []
        if self.target == "referred" and not values["referred_to"]:
            out.append(_("Say to whom the demand is referred."))
        if self.target == "declined" and not values["decline_reason"]:
            out.append(_("Give the reason for declining."))
        if self.target == "closed" and values["satisfaction"] is None:
            out.append(_("Record the resident's satisfaction (1–5) before closing."))
        return out

    def try_accept(self) -> None:
        problems = self.problems()
        show_errors(self.errors, problems)
        if not problems:
            self.accept()
