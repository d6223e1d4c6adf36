"""Drill rules of the compliance engine, counted from real drill records."""

from __future__ import annotations

from datetime import date

from app.compliance.engine import Status, evaluate_workspace
from app.monthly.figures import compute_figures
from app.periods import parse_month
from tests.app.compliance_helpers import in_use_since, set_school
from tests.app.drill_helpers import held_drill


def statuses(ws, rule_id, start, end, today):
    return {
        c.period.key: c.status
        for c in evaluate_workspace(ws, start, end, today)
        if c.rule.id == rule_id
    }


def test_monthly_drill_at_a_month_end(workspace, principal, tmp_path):
    held_drill(workspace, principal, tmp_path, "earthquake", date(2026, 9, 30))
    span = (date(2026, 9, 1), date(2026, 10, 31), date(2026, 11, 1))
    assert statuses(workspace, "monthly_drill", *span) == {
        "2026-09": Status.DONE,
        "2026-10": Status.OVERDUE,
    }
    held_drill(workspace, principal, tmp_path, "flood", date(2026, 10, 31))
    assert statuses(workspace, "monthly_drill", *span) == {
        "2026-09": Status.DONE,
        "2026-10": Status.DONE,
    }


def test_a_draft_drill_does_not_count(workspace, principal, tmp_path):
    held_drill(workspace, principal, tmp_path, "earthquake", date(2026, 11, 3), finalize=False)
    got = statuses(
        workspace, "monthly_drill", date(2026, 11, 1), date(2026, 11, 30), date(2026, 12, 2)
    )
    assert got == {"2026-11": Status.OVERDUE}


def test_kindergarten_drills_quarterly_and_others_do_not_owe_it(workspace, principal, tmp_path):
    span = (date(2026, 7, 1), date(2026, 12, 31), date(2027, 1, 1))
    assert statuses(workspace, "kindergarten_drill", *span) == {}
    set_school(workspace, principal, kind="kindergarten", has_school_bus=False)
    held_drill(workspace, principal, tmp_path, "fire_evacuation", date(2026, 9, 30))
    assert statuses(workspace, "kindergarten_drill", *span) == {
        "2026-Q3": Status.DONE,
        "2026-Q4": Status.OVERDUE,
    }
    assert statuses(workspace, "monthly_drill", *span) == {}


def test_fire_drill_and_training_per_semester_across_the_change(workspace, principal, tmp_path):
    held_drill(workspace, principal, tmp_path, "fire_evacuation", date(2026, 1, 31))  # autumn
    held_drill(workspace, principal, tmp_path, "fire_training", date(2026, 2, 1))  # spring
    span = (date(2025, 9, 1), date(2026, 7, 31), date(2026, 8, 1))
    assert statuses(workspace, "fire_drill", *span) == {
        "2025-autumn": Status.DONE,
        "2026-spring": Status.OVERDUE,
    }
    assert statuses(workspace, "fire_training", *span) == {
        "2025-autumn": Status.OVERDUE,
        "2026-spring": Status.DONE,
    }


def test_the_bus_drill_binds_only_schools_with_buses(workspace, principal, tmp_path):
    held_drill(workspace, principal, tmp_path, "school_bus_evacuation", date(2026, 10, 12))
    span = (date(2026, 9, 1), date(2026, 12, 31), date(2026, 12, 31))
    assert statuses(workspace, "school_bus_drill", *span) == {"2026-autumn": Status.DONE}
    set_school(workspace, principal, has_school_bus=False)
    assert statuses(workspace, "school_bus_drill", *span) == {}


def test_the_monthly_report_counts_the_drills_held(workspace, principal, tmp_path):
    in_use_since(workspace, date(2026, 9, 1))
    held_drill(workspace, principal, tmp_path, "earthquake", date(2026, 10, 4))
    held_drill(workspace, principal, tmp_path, "fire_evacuation", date(2026, 10, 20))
    held_drill(workspace, principal, tmp_path, "flood", date(2026, 11, 1))  # next month
    held_drill(workspace, principal, tmp_path, "gas_leak", date(2026, 10, 9), finalize=False)
    with workspace.read() as s:
        figures = compute_figures(s, workspace.school_id, parse_month("2026-10"), date(2026, 11, 2))
    assert figures["drills"]["held"] == 2
    assert figures["drills"]["by_type"] == {"earthquake": 1, "fire_evacuation": 1}
    # Owed and due inside October: the monthly drill (held); semester rules fall due later.
    assert figures["drills"]["required"] == figures["drills"]["required_met"] == 1
