"""The monthly safety report: figures equal a hand count; principal signs; finalized is fixed."""

from __future__ import annotations

from datetime import date, time

import pytest
from sqlalchemy import select

from app.accounts.service import authenticate
from app.duty.handover import Event, HandoverDraft, record_handover
from app.duty.roster import add_duty_type, generate_rotation, list_shifts
from app.errors import PermissionDenied, UserError
from app.monthly.service import finalize_report, monthly_report, report_content, save_draft
from app.signatures.service import content_hash, signatures_for
from app.staff.service import add_staff
from db.models import MonthlyReport, OutboxEntry
from tests.app.compliance_helpers import (
    add_hazard,
    add_inspection,
    add_monitoring,
    in_use_since,
    local,
)
from tests.helpers import make_user

STROKES = [[(1, 2, 0), (3, 4, 16), (5, 6, 33)]]
NOV = "2026-11"
AFTER = date(2026, 12, 2)


def d(day: int, month: int = 11) -> date:
    return date(2026, month, day)


@pytest.fixture
def november(workspace, principal):
    """A hand-counted November; the expected figures are in test_figures_equal_the_hand_count."""
    ws, p = workspace, principal
    in_use_since(ws, d(1, 10))  # the school keeps its records here since October
    for day in range(1, 11):
        add_inspection(ws, p, "daily_patrol", local(d(day), 7, 30))
    add_inspection(ws, p, "half_monthly", local(d(14)))
    add_inspection(ws, p, "half_monthly", local(d(27)))
    add_inspection(ws, p, "monthly", local(d(30), 23, 50))
    add_inspection(ws, p, "special", local(d(18)))
    add_inspection(ws, p, "weekly", local(d(19)), finalized=False)  # not finished: not counted
    add_hazard(ws, p, d(20, 10), closed_on=d(5))  # A: closed in November
    add_hazard(ws, p, d(3), deadline=d(10), status="rectifying")  # B: overdue
    add_hazard(ws, p, d(12), area="gas", deadline=d(15, 12), status="planned")  # C
    major = add_hazard(ws, p, d(20), major_since=d(20), closed_on=d(25))  # D: major
    add_monitoring(ws, p, major, local(d(20), 9))
    add_monitoring(ws, p, major, local(d(20), 16))
    add_hazard(ws, p, d(1, 12))  # E: December
    add_hazard(
        ws, p, d(2), area="building", deadline=d(5), status="rectified", rectified_on=d(4)
    )  # F
    # Night watch 28-30 November; handovers on the 28th (平安) and 29th (an incident).
    actors, ids = [], []
    for i, name in enumerate(("wangqiang", "liufang")):
        user = make_user(ws, p, name, "duty_staff", pin=f"24680{i}")
        ids.append(add_staff(ws, p, name=name, user_id=user.id).id)
        actors.append(authenticate(ws, name, f"24680{i}"))
    night = add_duty_type(
        ws, p, name="值宿", kind="night_watch", start_time=time(20), end_time=time(6, 30)
    )
    generate_rotation(ws, p, night.id, d(28), d(30), ids)
    shifts = list_shifts(ws, d(28), d(30))
    by_staff = dict(zip(ids, actors, strict=True))
    record_handover(ws, by_staff[shifts[0].staff_id], shifts[0].id, HandoverDraft(peaceful=True))
    record_handover(
        ws, by_staff[shifts[1].staff_id], shifts[1].id,
        HandoverDraft(peaceful=False, events=(Event(local(d(29), 22), "学生发烧送医"),)),
    )  # fmt: skip
    return ws


def test_figures_equal_the_hand_count(november):
    f = monthly_report(november, NOV, today=AFTER).figures
    assert f["due_on"] == "2026-12-05"
    assert f["patrols"] == {"required": 30, "done": 10}
    assert f["inspections"] == {
        "total": 14,
        "by_kind": {"daily_patrol": 10, "half_monthly": 2, "monthly": 1, "special": 1},
    }
    assert f["hazards"] == {
        "found": 4, "closed": 2, "overdue": 1, "major": 1, "open_at_month_end": 3,
        "found_by_area": {"building": 1, "fire": 2, "gas": 1},
        "monitoring_days_owed": 5, "monitoring_days_missed": 4,
    }  # fmt: skip
    # No drill in November: the monthly drill was owed by the 30th and missed.
    assert f["drills"] == {"held": 0, "by_type": {}, "required": 1, "required_met": 0}
    assert f["incidents"]["total"] == 0 and f["incidents"]["phone_missing"] == 0
    assert f["duty"] == {"shifts": 3, "handovers": 2, "handovers_missing": 1, "days_with_roster": 3}
    assert f["zero_reports"] == {
        "days": 30, "complete": 2, "peaceful": 1, "with_incidents": 1, "missing": 28,
    }  # fmt: skip


def test_a_running_month_counts_only_the_days_so_far(november):
    f = monthly_report(november, NOV, today=d(15)).figures
    assert f["patrols"] == {"required": 15, "done": 10}
    assert f["zero_reports"]["days"] == 15


def test_principal_signs_and_finalizes_then_nothing_changes(november, principal):
    officer = make_user(november, principal, "lijianguo", "safety_officer").actor()
    save_draft(november, officer, NOV, "  本月总体平稳。 ")
    assert monthly_report(november, NOV, today=AFTER).status == "draft"
    with pytest.raises(PermissionDenied):
        finalize_report(november, officer, NOV, "x", STROKES, today=AFTER)
    with pytest.raises(UserError, match="not over"):
        finalize_report(november, principal, NOV, "x", STROKES, today=d(29))

    rid = finalize_report(
        november, principal, NOV, "本月总体平稳，隐患按期整改。", STROKES, today=AFTER
    )
    view = monthly_report(november, NOV, today=AFTER)
    assert view.finalized and view.id == rid and view.comments == "本月总体平稳，隐患按期整改。"
    frozen = view.figures
    assert frozen["inspections"]["total"] == 14
    [sig] = signatures_for(november, "monthly_report", rid)
    assert sig.signer_name == principal.name
    assert sig.content_sha256 == content_hash(
        report_content(november.school_id, NOV, frozen, view.comments)
    )

    # A record added later does not change the finalized report ...
    add_inspection(november, principal, "special", local(d(30), 12))
    assert monthly_report(november, NOV, today=AFTER).figures == frozen
    # ... and every edit is refused.
    with pytest.raises(UserError, match="finalized"):
        save_draft(november, principal, NOV, "改一下")
    with pytest.raises(UserError, match="finalized"):
        finalize_report(november, principal, NOV, "again", STROKES, today=AFTER)
    with november.read() as s:
        assert s.get(MonthlyReport, rid).comments == "本月总体平稳，隐患按期整改。"
        tables = set(s.scalars(select(OutboxEntry.table_name)))
    assert {"monthly_report", "signature"} <= tables  # travels to the bureau


def test_staff_may_not_prepare_and_a_bad_month_is_refused(workspace, principal):
    teacher = make_user(workspace, principal, "zhengxia", "staff").actor()
    with pytest.raises(PermissionDenied):
        save_draft(workspace, teacher, NOV, "x")
    with pytest.raises(UserError, match="2026-13"):
        save_draft(workspace, principal, "2026-13", "x")
    with pytest.raises(UserError, match="Sign"):
        finalize_report(workspace, principal, "2026-10", "x", [], today=AFTER)
    assert monthly_report(workspace, "2026-10", today=AFTER).status == "none"


def test_handover_and_zero_report_rules_follow_the_roster(november):
    from app.compliance.engine import Status, evaluate_workspace

    checks = evaluate_workspace(november, d(28), d(30), d(30))
    handovers = sorted((c.period.key, c.status) for c in checks if c.rule.id == "shift_handover")
    # The 30th's night watch still has until the next day to hand over.
    assert handovers == [
        ("2026-11-28", Status.DONE), ("2026-11-29", Status.DONE), ("2026-11-30", Status.DUE),
    ]  # fmt: skip
    zero = {c.period.key: c.status for c in checks if c.rule.id == "zero_report"}
    assert zero == {"2026-11-28": Status.DONE, "2026-11-29": Status.DONE, "2026-11-30": Status.DUE}
    late = evaluate_workspace(november, d(30), d(30), d(2, 12))
    assert {c.rule.id: c.status for c in late if c.rule.id in ("zero_report", "shift_handover")} == {
        "zero_report": Status.OVERDUE, "shift_handover": Status.OVERDUE,
    }  # fmt: skip
