"""What the ledger page may offer: each action's availability follows the service's rules."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.attachments.store import add_photo
from app.errors import UserError
from app.hazards.actions import hazard_actions
from app.hazards.monitoring import add_monitoring
from app.hazards.service import (
    HazardPlan,
    HazardReport,
    mark_major,
    plan_hazard,
    record_rectification,
    report_hazard,
    school_today,
    start_rectification,
)
from app.inspections.people import active_people
from tests.app.inspection_helpers import jpeg, people


@pytest.fixture
def crew(workspace, principal):
    return people(workspace, principal)


def _reported(ws, crew):
    return report_hazard(ws, crew.guard, HazardReport(title="后门消防通道停车", area="fire"))


def _plan(ws, crew, hid):
    plan_hazard(
        ws,
        crew.officer,
        hid,
        HazardPlan(crew.teacher.user_id, school_today() + timedelta(days=3), "挪车", "专人看守"),
    )


def free(actions):
    return sorted(k for k, v in actions.items() if v is None)


def test_a_reported_hazard_offers_planning_to_managers_only(workspace, crew):
    hid = _reported(workspace, crew)
    assert free(hazard_actions(workspace, crew.officer, hid)) == ["escalate", "major", "plan"]
    staff = hazard_actions(workspace, crew.teacher, hid)
    assert free(staff) == []
    assert staff["plan"] == "Only the principal or a safety officer can do this."
    assert staff["major"] == "Only the principal or a safety officer can do this."
    assert staff["monitor"] == "Only a major hazard has a monitoring record."


def test_the_responsible_person_may_work_and_the_fixer_may_not_recheck(workspace, crew, tmp_path):
    ws = workspace
    hid = _reported(ws, crew)
    _plan(ws, crew, hid)
    assert free(hazard_actions(ws, crew.teacher, hid)) == ["rectify", "start"]
    assert free(hazard_actions(ws, crew.guard, hid)) == []
    start_rectification(ws, crew.teacher, hid)
    photo = add_photo(ws, crew.teacher, jpeg(tmp_path / "fix.jpg"))
    record_rectification(ws, crew.officer, hid, "车已挪走", [photo.id])
    mine = hazard_actions(ws, crew.officer, hid)
    assert mine["recheck"] == "You fixed this hazard, so someone else must re-check it."
    assert hazard_actions(ws, crew.officer2, hid)["recheck"] is None
    assert hazard_actions(ws, crew.teacher, hid)["recheck"] is not None


def test_monitoring_is_offered_on_an_open_major_hazard(workspace, crew):
    hid = _reported(workspace, crew)
    mark_major(workspace, crew.officer, hid)
    assert hazard_actions(workspace, crew.guard, hid)["monitor"] is None
    assert hazard_actions(workspace, crew.officer, hid)["major"] == (
        "This hazard is already a major hazard."
    )
    add_monitoring(workspace, crew.guard, hid, "无变化")


def test_a_missing_hazard_is_a_user_error(workspace, crew):
    import uuid

    with pytest.raises(UserError):
        hazard_actions(workspace, crew.officer, uuid.uuid4())


def test_active_people_lists_every_active_user_by_name(workspace, crew, principal):
    from app.accounts.service import set_active

    set_active(workspace, principal, crew.guard.user_id, False)
    names = [p.name for p in active_people(workspace, crew.teacher)]
    assert "zhoujun-name" not in names
    assert {"张丽", "lijianguo-name", "zhengxia-name"} <= set(names)
