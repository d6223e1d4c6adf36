"""The Settings page's "Screen lock" block: minutes without input before the screen locks.

Stored in the preferences (:func:`app.preferences.set_idle_lock_minutes`,
which lets only the principal change it); a change is announced as
``ctx.events.changed("preferences")`` and the shell re-arms its idle timer
at once.

Threading: UI thread; the preferences file is tiny and written in place.
"""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QSpinBox

from app.accounts.roles import Permission, allowed
from app.errors import UserError
from app.preferences import IDLE_LOCK_RANGE, idle_lock_minutes, set_idle_lock_minutes
from ui.common.message_label import MessageLabel
from ui.context import AppContext
from ui.i18n import translate
from ui.operations import friendly_message


class IdleLockBox(QGroupBox):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__(translate("Settings", "Screen lock"))
        self.ctx = ctx
        self.minutes = QSpinBox()
        self.minutes.setRange(*IDLE_LOCK_RANGE)
        self.minutes.setSuffix(translate("Settings", " min"))
        self.minutes.setValue(idle_lock_minutes())
        self.minutes.setAccessibleName(translate("Settings", "Lock the screen after"))
        may_change = allowed(ctx.actor, Permission.MANAGE_USERS)
        self.minutes.setEnabled(may_change)
        self.minutes.valueChanged.connect(self.save)
        hint = QLabel(
            translate(
                "Settings",
                "without keyboard or mouse use. Ctrl+Shift+L locks at once, Ctrl+L signs out.",
            )
            if may_change
            else translate("Settings", "without keyboard or mouse use. The principal sets this.")
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        self.message = MessageLabel()
        row = QHBoxLayout(self)
        row.addWidget(QLabel(translate("Settings", "Lock the screen after")))
        row.addWidget(self.minutes)
        row.addWidget(hint, 1)
        row.addWidget(self.message)

    def save(self, minutes: int) -> None:
        try:
            set_idle_lock_minutes(self.ctx.actor, minutes)
        except (UserError, OSError) as error:
            self.message.show_error(friendly_message(error))
            return
        self.message.clear_message()
        self.ctx.events.changed.emit("preferences")
