"""``xiaoan drills``: a month's drills and the cadence status, without the window."""

from __future__ import annotations

from datetime import date

from tests.app.drill_helpers import held_drill


def test_drills_command_lists_the_month_and_the_cadence(
    workspace, principal, tmp_path, capsys, monkeypatch
):
    from ui.launcher import main as xiaoan

    held_drill(workspace, principal, tmp_path, "fire_evacuation", date(2026, 9, 10))
    held_drill(workspace, principal, tmp_path, "earthquake", date(2026, 10, 9))
    workspace.close()
    monkeypatch.setenv("XIAOAN_LANG", "en")
    assert xiaoan(["drills", "--data-dir", str(workspace.data_dir), "--period", "2026-09"]) == 0
    out = capsys.readouterr().out
    assert "Drills in September 2026: 1" in out
    assert "2026-09-10 10:00" in out and "Fire evacuation drill" in out
    assert "[Done] Emergency drill this month (September 2026: 1/1)" in out
    assert "[Done] Fire evacuation drill this semester (Autumn term 2026: 1/1)" in out
    assert "[Missed] Fire safety training this semester (Autumn term 2026: 0/1)" in out or (
        "[Due] Fire safety training this semester (Autumn term 2026: 0/1)" in out
    )
    assert "School-bus evacuation drill" in out, "the fixture school runs buses"

    monkeypatch.setenv("XIAOAN_LANG", "zh_CN")
    assert xiaoan(["drills", "--data-dir", str(workspace.data_dir), "--period", "2026-8"]) == 0
    out = capsys.readouterr().out
    assert "2026年8月" in out and "学期" not in out.split("\n", 1)[1], "no semester in August"


def test_drills_command_refuses_a_bad_period(workspace, capsys, monkeypatch):
    from ui.launcher import main as xiaoan

    workspace.close()
    monkeypatch.setenv("XIAOAN_LANG", "en")
    assert xiaoan(["drills", "--data-dir", str(workspace.data_dir), "--period", "autumn"]) != 0
    assert "2026-11" in capsys.readouterr().err
