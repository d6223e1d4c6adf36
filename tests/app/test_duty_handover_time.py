"""A handover is owed when its shift ends, signed from its handover time, and the incoming
person confirms with their own PIN before signing on someone else's session."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlalchemy import delete, select

from app.accounts.confirm import confirm_identity, is_confirmed
from app.accounts.service import authenticate
from app.dashboard.worktable import load_worktable
from app.duty.handover import HandoverDraft, get_handover, record_handover, sign_handover
from app.duty.roster import add_duty_type, add_shift, generate_rotation, list_shifts
from app.duty.zero_report import zero_report
from app.errors import PermissionDenied, UserError
from app.reports.duty_forms import handover_content, handover_facts
from app.school.clock import SCHOOL_TZ
from app.signatures.service import signatures_for
from app.staff.service import add_staff
from db.models import AuditEntry, LocalCredential
from tests.app.compliance_helpers import in_use_since
from tests.helpers import make_user

DAY = date(2026, 11, 23)
STROKES = [[(1, 2, 0), (3, 4, 16), (5, 6, 33)]]
PINS = {"wangqiang": "246800", "liufang": "246801"}


def at(day: date, hh: int, mm: int = 0) -> datetime:
    return datetime.combine(day, time(hh, mm), SCHOOL_TZ)


@pytest.fixture
def crew(workspace, principal):
    """wangqiang and liufang (with logins) and 李建国 (no login); actors and staff ids by name."""
    actors, staff = {}, {}
    for name, pin in PINS.items():
        user = make_user(workspace, principal, name, "duty_staff", pin=pin)
        staff[name] = add_staff(workspace, principal, name=name, user_id=user.id).id
        actors[name] = authenticate(workspace, name, pin)
    staff["lijianguo"] = add_staff(workspace, principal, name="李建国").id
    return actors, staff


def _type_around_now(ws, principal, before: timedelta, after: timedelta, name: str):
    """A duty type whose shift (on the day it starts) runs from now-before to now+after."""
    now = datetime.now(SCHOOL_TZ).replace(second=0, microsecond=0)
    starts, ends = now - before, now + after
    t = add_duty_type(ws, principal, name=name, kind="teacher", start_time=starts.time(),
                      end_time=ends.time())  # fmt: skip
    return t, starts.date()


def _running_shift(ws, principal, staff_id, before: timedelta, after: timedelta, name="值班"):
    t, day = _type_around_now(ws, principal, before, after, name)
    return add_shift(ws, principal, t.id, day, staff_id)


def test_a_running_shift_is_on_duty_not_missing_until_it_ends(workspace, principal, crew):
    actors, staff = crew
    night = add_duty_type(workspace, principal, name="值宿", kind="night_watch",
                          start_time=time(20), end_time=time(6, 30))  # fmt: skip
    generate_rotation(workspace, principal, night.id, DAY, DAY, [staff["wangqiang"]])
    shift = list_shifts(workspace, DAY, DAY)[0]

    before = zero_report(workspace, DAY, now=at(DAY, 15))
    assert before.upcoming == (shift,) and before.missing == () and not before.complete
    running = zero_report(workspace, DAY, now=at(DAY, 23))
    assert running.on_duty == (shift,) and running.missing == () and not running.complete
    assert shift.handover_status(at(DAY + timedelta(days=1), 6, 29)) == "on_duty"
    # 06:30 the next morning the night watch is over: now the handover is missing.
    over = zero_report(workspace, DAY, now=at(DAY + timedelta(days=1), 6, 30))
    assert over.missing == (shift,) and over.on_duty == ()

    record_handover(workspace, actors["wangqiang"], shift.id, HandoverDraft(peaceful=True))
    saved = zero_report(workspace, DAY, now=at(DAY, 23))
    # A draft saved mid-shift is on duty; after the shift it is a handover not signed yet.
    assert [v.id for v in saved.on_duty] == [shift.id] and saved.unsigned == ()
    later = zero_report(workspace, DAY, now=at(DAY + timedelta(days=1), 8))
    assert [v.id for v in later.unsigned] == [shift.id] and later.missing == () and later.complete


def test_the_worktable_asks_for_a_handover_only_once_its_shift_has_ended(
    workspace, principal, crew
):
    _actors, staff = crew
    in_use_since(workspace, DAY - timedelta(days=3))
    night = add_duty_type(workspace, principal, name="值宿", kind="night_watch",
                          start_time=time(20), end_time=time(6, 30))  # fmt: skip
    generate_rotation(workspace, principal, night.id, DAY, DAY, [staff["wangqiang"]])

    def handover_lines(now: datetime):
        table = load_worktable(workspace, principal, now.astimezone(UTC))
        return [ln for ln in table.lines if ln.kind == "shift_handover"]

    assert handover_lines(at(DAY, 22)) == []  # on duty: nothing is owed yet
    morning = handover_lines(at(DAY + timedelta(days=1), 7))
    assert [(ln.status, ln.detail) for ln in morning] == [("due", "值宿 wangqiang")]
    late = handover_lines(at(DAY + timedelta(days=2), 9))
    assert [ln.status for ln in late] == ["overdue"]


def test_a_handover_is_signed_from_half_an_hour_before_the_shift_ends(workspace, principal, crew):
    actors, staff = crew
    me = actors["wangqiang"]
    running = _running_shift(
        workspace, principal, staff["wangqiang"], timedelta(hours=1), timedelta(hours=3)
    )
    h = record_handover(workspace, me, running.id, HandoverDraft(peaceful=True))
    with pytest.raises(UserError, match="can be signed from"):
        sign_handover(workspace, me, h.id, staff["wangqiang"], STROKES)
    view = get_handover(workspace, running.id)
    assert view.outgoing_signature_id is None and not view.locked
    assert signatures_for(workspace, "handover", h.id) == []

    closing = _running_shift(workspace, principal, staff["wangqiang"], timedelta(hours=3),
                             timedelta(minutes=20), name="午间值班")  # fmt: skip
    h2 = record_handover(workspace, me, closing.id, HandoverDraft(peaceful=True))
    assert sign_handover(workspace, me, h2.id, staff["wangqiang"], STROKES).outgoing_signature_id


def test_an_early_handover_says_why_and_prints_the_reason(workspace, principal, crew):
    actors, staff = crew
    me = actors["wangqiang"]
    running = _running_shift(
        workspace, principal, staff["wangqiang"], timedelta(hours=1), timedelta(hours=3)
    )
    reason = "王强突发高烧，提前由刘芳接班"
    h = record_handover(workspace, me, running.id,
                        HandoverDraft(peaceful=True, incoming_id=staff["liufang"], early_reason=reason))  # fmt: skip
    sign_handover(workspace, me, h.id, staff["wangqiang"], STROKES)
    confirmed = confirm_identity(workspace, actors["liufang"].user_id, PINS["liufang"])
    view = sign_handover(workspace, me, h.id, staff["liufang"], STROKES, confirmation=confirmed)
    assert view.locked and view.draft.early_reason == reason
    assert handover_content(handover_facts(workspace, h.id))["early_reason"] == reason

    upcoming = add_shift(workspace, principal, running.duty_type_id,
                         running.date + timedelta(days=1), staff["wangqiang"])  # fmt: skip
    h2 = record_handover(workspace, me, upcoming.id,
                         HandoverDraft(peaceful=True, early_reason=reason))  # fmt: skip
    with pytest.raises(UserError, match="cannot be handed over before it starts"):
        sign_handover(workspace, me, h2.id, staff["wangqiang"], STROKES)


def _signed_by_outgoing(workspace, principal, actors, staff, incoming: str):
    """Yesterday's ended day shift of wangqiang's, signed by him, naming ``incoming``."""
    day = datetime.now(SCHOOL_TZ).date() - timedelta(days=1)
    t = add_duty_type(workspace, principal, name="白班", kind="teacher", start_time=time(8),
                      end_time=time(17))  # fmt: skip
    shift = add_shift(workspace, principal, t.id, day, staff["wangqiang"])
    draft = HandoverDraft(peaceful=True, incoming_id=staff[incoming])
    h = record_handover(workspace, actors["wangqiang"], shift.id, draft)
    sign_handover(workspace, actors["wangqiang"], h.id, staff["wangqiang"], STROKES)
    return h


def test_the_incoming_person_confirms_with_their_own_pin_before_signing(workspace, principal, crew):
    actors, staff = crew
    me, liufang = actors["wangqiang"], actors["liufang"]
    h = _signed_by_outgoing(workspace, principal, actors, staff, "liufang")
    # On wangqiang's session nobody signs for liufang without her PIN …
    with pytest.raises(PermissionDenied, match="own password or PIN"):
        sign_handover(workspace, me, h.id, staff["liufang"], STROKES)
    # … nor with wangqiang's own confirmation.
    mine = confirm_identity(workspace, me.user_id, PINS["wangqiang"])
    with pytest.raises(PermissionDenied):
        sign_handover(workspace, me, h.id, staff["liufang"], STROKES, confirmation=mine)
    with pytest.raises(UserError, match="4 more wrong attempts"):
        confirm_identity(workspace, liufang.user_id, "999999")
    assert get_handover(workspace, h.shift_id).incoming_signature_id is None
    confirmed = confirm_identity(workspace, liufang.user_id, PINS["liufang"])
    assert is_confirmed(confirmed, liufang.user_id)
    assert not is_confirmed(confirmed, liufang.user_id, confirmed.confirmed_at + timedelta(hours=1))
    view = sign_handover(workspace, me, h.id, staff["liufang"], STROKES, confirmation=confirmed)
    assert view.locked
    sigs = signatures_for(workspace, "handover", h.id)
    assert sigs[1].signer_user_id == liufang.user_id
    with workspace.read() as s:
        checks = s.execute(
            select(AuditEntry.actor_id, AuditEntry.detail)
            .where(AuditEntry.action == "identity.confirm")
            .order_by(AuditEntry.seq)
        ).all()
    assert [(u, d) for u, d in checks] == [
        (me.user_id, "ok"), (liufang.user_id, "refused"), (liufang.user_id, "ok")
    ]  # fmt: skip


def test_wrong_pins_at_the_handover_lock_the_account_like_a_sign_in(workspace, principal, crew):
    actors, staff = crew
    liufang = actors["liufang"]
    for _ in range(4):
        with pytest.raises(UserError, match="Wrong password or PIN"):
            confirm_identity(workspace, liufang.user_id, "999999")
    with pytest.raises(UserError, match="locked until"):
        confirm_identity(workspace, liufang.user_id, "999999")
    # Locked for the sign-in window too, and the right PIN no longer opens it.
    with pytest.raises(UserError, match="locked until"):
        authenticate(workspace, "liufang", PINS["liufang"])
    with pytest.raises(UserError, match="locked until"):
        confirm_identity(workspace, liufang.user_id, PINS["liufang"])


def test_a_person_without_a_sign_in_here_cannot_confirm_and_is_told_what_to_do(
    workspace, principal, crew
):
    actors, staff = crew
    h = _signed_by_outgoing(workspace, principal, actors, staff, "lijianguo")
    with pytest.raises(UserError, match="no sign-in on this computer") as refused:
        sign_handover(workspace, actors["wangqiang"], h.id, staff["lijianguo"], STROKES)
    assert "Ask the principal to set a password or PIN for 李建国" in str(refused.value)
    # An account whose PIN was set on another PC (secrets never travel) cannot confirm here.
    with workspace.db.engine.begin() as conn:
        conn.execute(
            delete(LocalCredential.__table__).where(
                LocalCredential.__table__.c.user_id == actors["liufang"].user_id
            )
        )
    with pytest.raises(UserError, match="no sign-in on this computer"):
        confirm_identity(workspace, actors["liufang"].user_id, PINS["liufang"])
    assert get_handover(workspace, h.shift_id).incoming_signature_id is None
