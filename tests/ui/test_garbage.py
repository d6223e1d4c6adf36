"""Cycles holding Qt objects are freed on the UI thread, never in a background worker."""

from __future__ import annotations

import gc
import threading
import weakref

from PySide6.QtCore import QObject

from ui.garbage import UiThreadCollector, collect_on_ui_thread


def _cycle() -> weakref.ref:
    """A parentless QObject in a reference cycle: only the cyclic collector can free it."""
    holder = QObject()
    holder.me = holder
    return weakref.ref(holder)


def test_a_worker_that_allocates_never_frees_a_qt_cycle_and_the_ui_thread_does(qapp, qtbot):
    collector = collect_on_ui_thread(qapp)
    assert isinstance(collector, UiThreadCollector) and not gc.isenabled()
    gc.collect()
    alive = _cycle()
    freed_on, kept = [], []

    def worker() -> None:
        kept.append([[i] for i in range(200_000)])  # far past every generation's threshold
        freed_on.append(alive() is None)

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    assert freed_on == [False]  # the worker's allocations did not run the collector
    assert alive() is not None
    qtbot.waitUntil(lambda: alive() is None, timeout=5_000)  # the UI thread's timer did


def test_the_app_installs_it_before_any_background_work():
    import inspect

    from ui import gui

    source = inspect.getsource(gui.run)
    assert source.index("collect_on_ui_thread(app)") < source.index("Pending(")
