"""Front-desk quick intake: a walk-in resident on one screen.

1. Who came: find the person (any script, ID or phone digits) or add them to a household.
2. The service item: search the handbook; it shows in the resident's language — the toggle "The resident
   speaks" switches the item (title, materials, steps, headings), not the window.
3. What they came for: saved as a walk-in (or phone) visit of their household and, when it needs following, a
   demand with its deadline — in one save (Ctrl+Enter). The form then empties for the next resident.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QComboBox, QDialog, QFormLayout, QGroupBox, QHBoxLayout,
                               QLabel, QPushButton, QToolButton, QVBoxLayout, QWidget)

from app.i18n import NATIVE_NAMES, _, current_language, ngettext
from app.services import residents, visits
from app.services.actor import Actor, PermissionDenied
from app.services.demands import DemandDraft
from app.services.residents_search import ResidentHit
from app.services.resident_validation import ResidentValidationError
from app.services.visits import VisitView
from app.services.work_common import WorkNotFound, WorkValidationError
from ui.bidi import embedded, ltr, user_text
from ui.fields import mark_data
from ui.language import connect_retranslate
from ui.pages.handbook_brief import ItemBrief
from ui.pages.intake_person import NewPersonForm
from ui.pages.page_header import title_label
from ui.pages.pickers import ItemPicker, PersonPicker
from ui.pages.work_fields import FreeTextEdit, error_label, show_errors
from ui.pages.work_texts import kind_text

RESIDENT_LANGS = ("zh", "ug")
KINDS = ("front_desk", "phone")


@dataclass(frozen=True)
class Person:
    uuid: str
    household_uuid: str
    name_zh: str
    name_ug: str
    id_number_masked: str
    address: str


def person_of(hit: ResidentHit) -> Person:
    return Person(hit.uuid, hit.household_uuid, hit.name_zh, hit.name_ug, hit.id_number_masked, hit.address)


class IntakeDialog(QDialog):
    saved = Signal(object)  # VisitView

    def __init__(self, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.actor = actor
        self.person: Person | None = None
        self.last: VisitView | None = None
        self.setObjectName("intakeDialog")
        self.resize(1120, 720)
        self.title = title_label()
        self.lang_label = QLabel()
        self.lang_group = QButtonGroup(self)
        self.lang_buttons: dict[str, QToolButton] = {}
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.lang_label)
        for lang in RESIDENT_LANGS:
            button = QToolButton()
            button.setObjectName(f"residentLang_{lang}")
            button.setText(NATIVE_NAMES[lang])  # each language named in itself
            button.setCheckable(True)
            button.clicked.connect(lambda _on=False, code=lang: self.set_resident_lang(code))
            self.lang_group.addButton(button)
            self.lang_buttons[lang] = button
            head.addWidget(button)

        # 1. who came
        self.person_box = QGroupBox()
        self.person_picker = PersonPicker(actor)
        self.person_picker.chosen_changed.connect(self._person_chosen)
        self.person_label = mark_data(QLabel())
        self.person_label.setObjectName("chosenPerson")
        self.person_label.setWordWrap(True)
        self.new_button = QPushButton()
        self.new_button.setObjectName("newPerson")
        self.new_button.setCheckable(True)
        self.new_button.toggled.connect(self._toggle_new)
        if not actor.can("residents.edit"):  # only hide: shown before a layout takes it, it opens a window
            self.new_button.hide()
        self.new_form = NewPersonForm(actor)
        self.new_form.added.connect(self._person_added)
        self.new_form.hide()
        person_row = QHBoxLayout()
        person_row.addWidget(self.person_picker, 1)
        person_row.addWidget(self.new_button)
        person_layout = QVBoxLayout(self.person_box)
        person_layout.addLayout(person_row)
        person_layout.addWidget(self.person_label)
        person_layout.addWidget(self.new_form)

        # 3. what they came for
        self.came_box = QGroupBox()
        self.kind_label, self.about_label = QLabel(), QLabel()
        self.kind = QComboBox()
        self.kind.setObjectName("intakeKind")
        for kind in KINDS:
            self.kind.addItem("", kind)
        self.about = FreeTextEdit(lines=4)
        self.about.setObjectName("intakeAbout")
        self.demand = QCheckBox()
        self.demand.setObjectName("intakeDemand")
        came = QFormLayout(self.came_box)
        came.addRow(self.kind_label, self.kind)
        came.addRow(self.about_label, self.about)
        came.addRow("", self.demand)
        self.errors = error_label()
        self.save_button = QPushButton()
        self.save_button.setObjectName("saveIntake")
        self.save_button.setDefault(False)
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save)
        self.close_button = QPushButton()
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)
        self.status = QLabel()
        self.status.setObjectName("intakeSaved")
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color: #14532d;")
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)

        # 2. the service item
        self.item_box = QGroupBox()
        self.item_picker = ItemPicker()
        self.item_picker.chosen_changed.connect(self._item_chosen)
        self.brief = ItemBrief()
        item_layout = QVBoxLayout(self.item_box)
        item_layout.addWidget(self.item_picker)
        item_layout.addWidget(self.brief, 1)

        left = QVBoxLayout()
        left.addWidget(self.person_box)
        left.addWidget(self.came_box)
        left.addWidget(self.errors)
        left.addWidget(self.status)
        left.addStretch(1)
        left.addLayout(buttons)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addWidget(self.item_box, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addLayout(columns, 1)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.activated.connect(self.save)
        QWidget.setTabOrder(self.person_picker.line, self.item_picker.line)
        QWidget.setTabOrder(self.item_picker.line, self.kind)
        QWidget.setTabOrder(self.kind, self.about)
        QWidget.setTabOrder(self.about, self.demand)
        self.set_resident_lang(current_language() if current_language() in RESIDENT_LANGS else "zh")
        connect_retranslate(self)
        self.person_picker.line.setFocus()

    # --- texts ---
    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Front-desk intake"))
        self.title.setText(_("A resident at the front desk"))
        self.lang_label.setText(_("The resident speaks:"))
        self.person_box.setTitle(_("1. Who came"))
        self.person_picker.line.setPlaceholderText(_("Name in any script, pinyin, ID or phone digits"))
        self.new_button.setText(_("New resident…"))
        self.item_box.setTitle(_("2. The service item"))
        self.item_picker.line.setPlaceholderText(_("Search items: Chinese, Uyghur, pinyin initials or Latin Uyghur"))
        self.brief.retranslate_ui()
        self.came_box.setTitle(_("3. What they came for"))
        self.kind_label.setText(_("How:"))
        for n, kind in enumerate(KINDS):
            self.kind.setItemText(n, kind_text(kind))
        self.about_label.setText(_("Their request:"))
        self.about.setPlaceholderText(_("What the resident asks for, in their words"))
        self.demand.setText(_("Open a demand: the office follows it until it is closed"))
        self.save_button.setText(_("Save (Ctrl+Enter)"))
        self.close_button.setText(_("Close"))
        self.person_picker.redisplay()
        self._write_person()
        self._write_status()

    # --- the resident's language ---
    def set_resident_lang(self, lang: str) -> None:
        self.resident_lang = lang
        self.lang_buttons[lang].setChecked(True)
        self.item_picker.set_lang(lang)
        self.brief.set_lang(lang)

    # --- the person ---
    def _toggle_new(self, on: bool) -> None:
        self.new_form.setVisible(on)
        if on:
            self.new_form.start(self.person_picker.line.text(), self.resident_lang)

    def _person_chosen(self, hit: ResidentHit | None) -> None:
        self.person = person_of(hit) if hit is not None else None
        if self.person is not None:
            self._adopt_language(self.person.uuid)
        self._write_person()

    def _person_added(self, view) -> None:
        self.person = Person(view.uuid, view.household_uuid, view.name_zh, view.name_ug, view.id_number_masked,
                             view.address)
        self.new_button.setChecked(False)
        self.person_picker.line.setText(" / ".join(n for n in (view.name_zh, view.name_ug) if n))
        self._write_person()
        self.item_picker.line.setFocus()

    def _adopt_language(self, resident_uuid: str) -> None:
        try:
            lang = residents.get_resident(self.actor, resident_uuid).preferred_lang
        except residents.ResidentNotFound:
            return
        if lang in RESIDENT_LANGS:
            self.set_resident_lang(lang)

    def _write_person(self) -> None:
        p = self.person
        if p is None:
            self.person_label.setText("")
            return
        names = " / ".join(user_text(n) for n in (p.name_zh, p.name_ug) if n)
        self.person_label.setText(" · ".join(t for t in (names, ltr(p.id_number_masked), user_text(p.address)) if t))

    # --- the item ---
    def _item_chosen(self, item) -> None:
        self.brief.show_item(item.code if item is not None else None)
        if item is not None:
            self.demand.setChecked(True)

    # --- saving ---
    def save(self) -> VisitView | None:
        if self.person is None:
            show_errors(self.errors, [_("Find the resident first, or add them as a new resident.")])
            self.person_picker.line.setFocus()
            return None
        kind = self.kind.currentData()
        item = self.item_picker.chosen
        about = self.about.toPlainText().strip()
        if not about and item is not None:
            about = item.title(self.resident_lang)
        drafts = []
        if self.demand.isChecked():
            drafts = [DemandDraft(description=about, item_code=item.code if item is not None else None,
                                  resident_uuid=self.person.uuid, channel=kind)]
        try:
            view = visits.log_visit(self.actor, self.person.household_uuid, dt.date.today(), kind, about,
                                    needs=about if drafts else "", demands=drafts)
        except (WorkValidationError, ResidentValidationError) as exc:
            show_errors(self.errors, [e.message for e in exc.errors])
            self.about.setFocus()
            return None
        except (WorkNotFound, PermissionDenied) as exc:
            show_errors(self.errors, [str(exc)])
            return None
        self.last = view
        self.saved.emit(view)
        self.reset()
        self._write_status()
        return view

    def _write_status(self) -> None:
        view = self.last
        if view is None:
            self.status.clear()
            return
        text = _("Saved: {kind} at {address}.").format(kind=kind_text(view.kind), address=embedded(view.address))
        if view.demand_uuids:
            text += " " + ngettext("{n} demand opened.", "{n} demands opened.", len(view.demand_uuids)).format(
                n=len(view.demand_uuids))
        self.status.setText(text)

    def reset(self) -> None:
        """Ready for the next resident."""
        self.person = None
        self.person_picker.clear()
        self.item_picker.clear()
        self.brief.show_item(None)
        self.about.clear()
        self.demand.setChecked(False)
        self.new_button.setChecked(False)
        show_errors(self.errors, [])
        self._write_person()
        self.person_picker.line.setFocus()

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            return  # Enter picks in the search fields; it never closes the intake by accident
        super().keyPressEvent(event)

