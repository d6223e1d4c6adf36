"""The staff table: one row per person, with their login if they have one.

Rows are :class:`app.staff.people.PersonView` the page loads in the
background; ``leave`` maps a person's id to the text of their current leave.
Threading: UI thread only.
"""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QBrush, QColor

from app.school.clock import SCHOOL_TZ
from app.staff.people import PersonView
from ui.common.list_model import Index, ListTableModel
from ui.i18n import role_label, translate

NAME, POST, PHONE, LOGIN, ROLE, STATE, LEAVE = range(7)
GREY, AMBER = QColor("#888888"), QColor("#a15c00")


class StaffModel(ListTableModel):
    CONTEXT = "Staff"
    COLUMNS = (
        QT_TRANSLATE_NOOP("Staff", "Name"),
        QT_TRANSLATE_NOOP("Staff", "Post"),
        QT_TRANSLATE_NOOP("Staff", "Phone"),
        QT_TRANSLATE_NOOP("Staff", "Login"),
        QT_TRANSLATE_NOOP("Staff", "Role"),
        QT_TRANSLATE_NOOP("Staff", "Login state"),
        QT_TRANSLATE_NOOP("Staff", "On leave"),
    )

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.leave: dict[uuid.UUID, str] = {}

    def row_of(self, staff_id: uuid.UUID | None) -> int:
        for row, person in enumerate(self._rows):
            if person.id == staff_id:
                return row
        return -1

    def names(self) -> list[str]:
        return [p.name for p in self._rows]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        p: PersonView | None = self.valid_row(index)
        if p is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(p, col)
        if role == Qt.ItemDataRole.ForegroundRole:
            if not p.active:
                return QBrush(GREY)
            if col == NAME and p.same_name:
                return QBrush(AMBER)
        if role == Qt.ItemDataRole.ToolTipRole and col == NAME and p.same_name:
            return translate(
                "Staff",
                "Another entry has the same name. If both are one person, the principal "
                "can join them with “Same person as…”.",
            )
        return None

    def _text(self, p: PersonView, col: int) -> str:
        if col == NAME:
            return p.name if p.active else translate("Staff", "{name} (left)").format(name=p.name)
        if col == POST:
            return p.post
        if col == PHONE:
            return p.phone
        if col == LOGIN:
            return p.username or "—"
        if col == ROLE:
            return role_label(p.role) if p.role else ""
        if col == STATE:
            return login_state(p)
        return self.leave.get(p.id, "")


def login_state(p: PersonView) -> str:
    """Whether the person can sign in on this PC, in words (empty without a login)."""
    if not p.has_login:
        return ""
    if not p.login_active:
        return translate("Staff", "Deactivated")
    if p.locked_until is not None:
        return translate("Staff", "Locked until {time}").format(
            time=p.locked_until.astimezone(SCHOOL_TZ).strftime("%H:%M")
        )
    if not p.has_secret:
        return translate("Staff", "No password on this computer")
    return translate("Staff", "Can sign in")
