"""The bureau's part of the 工作台: supervision orders (督办) to answer, notices to acknowledge.

Shown at the top of the 工作台 while anything is open: each order with its
subject, deadline and an "Answer…" button (a dialog: the reply text, sent with
Ctrl+Enter or the button, Esc cancels); each notice that asks for an
acknowledgement with an "Acknowledge" button. The services decide who may:
a refusal is shown in the panel's message line and nothing changes. When the
compliance rules in force came from the bureau, the 工作台 says since when
(:func:`bureau_updated`).

Threading: UI thread; the writes run through :mod:`ui.operations`.
"""

from __future__ import annotations

import html
import uuid
from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.common.fields import text_box
from ui.common.message_label import MessageLabel
from ui.context import AppContext
from ui.formatting import format_time
from ui.i18n import translate
from ui.operations import run_in_background

if TYPE_CHECKING:
    from app.dashboard.worktable import Worktable
    from app.oversight.service import Notice, Order

CONTEXT = "Oversight"


def order_subject(order: Order) -> str:
    if order.subject == "hazard":
        return (
            translate("Oversight", "Hazard {ref} {title}")
            .format(ref=order.hazard_ref, title=order.hazard_title)
            .strip()
        )
    return translate("Oversight", "Duty: {duty}").format(duty=order.duty)


def order_deadline(order: Order, today: date) -> str:
    if order.overdue(today):
        return translate("Oversight", "Overdue since {day}").format(day=order.deadline.isoformat())
    return translate("Oversight", "Reply by {day}").format(day=order.deadline.isoformat())


def bureau_updated(when: datetime) -> str:
    return translate("Oversight", "updated by the bureau on {day}").format(
        day=format_time(when)[:10]
    )


class ReplyDialog(QDialog):
    """The school's reply to one supervision order."""

    def __init__(self, parent: QWidget | None, order: Order, today: date) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("Oversight", "Reply to the bureau's supervision order"))
        self.setMinimumWidth(480)
        subject = html.escape(order_subject(order))
        deadline = html.escape(order_deadline(order, today))
        about = QLabel(
            f"<b>{subject}</b><br>{html.escape(order.text)}<br>"
            f"<span style='color:#5f6368'>{deadline}</span>"
        )
        about.setWordWrap(True)
        self.reply = text_box(
            translate("Oversight", "What the school has done, and what is still to do"), 110
        )
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            translate("Oversight", "Send reply")
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        # Ctrl+Enter sends from the text box (Enter there starts a new line).
        self.reply.installEventFilter(self)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addWidget(QLabel(translate("Oversight", "Reply:")))
        layout.addWidget(self.reply)
        layout.addWidget(self.buttons)
        self.reply.setFocus()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if (
            watched is self.reply
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.accept()
            return True
        return super().eventFilter(watched, event)

    def text(self) -> str:
        return self.reply.toPlainText()


class OversightPanel(QGroupBox):
    """Open orders first (deadline first), then notices to acknowledge; hidden when empty."""

    acted = Signal()  # a reply or an acknowledgement was saved

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(translate("Oversight", "From the education bureau"))
        self.setObjectName("oversightPanel")
        self.ctx = ctx
        self.dialog: ReplyDialog | None = None
        self.order_buttons: dict[uuid.UUID, QPushButton] = {}
        self.notice_buttons: dict[uuid.UUID, QPushButton] = {}
        self.rows = QVBoxLayout()
        self.message = MessageLabel()
        layout = QVBoxLayout(self)
        layout.addLayout(self.rows)
        layout.addWidget(self.message)
        self.hide()

    def set_worktable(self, table: Worktable) -> None:
        while self.rows.count():
            item = self.rows.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.order_buttons.clear()
        self.notice_buttons.clear()
        for order in table.orders:
            self._add_row(
                order_subject(order),
                order.text,
                order_deadline(order, table.today),
                "#c62828" if order.overdue(table.today) else "#1565c0",
                translate("Oversight", "Answer…"),
                lambda _=False, o=order, d=table.today: self.answer(o, d),
                self.order_buttons,
                order.id,
            )
        for notice in table.notices:
            self._add_row(
                translate("Oversight", "Notice (please acknowledge)"),
                notice.text,
                format_time(notice.published_at),
                "#ef6c00",
                translate("Oversight", "Acknowledge"),
                lambda _=False, n=notice: self.acknowledge(n),
                self.notice_buttons,
                notice.id,
            )
        self.setVisible(bool(table.orders or table.notices))

    def _add_row(
        self,
        heading: str,
        text: str,
        when: str,
        colour: str,
        button_text: str,
        on_click: Callable[..., None],
        buttons: dict[uuid.UUID, QPushButton],
        key: uuid.UUID,
    ) -> None:
        row = QFrame()
        row.setFrameShape(QFrame.Shape.StyledPanel)
        label = QLabel(
            f"<b>{html.escape(heading)}</b>　<span style='color:{colour}'>"
            f"{html.escape(when)}</span><br>{html.escape(text)}"
        )
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        button = QPushButton(button_text)
        button.setAccessibleDescription(heading)
        button.clicked.connect(on_click)
        buttons[key] = button
        box = QHBoxLayout(row)
        box.addWidget(label, 1)
        box.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.rows.addWidget(row)

    def answer(self, order: Order, today: date) -> None:
        from app.oversight.service import reply_to_order

        ws, actor = self.ctx.workspace, self.ctx.actor
        dialog = ReplyDialog(self, order, today)
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))

        def accepted() -> None:
            text = dialog.text()
            self._run(lambda: reply_to_order(ws, actor, order.id, text))

        dialog.accepted.connect(accepted)
        dialog.open()

    def acknowledge(self, notice: Notice) -> None:
        from app.oversight.service import acknowledge_notice

        ws, actor = self.ctx.workspace, self.ctx.actor
        self._run(lambda: acknowledge_notice(ws, actor, notice.id))

    def _run(self, job: Callable[[], Any]) -> None:
        self.message.clear_message()
        run_in_background(
            job,
            on_done=lambda _r: self._done(),
            on_error=lambda msg, _e: self.message.show_error(msg),
            context=self,
            description="answer the bureau",
        )

    def _done(self) -> None:
        self.message.show_notice(
            translate("Oversight", "Saved; it goes to the bureau at the next sync.")
        )
        self.acted.emit()
