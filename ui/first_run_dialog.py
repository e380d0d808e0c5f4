"""First run on an empty database: set up the office's own community, or explore with demo data."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (QDialog, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton,
                               QVBoxLayout, QWidget)

from app.formats import format_number
from app.i18n import N_, _
from app.services import setup, users
from app.services.actor import Actor
from ui.fields import uyghur_field
from ui.language import connect_retranslate
from ui.language_picker import LanguagePicker

DEMO_HOUSEHOLDS = 2000
PASSWORDS_DIFFER = N_("The two passwords differ.")
USERNAME_MISSING = N_("Enter the administrator's user name.")


class FirstRunDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.actor: Actor | None = None
        self.setMinimumWidth(760)
        self.title = QLabel()
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title.setFont(font)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.language_label = QLabel()
        self.language = LanguagePicker()
        self.language_label.setBuddy(self.language)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.language_label)
        top.addWidget(self.language)

        # --- set up my community ---
        self.setup_box = QGroupBox()
        self.subdistrict_zh, self.subdistrict_ug = QLineEdit(), uyghur_field()
        self.community_zh, self.community_ug = QLineEdit(), uyghur_field()
        self.admin_username, self.admin_password, self.admin_password2 = QLineEdit(), QLineEdit(), QLineEdit()
        for edit in (self.admin_password, self.admin_password2):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.setup_labels = [QLabel() for _i in range(7)]
        form = QFormLayout()
        for label, edit in zip(self.setup_labels, (self.subdistrict_zh, self.subdistrict_ug, self.community_zh,
                                                   self.community_ug, self.admin_username, self.admin_password,
                                                   self.admin_password2)):
            label.setBuddy(edit)
            form.addRow(label, edit)
        self.setup_error = QLabel()
        self.setup_error.setObjectName("setupError")
        self.setup_error.setStyleSheet("color: #b00020;")
        self.setup_error.setWordWrap(True)
        self.setup_error.hide()
        self.setup_button = QPushButton()
        self.setup_button.setObjectName("setupButton")
        self.setup_button.clicked.connect(self.set_up_community)
        setup_layout = QVBoxLayout(self.setup_box)
        self.setup_text = QLabel()
        self.setup_text.setWordWrap(True)
        setup_layout.addWidget(self.setup_text)
        setup_layout.addLayout(form)
        setup_layout.addWidget(self.setup_error)
        setup_layout.addStretch(1)
        setup_layout.addWidget(self.setup_button, 0, Qt.AlignmentFlag.AlignTrailing)

        # --- explore with demo data ---
        self.demo_box = QGroupBox()
        self.demo_text = QLabel()
        self.demo_text.setWordWrap(True)
        self.demo_button = QPushButton()
        self.demo_button.setObjectName("demoButton")
        self.demo_button.clicked.connect(self.explore_demo)
        demo_layout = QVBoxLayout(self.demo_box)
        demo_layout.addWidget(self.demo_text)
        demo_layout.addStretch(1)
        demo_layout.addWidget(self.demo_button, 0, Qt.AlignmentFlag.AlignTrailing)

        choices = QHBoxLayout()
        choices.addWidget(self.setup_box, 3)
        choices.addWidget(self.demo_box, 2)
        self.quit_button = QPushButton()
        self.quit_button.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.quit_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.intro)
        layout.addLayout(choices, 1)
        layout.addLayout(bottom)
        self._error_msgid = ""
        connect_retranslate(self)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Welcome to Baijia"))
        self.title.setText(_("Welcome to Baijia"))
        self.intro.setText(_("This database is empty. Set up your own community to start work, or look around "
                             "first with invented demo data."))
        self.language_label.setText(_("Language"))
        self.setup_box.setTitle(_("Set up my community"))
        self.setup_text.setText(_("Your subdistrict and community, and the administrator's account. Grids, "
                                  "buildings and residents are added later."))
        texts = (_("Subdistrict (Chinese)"), _("Subdistrict (Uyghur)"), _("Community (Chinese)"),
                 _("Community (Uyghur)"), _("Administrator's user name"), _("Password"), _("Password again"))
        for label, text in zip(self.setup_labels, texts):
            label.setText(text)
        self.setup_button.setText(_("Set up my community"))
        self.demo_box.setTitle(_("Explore with demo data"))
        self.demo_text.setText(_("Baijia creates an invented community with {n} households and logs you in as "
                                 "its administrator. No real person is in it. Use a new, empty database for "
                                 "real work.").format(n=format_number(DEMO_HOUSEHOLDS)))
        self.demo_button.setText(_("Explore with demo data"))
        self.quit_button.setText(_("Quit"))
        if self._error_msgid:
            self.setup_error.setText(_(self._error_msgid))
        else:  # a service's message was written in the previous language: better none than a stale one
            self.setup_error.hide()

    def _show_error(self, text: str, msgid: str = "") -> None:
        self._error_msgid = msgid
        self.setup_error.setText(text)
        self.setup_error.show()

    def set_up_community(self) -> None:
        if self.admin_password.text() != self.admin_password2.text():
            self._show_error(_(PASSWORDS_DIFFER), PASSWORDS_DIFFER)
            self.admin_password2.clear()
            self.admin_password2.setFocus()
            return
        if not self.admin_username.text().strip():
            self._show_error(_(USERNAME_MISSING), USERNAME_MISSING)
            self.admin_username.setFocus()
            return
        try:
            setup.setup_community(self.subdistrict_zh.text(), self.community_zh.text(), self.community_ug.text(),
                                  self.admin_username.text(), self.admin_password.text(),
                                  subdistrict_ug=self.subdistrict_ug.text())
        except (setup.SetupError, users.UserError) as exc:
            self._show_error(str(exc))
            return
        self.actor = users.authenticate(self.admin_username.text(), self.admin_password.text())
        self.accept()

    def explore_demo(self) -> None:
        from ui.demo_start import create_demo_and_log_in

        actor = create_demo_and_log_in(self, DEMO_HOUSEHOLDS)
        if actor is not None:
            self.actor = actor
            self.accept()
