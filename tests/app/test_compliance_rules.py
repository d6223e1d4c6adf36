"""Compliance rules as data: every cadence checked across period boundaries and school types."""

from __future__ import annotations

import json
from datetime import date

import pytest

from app.compliance.engine import Status, evaluate_workspace
from app.compliance.rules import load_rules, parse_rules
from app.errors import UserError
from tests.app.compliance_helpers import (
    add_hazard,
    add_inspection,
    add_monitoring,
    local,
    set_school,
)


def ruleset(tmp_path, *rules):
    path = tmp_path / "rules-v9.json"
    path.write_text(json.dumps({"format": 1, "version": "t", "rules": list(rules)}), "utf-8")
    return load_rules(path)


def rule(rid, how_often, kinds, **extra):
    return {
        "id": rid, "what": "self_inspection", "title": rid, "how_often": how_often,
        "evidence": {"source": "app.compliance.sources:inspections", "params": {"kinds": kinds}},
        **extra,
    }  # fmt: skip


def by_period(checks, rule_id):
    return {c.period.key: c.status for c in checks if c.rule.id == rule_id}


def test_shipped_rules_load_and_cover_the_cadences():
    rules = load_rules()
    ids = {r.id for r in rules.rules}
    assert {"daily_patrol", "half_monthly_self_inspection", "monthly_full_check",
            "major_hazard_monitoring", "shift_handover", "zero_report", "monthly_drill",
            "kindergarten_drill", "fire_drill", "school_bus_drill", "monthly_report"} <= ids  # fmt: skip
    assert next(r for r in rules.rules if r.id == "major_hazard_monitoring").times == 2
    assert next(r for r in rules.rules if r.id == "monthly_report").day == 5
    assert rules.omitted[0]["what"] == "analysis_meeting"


@pytest.mark.parametrize(
    ("patch", "says"),
    [
        ({"how_often": "hourly"}, "how_often"),
        ({"how_often": "by_day_of_next_month", "day": 31}, "'day'"),
        ({"evidence": {"source": "no colon"}}, "module:function"),
        ({"schools": {"kinds": ["university"]}}, "schools.kinds"),
        ({"colour": "red"}, "unknown field"),
    ],
)
def test_a_bad_rule_is_refused_naming_file_and_rule(tmp_path, patch, says):
    bad = {**rule("broken_rule", "daily", ["daily_patrol"]), **patch}
    path = tmp_path / "rules-v2.json"
    with pytest.raises(UserError) as err:
        parse_rules(path, json.dumps({"format": 1, "version": "x", "rules": [bad]}))
    text = err.value.localized()
    assert "rules-v2.json" in text and "broken_rule" in text and says in text


def test_duplicate_ids_and_bad_json_are_refused(tmp_path):
    path = tmp_path / "rules-v3.json"
    r = rule("twice", "daily", ["daily_patrol"])
    with pytest.raises(UserError, match="twice"):
        parse_rules(path, json.dumps({"format": 1, "version": "x", "rules": [r, r]}))
    with pytest.raises(UserError, match="rules-v3.json"):
        parse_rules(path, "{not json")


def test_daily_patrol_across_month_end_counts_the_local_day(workspace, principal):
    # 23:30 on 30 Nov and 00:10 on 1 Dec, school time: one each side of the month end.
    add_inspection(workspace, principal, "daily_patrol", local(date(2026, 11, 30), 23, 30))
    add_inspection(workspace, principal, "daily_patrol", local(date(2026, 12, 1), 0, 10))
    add_inspection(workspace, principal, "weekly", local(date(2026, 11, 29), 10))  # wrong kind
    checks = evaluate_workspace(workspace, date(2026, 11, 29), date(2026, 12, 2), date(2026, 12, 2))
    assert by_period(checks, "daily_patrol") == {
        "2026-11-29": Status.OVERDUE,
        "2026-11-30": Status.DONE,
        "2026-12-01": Status.DONE,
        "2026-12-02": Status.DUE,
    }
    done = next(c for c in checks if c.rule.id == "daily_patrol" and c.period.key == "2026-11-30")
    assert [e.record_table for e in done.evidence] == ["inspection"]


def test_unfinalized_inspection_does_not_count(workspace, principal):
    add_inspection(workspace, principal, "daily_patrol", local(date(2026, 11, 3)), finalized=False)
    checks = evaluate_workspace(workspace, date(2026, 11, 3), date(2026, 11, 3), date(2026, 11, 4))
    assert by_period(checks, "daily_patrol") == {"2026-11-03": Status.OVERDUE}


def test_half_month_and_month_and_quarter_end(workspace, principal):
    add_inspection(workspace, principal, "half_monthly", local(date(2026, 9, 15), 17))
    add_inspection(workspace, principal, "monthly", local(date(2026, 9, 30), 16))
    checks = evaluate_workspace(workspace, date(2026, 9, 1), date(2026, 10, 31), date(2026, 10, 20))
    # The monthly full check also counts as that half-month's self-inspection.
    assert by_period(checks, "half_monthly_self_inspection") == {
        "2026-09a": Status.DONE, "2026-09b": Status.DONE,
        "2026-10a": Status.OVERDUE, "2026-10b": Status.DUE,
    }  # fmt: skip
    assert by_period(checks, "monthly_full_check") == {
        "2026-09": Status.DONE, "2026-10": Status.DUE,
    }  # fmt: skip


def test_weekly_check_over_the_iso_year_end(workspace, principal):
    add_inspection(
        workspace, principal, "weekly", local(date(2027, 1, 3), 20)
    )  # Sunday of 2026-W53
    checks = evaluate_workspace(workspace, date(2026, 12, 28), date(2027, 1, 10), date(2027, 1, 11))
    assert by_period(checks, "weekly_check") == {
        "2026-W53": Status.DONE, "2027-W01": Status.OVERDUE,
    }  # fmt: skip


def test_leap_day(workspace, principal, tmp_path):
    add_inspection(workspace, principal, "daily_patrol", local(date(2028, 2, 29), 8))
    add_inspection(workspace, principal, "half_monthly", local(date(2028, 2, 29), 9))
    rules = ruleset(
        tmp_path,
        rule("patrol", "daily", ["daily_patrol"]),
        rule("half", "half_monthly", ["half_monthly"]),
    )
    checks = evaluate_workspace(
        workspace, date(2028, 2, 28), date(2028, 3, 1), date(2028, 3, 1), rules
    )
    assert by_period(checks, "patrol") == {
        "2028-02-28": Status.OVERDUE, "2028-02-29": Status.DONE, "2028-03-01": Status.DUE,
    }  # fmt: skip
    half = {c.period.key: (c.period.end, c.status) for c in checks if c.rule.id == "half"}
    assert half["2028-02b"] == (date(2028, 2, 29), Status.DONE)


def test_semester_change_and_summer_holiday(workspace, principal, tmp_path):
    add_inspection(workspace, principal, "special", local(date(2027, 1, 31), 10))
    rules = ruleset(tmp_path, rule("term", "semester", ["special"]))
    checks = evaluate_workspace(
        workspace, date(2027, 1, 1), date(2027, 9, 30), date(2027, 9, 1), rules
    )
    # 31 Jan closes the autumn term; spring starts 1 Feb; August has no term.
    assert by_period(checks, "term") == {
        "2026-autumn": Status.DONE, "2027-spring": Status.OVERDUE, "2027-autumn": Status.DUE,
    }  # fmt: skip


def test_quarterly_rule_only_for_kindergartens(workspace, principal, tmp_path):
    quarterly = rule("kg", "quarterly", ["special"], schools={"kinds": ["kindergarten"]})
    rules = ruleset(tmp_path, quarterly)
    span = (date(2026, 9, 1), date(2026, 10, 31), date(2026, 11, 1))
    assert evaluate_workspace(workspace, *span, rules) == []  # a nine-year school
    set_school(workspace, principal, kind="kindergarten")
    add_inspection(workspace, principal, "special", local(date(2026, 9, 30), 23, 59))
    assert by_period(evaluate_workspace(workspace, *span, rules), "kg") == {
        "2026-Q3": Status.DONE, "2026-Q4": Status.DUE,
    }  # fmt: skip


def test_school_types_pick_the_drill_rules_and_absent_areas_are_not_checkable(
    workspace, principal, tmp_path
):
    span = (date(2026, 11, 1), date(2026, 11, 30), date(2026, 11, 15))
    checks = evaluate_workspace(workspace, *span)
    drills = {c.rule.id: c for c in checks if c.rule.what == "drill"}
    # Nine-year boarding school with buses: monthly drills and the bus drill apply.
    assert set(drills) == {"monthly_drill", "fire_drill", "fire_training", "school_bus_drill"}
    assert drills["monthly_drill"].status is Status.DUE  # nothing held yet, month not over
    # A rule whose record area is not installed is reported, not fatal.
    absent = rule("absent", "monthly", [])
    absent["evidence"] = {"source": "app.nowhere:evidence", "params": {}}
    (check,) = evaluate_workspace(workspace, *span, ruleset(tmp_path, absent))
    assert check.status is Status.NOT_CHECKABLE
    assert check.missing_source == "app.nowhere:evidence"
    set_school(workspace, principal, kind="kindergarten", has_school_bus=False)
    drills = {c.rule.id for c in evaluate_workspace(workspace, *span) if c.rule.what == "drill"}
    assert drills == {"kindergarten_drill", "fire_drill", "fire_training"}


def test_major_hazard_monitoring_twice_a_day_until_closed(workspace, principal):
    d = date(2026, 11, 10)
    hid = add_hazard(workspace, principal, d, major_since=d, closed_on=date(2026, 11, 13))
    add_monitoring(workspace, principal, hid, local(d, 9))
    add_monitoring(workspace, principal, hid, local(date(2026, 11, 11), 8))
    add_monitoring(workspace, principal, hid, local(date(2026, 11, 11), 17))
    add_hazard(workspace, principal, d)  # an ordinary hazard owes no monitoring
    checks = evaluate_workspace(
        workspace, date(2026, 11, 9), date(2026, 11, 15), date(2026, 11, 16)
    )
    mon = [c for c in checks if c.rule.id == "major_hazard_monitoring"]
    assert {c.period.key: (c.status, c.done_count) for c in mon} == {
        "2026-11-10": (Status.OVERDUE, 1),
        "2026-11-11": (Status.DONE, 2),
        "2026-11-12": (Status.OVERDUE, 0),
    }
    assert {c.subject.record_id for c in mon} == {hid}


def test_monthly_report_due_by_the_fifth(workspace, principal):
    from app.monthly.service import finalize_report

    strokes = [[(1, 2, 0), (3, 4, 16), (5, 6, 33)]]
    finalize_report(workspace, principal, "2026-10", "", strokes, today=date(2026, 11, 3))
    span = (date(2026, 10, 1), date(2026, 11, 30))
    on_fifth = by_period(evaluate_workspace(workspace, *span, date(2026, 12, 5)), "monthly_report")
    assert on_fifth == {"2026-10": Status.DONE, "2026-11": Status.DUE}
    sixth = by_period(evaluate_workspace(workspace, *span, date(2026, 12, 6)), "monthly_report")
    assert sixth["2026-11"] is Status.OVERDUE


def test_boarding_filter_follows_the_school_profile(workspace, principal, tmp_path):
    night = rule("night", "daily", ["special"], schools={"boarding": True})
    rules = ruleset(tmp_path, night)
    span = (date(2026, 11, 2), date(2026, 11, 2), date(2026, 11, 3))
    assert by_period(evaluate_workspace(workspace, *span, rules), "night") == {
        "2026-11-02": Status.OVERDUE
    }
    set_school(workspace, principal, boarding=False)
    assert evaluate_workspace(workspace, *span, rules) == []
