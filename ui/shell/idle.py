"""Idle: no keyboard, mouse, touch or pen input to the app for a while.

An application-wide event filter restarts a single-shot timer on every input
event, whichever window it goes to; when the timer runs out :attr:`idle` is
emitted (the shell locks the screen). It measures the person's absence, not
wall-clock time: a long sync or a backup running in the background does not
keep the app "busy".

The timeout is injectable (``timeout_ms``, :meth:`set_timeout_ms`) and the
timer is :attr:`timer`, so tests fire it directly instead of waiting.

Threading: UI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

MINUTE_MS = 60_000

INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.KeyRelease,
        QEvent.Type.InputMethod,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TabletPress,
        QEvent.Type.TabletMove,
    }
)


class IdleWatch(QObject):
    """Emits :attr:`idle` once ``timeout_ms`` pass with no input; input re-arms it."""

    idle = Signal()

    def __init__(self, timeout_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(timeout_ms)
        self.timer.timeout.connect(self.idle.emit)
        self._watching = False

    def start(self) -> None:
        """Watch the app's input from now on (and count from now)."""
        if not self._watching:
            QApplication.instance().installEventFilter(self)
            self._watching = True
        self.timer.start()

    def stop(self) -> None:
        """Stop watching (signed out, or locked already)."""
        if self._watching:
            QApplication.instance().removeEventFilter(self)
            self._watching = False
        self.timer.stop()

    @property
    def watching(self) -> bool:
        return self._watching

    def set_timeout_ms(self, timeout_ms: int) -> None:
        """A new idle time, counted from now when watching."""
        self.timer.setInterval(timeout_ms)
        if self._watching:
            self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() in INPUT_EVENTS:
            self.timer.start()  # restart: the countdown begins again
        return False
