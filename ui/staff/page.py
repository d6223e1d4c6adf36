"""教职工: the staff directory the grid and rosters name, and their leave.

Only roles that may edit the directory see this page (phone numbers are
personal data). Ctrl+N adds a person, Ctrl+E edits the chosen one, Ctrl+L
records leave, F5 reads again.

Threading: UI thread; every read and change goes through :mod:`ui.operations`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.accounts.roles import Permission, allowed
from app.accounts.service import list_users
from app.hazards.service import school_today
from app.staff import service
from app.staff.service import StaffView
from ui.common.list_model import ListTableModel
from ui.common.message_label import MessageLabel
from ui.context import AppContext
from ui.duty.roster_dialogs import combo_id, date_edit, pydate, select_id
from ui.i18n import translate
from ui.operations import run_in_background


class StaffModel(ListTableModel):
    CONTEXT = "Staff"
    COLUMNS = (
        QT_TRANSLATE_NOOP("Staff", "Name"),
        QT_TRANSLATE_NOOP("Staff", "Post"),
        QT_TRANSLATE_NOOP("Staff", "Phone"),
        QT_TRANSLATE_NOOP("Staff", "Account"),
        QT_TRANSLATE_NOOP("Staff", "On leave"),
    )
    accounts: dict = {}
    leave: dict = {}

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        m: StaffView | None = self.valid_row(index)
        if m is None or role != Qt.ItemDataRole.DisplayRole:
            return None
        col = index.column()
        if col == 3:
            return self.accounts.get(m.user_id, "")
        if col == 4:
            return self.leave.get(m.id, "")
        text = (m.name, m.post, m.phone)[col]
        return text if m.active or col else translate("Staff", "{name} (left)").format(name=text)


class StaffDialog(QDialog):
    def __init__(
        self, parent: QWidget | None, users: list, person: StaffView | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(
            translate("Staff", "Edit staff member")
            if person
            else translate("Staff", "Add a staff member")
        )
        self.name = QLineEdit(person.name if person else "")
        self.post = QLineEdit(person.post if person else "")
        self.post.setPlaceholderText(translate("Staff", "e.g. 班主任, 宿舍管理员"))
        self.phone = QLineEdit(person.phone if person else "")
        self.account = QComboBox()
        self.account.addItem(translate("Staff", "(no login)"), None)
        for u in users:
            self.account.addItem(f"{u.display_name}（{u.username}）", str(u.id))
        if person and person.user_id:
            select_id(self.account, person.user_id)
        self.active = QCheckBox(translate("Staff", "Still works here"))
        self.active.setChecked(person.active if person else True)
        self.active.setVisible(person is not None)
        self.message = MessageLabel()
        form = QFormLayout()
        form.addRow(translate("Staff", "Name:"), self.name)
        form.addRow(translate("Staff", "Post:"), self.post)
        form.addRow(translate("Staff", "Phone:"), self.phone)
        form.addRow(translate("Staff", "Login account:"), self.account)
        form.addRow("", self.active)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    def values(self) -> dict:
        return {"name": self.name.text(), "post": self.post.text(), "phone": self.phone.text(),
                "user_id": combo_id(self.account)}  # fmt: skip


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


class StaffPage(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.loads = 0
        self.users: list = []
        self.dialog: QDialog | None = None
        title = QLabel(translate("Staff", "Staff directory"))
        title.setObjectName("pageTitle")
        self.show_left = QCheckBox(translate("Staff", "Show people who have left"))
        self.show_left.toggled.connect(lambda _c: self.refresh())
        head = QHBoxLayout()
        head.addWidget(title)
        head.addStretch(1)
        head.addWidget(self.show_left)
        bar = QHBoxLayout()
        for text, slot, keys in (
            (translate("Staff", "Add…"), self.open_add, "Ctrl+N"),
            (translate("Staff", "Edit…"), self.open_edit, "Ctrl+E"),
            (translate("Staff", "Record leave…"), self.open_leave, "Ctrl+L"),
        ):
            b = QPushButton(text)
            b.setToolTip(keys)
            b.clicked.connect(slot)
            QShortcut(QKeySequence(keys), self, slot)
            bar.addWidget(b)
        bar.addStretch(1)
        self.model = StaffModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _i: self.open_edit())
        self.message = MessageLabel()
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addLayout(bar)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, self.refresh)
        self._stale = True

    def refresh(self) -> None:
        self._stale = False
        ws, actor, everyone = self.ctx.workspace, self.ctx.actor, self.show_left.isChecked()
        today = school_today()

        def load():
            # Linking a login needs the user list, which only user managers may read.
            may_link = allowed(actor, Permission.MANAGE_USERS)
            users = list_users(ws, actor, include_inactive=False) if may_link else []
            return (service.list_staff(ws, include_inactive=everyone), users,
                    service.list_leave(ws, today, today))  # fmt: skip

        run_in_background(load, on_done=self._loaded,
                          on_error=lambda msg, _e: self.message.show_error(msg), context=self)  # fmt: skip

    def _loaded(self, result) -> None:
        staff, self.users, leave = result
        self.model.accounts = {u.id: u.username for u in self.users}
        self.model.leave = {
            x.staff_id: translate("Staff", "until {date}").format(date=x.end_date.isoformat())
            for x in leave
        }
        self.model.set_rows(staff)
        self.loads += 1

    def chosen(self) -> StaffView | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _run(self, job: Callable[[], Any], notice: str) -> None:
        self.message.clear_message()

        def done(_r) -> None:
            self.message.show_notice(notice)
            self.ctx.events.changed.emit("staff")
            self.refresh()

        run_in_background(job, on_done=done, on_error=lambda msg, _e: self.message.show_error(msg),
                          context=self, description="staff change")  # fmt: skip

    def _open(self, dialog: QDialog, on_accepted: Callable[[], None]) -> None:
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(on_accepted)
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        dialog.open()

    def open_add(self) -> None:
        dialog = StaffDialog(self, self.users)
        ws, actor = self.ctx.workspace, self.ctx.actor

        def accepted() -> None:
            v = dialog.values()
            self._run(lambda: service.add_staff(ws, actor, **v), translate("Staff", "Added."))

        self._open(dialog, accepted)

    def open_edit(self) -> None:
        m = self.chosen()
        if m is None:
            return
        dialog = StaffDialog(self, self.users, m)
        ws, actor = self.ctx.workspace, self.ctx.actor

        def accepted() -> None:
            v, active = dialog.values(), dialog.active.isChecked()

            def job() -> None:
                service.update_staff(ws, actor, m.id, **v)
                if active != m.active:
                    service.set_staff_active(ws, actor, m.id, active)

            self._run(job, translate("Staff", "Saved."))

        self._open(dialog, accepted)

    def open_leave(self) -> None:
        m = self.chosen()
        if m is None:
            return
        dialog = LeaveDialog(self, m.name, school_today())
        ws, actor = self.ctx.workspace, self.ctx.actor

        def accepted() -> None:
            start, end, reason = dialog.values()
            self._run(lambda: service.add_leave(ws, actor, m.id, start, end, reason),
                      translate("Staff", "Leave recorded."))  # fmt: skip

        self._open(dialog, accepted)

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale:
            self.refresh()
