"""Who is signed in on this PC, the idle lock, and signing out / switching user.

One :class:`Shell` per open workspace (made by :mod:`ui.gui` after the first
sign-in). It builds the main window for the signed-in person and owns what
outlives one person's window (the automatic backup).

**Locking** (:meth:`Shell.lock`): after :func:`app.preferences.idle_lock_minutes`
without input (:class:`~ui.shell.idle.IdleWatch`), or Ctrl+Shift+L. Nothing
is closed: the windows are covered and the lock screen asks for the same
person's password or PIN (:mod:`ui.shell.lock`).

**Signing out / switching user** (:meth:`Shell.sign_out`, Ctrl+L, the
status bar's button, or the lock screen's "Sign out / switch user…"):

1. If the person has input that may not be saved
   (:func:`ui.shell.unsaved.unsaved_places`), the shell **asks**, naming the
   pages and forms: "Go back" (the default, also Esc) or "Discard and sign
   out". It does not save for them: a half-typed form may not be valid, and
   only the person knows whether it is ready. It does not refuse either: on
   a shared PC the next person must be able to sign out someone who walked
   away, and a refusal would only lead to the app being killed, which loses
   the same input without a word.
2. Every other window of the person's (forms, the print preview) is closed
   without saving, the main window is retired (sync for it stopped, hidden)
   and :func:`app.accounts.sessions.end_session` runs in the background (the
   sign-out is audited and whatever was kept in memory for the person is
   dropped).
3. The sign-in dialog opens. The next person gets a new main window with
   their role's pages; the old one is deleted once the sign-out is recorded,
   so operations still in flight for its pages find their widgets gone and
   deliver nothing (:mod:`ui.operations`). Cancelling the sign-in quits
   (:attr:`Shell.finished`).

Threading: UI thread; the database work goes through :mod:`ui.operations`.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QPushButton, QWidget

from app.accounts.sessions import end_session
from app.actor import Actor
from app.preferences import idle_lock_minutes
from app.school.service import SchoolProfile, get_profile
from app.workspace import Workspace
from ui.context import AppContext
from ui.i18n import translate
from ui.main_window import MainWindow
from ui.operations import run_in_background
from ui.shell.idle import MINUTE_MS, IdleWatch
from ui.shell.lock import Cover, LockScreen
from ui.shell.unsaved import EditTracker, unsaved_places


class Shell(QObject):
    window_shown = Signal(object)  # the MainWindow of the person who just signed in
    signed_out = Signal(object)  # the Actor whose sign-out was recorded
    finished = Signal()  # the sign-in after a sign-out was cancelled: the app should quit

    def __init__(
        self, ws: Workspace, *, idle_ms: int | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.ws = ws
        self.window: MainWindow | None = None
        self.username = ""
        self.profile: SchoolProfile | None = None
        self.lock_screen: LockScreen | None = None
        self.login: QDialog | None = None
        self.discard_box: QMessageBox | None = None
        self._covers: list[Cover] = []
        self._focus: QWidget | None = None
        self._fixed_idle_ms = idle_ms
        self.idle = IdleWatch(idle_ms or idle_lock_minutes() * MINUTE_MS, self)
        self.idle.idle.connect(self.lock)
        self.edits = EditTracker(self)
        self.auto_backup = None

    def shutdown(self) -> None:
        """Stop watching input (the app is quitting, or a test is done)."""
        self.idle.stop()
        self.edits.stop()
        if self.auto_backup is not None:
            self.auto_backup.timer.stop()

    # -- signed in ---------------------------------------------------------------------

    def start(self, actor: Actor, profile: SchoolProfile, username: str) -> MainWindow:
        """Show the main window for ``actor`` (signed in as ``username``) and watch for idling."""
        ctx = AppContext(self.ws, actor, profile)
        window = MainWindow(ctx)
        window.sign_out_requested.connect(self.sign_out)
        window.lock_requested.connect(self.lock)
        ctx.events.changed.connect(self._on_changed)
        self.edits.watch(window)
        self.window, self.username, self.profile = window, username, profile
        window.show()
        self.idle.start()
        self._start_auto_backup(ctx)
        self.window_shown.emit(window)
        return window

    def _start_auto_backup(self, ctx: AppContext) -> None:
        from ui.auto_backup import AutoBackup

        if self.auto_backup is None:
            self.auto_backup = AutoBackup(ctx, self, report=self._report)
            self.auto_backup.start()
        else:
            self.auto_backup.ctx = ctx  # its "backup" news goes to the new window's pages

    def _report(self, text: str) -> None:
        if self.window is not None:
            self.window.statusBar().showMessage(text, 10_000)

    def _on_changed(self, area: str) -> None:
        if area == "preferences" and self._fixed_idle_ms is None:
            self.idle.set_timeout_ms(idle_lock_minutes() * MINUTE_MS)

    # -- locking -------------------------------------------------------------------------

    @property
    def locked(self) -> bool:
        return self.lock_screen is not None

    def lock(self) -> None:
        """Hide every window's content behind the lock screen; nothing is closed."""
        if self.window is None or self.locked:
            return
        self.idle.stop()
        self._focus = QApplication.focusWidget()
        for top in _shown_windows():
            self._covers.append(Cover(top))
        screen = LockScreen(self.ws, self.window.ctx.actor, self.username, self.window)
        screen.unlocked.connect(self.unlock)
        screen.switch_requested.connect(lambda: self._ask_then_sign_out(screen))
        self.lock_screen = screen
        screen.show()
        screen.activateWindow()

    def unlock(self) -> None:
        """The person is back: remove the covers, give the focus back, watch again."""
        self._remove_covers()
        if self.lock_screen is not None:
            self.lock_screen.dismiss()
            self.lock_screen.deleteLater()
            self.lock_screen = None
        focus = self._focus
        self._focus = None
        if focus is not None and _alive(focus):
            focus.window().activateWindow()
            focus.setFocus(Qt.FocusReason.OtherFocusReason)
        self.idle.start()

    def _remove_covers(self) -> None:
        for cover in self._covers:
            if _alive(cover):
                cover.remove()
        self._covers = []

    # -- signing out ---------------------------------------------------------------------

    def sign_out(self) -> None:
        """Ctrl+L: sign the person out (asking first if input may be lost), then sign in."""
        if self.window is None or self.locked:
            return
        self._ask_then_sign_out(self.window)

    def _ask_then_sign_out(self, parent: QWidget) -> None:
        places = unsaved_places(self.window)
        if not places:
            self._end_session()
            return
        name = self.window.ctx.actor.name
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(translate("Shell", "Sign out"))
        box.setText(
            translate("Shell", "{name} has input that may not be saved yet:").format(name=name)
        )
        box.setInformativeText(
            "\n".join(f"• {p}" for p in places)
            + "\n\n"
            + translate(
                "Shell",
                "Go back and save it, or sign out and discard it.",
            )
        )
        back = box.addButton(translate("Shell", "Go back"), QMessageBox.ButtonRole.RejectRole)
        discard: QPushButton = box.addButton(
            translate("Shell", "Discard and sign out"), QMessageBox.ButtonRole.DestructiveRole
        )
        box.setDefaultButton(back)
        box.setEscapeButton(back)
        box.setWindowModality(Qt.WindowModality.ApplicationModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(lambda button: self._end_session() if button is discard else None)
        box.finished.connect(lambda _r: setattr(self, "discard_box", None))
        self.discard_box = box
        box.open()

    def _answered(self, discard: bool) -> None:
        self.discard_box = None
        if discard:
            self._end_session()

    def _end_session(self) -> None:
        old = self.window
        if old is None:
            return
        actor = old.ctx.actor
        self.idle.stop()
        app = QApplication.instance()
        app.setQuitOnLastWindowClosed(False)  # nothing is shown until the sign-in opens
        self._remove_covers()
        if self.lock_screen is not None:
            self.lock_screen.dismiss()
            self.lock_screen.deleteLater()
            self.lock_screen = None
        for top in _shown_windows():
            if top is old:
                continue
            if isinstance(top, QDialog):
                top.reject()  # ends a modal dialog's own loop too; nothing is saved
            top.close()
        old.retire()
        self.window = None
        ws = self.ws
        run_in_background(
            lambda: end_session(ws, actor),
            on_done=lambda _r: self._signed_out(old, actor),
            on_error=lambda _msg, _e: self._signed_out(old, actor),
            description="sign out",
        )

    def _signed_out(self, old: MainWindow, actor: Actor) -> None:
        old.deleteLater()
        self.signed_out.emit(actor)
        self.ask_sign_in()

    def ask_sign_in(self) -> None:
        """Open the sign-in dialog; a sign-in starts the new person's window."""
        from ui.login.dialog import LoginDialog

        name = self.profile.name if self.profile else ""
        dialog = LoginDialog(self.ws, name)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._signed_in(dialog.actor, dialog.username()))
        dialog.rejected.connect(self.finished.emit)
        self.login = dialog
        dialog.open()

    def _signed_in(self, actor: Actor, username: str) -> None:
        self.login = None
        ws = self.ws
        run_in_background(
            lambda: get_profile(ws),
            on_done=lambda profile: self._open_for(actor, profile or self.profile, username),
            on_error=lambda _m, _e: self._open_for(actor, self.profile, username),
            description="school profile",
        )

    def _open_for(self, actor: Actor, profile: SchoolProfile, username: str) -> None:
        self.start(actor, profile, username)
        QApplication.instance().setQuitOnLastWindowClosed(True)


def _alive(widget: QObject) -> bool:
    import shiboken6

    return shiboken6.isValid(widget)


def _shown_windows() -> list[QWidget]:
    """The app's visible windows and dialogs (not menus, tooltips or other popups)."""
    kinds = (Qt.WindowType.Window, Qt.WindowType.Dialog, Qt.WindowType.Sheet)
    return [
        w
        for w in QApplication.topLevelWidgets()
        if w.isVisible() and w.windowType() in kinds and not isinstance(w, LockScreen)
    ]
