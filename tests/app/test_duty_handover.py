"""Handovers: own shift only, two different people, fixed once both signed; the zero report."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest
from sqlalchemy import func, select

from app.accounts.confirm import confirm_identity
from app.accounts.service import authenticate
from app.duty.handover import (
    Event,
    HandoverDraft,
    Patrol,
    get_handover,
    last_patrol_route,
    record_handover,
    sign_handover,
)
from app.duty.roster import add_duty_type, generate_rotation, list_shifts
from app.duty.zero_report import zero_report
from app.errors import PermissionDenied, UserError
from app.signatures.service import signatures_for
from app.staff.service import add_staff
from db.models import AuditEntry, OutboxEntry
from tests.helpers import make_user

DAY = date(2026, 11, 23)
STROKES = [[(1, 2, 0), (3, 4, 16), (5, 6, 33)]]
AT = datetime(2026, 11, 23, 13, 0, tzinfo=UTC)


def outbox_count(ws) -> int:
    with ws.read() as s:
        return s.scalar(select(func.count()).select_from(OutboxEntry))


@pytest.fixture
def duty(workspace, principal):
    """Two night watchers with logins, alternating from DAY; returns (actors, staff ids, shifts)."""
    actors, ids = [], []
    for i, name in enumerate(("wangqiang", "liufang")):
        user = make_user(workspace, principal, name, "duty_staff", pin=f"24680{i}")
        ids.append(add_staff(workspace, principal, name=name, user_id=user.id).id)
        actors.append(authenticate(workspace, name, f"24680{i}"))
    night = add_duty_type(
        workspace, principal, name="值宿", kind="night_watch", start_time=time(20),
        end_time=time(6, 30), roll_call=True,
    )  # fmt: skip
    generate_rotation(workspace, principal, night.id, DAY, date(2026, 11, 26), ids)
    return actors, ids, list_shifts(workspace, DAY, date(2026, 11, 26))


def draft(**kw) -> HandoverDraft:
    base = dict(
        peaceful=True, patrols=(Patrol(AT, "校门"), Patrol(AT, "宿舍", "3 楼灯坏")),
        handed_over="钥匙", noon_expected=100, noon_present=100, night_expected=100, night_present=100,
    )  # fmt: skip
    return HandoverDraft(**{**base, **kw})


def test_handover_is_fixed_after_both_signatures(workspace, duty):
    (a, b), (sa, sb), shifts = duty
    h = record_handover(workspace, a, shifts[0].id, draft(incoming_id=sb))
    h = sign_handover(workspace, a, h.id, sa, STROKES)
    assert not h.locked
    with pytest.raises(UserError, match="signed"):
        record_handover(workspace, a, shifts[0].id, draft(handed_over="改"))
    # On a's session the incoming person confirms with their own PIN, then signs.
    confirmed = confirm_identity(workspace, b.user_id, "246801")
    h = sign_handover(workspace, a, h.id, sb, STROKES, confirmation=confirmed)
    assert h.locked and h.acknowledged_at is not None
    before = outbox_count(workspace)
    with pytest.raises(UserError, match="no longer be changed"):
        sign_handover(workspace, b, h.id, sb, STROKES)
    with pytest.raises(UserError):
        record_handover(workspace, a, shifts[0].id, draft())
    assert outbox_count(workspace) == before
    sigs = signatures_for(workspace, "handover", h.id)
    assert [x.purpose for x in sigs] == ["handover.outgoing", "handover.incoming"]
    assert sigs[0].content_sha256 == sigs[1].content_sha256
    with workspace.read() as s:
        actions = list(s.scalars(select(AuditEntry.action)))
    assert actions.count("duty.handover.sign") == 2 and "duty.handover.record" in actions


def test_outgoing_and_incoming_are_different_people(workspace, duty):
    (a, _b), (sa, _sb), shifts = duty
    before = outbox_count(workspace)
    with pytest.raises(UserError, match="someone other"):
        record_handover(workspace, a, shifts[0].id, draft(incoming_id=sa))
    assert outbox_count(workspace) == before
    h = record_handover(workspace, a, shifts[0].id, draft())
    sign_handover(workspace, a, h.id, sa, STROKES)
    with pytest.raises(UserError, match="already signed"):
        sign_handover(workspace, a, h.id, sa, STROKES)


def test_only_the_person_on_the_shift_records_it(workspace, principal, duty):
    (a, b), _ids, shifts = duty
    assert shifts[0].staff_id != shifts[1].staff_id
    with pytest.raises(PermissionDenied):
        record_handover(workspace, b, shifts[0].id, draft())
    with pytest.raises(PermissionDenied):
        record_handover(workspace, principal, shifts[0].id, draft())
    record_handover(workspace, a, shifts[0].id, draft())


def test_bad_handover_input_is_refused(workspace, duty):
    (a, _b), _ids, shifts = duty
    before = outbox_count(workspace)
    for bad in (
        draft(peaceful=False),
        draft(patrols=(Patrol(AT, " "),)),
        draft(night_present=101),
        draft(night_present=98),
        draft(noon_present=None),
    ):
        with pytest.raises(UserError):
            record_handover(workspace, a, shifts[0].id, bad)
    assert outbox_count(workspace) == before
    record_handover(
        workspace, a, shifts[0].id, draft(night_present=98, roll_call_note="2 人请假回家")
    )


def test_last_patrol_route_prefills_the_next(workspace, duty):
    (a, _b), (sa, _sb), shifts = duty
    assert last_patrol_route(workspace, sa) == []
    record_handover(workspace, a, shifts[0].id, draft())
    record_handover(
        workspace, a, shifts[2].id, draft(patrols=(Patrol(AT, "食堂"), Patrol(AT, "锅炉房")))
    )
    assert last_patrol_route(workspace, sa) == ["食堂", "锅炉房"]


def test_zero_report_peaceful_incident_and_missing(workspace, duty):
    (a, b), _ids, shifts = duty
    assert zero_report(workspace, DAY).missing == (shifts[0],)
    record_handover(workspace, a, shifts[0].id, draft())
    day1 = zero_report(workspace, DAY)
    assert day1.peaceful and day1.complete and day1.incidents == ()
    record_handover(
        workspace, b, shifts[1].id,
        draft(peaceful=False, events=(Event(AT, "学生发烧", "送卫生院"),)),
    )  # fmt: skip
    day2 = zero_report(workspace, shifts[1].date)
    assert not day2.peaceful and [i.what for i in day2.incidents] == ["学生发烧"]
    day3 = zero_report(workspace, shifts[2].date)
    assert day3.peaceful and not day3.complete and day3.missing[0].id == shifts[2].id


def test_a_finding_becomes_a_hazard_in_one_action(workspace, duty):
    from app.duty.hazard_link import finding_to_hazard
    from db.models import Hazard

    (a, _b), _ids, shifts = duty
    h = record_handover(workspace, a, shifts[0].id, draft())
    patrol = h.draft.patrols[1]
    before = outbox_count(workspace)
    with pytest.raises(UserError):
        finding_to_hazard(workspace, a, patrol.id, area="volcanoes")
    assert outbox_count(workspace) == before
    hazard_id = finding_to_hazard(workspace, a, patrol.id, area="buildings")
    with workspace.read() as s:
        hazard = s.get(Hazard, hazard_id)
        assert (hazard.title, hazard.place) == ("3 楼灯坏", "宿舍")
        assert "duty.finding.to_hazard" in set(s.scalars(select(AuditEntry.action)))
    assert [p.hazard_id for p in get_handover(workspace, shifts[0].id).draft.patrols] == [
        None,
        hazard_id,
    ]
    with pytest.raises(UserError, match="already in the hazard ledger"):
        finding_to_hazard(workspace, a, patrol.id, area="buildings")


def test_a_hazard_from_a_patrol_finding_names_its_handover(workspace, duty):
    from app.duty.hazard_link import finding_to_hazard
    from app.hazards.origin import hazard_origin

    (a, _b), _ids, shifts = duty
    h = record_handover(workspace, a, shifts[0].id, draft())
    patrol = h.draft.patrols[1]
    hazard_id = finding_to_hazard(workspace, a, patrol.id, area="buildings")
    origin = hazard_origin(workspace, hazard_id)
    assert (origin.kind, origin.page, origin.record_id, origin.label) == (
        "handover",
        "handover",
        h.id,
        "宿舍",
    )
