"""Dialogs of the staff page: a person (with a login, for the principal), leave, same person.

The person dialog is the one place a person's name, post and phone are typed;
the principal can give the new person a login in the same dialog, or change
an existing login's role. Saving dialogs stay open with the app's message
when it refuses (a user name taken, the last principal…).

Threading: UI thread; saves run through :mod:`ui.operations`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.staff.people import PersonView
from ui.common.fields import date_edit, pydate
from ui.i18n import translate
from ui.users.dialogs import LoginFields, SavingDialog, role_combo


class PersonDialog(SavingDialog):
    """Add a person (``person`` None) or edit one. ``save`` gets :meth:`values` in a worker.

    ``logins``: the user may manage logins (the principal) — adding offers a
    login in the same step, editing someone with a login offers their role.
    """

    def __init__(
        self,
        parent: QWidget | None,
        save: Callable[[dict[str, Any]], Any],
        person: PersonView | None = None,
        *,
        logins: bool = False,
    ) -> None:
        super().__init__(parent)
        self._save_values = save
        self.person = person
        self.setWindowTitle(
            translate("Staff", "Edit staff member")
            if person
            else translate("Staff", "Add a staff member")
        )
        self.name = QLineEdit(person.name if person else "")
        self.post = QLineEdit(person.post if person else "")
        self.post.setPlaceholderText(translate("Staff", "e.g. 班主任, 宿舍管理员"))
        self.phone = QLineEdit(person.phone if person else "")
        self.active = QCheckBox(translate("Staff", "Still works here"))
        self.active.setChecked(person.active if person else True)
        form = QFormLayout()
        form.addRow(translate("Staff", "Name:"), self.name)
        form.addRow(translate("Staff", "Post:"), self.post)
        form.addRow(translate("Staff", "Phone:"), self.phone)
        if person is not None:
            form.addRow("", self.active)
        self.give_login: QCheckBox | None = None
        self.login: LoginFields | None = None
        self.role: QComboBox | None = None
        if logins and person is None:
            self.give_login = QCheckBox(translate("Staff", "Can sign in on this computer"))
            self.login = LoginFields(self)
            self.give_login.toggled.connect(self.login.set_enabled)
            self.login.set_enabled(False)
            form.addRow("", self.give_login)
            self.login.add_rows(form)
        elif person is not None and person.has_login:
            form.addRow(translate("Staff", "Login:"), QLabel(person.username or ""))
            if logins:
                self.role = role_combo(person.role)
                form.addRow(translate("Staff", "Role:"), self.role)
        self._finish_layout(form)
        self.resize(460, self.sizeHint().height())

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "name": self.name.text(),
            "post": self.post.text(),
            "phone": self.phone.text(),
        }
        if self.person is not None:
            out["active"] = self.active.isChecked()
        if self.role is not None:
            out["role"] = self.role.currentData()
        if self.give_login is not None and self.login is not None and self.give_login.isChecked():
            out["login"] = self.login.values()
        return out

    def save_job(self) -> Callable[[], Any] | None:
        if not self.name.text().strip():
            self.message.show_error(translate("Staff", "Enter the person's name."))
            self.name.setFocus()
            return None
        if self.give_login is not None and self.login is not None and self.give_login.isChecked():
            problem = self.login.problem()
            if problem:
                self.message.show_error(problem)
                return None
        values, save = self.values(), self._save_values
        return lambda: save(values)  # never the dialog itself: the job ends on a worker


class MergeDialog(SavingDialog):
    """Two entries are one person: move ``person``'s login to the chosen entry.

    ``candidates`` are people without a login who still work here; those
    with the same name come first. ``save`` gets the chosen entry's id.
    """

    def __init__(
        self,
        parent: QWidget | None,
        person: PersonView,
        candidates: list[PersonView],
        save: Callable[[Any], Any],
    ) -> None:
        super().__init__(parent)
        self._save_into = save
        self.setWindowTitle(translate("Staff", "Same person as…"))
        hint = QLabel(
            translate(
                "Staff",
                "{name}'s login ({username}) moves to the entry you choose, which keeps its "
                "details. This entry is then removed, or kept as someone who has left where "
                "old records name it.",
            ).format(name=person.name, username=person.username or "")
        )
        hint.setWordWrap(True)
        self.into = QComboBox()
        key = "".join(person.name.split()).casefold()
        ordered = sorted(
            candidates, key=lambda c: ("".join(c.name.split()).casefold() != key, c.name)
        )
        for c in ordered:
            self.into.addItem(f"{c.name}　{c.post}".strip(), c.id)
        form = QFormLayout()
        form.addRow(hint)
        form.addRow(translate("Staff", "The same person as:"), self.into)
        self._finish_layout(form)
        self.resize(480, self.sizeHint().height())

    def save_job(self) -> Callable[[], Any] | None:
        into = self.into.currentData()
        if into is None:
            self.message.show_error(
                translate("Staff", "There is no other entry without a login to choose.")
            )
            return None
        save = self._save_into
        return lambda: save(into)


class LeaveDialog(QDialog):
    def __init__(self, parent: QWidget | None, name: str, today: date) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("Staff", "Leave of {name}").format(name=name))
        self.start, self.end = date_edit(today), date_edit(today)
        self.reason = QLineEdit()
        form = QFormLayout()
        form.addRow(translate("Staff", "From:"), self.start)
        form.addRow(translate("Staff", "To:"), self.end)
        form.addRow(translate("Staff", "Reason:"), self.reason)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def values(self) -> tuple[date, date, str]:
        return pydate(self.start.date()), pydate(self.end.date()), self.reason.text()
