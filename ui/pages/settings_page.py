"""Settings: language, the database in use, the data folder, fonts; the office and users for administrators."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QScrollArea,
                               QVBoxLayout, QWidget)

from app.domain.text_clean import clean_name
from app.i18n import _
from app.paths import data_dir
from app.services import settings, users
from app.services.actor import ROLE_LABELS, Actor
from app.services.setup import InitResult
from ui.bidi import ltr, user_text
from ui.fields import uyghur_field, value_label
from ui.fonts import current_choice
from ui.language import connect_retranslate
from ui.language_picker import LanguagePicker
from ui.office import database_kind
from ui.pages.page_header import title_label

class SettingsPage(QWidget):
    def __init__(self, actor: Actor, db_info: InitResult | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.actor, self.db_info = actor, db_info
        self.title = title_label()

        self.language_box = QGroupBox()
        self.language = LanguagePicker()
        self.language_note = QLabel()
        self.language_note.setWordWrap(True)
        lang_layout = QVBoxLayout(self.language_box)
        row = QHBoxLayout()
        row.addWidget(self.language)
        row.addStretch(1)
        lang_layout.addLayout(row)
        lang_layout.addWidget(self.language_note)

        self.db_box = QGroupBox()
        self.db_kind, self.db_location, self.db_schema = value_label(), value_label(), value_label()
        self.data_folder = value_label()
        self.open_folder = QPushButton()
        self.open_folder.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(data_dir()))))
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.data_folder, 1)
        folder_row.addWidget(self.open_folder)
        self.db_labels = [QLabel() for _i in range(4)]
        db_form = QFormLayout(self.db_box)
        db_form.addRow(self.db_labels[0], self.db_kind)
        db_form.addRow(self.db_labels[1], self.db_location)
        db_form.addRow(self.db_labels[2], self.db_schema)
        db_form.addRow(self.db_labels[3], folder_row)

        self.font_box = QGroupBox()
        self.font_uyghur, self.font_cjk = value_label(), value_label()
        self.font_labels = [QLabel(), QLabel()]
        font_form = QFormLayout(self.font_box)
        font_form.addRow(self.font_labels[0], self.font_uyghur)
        font_form.addRow(self.font_labels[1], self.font_cjk)

        # --- administrators only ---
        is_admin = actor.can("settings.edit")
        self.office_box = QGroupBox()
        self.office_box.setObjectName("officeBox")
        self.community_zh, self.community_ug = QLineEdit(), uyghur_field()
        self.community_zh.setText(settings.get("community_name_zh") or "")
        self.community_ug.setText(settings.get("community_name_ug") or "")
        self.office_labels = [QLabel(), QLabel()]
        self.save_office = QPushButton()
        self.save_office.clicked.connect(self._save_office)
        self.office_saved = QLabel()
        office_form = QFormLayout(self.office_box)
        office_form.addRow(self.office_labels[0], self.community_zh)
        office_form.addRow(self.office_labels[1], self.community_ug)
        save_row = QHBoxLayout()
        save_row.addWidget(self.office_saved, 1)
        save_row.addWidget(self.save_office)
        office_form.addRow(save_row)
        self.office_box.setEnabled(is_admin)

        self.users_box = QGroupBox()
        self.users_box.setObjectName("usersBox")
        self.users_list = value_label()
        QVBoxLayout(self.users_box).addWidget(self.users_list)
        self.users_box.setEnabled(actor.can("users.manage"))
        self.admin_note = QLabel()
        self.admin_note.setWordWrap(True)
        self.admin_note.setVisible(not is_admin)

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addWidget(self.title)
        for box in (self.language_box, self.db_box, self.font_box):
            layout.addWidget(box)
        layout.addWidget(self.admin_note)
        layout.addWidget(self.office_box)
        layout.addWidget(self.users_box)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self._saved = False
        connect_retranslate(self)

    def retranslate_ui(self) -> None:
        self.title.setText(_("Settings"))
        self.language_box.setTitle(_("Language"))
        self.language_note.setText(_("The whole window switches at once; Baijia remembers the choice on this PC."))
        self.db_box.setTitle(_("Database"))
        for label, text in zip(self.db_labels, (_("Kind"), _("Location"), _("Schema version"), _("Data folder"))):
            label.setText(text)
        self.open_folder.setText(_("Open"))
        self.font_box.setTitle(_("Fonts on screen"))
        self.font_labels[0].setText(_("Uyghur"))
        self.font_labels[1].setText(_("Chinese"))
        self.office_box.setTitle(_("Office"))
        self.office_labels[0].setText(_("Community (Chinese)"))
        self.office_labels[1].setText(_("Community (Uyghur)"))
        self.save_office.setText(_("Save"))
        self.office_saved.setText(_("Saved.") if self._saved else "")
        self.users_box.setTitle(_("Users"))
        self.admin_note.setText(_("Only an administrator can change the office and see the users."))
        self.refresh()

    def refresh(self) -> None:
        info = self.db_info
        if info is not None:
            self.db_kind.setText(database_kind(info.target.kind))
            self.db_location.setText(ltr(info.target.location))
            self.db_schema.setText(str(info.schema_after))
        self.data_folder.setText(ltr(str(data_dir())))
        choice = current_choice()
        missing = _("none found; install one (see baijia doctor)")
        self.font_uyghur.setText((choice.uyghur if choice else None) or missing)
        self.font_cjk.setText((choice.cjk if choice else None) or missing)
        if self.actor.can("users.manage"):
            lines = [f"{ltr(u.username)} — {user_text(u.display_name)} — {_(ROLE_LABELS.get(u.role, u.role))}"
                     for u in users.list_users(self.actor)]
            self.users_list.setText("\n".join(lines))
        else:
            self.users_list.setText("")

    def _save_office(self) -> None:
        settings.put(self.actor, "community_name_zh", clean_name(self.community_zh.text()))
        settings.put(self.actor, "community_name_ug", clean_name(self.community_ug.text()))
        self._saved = True
        self.office_saved.setText(_("Saved."))
        window = self.window()
        if hasattr(window, "retranslate_ui"):
            window.retranslate_ui()  # the window title carries the community's name
