"""Shift handover (交接班): record, acknowledge, sign; then it is fixed.

Rules, each refused with a UserError before anything is saved:

* only the person on the shift records its handover (:attr:`RECORD_HANDOVER`
  and the shift's staff entry linked to the signed-in account);
* the incoming person is someone other than the outgoing one;
* the content can change until the first signature (a signature binds the
  content's hash); after both have signed it is immutable (``locked_at``);
* a shift that was not peaceful (平安) says what happened;
* a signature is taken only from the handover time on (30 minutes before the
  shift ends, :mod:`app.duty.shift_time`), or earlier when the record says
  why it is handed over early; never before the shift has started.

Signing happens at one PC: the signed-in party hands the pad to the other,
so either party's session may capture either party's signature — but a
signature in the name of someone other than the signed-in person needs that
person's own password or PIN first (:mod:`app.accounts.confirm`), so nobody
signs for a colleague who is not there. The app itself (``system``: demo
data, imports) is bound by neither the time nor the confirmation.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Sequence
from datetime import date, datetime, time

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.accounts.confirm import Confirmation, is_confirmed, no_login_error
from app.accounts.roles import Permission, require
from app.actor import Actor
from app.duty.shift_time import Phase, handover_opens_at, phase, shift_bounds
from app.errors import PermissionDenied, UserError
from app.i18n import QT_TRANSLATE_NOOP
from app.school.clock import school_clock
from app.signatures.service import Strokes, add_signature, content_hash
from app.staff.service import get_staff, staff_for_user
from app.workspace import Workspace
from db.base import utcnow
from db.models import DutyShift, Handover, HandoverEvent, HandoverPatrol

TABLE = "handover"
MAX_EARLY_REASON = 200


@dataclasses.dataclass(frozen=True)
class Patrol:
    at: datetime
    place: str
    findings: str = ""
    id: uuid.UUID | None = None
    hazard_id: uuid.UUID | None = None


@dataclasses.dataclass(frozen=True)
class Event:
    at: datetime
    what: str
    action_taken: str = ""


@dataclasses.dataclass(frozen=True)
class HandoverDraft:
    peaceful: bool
    patrols: tuple[Patrol, ...] = ()
    events: tuple[Event, ...] = ()
    handed_over: str = ""
    issues: str = ""
    incoming_id: uuid.UUID | None = None
    noon_expected: int | None = None
    noon_present: int | None = None
    night_expected: int | None = None
    night_present: int | None = None
    roll_call_note: str = ""
    # Why it is handed over before its time (see app.duty.shift_time); empty otherwise.
    early_reason: str = ""


@dataclasses.dataclass(frozen=True)
class HandoverView:
    id: uuid.UUID
    shift_id: uuid.UUID
    shift_date: date
    outgoing_id: uuid.UUID
    incoming_id: uuid.UUID | None
    recorded_at: datetime
    draft: HandoverDraft
    acknowledged_at: datetime | None
    outgoing_signature_id: uuid.UUID | None
    incoming_signature_id: uuid.UUID | None
    locked: bool


def _refuse(message: str, **params) -> None:
    raise UserError(message, **params)


def validate(draft: HandoverDraft) -> HandoverDraft:
    for p in draft.patrols:
        if not p.place.strip() or len(p.place.strip()) > 200:
            _refuse(
                QT_TRANSLATE_NOOP(
                    "app", "Each patrol needs the place patrolled (at most 200 characters)."
                )
            )
        if p.at.tzinfo is None:
            raise ValueError("patrol times must be aware datetimes")
    for e in draft.events:
        if not e.what.strip():
            _refuse(QT_TRANSLATE_NOOP("app", "Describe what happened in each event."))
        if e.at.tzinfo is None:
            raise ValueError("event times must be aware datetimes")
    if not draft.peaceful and not draft.events:
        _refuse(QT_TRANSLATE_NOOP("app", "The shift was not peaceful: record what happened."))
    for expected, present in ((draft.noon_expected, draft.noon_present),
                              (draft.night_expected, draft.night_present)):  # fmt: skip
        if (expected is None) != (present is None):
            _refuse(
                QT_TRANSLATE_NOOP(
                    "app", "A roll call needs both the expected and the present count."
                )
            )
        if expected is not None and not 0 <= present <= expected:
            _refuse(
                QT_TRANSLATE_NOOP(
                    "app", "A roll call cannot count more students present than expected."
                )
            )
    if (draft.noon_present, draft.night_present) != (
        draft.noon_expected,
        draft.night_expected,
    ) and not (draft.roll_call_note.strip()):
        _refuse(
            QT_TRANSLATE_NOOP("app", "Some boarders were missing at roll call: note who and why.")
        )
    if len(draft.early_reason.strip()) > MAX_EARLY_REASON:
        _refuse(QT_TRANSLATE_NOOP("app", "Say why in at most {n} characters."), n=MAX_EARLY_REASON)
    return draft


def _actor_staff(s: Session, actor: Actor):
    return staff_for_user(s, actor.user_id)


def _own_shift(s: Session, actor: Actor, shift: DutyShift) -> None:
    if actor.role == "system":
        return
    me = _actor_staff(s, actor)
    if me is None or me.id != shift.staff_id:
        raise PermissionDenied(
            QT_TRANSLATE_NOOP("app", "Only the person on this shift can record its handover.")
        )


def _content(
    h: Handover, patrols: Sequence[HandoverPatrol], events: Sequence[HandoverEvent]
) -> dict:
    """What a signature vouches for (the hazard links added later are not part of it).

    The early-handover reason is there only when given, so a handover signed
    at its time hashes as it did before the reason existed.
    """
    content = {
        "shift": h.shift_id, "outgoing": h.outgoing_id, "incoming": h.incoming_id, "peaceful": h.peaceful,
        "handed_over": h.handed_over, "issues": h.issues, "roll_call": [
            h.noon_expected, h.noon_present, h.night_expected, h.night_present, h.roll_call_note],
        "patrols": [[p.at.isoformat(), p.place, p.findings] for p in patrols],
        "events": [[e.at.isoformat(), e.what, e.action_taken] for e in events],
    }  # fmt: skip
    if h.early_reason:
        content["early_reason"] = h.early_reason
    return content


def _children(s: Session, h: Handover) -> tuple[list[HandoverPatrol], list[HandoverEvent]]:
    patrols = s.scalars(select(HandoverPatrol).where(HandoverPatrol.handover_id == h.id,
                        HandoverPatrol.deleted_at.is_(None)).order_by(HandoverPatrol.position))  # fmt: skip
    events = s.scalars(select(HandoverEvent).where(HandoverEvent.handover_id == h.id,
                       HandoverEvent.deleted_at.is_(None)).order_by(HandoverEvent.position))  # fmt: skip
    return list(patrols), list(events)


def _view(s: Session, h: Handover) -> HandoverView:
    patrols, events = _children(s, h)
    shift = s.get(DutyShift, h.shift_id)
    draft = HandoverDraft(
        peaceful=h.peaceful,
        patrols=tuple(Patrol(p.at, p.place, p.findings, p.id, p.hazard_id) for p in patrols),
        events=tuple(Event(e.at, e.what, e.action_taken) for e in events),
        handed_over=h.handed_over, issues=h.issues, incoming_id=h.incoming_id,
        noon_expected=h.noon_expected, noon_present=h.noon_present,
        night_expected=h.night_expected, night_present=h.night_present, roll_call_note=h.roll_call_note,
        early_reason=h.early_reason,
    )  # fmt: skip
    return HandoverView(h.id, h.shift_id, shift.date, h.outgoing_id, h.incoming_id, h.recorded_at, draft,
                        h.acknowledged_at, h.outgoing_signature_id, h.incoming_signature_id,
                        h.locked_at is not None)  # fmt: skip


def record_handover(
    ws: Workspace, actor: Actor, shift_id: uuid.UUID, draft: HandoverDraft
) -> HandoverView:
    """Create the shift's handover, or rewrite it while nobody has signed it yet."""
    require(actor, Permission.RECORD_HANDOVER)
    draft = validate(draft)
    with ws.action(actor, "duty.handover.record") as s:
        shift = s.get(DutyShift, shift_id)
        if shift is None or shift.deleted_at is not None:
            _refuse(QT_TRANSLATE_NOOP("app", "This shift no longer exists."))
        _own_shift(s, actor, shift)
        if draft.incoming_id is not None:
            if draft.incoming_id == shift.staff_id:
                _refuse(
                    QT_TRANSLATE_NOOP(
                        "app", "The incoming person must be someone other than the outgoing one."
                    )
                )
            get_staff(s, draft.incoming_id)
        h = s.scalar(
            select(Handover).where(Handover.shift_id == shift.id, Handover.deleted_at.is_(None))
        )
        now = utcnow()
        if h is None:
            h = Handover(
                shift_id=shift.id,
                outgoing_id=shift.staff_id,
                recorded_at=now,
                peaceful=draft.peaceful,
            )
            s.add(h)
        elif h.outgoing_signature_id or h.incoming_signature_id:
            _refuse(
                QT_TRANSLATE_NOOP(
                    "app", "This handover has been signed and can no longer be changed."
                )
            )
        else:
            for child in [*_children(s, h)[0], *_children(s, h)[1]]:
                child.deleted_at = now
        h.peaceful, h.handed_over, h.issues = (
            draft.peaceful,
            draft.handed_over.strip(),
            draft.issues.strip(),
        )
        h.incoming_id = draft.incoming_id
        h.noon_expected, h.noon_present = draft.noon_expected, draft.noon_present
        h.night_expected, h.night_present = draft.night_expected, draft.night_present
        h.roll_call_note, h.recorded_at = draft.roll_call_note.strip(), now
        h.early_reason = draft.early_reason.strip()
        s.flush()
        for i, p in enumerate(draft.patrols):
            s.add(HandoverPatrol(handover_id=h.id, position=i, at=p.at, place=p.place.strip(),
                                 findings=p.findings.strip()))  # fmt: skip
        for i, e in enumerate(draft.events):
            s.add(HandoverEvent(handover_id=h.id, position=i, at=e.at, what=e.what.strip(),
                                action_taken=e.action_taken.strip()))  # fmt: skip
        s.flush()
        return _view(s, h)


def _when(at: datetime) -> str:
    return f"{school_clock(at):%Y-%m-%d %H:%M}"


def _check_time(shift: DutyShift, h: Handover, now: datetime) -> None:
    """Refuse a signature before the shift's handover time unless the record says why."""
    start, end = (time(m // 60 % 24, m % 60) for m in (shift.start_minute, shift.end_minute))
    if phase(shift.date, start, end, now) is Phase.UPCOMING:
        _refuse(
            QT_TRANSLATE_NOOP(
                "app", "This shift starts at {start}; it cannot be handed over before it starts."
            ),
            start=_when(shift_bounds(shift.date, start, end)[0]),
        )
    opens = handover_opens_at(shift.date, start, end)
    if now < opens and not h.early_reason:
        _refuse(
            QT_TRANSLATE_NOOP(
                "app",
                "This shift runs until {end}; its handover can be signed from {opens}. "
                "To hand over early (the person on duty fell ill, say), write the reason first.",
            ),
            end=_when(shift_bounds(shift.date, start, end)[1]),
            opens=_when(opens),
        )


def sign_handover(
    ws: Workspace, actor: Actor, handover_id: uuid.UUID, signer_staff_id: uuid.UUID, strokes: Strokes,
    png: bytes | None = None, *, confirmation: Confirmation | None = None,
) -> HandoverView:  # fmt: skip
    """Add the outgoing or the incoming person's signature.

    The incoming person's signature is their acknowledgement (sets
    ``acknowledged_at``; names them as incoming if the record did not). When
    both have signed, the handover is locked. Signing in the name of someone
    other than the signed-in person needs ``confirmation``: that person's
    own password or PIN, checked by :func:`app.accounts.confirm.confirm_identity`.
    """
    require(actor, Permission.RECORD_HANDOVER)
    with ws.action(actor, "duty.handover.sign") as s:
        h = s.get(Handover, handover_id)
        if h is None or h.deleted_at is not None:
            _refuse(QT_TRANSLATE_NOOP("app", "This handover no longer exists."))
        if h.locked_at is not None:
            _refuse(
                QT_TRANSLATE_NOOP(
                    "app", "Both people have signed this handover; it can no longer be changed."
                )
            )
        signer = get_staff(s, signer_staff_id)
        me = _actor_staff(s, actor)
        parties = {h.outgoing_id, h.incoming_id or signer.id}
        if actor.role != "system" and (me is None or me.id not in parties):
            raise PermissionDenied(
                QT_TRANSLATE_NOOP("app", "Only the two people of this handover can sign it.")
            )
        if actor.role != "system":
            _check_time(s.get(DutyShift, h.shift_id), h, utcnow())
            if me.id != signer.id:
                if signer.user_id is None:
                    raise no_login_error(signer.name)
                if not is_confirmed(confirmation, signer.user_id):
                    raise PermissionDenied(
                        QT_TRANSLATE_NOOP(
                            "app", "{name} confirms with their own password or PIN before signing."
                        ),
                        name=signer.name,
                    )
        if signer.id == h.outgoing_id:
            if h.outgoing_signature_id is not None:
                _refuse(
                    QT_TRANSLATE_NOOP("app", "{name} has already signed this handover."),
                    name=signer.name,
                )
            purpose = "handover.outgoing"
        else:
            if h.incoming_id not in (None, signer.id):
                _refuse(
                    QT_TRANSLATE_NOOP(
                        "app", "Only the outgoing and the incoming person sign a handover."
                    )
                )
            if h.incoming_signature_id is not None:
                _refuse(
                    QT_TRANSLATE_NOOP("app", "{name} has already signed this handover."),
                    name=signer.name,
                )
            h.incoming_id = signer.id
            purpose = "handover.incoming"
        patrols, events = _children(s, h)
        sig = add_signature(s, signer_name=signer.name, purpose=purpose, record_table=TABLE, record_id=h.id,
                            strokes=strokes, content_sha256=content_hash(_content(h, patrols, events)),
                            signer_staff_id=signer.id, signer_user_id=signer.user_id, png=png)  # fmt: skip
        if purpose == "handover.outgoing":
            h.outgoing_signature_id = sig.id
        else:
            h.incoming_signature_id = sig.id
            h.acknowledged_at = sig.signed_at
        if h.outgoing_signature_id and h.incoming_signature_id:
            h.locked_at = utcnow()
        s.flush()
        return _view(s, h)


def get_handover(ws: Workspace, shift_id: uuid.UUID) -> HandoverView | None:
    with ws.read() as s:
        h = s.scalar(
            select(Handover).where(Handover.shift_id == shift_id, Handover.deleted_at.is_(None))
        )
        return _view(s, h) if h else None


def last_patrol_route(ws: Workspace, staff_id: uuid.UUID) -> list[str]:
    """The places of this person's latest handover's patrols, in order (to prefill the next)."""
    with ws.read() as s:
        q = (
            select(Handover).join(DutyShift, DutyShift.id == Handover.shift_id)
            .where(Handover.outgoing_id == staff_id, Handover.deleted_at.is_(None))
            .order_by(DutyShift.date.desc(), DutyShift.start_minute.desc(), Handover.recorded_at.desc())
        )  # fmt: skip
        for h in s.scalars(q):
            patrols = _children(s, h)[0]
            if patrols:
                return list(dict.fromkeys(p.place for p in patrols))
    return []
