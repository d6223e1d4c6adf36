"""Waiting on Qt in a loop, and signalling a lot, never aborts Python.

PySide6 6.12 spends a reference to ``None`` on every call that returns
nothing and one to ``True`` on every signal emitted, as if they were
immortal (they are only from Python 3.12 on). On Python 3.11 a test that
waited by calling ``processEvents()`` in a loop died with "Fatal Python
error: none_dealloc". Each check runs in a child process, so a failure is
a failed test rather than the end of the test run.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from ui import refcounts

ROOT = Path(__file__).resolve().parents[2]
# More calls than a fresh interpreter with Qt loaded holds references to None
# or True (a few tens of thousands).
CALLS = 300_000


PRELUDE = """
import sys
import ui  # what the app and the tests import before any Qt call
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QLabel


class Relay(QObject):
    ping = Signal()


app = QApplication([])
"""


def run_child(body: str) -> subprocess.CompletedProcess:
    code = PRELUDE + textwrap.dedent(body) + '\nprint("still running")\n'
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=240
    )


def test_a_tight_process_events_loop_does_not_use_up_none():
    run = run_child(
        f"""
        for _ in range({CALLS}):
            app.processEvents()
        """
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert "still running" in run.stdout


def test_many_void_calls_and_signals_do_not_use_up_none_or_true():
    run = run_child(
        f"""
        relay = Relay()
        relay.ping.connect(lambda: None)
        label = QLabel()
        for i in range({CALLS}):
            label.setText("x")
            relay.ping.emit()
        """
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert "still running" in run.stdout


def test_the_protection_applies_where_it_is_needed():
    if refcounts.needed():
        assert all(sys.getrefcount(obj) > refcounts.MARGIN for obj in refcounts.PROTECTED)
    refcounts.protect_singletons()  # a second call changes nothing
    assert sys.getrefcount(None) < 2 * refcounts.MARGIN
