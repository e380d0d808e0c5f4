"""Log in: user name, password, and the language, before anything else is shown."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
                               QPushButton, QVBoxLayout, QWidget)

from app.i18n import _
from app.services import settings, users
from app.services.actor import Actor
from ui.fields import mark_data
from ui.language import connect_retranslate
from ui.language_picker import LanguagePicker
from ui.office import community_name, demo_account


class LoginDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.actor: Actor | None = None
        self.setMinimumWidth(440)
        self.title = QLabel()
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title.setFont(font)
        self.community = mark_data(QLabel())
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.form = QFormLayout()
        self.username_label, self.password_label = QLabel(), QLabel()
        self.username_label.setBuddy(self.username)
        self.password_label.setBuddy(self.password)
        self.form.addRow(self.username_label, self.username)
        self.form.addRow(self.password_label, self.password)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        self.error.hide()
        self.demo_hint = QLabel()
        self.demo_hint.setObjectName("demoHint")
        self.demo_hint.setWordWrap(True)
        self.demo_hint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._demo = demo_account() if settings.get("demo") else None
        self.demo_hint.setVisible(self._demo is not None)
        self.language = LanguagePicker()
        self.buttons = QDialogButtonBox()
        self.login_button = QPushButton()
        self.login_button.setDefault(True)
        self.quit_button = QPushButton()
        self.buttons.addButton(self.login_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.quit_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.try_login)
        self.buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        self.language_label = QLabel()
        self.language_label.setBuddy(self.language)
        bottom.addWidget(self.language_label)
        bottom.addWidget(self.language)
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.community)
        layout.addSpacing(8)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.demo_hint)
        layout.addStretch(1)
        layout.addLayout(bottom)
        connect_retranslate(self)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Log in to Baijia"))
        self.title.setText(_("Baijia community office"))
        name = community_name()
        self.community.setText(name)
        self.community.setVisible(bool(name))
        self.username_label.setText(_("User name"))
        self.password_label.setText(_("Password"))
        self.language_label.setText(_("Language"))
        self.login_button.setText(_("Log in"))
        self.quit_button.setText(_("Quit"))
        if self._demo is not None:
            self.demo_hint.setText(_("This is a demo database with invented people. Log in as {user} with the "
                                     "password {password}.").format(user=self._demo[0], password=self._demo[1]))
        if not self.error.isHidden():
            self.error.setText(_("The user name or password is wrong."))

    def try_login(self) -> None:
        actor = users.authenticate(self.username.text(), self.password.text())
        if actor is None:
            self.error.setText(_("The user name or password is wrong."))
            self.error.show()
            self.password.clear()
            self.password.setFocus()
            return
        self.actor = actor
        self.accept()
