"""Signing in: pick or type the user, enter the password or PIN, press Enter.

The choices and the check (Argon2, tens of milliseconds) run in the
background. A wrong secret shows how many attempts are left; a locked
account shows until when.

Threading: UI thread; work goes through :mod:`ui.operations`.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.accounts.service import LoginChoice, authenticate, login_choices
from app.actor import Actor
from app.workspace import Workspace
from ui.common.message_label import MessageLabel
from ui.formatting import role_rank
from ui.i18n import role_label, translate
from ui.operations import run_in_background


class LoginDialog(QDialog):
    """``actor`` is the signed-in user once the dialog is accepted."""

    def __init__(self, ws: Workspace, school_name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.actor: Actor | None = None
        self.busy = False
        self.choices_loaded = False
        self.setWindowTitle(translate("Login", "xiaoan — sign in"))

        heading = QLabel(school_name or translate("Login", "xiaoan"))
        heading.setObjectName("loginSchool")
        sub = QLabel(translate("Login", "School safety records"))
        sub.setObjectName("hint")

        self.user = QComboBox()
        self.user.setEditable(True)
        self.user.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.user.lineEdit().setPlaceholderText(translate("Login", "choose or type a user name"))
        self.secret = QLineEdit()
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.setPlaceholderText(translate("Login", "password or 6-digit PIN"))
        form = QFormLayout()
        form.addRow(translate("Login", "User:"), self.user)
        form.addRow(translate("Login", "Password or PIN:"), self.secret)

        self.message = MessageLabel()
        self.buttons = QDialogButtonBox()
        self.sign_in_button: QPushButton = self.buttons.addButton(
            translate("Login", "Sign in"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.sign_in_button.setDefault(True)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(sub)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)
        self._load_choices()

    def _load_choices(self) -> None:
        ws = self.ws
        run_in_background(
            lambda: login_choices(ws),
            on_done=self._choices,
            on_error=lambda msg, _e: self.message.show_error(msg),
            context=self,
            description="login choices",
        )

    def _choices(self, choices: list[LoginChoice]) -> None:
        typed = self.user.currentText()
        self.user.clear()
        for c in sorted(choices, key=lambda c: (role_rank(c.role), c.username)):
            label = translate("Login", "{name} ({role})").format(
                name=c.display_name, role=role_label(c.role)
            )
            self.user.addItem(label, c.username)
        self.user.setEditText(typed if typed else (self.user.itemText(0) if choices else ""))
        self.choices_loaded = True
        self.secret.setFocus()

    def username(self) -> str:
        text = self.user.currentText().strip()
        index = self.user.findText(text)
        return self.user.itemData(index) if index >= 0 else text

    def submit(self) -> None:
        if self.busy:
            return
        username, secret = self.username(), self.secret.text()
        if not username:
            self.message.show_error(translate("Login", "Choose or type your user name."))
            return
        if not secret:
            self.message.show_error(translate("Login", "Enter your password or PIN."))
            self.secret.setFocus()
            return
        self.busy = True
        self.sign_in_button.setEnabled(False)
        ws = self.ws
        run_in_background(
            lambda: authenticate(ws, username, secret),
            on_done=self._signed_in,
            on_error=self._refused,
            context=self,
            description="sign in",
        )

    def _signed_in(self, actor: Actor) -> None:
        self.busy = False
        self.actor = actor
        self.accept()

    def _refused(self, message: str, _error: BaseException) -> None:
        self.busy = False
        self.sign_in_button.setEnabled(True)
        self.secret.clear()
        self.secret.setFocus()
        self.message.show_error(message)
