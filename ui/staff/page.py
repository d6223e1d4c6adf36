"""教职工与账号: the school's people — the one place they are typed — their logins and leave.

Every person is one row: name, post and phone (the grid, rosters and
placards read them from here), their login and role if they sign in, and
any leave today. Only roles that edit the directory see this page (phone
numbers are personal data); only the principal manages logins — gives one,
changes the role, sets a new password or PIN, unlocks, deactivates, or joins
two entries of one person — and the app checks that again.

Keys: Ctrl+N add, Ctrl+E (or Enter, double-click) edit, Ctrl+Shift+A record
leave, F5 read again. The list also reads again by itself after any change
to people or logins, wherever it was made.

Threading: UI thread; every read and change goes through :mod:`ui.operations`.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.accounts import service as accounts
from app.accounts.roles import Permission, allowed
from app.hazards.service import school_today
from app.staff import service
from app.staff.people import PersonView, list_people, merge_into
from ui.common.live_refresh import LiveRefresh
from ui.common.message_label import MessageLabel
from ui.context import AppContext
from ui.i18n import translate
from ui.operations import run_in_background
from ui.staff.dialogs import LeaveDialog, MergeDialog, PersonDialog
from ui.staff.model import StaffModel
from ui.users.dialogs import LoginDialog, SecretDialog

# What this page shows: people, their logins (and this PC's secrets and lock-outs), leave.
TABLES = ("staff_member", "user_account", "staff_leave")
ACTIONS = ("user.", "login")


class StaffPage(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.loads = 0  # completed loads; tests wait on it
        self.dialog: QWidget | None = None
        self.logins = allowed(ctx.actor, Permission.MANAGE_USERS)
        title = QLabel(translate("Staff", "Staff and logins"))
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
            (translate("Staff", "Record leave…"), self.open_leave, "Ctrl+Shift+A"),
        ):
            bar.addWidget(self._button(text, slot, keys))
        self.login_buttons: list[QPushButton] = []
        if self.logins:
            line = QFrame()
            line.setFrameShape(QFrame.Shape.VLine)
            bar.addWidget(line)
            self.give_button = self._button(
                translate("Staff", "Give a login…"), self.open_give_login
            )
            self.secret_button = self._button(translate("Staff", "New password or PIN…"),
                                              self.open_secret)  # fmt: skip
            self.unlock_button = self._button(translate("Staff", "Unlock"), self.unlock)
            self.active_button = self._button(translate("Staff", "Deactivate login"),
                                              self.toggle_login)  # fmt: skip
            self.merge_button = self._button(translate("Staff", "Same person as…"),
                                             self.open_merge)  # fmt: skip
            self.login_buttons = [self.give_button, self.secret_button, self.unlock_button,
                                  self.active_button, self.merge_button]  # fmt: skip
            for b in self.login_buttons:
                bar.addWidget(b)
        bar.addStretch(1)

        self.hint = QLabel()
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        self.hint.hide()
        self.model = StaffModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)  # the post: the long one
        self.table.doubleClicked.connect(lambda _i: self.open_edit())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        for key in (QKeySequence("Return"), QKeySequence("Enter")):
            enter = QShortcut(key, self.table, self.open_edit)
            enter.setContext(Qt.ShortcutContext.WidgetShortcut)  # only in the table
        self.message = MessageLabel()
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addLayout(bar)
        layout.addWidget(self.message)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, self.refresh)
        self.live = LiveRefresh(self, ctx, self.refresh, tables=TABLES, actions=ACTIONS)
        self._keep: uuid.UUID | None = None
        self._stale = True
        self._update_buttons()

    def _button(self, text: str, slot: Callable[[], None], keys: str = "") -> QPushButton:
        b = QPushButton(text)
        b.clicked.connect(slot)
        if keys:
            b.setToolTip(keys)
            QShortcut(QKeySequence(keys), self, slot)
        return b

    # -- loading ---------------------------------------------------------------------

    def refresh(self) -> None:
        self._stale = False
        ws, actor, everyone = self.ctx.workspace, self.ctx.actor, self.show_left.isChecked()
        today = school_today()
        current = self.chosen()
        keep = self._keep or (current.id if current else None)
        self._keep = None

        def load():
            return list_people(ws, actor, include_inactive=everyone), service.list_leave(
                ws, today, today
            )

        run_in_background(load, on_done=lambda r: self._loaded(r, keep),
                          on_error=self._failed, context=self,
                          description="staff list")  # fmt: skip

    def _loaded(self, result, keep: uuid.UUID | None) -> None:
        people, leave = result
        self.model.leave = {
            x.staff_id: translate("Staff", "until {date}").format(date=x.end_date.isoformat())
            for x in leave
        }
        self.model.set_rows(people)
        row = self.model.row_of(keep)
        if row >= 0:
            self.table.selectRow(row)
        twice = sorted({p.name for p in people if p.same_name})
        self.hint.setText(
            translate(
                "Staff",
                "Listed more than once: {names}. If two entries are one person, choose the "
                "one with the login and use “Same person as…” (the principal).",
            ).format(names="、".join(twice))
        )
        self.hint.setVisible(bool(twice))
        self._update_buttons()
        self.loads += 1

    def _failed(self, message: str, _error: BaseException) -> None:
        self.message.show_error(message)
        self.loads += 1

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale:
            self.refresh()

    # -- selection -------------------------------------------------------------------

    def chosen(self) -> PersonView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def select_person(self, staff_id: uuid.UUID) -> bool:
        row = self.model.row_of(staff_id)
        if row >= 0:
            self.table.selectRow(row)
        return row >= 0

    def _update_buttons(self) -> None:
        if not self.logins:
            return
        p = self.chosen()
        login = p is not None and p.has_login
        self.give_button.setEnabled(p is not None and p.active and not p.has_login)
        self.secret_button.setEnabled(login and p.login_active)
        self.unlock_button.setEnabled(login and p.locked_until is not None)
        self.active_button.setEnabled(login and (p.active or p.login_active))
        self.active_button.setText(
            translate("Staff", "Activate login")
            if login and not p.login_active
            else translate("Staff", "Deactivate login")
        )
        self.merge_button.setEnabled(login)

    # -- changes ---------------------------------------------------------------------

    def _run(self, job: Callable[[], Any], notice: str, keep: uuid.UUID | None = None) -> None:
        self.message.clear_message()
        run_in_background(job, on_done=lambda _r: self._changed(notice, keep),
                          on_error=lambda msg, _e: self.message.show_error(msg),
                          context=self, description="staff change")  # fmt: skip

    def _changed(self, notice: str, keep: uuid.UUID | None = None) -> None:
        """After this page's own save: say so, and read now (not after the debounce)."""
        if notice:
            self.message.show_notice(notice)
        else:
            self.message.clear_message()
        self._keep = keep
        self.ctx.events.changed.emit("staff")
        self.live.refresh_now()

    def _open(self, dialog: QWidget, on_saved: Callable[[Any], None]) -> None:
        """Open a dialog without blocking; ``on_saved`` runs after it saved and closed."""
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: on_saved(getattr(dialog, "saved_result", None)))
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        dialog.open()

    def open_add(self) -> None:
        ws, actor = self.ctx.workspace, self.ctx.actor

        def save(v: dict[str, Any]) -> uuid.UUID:
            login = v.pop("login", None)
            if login is None:
                return service.add_staff(ws, actor, **v).id
            return accounts.create_user(ws, actor, display_name=v["name"], post=v["post"],
                                        phone=v["phone"], **login).staff_id  # fmt: skip

        dialog = PersonDialog(self, save, logins=self.logins)
        self._open(dialog, lambda staff_id: self._changed(translate("Staff", "Added."), staff_id))

    def open_edit(self) -> None:
        p = self.chosen()
        if p is None:
            return
        ws, actor = self.ctx.workspace, self.ctx.actor
        dialog = PersonDialog(self, lambda v: service.update_staff(ws, actor, p.id, **v), p,
                              logins=self.logins)  # fmt: skip
        self._open(dialog, lambda _r: self._changed(translate("Staff", "Saved."), p.id))

    def open_leave(self) -> None:
        p = self.chosen()
        if p is None:
            return
        dialog = LeaveDialog(self, p.name, school_today())
        ws, actor = self.ctx.workspace, self.ctx.actor

        def accepted() -> None:
            start, end, reason = dialog.values()
            self._run(lambda: service.add_leave(ws, actor, p.id, start, end, reason),
                      translate("Staff", "Leave recorded."), p.id)  # fmt: skip

        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(accepted)
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        dialog.open()

    # -- logins (the principal) --------------------------------------------------------

    def open_give_login(self) -> None:
        p = self.chosen()
        if p is None or p.has_login:
            return
        ws, actor = self.ctx.workspace, self.ctx.actor
        dialog = LoginDialog(self, p.name,
                             lambda f: accounts.create_user(ws, actor, staff_id=p.id, **f))  # fmt: skip
        notice = translate("Staff", "{name} can sign in now.").format(name=p.name)
        self._open(dialog, lambda _r: self._changed(notice, p.id))

    def open_secret(self) -> None:
        p = self.chosen()
        if p is None or p.user_id is None:
            return
        ws, actor, user_id = self.ctx.workspace, self.ctx.actor, p.user_id
        dialog = SecretDialog(self, p.name, lambda kind, secret: accounts.reset_secret(
            ws, actor, user_id, secret_kind=kind, secret=secret))  # fmt: skip
        notice = translate("Staff", "{name} has a new password or PIN.").format(name=p.name)
        self._open(dialog, lambda _r: self._changed(notice, p.id))

    def unlock(self) -> None:
        p = self.chosen()
        if p is None or p.user_id is None:
            return
        ws, actor, user_id = self.ctx.workspace, self.ctx.actor, p.user_id
        self._run(lambda: accounts.unlock(ws, actor, user_id),
                  translate("Staff", "{name} can try again now.").format(name=p.name), p.id)  # fmt: skip

    def toggle_login(self) -> None:
        p = self.chosen()
        if p is None or p.user_id is None:
            return
        ws, actor, user_id, on = self.ctx.workspace, self.ctx.actor, p.user_id, not p.login_active
        self._run(lambda: accounts.set_active(ws, actor, user_id, on), "", p.id)

    def open_merge(self) -> None:
        p = self.chosen()
        if p is None or not p.has_login:
            return
        ws, actor = self.ctx.workspace, self.ctx.actor

        def merge(into: uuid.UUID) -> uuid.UUID:
            merge_into(ws, actor, p.id, into)
            return into

        def open_with(people: list[PersonView]) -> None:
            candidates = [c for c in people if c.active and not c.has_login and c.id != p.id]
            dialog = MergeDialog(self, p, candidates, merge)
            notice = translate("Staff", "{name}'s entries are now one.").format(name=p.name)
            self._open(dialog, lambda into: self._changed(notice, into))

        run_in_background(lambda: list_people(ws, actor), on_done=open_with,
                          on_error=lambda msg, _e: self.message.show_error(msg), context=self)  # fmt: skip
