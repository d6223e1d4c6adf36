"""The whole GUI: open the data folder, first-run wizard or sign-in, main window.

:func:`run` is called by the console entry (``ui.launcher``). Opening the
workspace, signing in and every other database call run in the background
through :mod:`ui.operations`; while one runs, the UI thread keeps handling
events (:func:`wait_for`).

Start-up stays lean: only the modules the first window needs are imported.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from app.paths import APP_NAME, default_data_dir
from ui import operations
from ui.garbage import collect_on_ui_thread
from ui.i18n import install_translators, translate, ui_language
from ui.logs import log, setup_logging
from ui.style import apply_style

if TYPE_CHECKING:
    from app.actor import Actor
    from app.school.service import SchoolProfile
    from app.workspace import Workspace

EXIT_OK, EXIT_CANCELLED, EXIT_REFUSED = 0, 1, 2


class Failed(Exception):
    """A background step failed; ``message`` is already in the user's language."""

    def __init__(self, message: str, error: BaseException) -> None:
        super().__init__(message)
        self.message = message
        self.error = error


class Pending:
    """A start-up step running in the background; :meth:`result` waits for it.

    Only for start-up, before the main event loop runs: while waiting, the UI
    thread keeps serving events in a local loop.
    """

    def __init__(self, fn: Callable[[], Any]) -> None:
        self._loop: QEventLoop | None = None
        self._outcome: dict[str, Any] = {}
        operations.run_in_background(fn, on_done=self._done, on_error=self._failed)

    def _done(self, result: Any) -> None:
        self._outcome["result"] = result
        if self._loop is not None:
            self._loop.quit()

    def _failed(self, message: str, error: BaseException) -> None:
        self._outcome["failed"] = Failed(message, error)
        if self._loop is not None:
            self._loop.quit()

    def result(self) -> Any:
        """The step's result, or :class:`Failed` raised with the user's message."""
        if not self._outcome:
            self._loop = QEventLoop()
            self._loop.exec()
            self._loop = None
        if "failed" in self._outcome:
            raise self._outcome["failed"]
        return self._outcome["result"]


def wait_for(fn: Callable[[], Any]) -> Any:
    """Run ``fn`` in the background and wait for it (see :class:`Pending`)."""
    return Pending(fn).result()


def _open(data_dir: Path) -> tuple[Workspace, SchoolProfile | None, str | None]:
    """Worker thread. The database layer is first imported here, in the background,
    while the UI thread sets up Qt. Also says where a first run stands
    (:func:`app.accounts.joined.join_stage`; None: the normal sign-in)."""
    from app.accounts.joined import join_stage
    from app.school.service import get_profile
    from app.workspace import Workspace

    ws = Workspace.open(data_dir)
    try:
        return ws, get_profile(ws), join_stage(ws)
    except BaseException:
        ws.close()
        raise


def _refuse(message: str) -> None:
    box = QMessageBox(
        QMessageBox.Icon.Critical, translate("Startup", "xiaoan cannot start"), message
    )
    box.setInformativeText(translate("Startup", "Nothing has been changed."))
    box.exec()


def _set_up(app: QApplication) -> None:
    """Name, style, and every window kept inside its screen (see :mod:`ui.shell.geometry`)."""
    from ui.shell.geometry import install_screen_fit

    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    apply_style(app)
    install_screen_fit(app)


def run(data_dir: Path | None, *, bench_startup: bool = False) -> int:
    """Run the GUI until the main window is closed; returns the process exit code.

    0: closed normally; 1: the wizard or the sign-in was cancelled; 2: the
    data folder was refused (the message says why; nothing was touched).
    With ``bench_startup`` it signs in from ``XIAOAN_BENCH_LOGIN`` ("user:secret")
    through the real check, prints ``XIAOAN_STARTUP_MS=`` once the main window
    has painted its first page and ``XIAOAN_FIRST_PAGE_MS=`` once that page is
    filled, and quits (see :class:`_StartupReport`).
    """
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else APP_NAME])
    collect_on_ui_thread(app)  # before any worker runs: cycles are freed on this thread only
    # Open the data folder (and import the database layer) while Qt is being set up.
    opening = Pending(lambda: _open(Path(data_dir or default_data_dir())))
    _set_up(app)
    app.setQuitOnLastWindowClosed(False)  # dialogs come and go before the main window
    install_translators(ui_language())
    try:
        ws, profile, stage = opening.result()
    except Failed as f:
        if bench_startup:
            print(f.message, file=sys.stderr)
        else:
            _refuse(f.message)
        return EXIT_REFUSED
    setup_logging(ws.data_dir)
    log.info("xiaoan started on %s", ws.data_dir)
    try:
        return _signed_in_session(app, ws, profile, stage, bench_startup)
    finally:
        operations.wait_all()
        ws.close()


def _sign_in(
    ws: Workspace, profile: SchoolProfile | None, stage: str | None = None
) -> tuple[Actor, SchoolProfile, str] | None:
    """The first sign-in (or the first-run wizard): the person, the school, the user name.

    The wizard opens for an empty data folder and for one half-way through
    joining its school (``stage``): no school yet, or nobody's password here yet.
    """
    from app.school.service import get_profile

    if profile is None or stage is not None:
        from ui.wizard.first_run import FirstRunWizard

        wizard = FirstRunWizard(ws, stage=stage)
        if wizard.exec() != QDialog.DialogCode.Accepted or wizard.actor is None:
            return None
        username = wizard.username()
        return wizard.actor, wait_for(lambda: get_profile(ws)), username
    from ui.login.dialog import LoginDialog

    dialog = LoginDialog(ws, profile.name)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.actor is None:
        return None
    return dialog.actor, profile, dialog.username()


def _bench_sign_in(
    ws: Workspace, profile: SchoolProfile | None
) -> tuple[Actor, SchoolProfile, str]:
    from app.accounts.service import authenticate

    username, _, secret = os.environ.get("XIAOAN_BENCH_LOGIN", "").partition(":")
    if profile is None:
        raise SystemExit("XIAOAN_BENCH_LOGIN needs a data folder with a school")
    return wait_for(lambda: authenticate(ws, username, secret)), profile, username


def _signed_in_session(
    app: QApplication, ws: Workspace, profile: SchoolProfile | None, stage: str | None, bench: bool
) -> int:
    """Sign in, then run the shell (main window, idle lock, switching user) until quit."""
    from ui.shell.session import Shell

    try:
        signed_in = _bench_sign_in(ws, profile) if bench else _sign_in(ws, profile, stage)
    except Failed as f:
        print(f.message, file=sys.stderr)
        return EXIT_CANCELLED
    if signed_in is None:
        return EXIT_CANCELLED
    actor, profile, username = signed_in
    shell = Shell(ws)
    shell.finished.connect(app.quit)  # the sign-in after a sign-out was cancelled
    window = shell.start(actor, profile, username)
    if bench:
        _StartupReport(app, window.stack.currentWidget())
    app.setQuitOnLastWindowClosed(True)
    return app.exec()


def _bench_ms() -> str:
    t0 = float(os.environ.get("XIAOAN_BENCH_T0", "0") or 0)
    return f"{(time.time() - t0) * 1000:.1f}"


class _StartupReport(QObject):
    """``--bench-startup``: what bench/startup.py times, printed from inside the app.

    ``XIAOAN_STARTUP_MS``: the first page (工作台) has been painted in the
    shown main window — the user can read it, navigate and type. Its own
    background read may still be running. ``XIAOAN_FIRST_PAGE_MS``: that read
    has arrived and the page shows its figures. Then the app quits.
    """

    def __init__(self, app: QApplication, page: QWidget) -> None:
        super().__init__(page)
        self.app, self.page = app, page
        self.painted = False
        page.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if not self.painted and event.type() == QEvent.Type.Paint:
            self.painted = True
            # Queued: runs once this paint (and the flush to the screen) is done.
            QTimer.singleShot(0, self._painted)
        return False

    def _painted(self) -> None:
        print(f"XIAOAN_STARTUP_MS={_bench_ms()}", flush=True)
        self._wait_for_fill()

    def _wait_for_fill(self) -> None:
        if getattr(self.page, "loads", 1) < 1:
            QTimer.singleShot(2, self._wait_for_fill)
            return
        print(f"XIAOAN_FIRST_PAGE_MS={_bench_ms()}", flush=True)
        self.app.quit()
