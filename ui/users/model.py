"""The users table: one row per account, from ``app.accounts.service.list_users``.

The model only holds rows it is given (:meth:`UsersModel.set_users`); the
page loads them in the background. Threading: UI thread only.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from app.accounts.service import UserView
from app.school.clock import SCHOOL_TZ
from ui.common.list_model import Index, ListTableModel
from ui.formatting import role_rank, yes_no
from ui.i18n import role_label, translate

COLUMNS = (
    QT_TRANSLATE_NOOP("Users", "Name"),
    QT_TRANSLATE_NOOP("Users", "User name"),
    QT_TRANSLATE_NOOP("Users", "Role"),
    QT_TRANSLATE_NOOP("Users", "Post"),
    QT_TRANSLATE_NOOP("Users", "Phone"),
    QT_TRANSLATE_NOOP("Users", "Active"),
    QT_TRANSLATE_NOOP("Users", "Locked"),
)
USER_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class UsersModel(ListTableModel):
    CONTEXT = "Users"
    COLUMNS = COLUMNS

    def __init__(self, parent=None) -> None:
        super().__init__(parent)

    def set_users(self, users: list[UserView]) -> None:
        self.beginResetModel()
        self._rows = sorted(users, key=lambda u: (not u.active, role_rank(u.role), u.username))
        self.endResetModel()

    def user_at(self, row: int) -> UserView | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, user_id: uuid.UUID) -> int:
        for row, user in enumerate(self._rows):
            if user.id == user_id:
                return row
        return -1

    def usernames(self) -> list[str]:
        return [u.username for u in self._rows]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        user: UserView | None = self.valid_row(index)
        if user is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(user, col)
        if role == USER_ID_ROLE:
            return str(user.id)
        if role == Qt.ItemDataRole.ForegroundRole and not user.active:
            return QBrush(QColor("#888888"))
        if role == Qt.ItemDataRole.ToolTipRole and col == 6 and user.locked_until is not None:
            return translate("Users", "Locked until {time}").format(
                time=user.locked_until.astimezone(SCHOOL_TZ).strftime("%H:%M")
            )
        return None

    def _text(self, user: UserView, col: int) -> str:
        if col == 0:
            return user.display_name
        if col == 1:
            return user.username
        if col == 2:
            return role_label(user.role)
        if col == 3:
            return user.post
        if col == 4:
            return user.phone
        if col == 5:
            return yes_no(user.active)
        if user.locked_until is not None:
            return translate("Users", "Until {time}").format(
                time=user.locked_until.astimezone(SCHOOL_TZ).strftime("%H:%M")
            )
        return ""
