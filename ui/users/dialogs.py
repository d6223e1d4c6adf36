"""Dialogs of the users page: add or edit a user, set a new password or PIN.

Each dialog saves through :mod:`ui.operations` and stays open with the
message shown when the app refuses (e.g. a user name already taken).
Threading: UI thread; the save callable runs in the background.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.accounts.roles import ROLE_LABELS, Role
from app.accounts.service import UserView
from ui.common.message_label import MessageLabel
from ui.common.secret_fields import SecretFields
from ui.i18n import role_label, translate
from ui.operations import run_in_background

ASSIGNABLE_ROLES = [r for r in Role if r != Role.BUREAU_ADMIN and r in ROLE_LABELS]


class _SavingDialog(QDialog):
    """A dialog whose OK runs a save in the background and closes only when it succeeded."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.message = MessageLabel()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        self.saved_result: Any = None

    def _finish_layout(self, form: QFormLayout) -> None:
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def save_job(self) -> Callable[[], Any] | None:
        """The background call for the entries, or None after showing what is wrong."""
        raise NotImplementedError

    def _save(self) -> None:
        job = self.save_job()
        if job is None:
            return
        self.message.clear_message()
        self.buttons.setEnabled(False)
        run_in_background(job, on_done=self._saved, on_error=self._failed, context=self)

    def _saved(self, result: Any) -> None:
        self.saved_result = result
        self.buttons.setEnabled(True)
        self.accept()

    def _failed(self, message: str, _error: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.message.show_error(message)


class UserDialog(_SavingDialog):
    """Add a user (``user`` is None) or edit one. ``save`` gets the fields and runs in a worker."""

    def __init__(
        self,
        parent: QWidget | None,
        save: Callable[[dict[str, str]], Any],
        user: UserView | None = None,
    ) -> None:
        super().__init__(parent)
        self._save_fields = save
        self.user = user
        self.setWindowTitle(
            translate("UserDialog", "Add a user")
            if user is None
            else translate("UserDialog", "Edit user")
        )
        self.display_name = QLineEdit(user.display_name if user else "")
        self.username = QLineEdit(user.username if user else "")
        self.username.setEnabled(user is None)
        self.role = QComboBox()
        for role in ASSIGNABLE_ROLES:
            self.role.addItem(role_label(role), str(role))
        self.role.setCurrentIndex(max(0, self.role.findData(user.role if user else Role.STAFF)))
        self.post = QLineEdit(user.post if user else "")
        self.post.setPlaceholderText(translate("UserDialog", "e.g. Grade 3 class teacher"))
        self.phone = QLineEdit(user.phone if user else "")
        form = QFormLayout()
        form.addRow(translate("UserDialog", "Name:"), self.display_name)
        form.addRow(translate("UserDialog", "User name:"), self.username)
        form.addRow(translate("UserDialog", "Role:"), self.role)
        form.addRow(translate("UserDialog", "Post:"), self.post)
        form.addRow(translate("UserDialog", "Phone:"), self.phone)
        self.secret: SecretFields | None = None
        if user is None:
            self.secret = SecretFields(self, default_kind="pin")
            self.secret.add_rows(form)
        self._finish_layout(form)
        self.resize(460, self.sizeHint().height())

    def fields(self) -> dict[str, str]:
        out = {
            "display_name": self.display_name.text(),
            "role": self.role.currentData(),
            "post": self.post.text(),
            "phone": self.phone.text(),
        }
        if self.secret is not None:
            kind, secret = self.secret.value()
            out.update(username=self.username.text(), secret_kind=kind, secret=secret)
        return out

    def save_job(self) -> Callable[[], Any] | None:
        if not self.display_name.text().strip():
            self.message.show_error(translate("UserDialog", "Enter the person's name."))
            self.display_name.setFocus()
            return None
        if self.secret is not None:
            problem = self.secret.problem()
            if problem:
                self.message.show_error(problem)
                self.secret.secret.setFocus()
                return None
        fields = self.fields()
        return lambda: self._save_fields(fields)


class SecretDialog(_SavingDialog):
    """The principal sets a new password or PIN for someone (this also unlocks the account)."""

    def __init__(
        self, parent: QWidget | None, user: UserView, save: Callable[[str, str], Any]
    ) -> None:
        super().__init__(parent)
        self._save_secret = save
        self.setWindowTitle(
            translate("UserDialog", "New password or PIN for {name}").format(name=user.display_name)
        )
        form = QFormLayout()
        self.secret = SecretFields(self, default_kind="pin")
        self.secret.add_rows(form)
        self._finish_layout(form)

    def save_job(self) -> Callable[[], Any] | None:
        problem = self.secret.problem()
        if problem:
            self.message.show_error(problem)
            return None
        kind, secret = self.secret.value()
        return lambda: self._save_secret(kind, secret)
