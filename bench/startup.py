"""Start-up time: process start to a usable, signed-in main window on the demo school.

The floor is measured in the same run: a bare PySide6 window after importing
PySide6.QtWidgets and sqlalchemy.orm — what any PySide6 + SQLAlchemy app pays.
Both are timed from just before the process is spawned to the first shown
window, and reported as medians of alternating runs.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / ".data"
RUNS = 7

FLOOR_SCRIPT = r"""
import os, sys, time
from PySide6.QtWidgets import QApplication, QWidget
import sqlalchemy.orm
from PySide6.QtCore import QTimer
app = QApplication(sys.argv)
w = QWidget(); w.resize(1024, 700); w.show()
def done():
    print(f"XIAOAN_STARTUP_MS={(time.time() - float(os.environ['XIAOAN_BENCH_T0'])) * 1000:.1f}")
    app.quit()
QTimer.singleShot(0, done)
app.exec()
"""


def demo_dir() -> Path:
    """The demo school, built once and reused between runs."""
    from app.demo import PRINCIPAL, build_demo

    path = DATA / "demo-school"
    if not (path / "xiaoan.sqlite3").exists():
        build_demo(path)
    return path, PRINCIPAL


def _timed(cmd: list[str], env: dict[str, str]) -> float:
    env = dict(env, XIAOAN_BENCH_T0=repr(time.time()))
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120)
    for line in done.stdout.splitlines():
        if line.startswith("XIAOAN_STARTUP_MS="):
            return float(line.split("=", 1)[1])
    raise RuntimeError(
        f"no start-up figure from {cmd[:3]}: rc={done.returncode} {done.stderr[-800:]}"
    )


def main() -> dict[str, float]:
    data_dir, (user, _name, secret) = demo_dir()
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    app_env = dict(env, XIAOAN_BENCH_LOGIN=f"{user}:{secret}")
    xiaoan = [sys.executable, "-m", "ui.launcher", "--data-dir", str(data_dir), "--bench-startup"]
    floor_cmd = [sys.executable, "-c", FLOOR_SCRIPT]
    # One warm-up each so both read from the page cache.
    _timed(floor_cmd, env)
    _timed(xiaoan, app_env)
    floors, apps = [], []
    for _ in range(RUNS):
        floors.append(_timed(floor_cmd, env))
        apps.append(_timed(xiaoan, app_env))
    floor, app = statistics.median(floors), statistics.median(apps)
    print(f"startup floor (bare PySide6 window + sqlalchemy.orm): median {floor:.0f} ms (n={RUNS})")
    print(
        f"startup xiaoan (signed in, main window shown, demo school): median {app:.0f} ms "
        f"(n={RUNS}) = {app / floor:.2f}x floor (target <= 1.5x)"
    )
    return {"startup_floor_ms": floor, "startup_ms": app, "startup_ratio": app / floor}


if __name__ == "__main__":
    main()
