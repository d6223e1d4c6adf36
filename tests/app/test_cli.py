"""Headless commands, as an IT helper or the bureau would run them."""

from __future__ import annotations

import os
import subprocess
import sys

from app.accounts.service import authenticate
from app.workspace import Workspace
from ui.launcher import main as xiaoan


def test_demo_builds_a_school_that_checks_sound(tmp_path, capsys):
    data_dir = tmp_path / "demo"
    assert xiaoan(["demo", "--data-dir", str(data_dir)]) == 0
    out = capsys.readouterr().out
    assert "zhangli" in out
    ws = Workspace.open(data_dir)
    try:
        from app.accounts.service import list_users
        from app.demo import PRINCIPAL

        principal = authenticate(ws, PRINCIPAL[0], PRINCIPAL[2])
        users = list_users(ws, principal)
        assert len(users) >= 20
        assert {u.role for u in users} >= {
            "principal",
            "safety_officer",
            "duty_staff",
            "guard",
            "staff",
        }
    finally:
        ws.close()
    assert xiaoan(["check", "--data-dir", str(data_dir)]) == 0


def test_demo_refuses_a_folder_that_already_has_a_school(tmp_path, capsys, demo_template):
    data_dir = demo_template.copy_to(tmp_path / "demo")  # as `xiaoan demo` left it
    assert xiaoan(["demo", "--data-dir", str(data_dir)]) == 2
    assert capsys.readouterr().err.strip()


def test_headless_commands_do_not_load_qt(tmp_path):
    """`xiaoan check` must work on a server without a display or Qt libraries."""
    code = (
        "import sys; from ui.launcher import main; rc = main(['demo', '--data-dir', sys.argv[1]]);"
        "assert 'PySide6' not in sys.modules, 'Qt was imported'; sys.exit(rc)"
    )
    env = dict(os.environ, XIAOAN_LANG="en")
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "d")], capture_output=True, text=True, env=env
    )
    assert done.returncode == 0, done.stderr


def test_messages_follow_the_chosen_language(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("XIAOAN_LANG", "en")
    assert xiaoan(["check", "--data-dir", str(tmp_path)]) == 2
    assert "There is no xiaoan database" in capsys.readouterr().err
