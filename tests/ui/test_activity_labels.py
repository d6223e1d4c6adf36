"""Every action the app records has a readable label on the dashboard's recent activity."""

from __future__ import annotations

import re
from pathlib import Path

from app.incidents.service import REPORT_KINDS
from ui.dashboard.activity import ACTION_LABELS

APP = Path(__file__).resolve().parents[2] / "app"
ACTION = re.compile(r'\.action\(\s*[\w.]+,\s*"([a-z_.]+)"', re.S)


def recorded_actions() -> set[str]:
    names = {"login", "login.refused"}
    for path in APP.rglob("*.py"):
        names |= set(ACTION.findall(path.read_text("utf-8")))
    names |= {f"incident.report_{kind}" for kind in REPORT_KINDS}
    return names


def test_every_recorded_action_has_a_label():
    found = recorded_actions()
    assert len(found) > 40  # the scan finds the app's actions
    assert sorted(found - ACTION_LABELS.keys()) == []


def test_a_monthly_reports_month_reads_in_words():
    from ui.dashboard.activity import detail_text

    assert detail_text("monthly_report.finalize", "2026-11") == "2026年11月"
    assert detail_text("backup.create", "xiaoan-20261123.sqlite3") == "xiaoan-20261123.sqlite3"
