"""``xiaoan compliance`` and ``xiaoan report monthly`` run headless on a data folder."""

from __future__ import annotations

import json
from datetime import date

from tests.app.compliance_helpers import add_inspection, local
from ui.launcher import main as xiaoan


def test_rule_table_and_monthly_figures(workspace, principal, capsys, monkeypatch):
    monkeypatch.setenv("XIAOAN_LANG", "en")
    add_inspection(workspace, principal, "monthly", local(date(2026, 10, 30)))
    data_dir = str(workspace.data_dir)

    assert xiaoan(["compliance", "--data-dir", data_dir, "--month", "2026-10"]) == 0
    out = capsys.readouterr().out
    lines = {line.split(" ", 1)[0]: line for line in out.splitlines()}
    assert "| monthly |" in lines["monthly_full_check"]
    assert lines["monthly_full_check"].count("| 1 | 0 | 0 |") == 1
    assert lines["monthly_drill"].count("| 0 | 0 | 1 |") == 1  # October's drill was missed
    assert "does not apply" in lines["kindergarten_drill"]
    assert "by day 5 of next month" in lines["monthly_report"]
    assert "analysis_meeting" in out

    assert xiaoan(["report", "monthly", "--data-dir", data_dir, "--month", "2026-10", "--format", "json"]) == 0  # fmt: skip
    doc = json.loads(capsys.readouterr().out)
    assert doc["status"] == "none" and doc["due_on"] == "2026-11-05"
    assert doc["figures"]["inspections"] == {"total": 1, "by_kind": {"monthly": 1}}
    assert doc["figures"]["drills"]["required"] == 1

    assert xiaoan(["report", "monthly", "--data-dir", data_dir, "--month", "2026-10"]) == 0
    assert "inspections.by_kind.monthly" in capsys.readouterr().out
    assert xiaoan(["report", "monthly", "--data-dir", data_dir, "--month", "October"]) == 2
    assert "2026-11" in capsys.readouterr().err
