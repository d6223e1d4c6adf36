"""Entering a new password or 6-digit PIN twice, checked with the app's own rules.

Threading: UI thread. :meth:`SecretFields.problem` runs only the app's pure
checks (no database, no hashing), so it is cheap enough for the UI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit

from app.accounts.secrets import check_secret
from app.errors import UserError
from ui.i18n import translate

PASSWORD, PIN = "password", "pin"


class SecretFields(QObject):
    """Kind (password or PIN), the secret and its confirmation, for a QFormLayout."""

    def __init__(self, parent: QObject | None = None, *, default_kind: str = PASSWORD) -> None:
        super().__init__(parent)
        self.kind = QComboBox()
        self.kind.addItem(translate("Secret", "Password (at least 8 characters)"), PASSWORD)
        self.kind.addItem(translate("Secret", "PIN (6 digits)"), PIN)
        self.secret = QLineEdit()
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm = QLineEdit()
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        self._pin_validator = QRegularExpressionValidator(QRegularExpression(r"\d{0,6}"), self)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.kind.setCurrentIndex(self.kind.findData(default_kind))
        self._kind_changed()

    def add_rows(self, form: QFormLayout, *, new_label: str | None = None) -> None:
        form.addRow(translate("Secret", "Sign in with:"), self.kind)
        form.addRow(new_label or translate("Secret", "Password or PIN:"), self.secret)
        form.addRow(translate("Secret", "Repeat it:"), self.confirm)

    def _kind_changed(self) -> None:
        pin = self.kind.currentData() == PIN
        for edit in (self.secret, self.confirm):
            edit.setValidator(self._pin_validator if pin else None)
            edit.setMaxLength(6 if pin else 128)
            edit.setPlaceholderText(
                translate("Secret", "6 digits")
                if pin
                else translate("Secret", "at least 8 characters")
            )
            if pin and not edit.text().isdigit():
                edit.clear()

    def value(self) -> tuple[str, str]:
        return self.kind.currentData(), self.secret.text()

    def problem(self) -> str | None:
        """What is wrong with the entries, in the user's language; None when they are fine."""
        kind, secret = self.value()
        if secret != self.confirm.text():
            return translate("Secret", "The two entries are not the same. Type them again.")
        try:
            check_secret(kind, secret)
        except UserError as e:
            return e.localized(translate)
        return None

    def clear(self) -> None:
        self.secret.clear()
        self.confirm.clear()
