"""The incoming person confirms who they are: their own password or PIN, at the other's session.

A small dialog over the handover form. The secret is checked by
:func:`app.accounts.confirm.confirm_identity` (counted and locked like a
sign-in, audited); a wrong one keeps the dialog open with the message and an
empty field, the right one closes it and hands the form a
:class:`~app.accounts.confirm.Confirmation` through ``confirmed``.

Threading: UI thread; the check runs through :mod:`ui.operations`.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.accounts.confirm import confirm_identity
from app.workspace import Workspace
from ui.common.message_label import MessageLabel
from ui.i18n import translate
from ui.operations import run_in_background


class IdentityDialog(QDialog):
    confirmed = Signal(object)  # Confirmation

    def __init__(
        self, parent: QWidget | None, ws: Workspace, user_id: uuid.UUID, name: str
    ) -> None:
        super().__init__(parent)
        self.ws, self.user_id = ws, user_id
        self.checking = False
        self.setWindowTitle(translate("Handover", "Incoming person: confirm it is you"))
        prompt = QLabel(
            translate(
                "Handover",
                "{name}, type your own password or PIN. Your signature is taken only after this.",
            ).format(name=name)
        )
        prompt.setWordWrap(True)
        self.secret = QLineEdit()
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.setPlaceholderText(translate("Handover", "Password or PIN"))
        self.message = MessageLabel()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.check)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(prompt)
        layout.addWidget(self.secret)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)
        self.secret.setFocus()

    def check(self) -> None:
        """Check what was typed; the dialog closes only when it is right."""
        if self.checking:
            return
        secret = self.secret.text()
        if not secret:
            self.message.show_error(translate("Handover", "Type the password or PIN first."))
            return
        self.checking = True
        self.buttons.setEnabled(False)
        ws, user_id = self.ws, self.user_id

        def done(confirmation) -> None:
            self.checking = False
            self.buttons.setEnabled(True)
            self.confirmed.emit(confirmation)
            self.accept()

        def failed(message: str, _error: BaseException) -> None:
            self.checking = False
            self.buttons.setEnabled(True)
            self.secret.clear()
            self.secret.setFocus()
            self.message.show_error(message)

        run_in_background(
            lambda: confirm_identity(ws, user_id, secret),
            on_done=done,
            on_error=failed,
            context=self,
            description="confirm identity",
        )
