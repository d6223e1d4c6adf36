"""The lock screen: the signed-in person's work hidden, waiting for their password or PIN.

Locking closes nothing. Every window of the app (the main window, an open
form, the print preview) gets a :class:`Cover` — an opaque child on top of
all its other children — so nothing of it shows, and the
:class:`LockScreen` opens as an application-modal dialog, so no other
window takes input. Half-typed fields, open dialogs and their nested event
loops stay exactly as they were; unlocking removes the covers.

Only the person who is signed in unlocks, with their own password or PIN
through the real check (:func:`app.accounts.service.authenticate`: wrong
attempts are counted and audited, five lock the account). Anyone else
chooses "Sign out / switch user…", which the shell handles
(:class:`ui.shell.session.Shell`).

Threading: UI thread; the check runs through :mod:`ui.operations`.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.accounts.service import authenticate
from app.actor import Actor
from app.workspace import Workspace
from ui.common.message_label import MessageLabel
from ui.i18n import role_label, translate
from ui.operations import run_in_background
from ui.shell.geometry import fit_window


class Cover(QWidget):
    """An opaque sheet over all of one window's content while the screen is locked."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("lockCover")
        self.setAutoFillBackground(True)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet("QWidget#lockCover { background: #e8edf3; }")
        label = QLabel(translate("Lock", "Locked"))
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setObjectName("hint")
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        self.setGeometry(window.rect())
        window.installEventFilter(self)
        self.raise_()
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if watched is self.parent():
            if event.type() == QEvent.Type.Resize:
                self.setGeometry(watched.rect())
            elif event.type() == QEvent.Type.ChildAdded:
                # A widget added to the window meanwhile would stack above the cover.
                QTimer.singleShot(0, self, self.raise_)
        return False

    def remove(self) -> None:
        window = self.parentWidget()
        if window is not None:
            window.removeEventFilter(self)
        self.hide()
        self.deleteLater()


class LockScreen(QDialog):
    """Asks the signed-in person for their password or PIN; Esc and closing do nothing.

    :attr:`unlocked` when the check passes for this person; :attr:`switch_requested`
    when someone chooses to sign them out instead.
    """

    unlocked = Signal()
    switch_requested = Signal()

    def __init__(
        self, ws: Workspace, actor: Actor, username: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ws, self.actor, self.username = ws, actor, username
        self.busy = False
        self.setWindowTitle(translate("Lock", "xiaoan — locked"))
        self.setWindowFlags(
            Qt.WindowType.Dialog | Qt.WindowType.CustomizeWindowHint | Qt.WindowType.WindowTitleHint
        )
        self.setWindowModality(Qt.WindowModality.ApplicationModal)

        heading = QLabel(translate("Lock", "The screen is locked"))
        heading.setObjectName("loginSchool")
        who = QLabel(
            translate(
                "Lock",
                "{name} ({role}) is signed in. Their work is kept as they left it.",
            ).format(name=actor.name, role=role_label(actor.role))
        )
        who.setWordWrap(True)
        self.secret = QLineEdit()
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.setPlaceholderText(
            translate("Lock", "{name}'s password or PIN").format(name=actor.name)
        )
        self.message = MessageLabel()
        buttons = QDialogButtonBox()
        self.unlock_button: QPushButton = buttons.addButton(
            translate("Lock", "Unlock"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.switch_button: QPushButton = buttons.addButton(
            translate("Lock", "Sign out / switch user…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.submit)
        self.switch_button.clicked.connect(self.switch_requested.emit)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(who)
        layout.addSpacing(8)
        layout.addWidget(self.secret)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        fit_window(self, QSize(440, 220))
        self.secret.setFocus()

    def unsaved_input(self) -> bool:
        """A password typed here is not the signed-in person's work (ui.shell.unsaved)."""
        return False

    # Staying up until unlocked or signed out.
    def reject(self) -> None:
        pass

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        if self.property("xiaoanDone"):
            super().closeEvent(event)
        else:
            event.ignore()

    def dismiss(self) -> None:
        """Close for good (unlocked or signed out); only the shell calls this."""
        self.setProperty("xiaoanDone", True)
        self.done(QDialog.DialogCode.Accepted)

    def submit(self) -> None:
        if self.busy:
            return
        secret = self.secret.text()
        if not secret:
            self.message.show_error(translate("Lock", "Enter your password or PIN."))
            return
        self.busy = True
        self.unlock_button.setEnabled(False)
        ws, username = self.ws, self.username
        run_in_background(
            lambda: authenticate(ws, username, secret),
            on_done=self._checked,
            on_error=self._refused,
            context=self,
            description="unlock",
        )

    def _checked(self, actor: Actor) -> None:
        self.busy = False
        self.unlock_button.setEnabled(True)
        if actor.user_id != self.actor.user_id:  # the name now belongs to someone else
            self._refused(translate("Lock", "Only {name} can unlock.").format(name=self.actor.name))
            return
        self.secret.clear()
        self.unlocked.emit()

    def _refused(self, message: str, _error: BaseException | None = None) -> None:
        self.busy = False
        self.unlock_button.setEnabled(True)
        self.secret.clear()
        self.secret.setFocus()
        self.message.show_error(message)
