"""What start-up must not import: the main window opens without the form, signing,
photo and network libraries, and without the dashboard's rules or any record
area's models — those load in the background or when a page first needs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Every module the launcher, the sign-in and the main window with its first page import.
STARTUP_PATH = (
    "ui.launcher",
    "ui.gui",
    "ui.login.dialog",
    "ui.main_window",
    "ui.auto_backup",
    "ui.dashboard.page",
    "app.workspace",
    "app.school.service",
    "app.accounts.service",
)
KEPT_OFF = (
    "reportlab",
    "pyhanko",
    "cryptography",
    "PIL",
    "requests",
    "tusclient",
    "segno",
    "alembic",
    "app.compliance.rules",
    "app.dashboard.worktable",
    "app.cli.main",
    "db.models.hazards",
    "db.models.incidents",
)


def test_start_up_path_leaves_heavy_modules_for_later() -> None:
    script = (
        "import importlib, json, sys\n"
        f"for name in {STARTUP_PATH!r}:\n"
        "    importlib.import_module(name)\n"
        "from ui.launcher import _gui_arguments\n"
        "_gui_arguments(['--data-dir', 'x'])\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    loaded = set(json.loads(done.stdout.splitlines()[-1]))
    assert "ui.dashboard.page" in loaded
    early = sorted(
        name for name in loaded for off in KEPT_OFF if name == off or name.startswith(off + ".")
    )
    assert early == []
