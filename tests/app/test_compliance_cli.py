"""``xiaoan compliance`` and ``xiaoan report monthly`` run headless on a data folder."""

from __future__ import annotations

import json
from datetime import date

import app.hazards.service
import app.monthly.service
from tests.app.compliance_helpers import add_inspection, in_use_since, local
from ui.launcher import main as xiaoan


def rule_lines(out: str) -> dict[str, str]:
    return {line.split(" ", 1)[0]: line for line in out.splitlines()}


def test_rule_table_and_monthly_figures(workspace, principal, capsys, monkeypatch):
    monkeypatch.setenv("XIAOAN_LANG", "en")
    in_use_since(workspace, date(2026, 9, 1))
    add_inspection(workspace, principal, "monthly", local(date(2026, 10, 30)))
    data_dir = str(workspace.data_dir)

    assert xiaoan(["compliance", "--data-dir", data_dir, "--month", "2026-10"]) == 0
    out = capsys.readouterr().out
    lines = rule_lines(out)
    assert "October 2026, counted from 2026-10-01 to 2026-10-31." in out
    assert "| monthly |" in lines["monthly_full_check"]
    assert lines["monthly_full_check"].count("| 1 | 0 | 0 | 0 |") == 1
    assert lines["monthly_drill"].count("| 0 | 0 | 1 | 0 |") == 1  # October's drill was missed
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


def test_nothing_is_owed_before_the_school_was_set_up(workspace, principal, capsys, monkeypatch):
    monkeypatch.setenv("XIAOAN_LANG", "en")
    in_use_since(workspace, date(2026, 11, 23))
    monkeypatch.setattr(app.hazards.service, "school_today", lambda now=None: date(2026, 12, 2))
    monkeypatch.setattr(app.monthly.service, "school_today", lambda now=None: date(2026, 12, 2))
    data_dir = str(workspace.data_dir)

    assert xiaoan(["compliance", "--data-dir", data_dir, "--month", "2026-10"]) == 0
    out = capsys.readouterr().out
    assert "Nothing is owed for October 2026: the school's records here start on 2026-11-23." in out
    assert rule_lines(out)["monthly_drill"].count("| 0 | 0 | 0 | 0 |") == 1

    assert xiaoan(["report", "monthly", "--data-dir", data_dir, "--month", "2026-10", "--format", "json"]) == 0  # fmt: skip
    october = json.loads(capsys.readouterr().out)["figures"]
    assert october["drills"]["required"] == 0 and october["patrols"]["required"] == 0
    assert october["zero_reports"]["missing"] == 0 and october["counted_from"] is None

    assert xiaoan(["report", "monthly", "--data-dir", data_dir, "--month", "2026-11", "--format", "json"]) == 0  # fmt: skip
    november = json.loads(capsys.readouterr().out)["figures"]
    assert november["counted_from"] == "2026-11-23"
    assert november["patrols"] == {"required": 8, "done": 0}  # 23..30 November
    assert november["zero_reports"]["days"] == 8
    assert xiaoan(["report", "monthly", "--data-dir", data_dir, "--month", "2026-11"]) == 0
    table = capsys.readouterr().out
    assert "counted_from" in table and "2026-11-23" in table

    monkeypatch.setenv("XIAOAN_LANG", "zh_CN")
    assert xiaoan(["compliance", "--data-dir", data_dir, "--month", "2026-11"]) == 0
    assert "自 2026-11-23 起" in capsys.readouterr().out


def test_days_still_to_come_are_upcoming_not_due(workspace, principal, capsys, monkeypatch):
    monkeypatch.setenv("XIAOAN_LANG", "en")
    in_use_since(workspace, date(2026, 9, 1))
    monkeypatch.setattr(app.hazards.service, "school_today", lambda now=None: date(2026, 11, 23))
    for day in (21, 22, 23):
        add_inspection(workspace, principal, "daily_patrol", local(date(2026, 11, day), 7))
    data_dir = str(workspace.data_dir)

    assert xiaoan(["compliance", "--data-dir", data_dir, "--month", "2026-11"]) == 0
    out = capsys.readouterr().out
    assert "Done | Due | Overdue | Upcoming" in out
    # 1..20 missed, 21..23 done, 24..30 still to come: not due, not overdue.
    assert rule_lines(out)["daily_patrol"].count("| 3 | 0 | 20 | 7 |") == 1

    monkeypatch.setenv("XIAOAN_LANG", "zh_CN")
    assert xiaoan(["compliance", "--data-dir", data_dir, "--month", "2026-11"]) == 0
    assert "未到期" in capsys.readouterr().out
