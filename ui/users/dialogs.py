"""Dialogs for logins, opened from the staff page: give a person a login, set a new password or PIN.

A login belongs to a person of the staff directory, so these dialogs never
ask for a name, post or phone — the person's entry has them. Each dialog
saves through :mod:`ui.operations` and stays open with the message shown
when the app refuses (e.g. a user name already taken).

Threading: UI thread; the save callable runs in the background.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject
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
from ui.common.message_label import MessageLabel
from ui.common.secret_fields import SecretFields
from ui.i18n import role_label, translate
from ui.operations import run_in_background

ASSIGNABLE_ROLES = [r for r in Role if r != Role.BUREAU_ADMIN and r in ROLE_LABELS]


def role_combo(current: str | None = None) -> QComboBox:
    """The roles a principal may give, the current one (or staff) chosen."""
    combo = QComboBox()
    for role in ASSIGNABLE_ROLES:
        combo.addItem(role_label(role), str(role))
    combo.setCurrentIndex(max(0, combo.findData(current or Role.STAFF)))
    return combo


class SavingDialog(QDialog):
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
        """The background call for the entries, or None after showing what is wrong.

        The call must not hold the dialog: the finished job is released on a
        worker thread, and a dialog's wrapper must not die there.
        """
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


class LoginFields(QObject):
    """User name, role and the first password or PIN of a new login, for a QFormLayout."""

    def __init__(self, parent: QObject | None = None, *, role: str | None = None) -> None:
        super().__init__(parent)
        self.username = QLineEdit()
        self.username.setPlaceholderText(translate("UserDialog", "e.g. wangfang"))
        self.role = role_combo(role)
        self.secret = SecretFields(self, default_kind="pin")

    def add_rows(self, form: QFormLayout) -> None:
        form.addRow(translate("UserDialog", "User name:"), self.username)
        form.addRow(translate("UserDialog", "Role:"), self.role)
        self.secret.add_rows(form)

    def set_enabled(self, on: bool) -> None:
        for w in (self.username, self.role, self.secret.kind, self.secret.secret,
                  self.secret.confirm):  # fmt: skip
            w.setEnabled(on)

    def problem(self) -> str | None:
        """What is wrong with the entries (checked again by the app), or None."""
        if len(self.username.text().strip()) < 2:
            return translate("UserDialog", "Enter a user name of at least 2 characters.")
        return self.secret.problem()

    def values(self) -> dict[str, str]:
        kind, secret = self.secret.value()
        return {"username": self.username.text(), "role": self.role.currentData(),
                "secret_kind": kind, "secret": secret}  # fmt: skip


class LoginDialog(SavingDialog):
    """Give a person of the directory a login. ``save`` gets the login's fields, in a worker."""

    def __init__(
        self, parent: QWidget | None, name: str, save: Callable[[dict[str, str]], Any]
    ) -> None:
        super().__init__(parent)
        self._save_fields = save
        self.setWindowTitle(translate("UserDialog", "A login for {name}").format(name=name))
        self.login = LoginFields(self)
        form = QFormLayout()
        self.login.add_rows(form)
        self._finish_layout(form)
        self.resize(440, self.sizeHint().height())

    def save_job(self) -> Callable[[], Any] | None:
        problem = self.login.problem()
        if problem:
            self.message.show_error(problem)
            return None
        fields, save = self.login.values(), self._save_fields
        return lambda: save(fields)  # never the dialog itself: the job ends on a worker


class SecretDialog(SavingDialog):
    """The principal sets a new password or PIN for someone (this also unlocks the account)."""

    def __init__(self, parent: QWidget | None, name: str, save: Callable[[str, str], Any]) -> None:
        super().__init__(parent)
        self._save_secret = save
        self.setWindowTitle(
            translate("UserDialog", "New password or PIN for {name}").format(name=name)
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
        (kind, secret), save = self.secret.value(), self._save_secret
        return lambda: save(kind, secret)
