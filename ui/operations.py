"""The one way the UI runs database-bound or slow work: off the UI thread.

:func:`run_in_background` puts a callable on a thread pool. Its result, or
the error it raised, comes back **on the UI thread** through a queued signal,
where the callbacks may touch widgets. The callable itself must never touch a
widget: give it plain values (a :class:`~app.workspace.Workspace`, an actor,
strings) and let it return plain values.

Errors:

* :class:`app.errors.UserError` — translated with context ``"app"`` and
  handed to ``on_error`` (or shown in a message box).
* anything else — logged with its traceback to the log file, and the user
  gets a short message without technical detail.

In-flight operations are kept referenced here until their result has been
delivered; :func:`busy` says whether any is still running (tests wait on it,
and the app waits for all of them before closing the database).
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtGui import QImageWriter
from PySide6.QtWidgets import QMessageBox, QWidget

from app.errors import UserError
from ui.i18n import translate
from ui.logs import current_log_path, log

ResultCallback = Callable[[Any], None]
ErrorCallback = Callable[[str, BaseException], None]

_in_flight: set[Operation] = set()
_delivering: list[QWidget | None] = []  # contexts whose on_done is running (innermost last)
_image_plugins_loaded = False


def friendly_message(error: BaseException) -> str:
    """What the user reads for an error: the UserError's text, or a short general message."""
    if isinstance(error, UserError):
        return error.localized(translate)
    path = current_log_path()
    if path is None:
        return translate(
            "Operations", "Something went wrong and the action was not completed. Please try again."
        )
    return translate(
        "Operations",
        "Something went wrong and the action was not completed. "
        "The details were written to {path}.",
    ).format(path=str(path))


class _Relay(QObject):
    """Lives on the UI thread; the worker emits, Qt queues, the UI thread delivers."""

    done = Signal(object)
    failed = Signal(object, str)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._fn = fn
        self._relay = relay

    def run(self) -> None:  # worker thread: no widgets here
        try:
            result = self._fn()
        except BaseException as exc:  # noqa: BLE001 - every error goes back to the UI thread
            self._relay.failed.emit(exc, traceback.format_exc())
        else:
            self._relay.done.emit(result)


class Operation(QObject):
    """One background call and its callbacks. Create it on the UI thread."""

    def __init__(
        self,
        fn: Callable[[], Any],
        *,
        on_done: ResultCallback | None = None,
        on_error: ErrorCallback | None = None,
        context: QWidget | None = None,
        description: str = "",
    ) -> None:
        super().__init__()
        self._fn = fn
        self._on_done = on_done
        self._on_error = on_error
        self._context = context
        self.description = description or getattr(fn, "__qualname__", repr(fn))
        # Parented, so the relay is destroyed with this operation on the UI thread.
        # Unparented, the job's reference could be the last one: the pool then
        # destroyed the relay (a UI-thread QObject) on the worker thread as it
        # deleted the finished job, racing the delivery (a crash under load).
        self._relay = _Relay(self)
        self._relay.done.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._relay.failed.connect(self._fail, Qt.ConnectionType.QueuedConnection)

    def start(self, pool: QThreadPool | None = None) -> Operation:
        _load_image_plugins()
        _in_flight.add(self)
        (pool or QThreadPool.globalInstance()).start(_Job(self._fn, self._relay))
        return self

    def _context_gone(self) -> bool:
        return self._context is not None and not shiboken6.isValid(self._context)

    @Slot(object)
    def _deliver(self, result: Any) -> None:
        _in_flight.discard(self)
        if self._on_done is not None and not self._context_gone():
            _delivering.append(self._context)
            try:
                self._on_done(result)
            finally:
                _delivering.pop()

    @Slot(object, str)
    def _fail(self, error: BaseException, trace: str) -> None:
        _in_flight.discard(self)
        if not isinstance(error, UserError):
            log.error("%s failed:\n%s", self.description, trace)
        if self._context_gone():
            return
        message = friendly_message(error)
        if self._on_error is not None:
            self._on_error(message, error)
        else:
            show_error(self._context, message)


def _load_image_plugins() -> None:
    """Load Qt's image-format plugins on the UI thread, before any worker can (UI thread).

    A worker that reads or writes an image (a photo thumbnail, the images a
    print paints onto a PDF printer) makes Qt load those plugins if nobody has
    yet; Qt then moves each new plugin to the UI thread under a lock from the
    pool that signal connections share. PySide keeps the GIL through those
    calls, while the UI thread, disconnecting a Python slot, can hold that very
    lock and wait for the GIL: both then wait for ever. That froze the first
    print of a run (QPdfEngine::addImage → QImageWriter::supportedImageFormats
    → QObject::moveToThread on the worker). Loaded here, the plugins already
    live on the UI thread and a worker never takes that lock.
    """
    global _image_plugins_loaded
    if not _image_plugins_loaded:
        QImageWriter.supportedImageFormats()  # loads and instantiates every image plugin
        _image_plugins_loaded = True


def show_error(parent: QWidget | None, message: str) -> None:
    """A modal warning in the user's language (UI thread)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(translate("Operations", "xiaoan"))
    box.setText(message)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.exec()


def run_in_background(
    fn: Callable[[], Any],
    *,
    on_done: ResultCallback | None = None,
    on_error: ErrorCallback | None = None,
    context: QWidget | None = None,
    description: str = "",
) -> Operation:
    """Run ``fn()`` on the thread pool; call ``on_done(result)`` or ``on_error(msg, exc)`` later.

    Call on the UI thread. Callbacks run on the UI thread and are skipped if
    ``context`` (usually the widget that asked) has been deleted meanwhile.
    Without ``on_error`` the message is shown in a message box over ``context``.
    """
    return Operation(
        fn, on_done=on_done, on_error=on_error, context=context, description=description
    ).start()


def delivering_for() -> QWidget | None:
    """While an operation's ``on_done`` runs: the widget that asked for it (its context).

    Lets a listener tell whose work just succeeded — e.g. that a form's own
    save caused a change signal (:mod:`ui.shell.unsaved`). None otherwise.
    """
    return _delivering[-1] if _delivering else None


def busy() -> bool:
    """True while any operation has not yet delivered its result."""
    return bool(_in_flight)


def wait_all(timeout_ms: int = 30_000) -> None:
    """Block until the pool's threads are idle (on quit, before the database is closed)."""
    QThreadPool.globalInstance().waitForDone(timeout_ms)
