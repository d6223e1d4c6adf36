"""The ledger's pages and filters, and the twice-daily watch on a major hazard."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.errors import UserError
from app.hazards.ledger import LedgerFilters, hazard_count, hazard_detail, hazard_ledger
from app.hazards.monitoring import add_monitoring, monitoring_due_today, monitoring_gaps
from app.hazards.service import (
    HazardPlan,
    HazardReport,
    mark_major,
    plan_hazard,
    report_hazard,
    school_today,
)
from tests.app.inspection_helpers import audit_actions, outbox_count, outbox_tables_since, people


@pytest.fixture
def crew(workspace, principal):
    return people(workspace, principal)


@pytest.fixture
def ledger(workspace, crew):
    ws = workspace
    ids = {}
    for key, title, area, severity in [
        ("exit", "安全出口堵塞", "fire", "general"),
        ("wall", "北墙裂缝", "buildings", "major"),
        ("gas", "燃气报警器未通电", "gas", "general"),
        ("bus", "校车灭火器过期", "traffic", "general"),
    ]:
        ids[key] = report_hazard(
            ws,
            crew.teacher,
            HazardReport(title=title, area=area, severity=severity, place="东校区"),
        )
    plan_hazard(
        ws,
        crew.officer,
        ids["gas"],
        HazardPlan(
            crew.teacher.user_id, school_today() + timedelta(days=1), "接通电源", "暂停使用燃气灶"
        ),
    )
    return ids


def test_filters_select_what_the_user_asked_for(workspace, crew, ledger):
    ws, officer = workspace, crew.officer

    def titles(**f):
        return {r.title for r in hazard_ledger(ws, officer, LedgerFilters(**f), 0, 50)}

    assert hazard_count(ws, officer) == 4
    assert titles(area="fire") == {"安全出口堵塞"}
    assert titles(major=True) == {"北墙裂缝"}
    assert titles(status="planned") == {"燃气报警器未通电"}
    assert titles(text="报警") == {"燃气报警器未通电"}
    assert titles(text="100%") == set()
    assert titles(status="closed") == set()
    assert len(titles(status="open")) == 4
    today = school_today()
    assert titles(date_from=today, date_to=today) == titles()
    assert titles(date_to=today - timedelta(days=1)) == set()
    # overdue only once the deadline has passed
    later = today + timedelta(days=2)
    assert titles(status="overdue") == set()
    rows = hazard_ledger(ws, officer, LedgerFilters(overdue=True), 0, 50, today=later)
    assert [r.title for r in rows] == ["燃气报警器未通电"] and rows[0].overdue
    assert hazard_count(ws, officer, LedgerFilters(status="overdue"), today=later) == 1
    with pytest.raises(UserError):
        hazard_count(ws, officer, LedgerFilters(status="lost"))


def test_pages_are_stable_and_newest_first(workspace, crew, ledger):
    first = hazard_ledger(workspace, crew.officer, LedgerFilters(), 0, 2)
    second = hazard_ledger(workspace, crew.officer, LedgerFilters(), 2, 2)
    assert [r.title for r in first + second] == [
        "校车灭火器过期",
        "燃气报警器未通电",
        "北墙裂缝",
        "安全出口堵塞",
    ]
    assert first[1].responsible_name == "zhengxia-name"


def test_a_major_hazard_needs_two_monitoring_entries_a_day(workspace, crew, ledger):
    ws, wall = workspace, ledger["wall"]
    today = school_today()
    add_monitoring(ws, crew.guard, wall, "裂缝宽约 2 毫米，无变化")
    assert monitoring_due_today(ws, crew.officer) == [(wall, 1)]
    add_monitoring(ws, crew.guard, wall, "傍晚复测无变化")
    assert monitoring_due_today(ws, crew.officer) == []
    assert monitoring_gaps(ws, crew.officer) == []  # today is not over yet
    # Two days later, tomorrow and the day after... tomorrow has no entry: missed.
    gaps = monitoring_gaps(ws, crew.officer, today=today + timedelta(days=2))
    assert [(g.day, g.entries) for g in gaps] == [(today + timedelta(days=1), 0)]
    detail = hazard_detail(ws, crew.officer, wall, today=today + timedelta(days=2))
    assert detail.missed_monitoring == [(today + timedelta(days=1), 0)]
    assert [h.kind for h in detail.history].count("monitor") == 2
    assert audit_actions(ws).count("hazard.monitor") == 2


def test_monitoring_is_only_for_major_hazards_and_marking_major_starts_it(workspace, crew, ledger):
    with pytest.raises(UserError, match="major"):
        add_monitoring(workspace, crew.guard, ledger["exit"], "看过了")

    seq = outbox_count(workspace)
    mark_major(workspace, crew.officer, ledger["exit"], "通往唯一楼梯")
    assert {"hazard", "hazard_event"} <= set(outbox_tables_since(workspace, seq))
    add_monitoring(workspace, crew.guard, ledger["exit"], "已设专人看守")
    assert hazard_detail(workspace, crew.officer, ledger["exit"]).row.major
