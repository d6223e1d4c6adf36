"""Python's cyclic garbage collector runs on the UI thread only.

Python runs its cyclic collector on whichever thread happens to allocate
when a generation's threshold is crossed — in this app often a worker of
:mod:`ui.operations`. If the garbage it finds holds a Qt object (a dialog or
a model left in a reference cycle, say), that object's C++ destructor then
runs on the worker, off the thread that owns it: Qt warns, and a widget or a
QObject with timers torn down there can take the whole process down (seen as
a segmentation fault with the UI thread "Garbage-collecting" and a worker
inside an SQL query).

:class:`UiThreadCollector` does what Qt applications written in Python do
about it (Calibre's and Anki's collectors): automatic collection is turned
off, and a timer on the UI thread runs the generations that are due, every
second. Reference counting still frees everything that is not in a cycle at
once, on the thread that drops it; only cycles wait for the timer.

Threading: create on the UI thread after the QApplication exists.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 1000


class UiThreadCollector(QObject):
    """Disables automatic collection; collects due generations on a UI-thread timer."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self.was_enabled = gc.isenabled()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.collect_due)
        self.timer.start()

    def collect_due(self) -> int:
        """Collect the oldest generation whose count is past its threshold; returns objects freed."""
        counts, thresholds = gc.get_count(), gc.get_threshold()
        due = [g for g in (2, 1, 0) if counts[g] > thresholds[g]]
        return gc.collect(due[0]) if due else 0

    def stop(self) -> None:
        """Automatic collection as it was before (tests; the app keeps this to the end)."""
        self.timer.stop()
        if self.was_enabled:
            gc.enable()


def collect_on_ui_thread(app: QObject) -> UiThreadCollector:
    """Install the collector once on ``app`` (the QApplication); returns it."""
    found = app.findChild(UiThreadCollector)
    return found if found is not None else UiThreadCollector(app)
