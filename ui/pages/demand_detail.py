"""One demand: what was asked, by whom, where, the deadline, every step (who, when, note), and the lifecycle's
next steps as buttons — only the legal ones for its status.

A step is applied with the version this pane read. When someone else changed the demand in between (another PC,
another window), the service refuses with DemandConflict: the pane says who changed it, when, to what and with
which note, then shows the demand as it is now — nothing is overwritten silently.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QFormLayout, QFrame, QHBoxLayout, QHeaderView, QLabel,
                               QPushButton, QScrollArea, QTableView, QVBoxLayout, QWidget)

from app.i18n import N_, _
from app.services import demands, demands_list
from app.services.actor import Actor, PermissionDenied
from app.services.demands import DemandConflict, IllegalTransition
from app.services.demands_list import DemandRow, StepView
from app.services.work_common import WorkNotFound, WorkValidationError
from ui import messages
from ui.bidi import embedded, ltr, user_text
from ui.fields import mark_data, value_label
from ui.language import connect_retranslate
from ui.pages.paged_model import Cells, RowsModel
from ui.pages.transition_dialog import TransitionDialog, needs_dialog
from ui.pages.work_fields import FreeLineEdit
from ui.pages.work_texts import (ACTION_TIPS, action_label, channel_text, date_text, deadline_color,
                                 deadline_text, deadline_tip, local_datetime, satisfaction_text, status_text)

STEP_COLUMNS = (N_("When"), N_("Who"), N_("Step"), N_("Note"))
FACTS = (("household", N_("Household:")), ("resident", N_("Resident:")), ("item", N_("Service item:")),
         ("channel", N_("Came by:")), ("accepted", N_("Accepted on:")), ("deadline", N_("Deadline:")),
         ("assignee", N_("Handled by:")), ("referred", N_("Referred to:")), ("declined", N_("Reason declined:")),
         ("satisfaction", N_("Satisfaction:")))


def step_cells(step: StepView) -> Cells:
    what = _("Details changed") if step.is_edit else status_text(step.to_status)
    return Cells((local_datetime(step.at), user_text(step.who), what, user_text(step.note)), tips={3: step.note})


def conflict_text(exc: DemandConflict, attempted: str) -> str:
    change = exc.change
    who = user_text(change.who) if change.who else _("someone else")
    text = _("{who} changed this demand at {time}; it is now “{status}”.").format(
        who=who, time=embedded(local_datetime(change.at)), status=status_text(change.to_status))
    if change.from_status and change.from_status != change.to_status:
        text += " " + _("Before, it was “{status}”.").format(status=status_text(change.from_status))
    if change.note:
        text += "\n" + _("Their note: {note}").format(note=user_text(change.note))
    return text + "\n\n" + _("Your step “{action}” was not saved. The demand is shown as it is now: repeat your "
                             "step if it is still needed.").format(action=attempted)


class DemandDetail(QWidget):
    changed = Signal(object)  # the DemandRow as it is now
    household_requested = Signal(str)

    def __init__(self, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.actor = actor
        self.row: DemandRow | None = None
        self.dialog: TransitionDialog | None = None
        self.can_edit = actor.can("demands.edit")
        self.hint = QLabel()
        self.hint.setObjectName("demandHint")
        self.hint.setWordWrap(True)
        self.heading = mark_data(QLabel())
        self.heading.setObjectName("demandHeading")
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.heading.setFont(font)
        self.description = value_label()
        self.description.setObjectName("demandDescription")
        self.facts = QFormLayout()
        self.fact_labels: dict[str, QLabel] = {}
        self.fact_values: dict[str, QLabel] = {}
        for key, _msgid in FACTS:
            label, value = QLabel(), value_label()
            value.setObjectName(f"fact_{key}")
            self.fact_labels[key], self.fact_values[key] = label, value
            self.facts.addRow(label, value)
        self.timeline_button = QPushButton()
        self.timeline_button.setObjectName("demandTimeline")
        self.timeline_button.clicked.connect(lambda: self.row and self.household_requested.emit(
            self.row.household_uuid))
        self.steps_label = QLabel()
        self.steps_model = RowsModel(STEP_COLUMNS, step_cells, self)
        self.steps = QTableView()
        self.steps.setObjectName("demandSteps")
        self.steps.setModel(self.steps_model)
        self.steps.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.steps.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.steps.verticalHeader().hide()
        self.steps.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.steps.horizontalHeader().setStretchLastSection(True)
        self.steps.setMinimumHeight(120)
        self.note = FreeLineEdit()
        self.note.setObjectName("stepNote")
        self.actions_label = QLabel()
        self.action_row = QHBoxLayout()
        self.action_buttons: dict[str, QPushButton] = {}
        self.finished = QLabel()
        self.finished.setObjectName("demandFinished")
        self.actions_box = QWidget()
        actions = QVBoxLayout(self.actions_box)
        actions.setContentsMargins(0, 0, 0, 0)
        actions.addWidget(self.actions_label)
        actions.addWidget(self.note)
        actions.addLayout(self.action_row)
        actions.addWidget(self.finished)

        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.addWidget(self.heading)
        body_layout.addWidget(self.description)
        body_layout.addLayout(self.facts)
        body_layout.addWidget(self.timeline_button, 0, Qt.AlignmentFlag.AlignLeading)
        body_layout.addWidget(self.actions_box)
        body_layout.addWidget(self.steps_label)
        body_layout.addWidget(self.steps, 1)
        self.body = body
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.hint)
        layout.addWidget(scroll, 1)
        self.scroll = scroll
        self._show_parts()
        connect_retranslate(self)

    # --- texts ---
    def retranslate_ui(self) -> None:
        self.hint.setText(_("Choose a demand on the list to see its steps and move it on."))
        for key, msgid in FACTS:
            self.fact_labels[key].setText(_(msgid))
        self.timeline_button.setText(_("Household timeline…"))
        self.steps_label.setText(_("Steps"))
        self.actions_label.setText(_("Next step:"))
        self.note.setPlaceholderText(_("Note for this step (optional): what was done or said"))
        self.finished.setText(_("This demand is finished: no further steps."))
        if self.row is not None:
            self.reload()

    # --- showing ---
    def _show_parts(self) -> None:
        has = self.row is not None
        self.hint.setVisible(not has)
        self.scroll.setVisible(has)

    def clear(self) -> None:
        self.row = None
        self._show_parts()

    def show_demand(self, uuid: str, quiet: bool = False) -> DemandRow | None:
        try:
            self.row = demands_list.get_demand(self.actor, uuid)
        except WorkNotFound as exc:
            self.row = None
            if not quiet:
                messages.show_error(self, str(exc))
        self._write()
        return self.row

    def reload(self) -> None:
        """Read the demand again (after a step, a conflict, a language switch); gone → the pane empties."""
        if self.row is not None:
            self.show_demand(self.row.uuid, quiet=True)

    def _write(self) -> None:
        self._show_parts()
        row = self.row
        if row is None:
            return
        self.heading.setText(_("Demand {code} · {status}").format(code=ltr(row.code), status=status_text(row.status)))
        self.description.setText(user_text(row.description))
        resident = " · ".join(t for t in (user_text(row.resident_name), ltr(row.phone_masked)) if t)
        item = " ".join(t for t in (ltr(row.item_code), user_text(row.item_title)) if t) or user_text(
            row.category_name)
        values = {
            "household": user_text(row.address), "resident": resident, "item": item,
            "channel": channel_text(row.channel), "accepted": date_text(row.accepted_on),
            "deadline": deadline_text(row), "assignee": user_text(row.assignee_name),
            "referred": user_text(row.referred_to), "declined": user_text(row.decline_reason),
            "satisfaction": satisfaction_text(row.satisfaction) if row.status in ("follow_up", "closed")
            or row.satisfaction else "",
        }
        for key, value in values.items():
            self.fact_values[key].setText(value)
            self.facts.setRowVisible(self.fact_values[key], bool(value))
        deadline = self.fact_values["deadline"]
        deadline.setToolTip(deadline_tip(row))
        color = deadline_color(row)
        deadline.setStyleSheet(f"color: {color};" if color else "")
        self.steps_model.set_items(list(row.steps))
        self._build_actions(row)

    def _build_actions(self, row: DemandRow) -> None:
        for button in self.action_buttons.values():
            self.action_row.removeWidget(button)
            button.deleteLater()
        self.action_buttons = {}
        while self.action_row.count():
            self.action_row.takeAt(0)
        self.actions_box.setVisible(self.can_edit)
        for target in row.next_statuses:
            button = QPushButton(action_label(row.status, target))
            button.setObjectName(f"to_{target}")
            button.setToolTip(_(ACTION_TIPS.get(target, "")))
            button.clicked.connect(lambda _checked=False, t=target: self.act(t))
            self.action_row.addWidget(button)
            button.show()  # now, not at the layout's queued show: the pane is rebuilt while visible
            self.action_buttons[target] = button
        self.action_row.addStretch(1)
        finished = not row.next_statuses
        self.finished.setVisible(finished)
        self.note.setVisible(not finished)
        self.actions_label.setVisible(not finished)

    # --- steps ---
    def act(self, target: str) -> None:
        """The user pressed a step's button: ask what it needs, then apply it."""
        row = self.row
        if row is None:
            return
        if needs_dialog(row, target):
            dialog = TransitionDialog(row, target, self.note.text(), self)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.accepted.connect(lambda: self.apply(target, row.version, **dialog.values()))
            dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
            self.dialog = dialog
            dialog.open()
            return
        self.apply(target, row.version, note=self.note.text())

    def apply(self, target: str, version: int, note: str = "", referred_to: str = "", decline_reason: str = "",
              satisfaction: int | None = None) -> bool:
        row = self.row
        attempted = action_label(row.status, target).rstrip("…")
        try:
            self.row = demands.transition(self.actor, row.uuid, target, version, note=note, referred_to=referred_to,
                                          decline_reason=decline_reason, satisfaction=satisfaction)
        except DemandConflict as exc:
            messages.show_error(self, conflict_text(exc, attempted), _("Someone else changed this demand"))
            self.reload()
            self.changed.emit(self.row)
            return False
        except (IllegalTransition, WorkValidationError, PermissionDenied, WorkNotFound) as exc:
            messages.show_error(self, str(exc))
            self.reload()
            return False
        self.note.clear()
        self._write()
        self.changed.emit(self.row)
        return True
