"""Background work: results come back on the UI thread; unexpected errors are logged."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from app.errors import UserError
from app.i18n import QT_TRANSLATE_NOOP
from tests.ui.conftest import wait_idle
from ui import operations
from ui.logs import setup_logging


def test_result_is_delivered_on_the_ui_thread(qtbot):
    seen = {}
    operations.run_in_background(
        lambda: threading.current_thread().name,
        on_done=lambda worker: seen.update(worker=worker, ui=threading.current_thread()),
    )
    wait_idle(qtbot)
    assert seen["ui"] is threading.main_thread()
    assert seen["worker"] != threading.main_thread().name


def test_user_error_comes_back_translated(qtbot):
    errors = []

    def refuse():
        raise UserError(QT_TRANSLATE_NOOP("app", "Set up the school first."))

    operations.run_in_background(refuse, on_error=lambda msg, _e: errors.append(msg))
    wait_idle(qtbot)
    assert errors == ["请先创建学校。"]


def test_unexpected_error_is_logged_and_the_user_gets_a_short_message(qtbot, tmp_path):
    log_file = setup_logging(tmp_path)
    errors = []

    def crash():
        raise ZeroDivisionError("boom in the worker")

    operations.run_in_background(crash, on_error=lambda msg, _e: errors.append(msg))
    wait_idle(qtbot)
    assert errors[0].startswith("出现问题，操作未完成。")
    assert "Traceback" not in errors[0] and "ZeroDivisionError" not in errors[0]
    for handler in operations.log.handlers:
        handler.flush()
    text = log_file.read_text(encoding="utf-8")
    assert "Traceback" in text and "ZeroDivisionError: boom in the worker" in text


WORKER_SEES_PLUGINS = """
from pathlib import Path

from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QApplication

from ui import operations

app = QApplication([])
loop = QEventLoop()
seen = []


def image_plugins_loaded() -> bool:
    maps = Path("/proc/self/maps").read_text()
    return "imageformats/libqjpeg" in maps and "imageformats/libqsvg" in maps


operations.run_in_background(image_plugins_loaded, on_done=lambda ok: (seen.append(ok), loop.quit()))
loop.exec()
print("loaded before the worker ran" if seen == [True] else "not loaded")
"""


@pytest.mark.skipif(not Path("/proc/self/maps").exists(), reason="reads the memory map (Linux)")
def test_image_plugins_are_loaded_on_the_ui_thread_before_any_worker_runs():
    """The first print of a run must not freeze the app.

    Printing paints images onto the printer in a worker; the first image made
    Qt load its image plugins there, and moving each one to the UI thread takes
    a lock the UI thread may hold while it waits for the GIL the worker keeps:
    the program froze. Plugins are loaded before any background job starts.
    Run in a fresh process, where nothing has loaded them yet.
    """
    run = subprocess.run(
        [sys.executable, "-c", WORKER_SEES_PLUGINS],
        cwd=Path(__file__).resolve().parents[2],
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "loaded before the worker ran" in run.stdout, run.stdout + run.stderr[-2000:]
