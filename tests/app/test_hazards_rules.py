"""The ledger's rules hold in the services, and a refused action changes nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.attachments.store import add_photo
from app.errors import PermissionDenied, UserError
from app.hazards.ledger import hazard_detail
from app.hazards.service import (
    HazardPlan,
    HazardReport,
    plan_hazard,
    recheck_hazard,
    record_rectification,
    report_hazard,
    school_today,
)
from tests.app.inspection_helpers import audit_actions, jpeg, outbox_count, people


@pytest.fixture
def crew(workspace, principal):
    return people(workspace, principal)


@pytest.fixture
def hazard(workspace, crew):
    return report_hazard(
        workspace, crew.guard, HazardReport(title="围墙西北角倒塌缺口", area="security")
    )


def _plan(crew, **changes):
    values = dict(
        responsible_id=crew.teacher.user_id,
        deadline=school_today() + timedelta(days=10),
        measures="砌筑补齐围墙",
        interim_safeguard="设置临时围挡，保安加密巡逻",
    )
    values.update(changes)
    return HazardPlan(**values)


def _rectified(ws, crew, hazard, tmp_path, by=None):
    by = by or crew.teacher
    plan_hazard(ws, crew.officer, hazard, _plan(crew, responsible_id=by.user_id))
    photo = add_photo(ws, by, jpeg(tmp_path / "wall.jpg"))
    record_rectification(ws, by, hazard, "围墙已补齐", [photo.id])


def _unchanged(ws, fn):
    """Run a refused action; assert it left no outbox row, no audit entry."""
    outbox, audit = outbox_count(ws), len(audit_actions(ws))
    with pytest.raises(UserError) as err:
        fn()
    assert outbox_count(ws) == outbox
    assert len(audit_actions(ws)) == audit
    return err.value


def test_the_person_who_fixed_it_cannot_recheck_it(workspace, crew, hazard, tmp_path):
    _rectified(workspace, crew, hazard, tmp_path, by=crew.officer)
    err = _unchanged(
        workspace, lambda: recheck_hazard(workspace, crew.officer, hazard, passed=True)
    )
    assert "someone else" in str(err)
    assert hazard_detail(workspace, crew.principal, hazard).row.status == "rectified"
    recheck_hazard(workspace, crew.officer2, hazard, passed=True)
    assert hazard_detail(workspace, crew.principal, hazard).row.status == "closed"


def test_a_hazard_cannot_close_without_a_passed_recheck(workspace, crew, hazard, tmp_path):
    # not fixed yet: a re-check is refused, the hazard stays open
    err = _unchanged(
        workspace, lambda: recheck_hazard(workspace, crew.officer, hazard, passed=True)
    )
    assert "Only a fixed hazard" in str(err)
    _rectified(workspace, crew, hazard, tmp_path)
    # a failed re-check never closes it
    recheck_hazard(workspace, crew.officer, hazard, passed=False, note="缺口仍在")
    detail = hazard_detail(workspace, crew.principal, hazard)
    assert detail.row.status == "rectifying" and detail.closed_at is None


def test_a_deadline_before_the_report_date_is_refused(workspace, crew, hazard):
    reported = hazard_detail(workspace, crew.principal, hazard).row.reported_on
    err = _unchanged(
        workspace,
        lambda: plan_hazard(
            workspace, crew.officer, hazard, _plan(crew, deadline=reported - timedelta(days=1))
        ),
    )
    assert "before the hazard was reported" in str(err)
    detail = hazard_detail(workspace, crew.principal, hazard)
    assert detail.row.status == "reported" and detail.row.deadline is None


def test_a_plan_without_a_responsible_person_is_refused(workspace, crew, hazard):
    err = _unchanged(
        workspace,
        lambda: plan_hazard(workspace, crew.officer, hazard, _plan(crew, responsible_id=None)),
    )
    assert "responsible" in str(err)
    assert hazard_detail(workspace, crew.principal, hazard).row.status == "reported"


def test_a_plan_without_an_interim_safeguard_is_refused(workspace, crew, hazard):
    _unchanged(
        workspace,
        lambda: plan_hazard(workspace, crew.officer, hazard, _plan(crew, interim_safeguard=" ")),
    )


def test_a_fix_needs_an_evidence_photo(workspace, crew, hazard):
    plan_hazard(workspace, crew.officer, hazard, _plan(crew))
    err = _unchanged(
        workspace, lambda: record_rectification(workspace, crew.teacher, hazard, "补好了", [])
    )
    assert "photo" in str(err)


def test_only_hazard_managers_plan_and_recheck(workspace, crew, hazard, tmp_path):
    with pytest.raises(PermissionDenied):
        plan_hazard(workspace, crew.teacher, hazard, _plan(crew))
    _rectified(workspace, crew, hazard, tmp_path)
    with pytest.raises(PermissionDenied):
        recheck_hazard(workspace, crew.guard, hazard, passed=True)


def test_someone_else_cannot_record_the_fix(workspace, crew, hazard, tmp_path):
    plan_hazard(workspace, crew.officer, hazard, _plan(crew))
    photo = add_photo(workspace, crew.guard, jpeg(tmp_path / "x.jpg"))
    _unchanged(
        workspace, lambda: record_rectification(workspace, crew.guard, hazard, "补好", [photo.id])
    )
