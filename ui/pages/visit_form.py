"""The "Log a visit" form: keyboard first, one save for the visit and the demands found on it.

Household (type an address or a name, Enter takes the first match) → date (today) → kind → who went along →
what you learnt → needs (each can become a demand) → follow-up date. Ctrl+Enter saves from anywhere in the form;
the form then empties for the next household and says what was saved.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFormLayout, QHBoxLayout, QLabel, QMenu, QPushButton,
                               QToolButton, QVBoxLayout, QWidget)

from app.i18n import _, ngettext
from app.services import visits
from app.services.actor import Actor, PermissionDenied
from app.services.visits import KIND_LABELS, VisitView
from app.services.work_common import WorkNotFound, WorkValidationError
from ui.bidi import embedded, user_text
from ui.language import connect_retranslate
from ui.pages.needs_rows import NeedsList
from ui.pages.pickers import HouseholdChoice, HouseholdPicker
from ui.pages.work_fields import FreeTextEdit, date_edit, date_of, error_label, set_date, show_errors
from ui.pages.work_texts import date_text

KINDS = tuple(KIND_LABELS)
CHANNEL_OF_KIND = {"home": "visit", "phone": "phone", "front_desk": "front_desk", "other": "other"}
FOLLOW_UP_DAYS = 14
FIELD_LABELS = {"household": "household", "visited_on": "date", "situation": "situation",
                "follow_up_on": "follow_up", "companions": "companions"}


class VisitForm(QWidget):
    saved = Signal(object)  # VisitView
    timeline_requested = Signal(str)  # household uuid

    def __init__(self, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.actor = actor
        self.setObjectName("visitForm")
        self.household = HouseholdPicker(actor)
        self.household.chosen_changed.connect(self._household_changed)
        self.timeline_button = QPushButton()
        self.timeline_button.setObjectName("timelineButton")
        self.timeline_button.setEnabled(False)
        self.timeline_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.timeline_button.clicked.connect(self._timeline)
        household_row = QHBoxLayout()
        household_row.addWidget(self.household, 1)
        household_row.addWidget(self.timeline_button)

        today = dt.date.today()
        self.date = date_edit(today, latest=today)
        self.date.setObjectName("visitDate")
        self.kind = QComboBox()
        self.kind.setObjectName("visitKind")
        for kind in KINDS:
            self.kind.addItem("", kind)
        self.kind_label = QLabel()
        self.kind_label.setBuddy(self.kind)
        self.companions = QToolButton()
        self.companions.setObjectName("companions")
        self.companions.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.companions.setMinimumWidth(110)
        self.companions_menu = QMenu(self.companions)
        self.companions.setMenu(self.companions_menu)
        self.companion_actions: list[QAction] = []
        self.companions_label = QLabel()
        when_row = QHBoxLayout()
        when_row.addWidget(self.date)
        when_row.addSpacing(12)
        when_row.addWidget(self.kind_label)
        when_row.addWidget(self.kind)
        when_row.addSpacing(12)
        when_row.addWidget(self.companions_label)
        when_row.addWidget(self.companions)
        when_row.addStretch(1)

        self.situation = FreeTextEdit(lines=3)
        self.situation.setObjectName("situation")
        self.needs = NeedsList()
        self.follow_up = QCheckBox()
        self.follow_up.setObjectName("followUp")
        self.follow_up_date = date_edit(today + dt.timedelta(days=FOLLOW_UP_DAYS))
        self.follow_up_date.setObjectName("followUpDate")
        self.follow_up_date.setEnabled(False)
        self.follow_up.toggled.connect(self.follow_up_date.setEnabled)
        follow_row = QHBoxLayout()
        follow_row.addWidget(self.follow_up)
        follow_row.addWidget(self.follow_up_date)
        follow_row.addStretch(1)

        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.labels = {name: QLabel() for name in ("household", "date", "situation", "needs", "follow_up")}
        self.form.addRow(self.labels["household"], household_row)
        self.form.addRow(self.labels["date"], when_row)
        self.form.addRow(self.labels["situation"], self.situation)
        self.form.addRow(self.labels["needs"], self.needs)
        self.form.addRow(self.labels["follow_up"], follow_row)
        self.labels["household"].setBuddy(self.household.line)
        self.labels["date"].setBuddy(self.date)
        self.labels["situation"].setBuddy(self.situation)
        self.labels["needs"].setBuddy(self.needs.rows[0].description)

        self.errors = error_label()
        self.save_button = QPushButton()
        self.save_button.setObjectName("saveVisit")
        self.save_button.clicked.connect(self.save)
        self.clear_button = QPushButton()
        self.clear_button.setObjectName("clearVisit")
        self.clear_button.clicked.connect(self.reset)
        self.status = QLabel()
        self.status.setObjectName("visitSaved")
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color: #14532d;")
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.status, 1)

        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.errors)
        layout.addLayout(buttons)
        layout.addStretch(1)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.save)
        QWidget.setTabOrder(self.household.line, self.date)
        QWidget.setTabOrder(self.date, self.kind)
        QWidget.setTabOrder(self.kind, self.companions)
        QWidget.setTabOrder(self.companions, self.situation)
        QWidget.setTabOrder(self.situation, self.needs.rows[0].description)
        self._last_saved: VisitView | None = None
        self._load_colleagues()
        if actor.role == "front_desk":
            self.kind.setCurrentIndex(KINDS.index("front_desk"))
        connect_retranslate(self)

    # --- texts ---
    def retranslate_ui(self) -> None:
        self.labels["household"].setText(_("&Household:"))
        self.household.line.setPlaceholderText(_("Address (3号楼 2单元 502) or a resident's name, ID or phone"))
        self.timeline_button.setText(_("Timeline…"))
        self.timeline_button.setToolTip(_("Visits and demands of this household"))
        self.labels["date"].setText(_("&Date:"))
        self.kind_label.setText(_("&Kind:"))
        for n, kind in enumerate(KINDS):
            self.kind.setItemText(n, _(KIND_LABELS[kind]))
        self.companions_label.setText(_("Went along:"))
        self._write_companions()
        self.labels["situation"].setText(_("What you &learnt:"))
        self.situation.setPlaceholderText(_("The household's situation: who lives here now, how they are, "
                                            "what has changed"))
        self.labels["needs"].setText(_("&Needs found:"))
        self.needs.retranslate_ui()
        self.labels["follow_up"].setText(_("Follow-up:"))
        self.follow_up.setText(_("Visit again on"))
        self.save_button.setText(_("Save visit"))
        self.save_button.setToolTip(_("Ctrl+Enter"))
        self.clear_button.setText(_("Clear"))
        self.household.redisplay()
        self._write_status()

    # --- companions ---
    def _load_colleagues(self) -> None:
        try:
            people = [c for c in visits.colleagues(self.actor) if c.id != self.actor.user_id]
        except PermissionDenied:
            people = []
        for colleague in people:
            action = QAction(user_text(colleague.name), self.companions_menu)
            action.setCheckable(True)
            action.setData(colleague.id)
            action.toggled.connect(lambda _on: self._write_companions())
            self.companions_menu.addAction(action)
            self.companion_actions.append(action)
        self.companions.setEnabled(bool(people))

    def _write_companions(self) -> None:
        names = [a.text() for a in self.companion_actions if a.isChecked()]
        self.companions.setText("、".join(names) if names else _("nobody"))

    def companion_ids(self) -> list[int]:
        return [int(a.data()) for a in self.companion_actions if a.isChecked()]

    # --- household ---
    def set_household(self, household_uuid: str, address: str) -> None:
        self.household.choose(HouseholdChoice(household_uuid, address))

    def _household_changed(self, choice: HouseholdChoice | None) -> None:
        self.timeline_button.setEnabled(choice is not None)

    def _timeline(self) -> None:
        if self.household.chosen is not None:
            self.timeline_requested.emit(self.household.chosen.household_uuid)

    # --- saving ---
    def save(self) -> VisitView | None:
        choice: HouseholdChoice | None = self.household.chosen
        if choice is None and self.household.line.text().strip():
            self.household.search_now()
            if len(self.household.results()) == 1:  # one match: that is the one meant
                self.household.choose(self.household.dropdown.item(0).data(Qt.ItemDataRole.UserRole))
                choice = self.household.chosen
        if choice is None:
            self._fail([_("Choose the household: type its address or a resident's name and press Enter.")],
                       self.household.line)
            return None
        kind = self.kind.currentData()
        drafts = self.needs.drafts(choice.resident_uuid, CHANNEL_OF_KIND[kind])
        try:
            view = visits.log_visit(self.actor, choice.household_uuid, date_of(self.date), kind,
                                    self.situation.toPlainText(), needs=self.needs.needs_text(),
                                    follow_up_on=date_of(self.follow_up_date) if self.follow_up.isChecked() else None,
                                    companions=self.companion_ids(), demands=drafts)
        except WorkValidationError as exc:
            self._fail([self._field_message(e.field, e.message) for e in exc.errors], self._field_widget(exc))
            return None
        except (WorkNotFound, PermissionDenied) as exc:
            self._fail([str(exc)], self.household.line)
            return None
        self._last_saved = view
        self.reset(keep_status=True)
        self._write_status()
        self.saved.emit(view)
        return view

    def _field_message(self, field: str, message: str) -> str:
        if field.startswith("demands["):
            number = int(field[len("demands["):field.index("]")]) + 1
            return _("Need {n}: {message}").format(n=number, message=message)
        label = self.labels.get(FIELD_LABELS.get(field, ""))
        name = label.text().replace("&", "").rstrip(":：") if label is not None else ""
        return f"{name}: {message}" if name else message

    def _field_widget(self, exc: WorkValidationError) -> QWidget:
        field = exc.errors[0].field
        if field.startswith("demands["):
            rows = self.needs.demand_rows()
            number = int(field[len("demands["):field.index("]")])
            return rows[number].description if number < len(rows) else self.needs.rows[0].description
        return {"visited_on": self.date, "situation": self.situation, "follow_up_on": self.follow_up_date,
                "companions": self.companions}.get(field, self.household.line)

    def _fail(self, messages: list[str], focus: QWidget) -> None:
        show_errors(self.errors, messages)
        self.status.clear()
        focus.setFocus(Qt.FocusReason.OtherFocusReason)

    def _write_status(self) -> None:
        view = self._last_saved
        if view is None:
            self.status.clear()
            return
        count = len(view.demand_uuids)
        text = _("Saved: {kind} at {address} on {date}.").format(kind=view.kind_label, address=embedded(view.address),
                                                               date=date_text(view.visited_on))
        if count:
            text += " " + ngettext("{n} demand opened.", "{n} demands opened.", count).format(n=count)
        self.status.setText(text)

    def reset(self, keep_status: bool = False) -> None:
        """Empty the form for the next household; the date and kind stay (a round of visits is one day)."""
        self.household.clear()
        self.situation.clear()
        self.needs.clear()
        self.follow_up.setChecked(False)
        set_date(self.follow_up_date, dt.date.today() + dt.timedelta(days=FOLLOW_UP_DAYS))
        for action in self.companion_actions:
            action.setChecked(False)
        show_errors(self.errors, [])
        if not keep_status:
            self._last_saved = None
            self.status.clear()
        self.household.line.setFocus(Qt.FocusReason.OtherFocusReason)

    def start(self) -> None:
        """Ready for typing: the focus in the household field."""
        self.household.line.setFocus(Qt.FocusReason.OtherFocusReason)
