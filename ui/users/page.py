"""用户管理: list, add, edit, (de)activate, reset password/PIN, unlock.

Only shown to roles with MANAGE_USERS; the services check the permission
again. Threading: UI thread; every read and change goes through
:mod:`ui.operations`, then the list is reloaded.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.accounts import service
from app.accounts.service import UserView
from ui.common.message_label import MessageLabel
from ui.context import AppContext
from ui.i18n import translate
from ui.operations import run_in_background
from ui.users.dialogs import SecretDialog, UserDialog
from ui.users.model import UsersModel


class UsersPage(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.loads = 0  # completed loads; tests wait on it
        self.dialog: QWidget | None = None  # the open dialog, if any

        title = QLabel(translate("Users", "Users"))
        title.setObjectName("pageTitle")
        hint = QLabel(
            translate(
                "Users",
                "Everyone who uses xiaoan on this computer has an account. "
                "Staff usually sign in with a 6-digit PIN.",
            )
        )
        hint.setWordWrap(True)
        hint.setObjectName("hint")

        self.model = UsersModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)  # post: the long one
        header.setMinimumSectionSize(64)
        self.table.doubleClicked.connect(lambda _i: self.edit_user())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

        self.add_button = QPushButton(translate("Users", "Add user…"))
        self.edit_button = QPushButton(translate("Users", "Edit…"))
        self.active_button = QPushButton(translate("Users", "Deactivate"))
        self.secret_button = QPushButton(translate("Users", "New password or PIN…"))
        self.unlock_button = QPushButton(translate("Users", "Unlock"))
        self.add_button.clicked.connect(self.add_user)
        self.edit_button.clicked.connect(self.edit_user)
        self.active_button.clicked.connect(self.toggle_active)
        self.secret_button.clicked.connect(self.reset_secret)
        self.unlock_button.clicked.connect(self.unlock)
        buttons = QHBoxLayout()
        for b in (
            self.add_button,
            self.edit_button,
            self.active_button,
            self.secret_button,
            self.unlock_button,
        ):
            buttons.addWidget(b)
        buttons.addStretch(1)

        self.message = MessageLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        self._update_buttons()

    # -- loading -----------------------------------------------------------------

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self.reload()

    def reload(self, select_id=None) -> None:
        ws, actor = self.ctx.workspace, self.ctx.actor
        current = self.selected_user()
        keep = select_id or (current.id if current else None)
        run_in_background(
            lambda: service.list_users(ws, actor),
            on_done=lambda users: self._loaded(users, keep),
            on_error=self._failed,
            context=self,
            description="list users",
        )

    def _loaded(self, users: list[UserView], select_id) -> None:
        self.model.set_users(users)
        row = self.model.row_of(select_id) if select_id else -1
        if row >= 0:
            self.table.selectRow(row)
        self._update_buttons()
        self.loads += 1

    def _failed(self, message: str, _error: BaseException) -> None:
        self.message.show_error(message)
        self.loads += 1

    # -- selection ---------------------------------------------------------------

    def selected_user(self) -> UserView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.user_at(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        user = self.selected_user()
        for b in (self.edit_button, self.active_button, self.secret_button):
            b.setEnabled(user is not None)
        self.unlock_button.setEnabled(user is not None and user.locked_until is not None)
        self.active_button.setText(
            translate("Users", "Activate")
            if user is not None and not user.active
            else translate("Users", "Deactivate")
        )

    # -- actions -----------------------------------------------------------------

    def add_user(self) -> None:
        ws, actor = self.ctx.workspace, self.ctx.actor
        dialog = UserDialog(self, lambda fields: service.create_user(ws, actor, **fields))
        self._open(dialog, lambda created: self._changed(created.id))

    def edit_user(self) -> None:
        user = self.selected_user()
        if user is None:
            return
        ws, actor = self.ctx.workspace, self.ctx.actor
        dialog = UserDialog(
            self, lambda fields: service.update_user(ws, actor, user.id, **fields), user
        )
        self._open(dialog, lambda _r: self._changed(user.id))

    def reset_secret(self) -> None:
        user = self.selected_user()
        if user is None:
            return
        ws, actor = self.ctx.workspace, self.ctx.actor
        dialog = SecretDialog(
            self,
            user,
            lambda kind, secret: service.reset_secret(
                ws, actor, user.id, secret_kind=kind, secret=secret
            ),
        )
        self._open(dialog, lambda _r: self._changed(user.id, notice=self._secret_notice(user)))

    @staticmethod
    def _secret_notice(user: UserView) -> str:
        return translate("Users", "{name} has a new password or PIN.").format(
            name=user.display_name
        )

    def _open(self, dialog, on_saved: Callable[[Any], None]) -> None:
        """Open a dialog without blocking; ``on_saved`` runs after it saved and closed."""
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: on_saved(dialog.saved_result))
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        dialog.open()

    def toggle_active(self) -> None:
        user = self.selected_user()
        if user is None:
            return
        ws, actor = self.ctx.workspace, self.ctx.actor
        self._run(lambda: service.set_active(ws, actor, user.id, not user.active), user.id)

    def unlock(self) -> None:
        user = self.selected_user()
        if user is None:
            return
        ws, actor = self.ctx.workspace, self.ctx.actor
        self._run(lambda: service.unlock(ws, actor, user.id), user.id)

    def _run(self, job: Callable[[], Any], user_id) -> None:
        self.message.clear_message()
        run_in_background(
            job,
            on_done=lambda _r: self._changed(user_id),
            on_error=lambda msg, _e: self.message.show_error(msg),
            context=self,
        )

    def _changed(self, user_id, notice: str = "") -> None:
        if notice:
            self.message.show_notice(notice)
        else:
            self.message.clear_message()
        self.ctx.events.changed.emit("users")
        self.reload(select_id=user_id)
