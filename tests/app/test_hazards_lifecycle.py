"""A hazard's whole life: reported, planned, fixed, re-checked by someone else, closed."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.attachments.store import add_photo
from app.hazards.ledger import hazard_detail
from app.hazards.service import (
    HazardPlan,
    HazardReport,
    escalate_hazard,
    plan_hazard,
    recheck_hazard,
    record_rectification,
    report_hazard,
    school_today,
    start_rectification,
)
from tests.app.inspection_helpers import (
    audit_actions,
    jpeg,
    outbox_count,
    outbox_tables_since,
    people,
)


@pytest.fixture
def crew(workspace, principal):
    return people(workspace, principal)


def _report(ws, actor):
    return report_hazard(
        ws,
        actor,
        HazardReport(
            title="二楼东侧安全出口被课桌堵塞", area="fire", risk_group="物", place="教学楼"
        ),
    )


def _plan(ws, actor, hid, responsible, days=7):
    plan_hazard(
        ws,
        actor,
        hid,
        HazardPlan(
            responsible_id=responsible.user_id,
            deadline=school_today() + timedelta(days=days),
            measures="搬走课桌，张贴禁止堆放标识",
            interim_safeguard="课间安排教师值守，引导学生走西侧楼梯",
            funds_yuan="150",
        ),
    )


def test_a_hazard_goes_from_report_to_closed_and_every_step_is_traced(workspace, crew, tmp_path):
    ws = workspace
    start = outbox_count(ws)
    hid = _report(ws, crew.teacher)
    _plan(ws, crew.officer, hid, crew.teacher)
    start_rectification(ws, crew.teacher, hid)
    photo = add_photo(ws, crew.teacher, jpeg(tmp_path / "fixed.jpg"))
    record_rectification(ws, crew.teacher, hid, "课桌已搬回教室", [photo.id])
    recheck_hazard(ws, crew.officer2, hid, passed=True, note="出口畅通")

    detail = hazard_detail(ws, crew.principal, hid)
    assert detail.row.status == "closed"
    assert detail.closed_at is not None
    assert detail.recheck_result == "pass"
    assert detail.rectified_by_name == "zhengxia-name"
    assert detail.rechecked_by_name == "zhaomin-name"
    assert [h.kind for h in detail.history] == [
        "report",
        "plan",
        "start",
        "rectify",
        "recheck_pass",
    ]
    assert [p.id for purpose, p in detail.photos if purpose == "rectification"] == [photo.id]
    assert detail.row.ref.startswith("YH")

    actions = audit_actions(ws)
    for name in (
        "hazard.report",
        "hazard.plan",
        "hazard.start",
        "hazard.rectify",
        "hazard.recheck",
    ):
        assert actions.count(name) == 1, name
    tables = outbox_tables_since(ws, start)
    assert tables.count("hazard_event") == 5
    assert "hazard" in tables and "photo_link" in tables


def test_a_failed_recheck_sends_the_hazard_back_with_the_reason(workspace, crew, tmp_path):
    ws = workspace
    hid = _report(ws, crew.guard)
    _plan(ws, crew.officer, hid, crew.teacher)
    photo = add_photo(ws, crew.teacher, jpeg(tmp_path / "a.jpg"))
    record_rectification(ws, crew.teacher, hid, "已清理", [photo.id])
    recheck_hazard(ws, crew.officer, hid, passed=False, note="仍有两张课桌")

    detail = hazard_detail(ws, crew.principal, hid)
    assert detail.row.status == "rectifying"
    assert detail.closed_at is None
    assert detail.history[-1].kind == "recheck_fail"
    assert detail.history[-1].note == "仍有两张课桌"

    # fixed again, then passed
    record_rectification(ws, crew.teacher, hid, "全部搬走", [photo.id])
    recheck_hazard(ws, crew.officer, hid, passed=True)
    assert hazard_detail(ws, crew.principal, hid).row.status == "closed"


def test_an_overdue_plan_shows_as_overdue(workspace, crew):
    ws = workspace
    hid = _report(ws, crew.teacher)
    _plan(ws, crew.officer, hid, crew.teacher, days=1)
    later = school_today() + timedelta(days=3)
    assert hazard_detail(ws, crew.principal, hid, today=later).row.overdue
    assert not hazard_detail(ws, crew.principal, hid).row.overdue


def test_a_hazard_the_school_cannot_fix_is_marked_for_reporting_upward(workspace, crew):
    ws = workspace
    hid = _report(ws, crew.teacher)
    escalate_hazard(ws, crew.officer, hid, "需住建部门鉴定加固，超出学校能力")
    detail = hazard_detail(ws, crew.principal, hid)
    assert detail.row.needs_escalation
    assert detail.escalation_note.startswith("需住建部门")
    assert "hazard.escalate" in audit_actions(ws)
