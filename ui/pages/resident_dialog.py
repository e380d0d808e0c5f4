"""One resident: add to a household, or see and edit; move out (never deleted), move back, move to another
household; the history of what was done (from the audit log, masked).

Roles without residents.edit see the fields read-only. Saving goes through app.services.residents, which
validates again, audits, and refuses a save when someone else saved the person since the dialog read them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLabel, QPushButton,
                               QTableView, QTabWidget, QVBoxLayout, QWidget)

from app.formats import format_date, format_datetime
from app.i18n import N_, _
from app.services import households, residents
from app.services.actor import Actor, PermissionDenied
from app.services.resident_validation import ResidentValidationError
from app.services.residents import HistoryEntry
from app.services.residents_view import ResidentView
from ui import messages
from ui.bidi import user_text
from ui.fields import mark_data
from ui.language import connect_retranslate
from ui.pages.page_header import title_label
from ui.pages.paged_model import Cells, RowsModel
from ui.pages.resident_form import FIELD_LABELS, ResidentForm

HISTORY_COLUMNS = (N_("When"), N_("Who"), N_("What"))
ACTIONS = {
    "resident.add": N_("Registered"),
    "resident.edit": N_("Changed"),
    "resident.move_out": N_("Moved out"),
    "resident.move_back": N_("Moved back"),
    "resident.move_household": N_("Moved to another household"),
    "resident.reveal_id": N_("Whole ID number shown"),
    "resident.reveal_phone": N_("Whole phone number shown"),
}
_FIELD_NAMES = {field: msgid for field, msgid in FIELD_LABELS}


def history_cells(entry: HistoryEntry) -> Cells:
    what = _(ACTIONS[entry.action]) if entry.action in ACTIONS else entry.action
    changed = entry.detail.get("changed") or {}
    if isinstance(changed, dict) and changed:
        names = [_(_FIELD_NAMES[f]).rstrip(":：") for f in changed if f in _FIELD_NAMES]
        what += ": " + ", ".join(names)
    if entry.detail.get("tags_added") or entry.detail.get("tags_removed"):
        what += " · " + _("service tags")
    return Cells((format_datetime(entry.at, "short"), user_text(entry.username), what))


class ResidentDialog(QDialog):
    saved = Signal(object)  # ResidentView after a save, a move out or back, a move to another household
    open_resident_requested = Signal(str)
    household_requested = Signal(str)

    def __init__(self, actor: Actor, resident_uuid: str | None = None, household_uuid: str | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("residentDialog")
        self.actor = actor
        self.can_edit = actor.can("residents.edit")
        self.view: ResidentView | None = residents.get_resident(actor, resident_uuid) if resident_uuid else None
        self.household_uuid = self.view.household_uuid if self.view else household_uuid
        self.resize(720, 640)
        self.title = title_label()
        self.place = mark_data(QLabel())
        self.place.setObjectName("residentPlace")
        self.place.setWordWrap(True)
        self.state = QLabel()
        self.state.setObjectName("residentState")
        self.state.setStyleSheet("color: #8a5a00;")
        self.form = ResidentForm(actor, self.view)
        self.form.open_existing.connect(self._open_existing)
        self.form.set_read_only(not self.can_edit)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.form, "")
        self.history_model = RowsModel(HISTORY_COLUMNS, history_cells, self)
        self.history = QTableView()
        self.history.setObjectName("residentHistory")
        self.history.setModel(self.history_model)
        self.history.verticalHeader().hide()
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.history.horizontalHeader().setStretchLastSection(True)
        if self.view is not None:
            self.tabs.addTab(self.history, "")

        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("saveResident")
        self.save_button.clicked.connect(self.save)
        self.save_button.setVisible(self.can_edit)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel if self.can_edit else
                                                   QDialogButtonBox.StandardButton.Close)
        self.close_button.clicked.connect(self.reject)
        self.move_out_button = QPushButton()
        self.move_out_button.setObjectName("moveOut")
        self.move_out_button.clicked.connect(self.ask_move_out)
        self.move_back_button = QPushButton()
        self.move_back_button.setObjectName("moveBack")
        self.move_back_button.clicked.connect(self.move_back)
        self.move_household_button = QPushButton()
        self.move_household_button.setObjectName("moveHousehold")
        self.move_household_button.clicked.connect(self.ask_move_household)
        self.household_button = QPushButton()
        self.household_button.setObjectName("openHousehold")
        self.household_button.clicked.connect(lambda: self.household_requested.emit(self.household_uuid or ""))
        for button in (self.household_button, self.move_household_button, self.move_out_button,
                       self.move_back_button):
            self.buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
            button.setAutoDefault(False)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.place)
        layout.addWidget(self.state)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)
        connect_retranslate(self)

    # --- texts ---
    def retranslate_ui(self) -> None:
        v = self.view
        self.setWindowTitle(_("Resident") if v else _("New resident"))
        self.title.setText(user_text(" / ".join(n for n in (v.name_zh, v.name_ug) if n)) if v else
                           _("New resident"))
        self.tabs.setTabText(0, _("Details"))
        if v is not None:
            self.tabs.setTabText(1, _("History"))
        self.move_out_button.setText(_("Move out…"))
        self.move_back_button.setText(_("Move back"))
        self.move_household_button.setText(_("Move to another household…"))
        self.household_button.setText(_("Open household"))
        self._show_state()

    def _show_state(self) -> None:
        v = self.view
        address = ""
        if self.household_uuid:
            try:
                address = households.get_household(self.actor, self.household_uuid).household.address
            except residents.ResidentNotFound:
                address = ""
        self.place.setText(_("Household: {address}").format(address=user_text(address)) if address else "")
        moved = v is not None and v.moved_out
        self.state.setText(_("Moved out on {date}. Kept in the registry with the history.").format(
            date=format_date(v.moved_out_on)) if moved and v.moved_out_on else "")
        self.state.setVisible(moved)
        existing = v is not None and self.can_edit
        self.move_out_button.setVisible(existing and not moved)
        self.move_back_button.setVisible(existing and moved)
        self.move_household_button.setVisible(existing)
        self.household_button.setVisible(v is not None)
        if v is not None:
            try:
                self.history_model.set_items(residents.history(self.actor, v.uuid))
            except residents.ResidentNotFound:
                self.history_model.set_items([])

    # --- saving ---
    def save(self) -> ResidentView | None:
        if not self.can_edit:
            return None
        if self.form.validate_now():
            return None
        try:
            if self.view is None:
                view = residents.add_resident(self.actor, self.household_uuid, self.form.values())
            else:
                changes = self.form.changes()
                if not changes:
                    self.accept()
                    return self.view
                view = residents.edit_resident(self.actor, self.view.uuid, changes, version=self.view.version)
        except ResidentValidationError as exc:
            self.form.show_errors(exc.errors)
            return None
        except residents.StaleEditError:
            messages.show_error(self, _("Someone else changed this resident while you were editing. Their "
                                        "version is shown now; make your change again."))
            self._reload()
            return None
        except (PermissionDenied, residents.ResidentNotFound) as exc:
            messages.show_error(self, str(exc))
            return None
        self.view = view
        self.saved.emit(view)
        self.accept()
        return view

    def _reload(self) -> None:
        self.view = residents.get_resident(self.actor, self.view.uuid)
        self.household_uuid = self.view.household_uuid
        self.form.load(self.view)
        self.retranslate_ui()

    def _changed(self, view: ResidentView) -> None:
        self.saved.emit(view)
        self._reload()

    # --- moving ---
    def ask_move_out(self) -> bool:
        v = self.view
        if v is None or not messages.confirm(
                self, _("Mark {name} as moved out? The person stays in the registry with their history and can "
                        "be moved back.").format(name=user_text(v.display_name)), _("Move out")):
            return False
        try:
            self._changed(residents.move_out(self.actor, v.uuid))
        except (PermissionDenied, residents.ResidentNotFound) as exc:
            messages.show_error(self, str(exc))
            return False
        return True

    def move_back(self) -> bool:
        try:
            self._changed(residents.move_back(self.actor, self.view.uuid))
        except ResidentValidationError as exc:
            messages.show_error(self, str(exc))
            return False
        return True

    def ask_move_household(self) -> bool:
        from ui.pages.household_dialogs import HouseholdPickerDialog

        picker = HouseholdPickerDialog(self.actor, self.view.relation, exclude=self.household_uuid, parent=self)
        try:
            if picker.exec() != QDialog.DialogCode.Accepted or not picker.household_uuid:
                return False
            return self.move_to(picker.household_uuid, picker.relation())
        finally:
            picker.deleteLater()

    def move_to(self, household_uuid: str, relation: str) -> bool:
        try:
            self._changed(residents.move_to_household(self.actor, self.view.uuid, household_uuid, relation))
        except ResidentValidationError as exc:
            messages.show_error(self, str(exc))
            return False
        except (PermissionDenied, residents.ResidentNotFound) as exc:
            messages.show_error(self, str(exc))
            return False
        return True

    def _open_existing(self, uuid: str) -> None:
        self.open_resident_requested.emit(uuid)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Enter in a field must not save half a form
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not self.save_button.hasFocus():
            self.form.validate_now()
            return
        super().keyPressEvent(event)
