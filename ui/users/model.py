"""The users table: one row per account, from ``app.accounts.service.list_users``.

The model only holds rows it is given (:meth:`UsersModel.set_users`); the
page loads them in the background. Threading: UI thread only.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from app.accounts.service import UserView
from ui.formatting import role_rank, yes_no
from ui.i18n import role_label, translate

Index = QModelIndex | QPersistentModelIndex

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


class UsersModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._users: list[UserView] = []

    def set_users(self, users: list[UserView]) -> None:
        self.beginResetModel()
        self._users = sorted(users, key=lambda u: (not u.active, role_rank(u.role), u.username))
        self.endResetModel()

    def user_at(self, row: int) -> UserView | None:
        return self._users[row] if 0 <= row < len(self._users) else None

    def row_of(self, user_id: uuid.UUID) -> int:
        for row, user in enumerate(self._users):
            if user.id == user_id:
                return row
        return -1

    def usernames(self) -> list[str]:
        return [u.username for u in self._users]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._users)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):  # noqa: N802
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(COLUMNS)
        ):
            return translate("Users", COLUMNS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._users):
            return None
        user = self._users[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(user, col)
        if role == USER_ID_ROLE:
            return str(user.id)
        if role == Qt.ItemDataRole.ForegroundRole and not user.active:
            return QBrush(QColor("#888888"))
        if role == Qt.ItemDataRole.ToolTipRole and col == 6 and user.locked_until is not None:
            return translate("Users", "Locked until {time}").format(
                time=user.locked_until.astimezone().strftime("%H:%M")
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
                time=user.locked_until.astimezone().strftime("%H:%M")
            )
        return ""
