"""Duty types, school holidays and shifts: rotation, swaps and gaps.

Changes need :attr:`Permission.EDIT_ROSTER`; reads need none (the roster is
posted). Each change is one :meth:`Workspace.action`, validated first.

Which days a duty is stood: ``every_day``; ``school_days`` (Monday to Friday,
not a marked holiday); ``rest_days`` (weekends and marked holidays). A shift
belongs to the date it starts on, so a night watch from 20:00 to 06:30 is the
evening's.
"""

from __future__ import annotations

import dataclasses
import enum
import uuid
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.accounts.roles import Permission, require
from app.actor import Actor
from app.duty.shift_time import Phase, handover_opens_at, phase, shift_bounds
from app.errors import UserError
from app.i18n import QT_TRANSLATE_NOOP
from app.staff.service import get_staff, leaves_between, on_leave, school_of
from app.workspace import Workspace
from db.base import utcnow
from db.models import DutyShift, DutyType, Handover, SchoolHoliday, StaffMember

MAX_RANGE_DAYS = 366


class DutyKind(enum.StrEnum):
    LEADER = "leader"
    TEACHER = "teacher"
    NIGHT_WATCH = "night_watch"
    GUARD = "guard"


DUTY_KIND_LABELS: dict[str, str] = {
    DutyKind.LEADER: QT_TRANSLATE_NOOP("app", "Leader on duty"),
    DutyKind.TEACHER: QT_TRANSLATE_NOOP("app", "Duty teacher"),
    DutyKind.NIGHT_WATCH: QT_TRANSLATE_NOOP("app", "Night watch"),
    DutyKind.GUARD: QT_TRANSLATE_NOOP("app", "Guard shift"),
}
DAYS = ("every_day", "school_days", "rest_days")


@dataclasses.dataclass(frozen=True)
class DutyTypeView:
    id: uuid.UUID
    name: str
    kind: str
    start_time: time
    end_time: time
    days: str
    required: bool
    roll_call: bool

    @property
    def overnight(self) -> bool:
        return self.end_time <= self.start_time


@dataclasses.dataclass(frozen=True)
class ShiftView:
    id: uuid.UUID
    date: date
    duty_type_id: uuid.UUID
    duty_name: str
    kind: str
    staff_id: uuid.UUID
    staff_name: str
    start_time: time
    end_time: time
    # The handover's progress: "none", "draft" (saved, nobody signed), "signed" (the
    # outgoing person signed, the incoming one not yet) or "locked" (both signed).
    handover: str = "none"

    @property
    def has_handover(self) -> bool:
        return self.handover != "none"

    @property
    def starts_at(self) -> datetime:
        return shift_bounds(self.date, self.start_time, self.end_time)[0]

    @property
    def ends_at(self) -> datetime:
        return shift_bounds(self.date, self.start_time, self.end_time)[1]

    @property
    def handover_opens_at(self) -> datetime:
        return handover_opens_at(self.date, self.start_time, self.end_time)

    def phase(self, now: datetime) -> Phase:
        return phase(self.date, self.start_time, self.end_time, now)

    def handover_status(self, now: datetime) -> str:
        """What to say about the handover at ``now`` (aware): one of :data:`HANDOVER_STATUSES`.

        A handover is owed only once the shift has ended: before that the
        shift is ``upcoming`` or ``on_duty`` (a saved draft included), never
        ``missing``. An early handover that was signed says so at any time.
        """
        if self.handover in ("signed", "locked"):
            return self.handover
        p = self.phase(now)
        if p is Phase.UPCOMING:
            return "upcoming"
        if p is Phase.RUNNING:
            return "on_duty"
        return "unsigned" if self.handover == "draft" else "missing"


HANDOVER_STATUSES = ("upcoming", "on_duty", "missing", "unsigned", "signed", "locked")


@dataclasses.dataclass(frozen=True)
class HolidayView:
    id: uuid.UUID
    name: str
    start_date: date
    end_date: date


def minutes(t: time) -> int:
    return t.hour * 60 + t.minute


def clock(m: int) -> time:
    return time(m // 60, m % 60)


def _type_view(t: DutyType) -> DutyTypeView:
    return DutyTypeView(
        t.id,
        t.name,
        t.kind,
        clock(t.start_minute),
        clock(t.end_minute),
        t.days,
        t.required,
        t.roll_call,
    )


def _check_range(start: date, end: date) -> None:
    if end < start:
        raise UserError(QT_TRANSLATE_NOOP("app", "The end date cannot be before the start date."))
    if (end - start).days >= MAX_RANGE_DAYS:
        raise UserError(QT_TRANSLATE_NOOP("app", "Choose at most one year at a time."))


def days_between(start: date, end: date) -> list[date]:
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


# -- duty types and holidays --------------------------------------------------------


def add_duty_type(
    ws: Workspace, actor: Actor, *, name: str, kind: str, start_time: time, end_time: time,
    days: str = "every_day", required: bool = True, roll_call: bool = False,
) -> DutyTypeView:  # fmt: skip
    """A kind of shift with its hours (an end at or before the start ends the next day)."""
    require(actor, Permission.EDIT_ROSTER)
    school_of(ws)
    name = name.strip()
    if not name or len(name) > 50:
        raise UserError(QT_TRANSLATE_NOOP("app", "Enter a name of at most 50 characters."))
    if kind not in {k.value for k in DutyKind}:
        raise UserError(QT_TRANSLATE_NOOP("app", "Choose the kind of duty."))
    if days not in DAYS:
        raise UserError(QT_TRANSLATE_NOOP("app", "Choose the days this duty is stood."))
    if start_time == end_time and kind != DutyKind.LEADER:
        # Only the 24-hour leader on duty (24小时领导带班) runs round the clock.
        raise UserError(QT_TRANSLATE_NOOP("app", "A shift cannot start and end at the same time."))
    with ws.action(actor, "duty.type.add") as s:
        t = DutyType(name=name, kind=kind, start_minute=minutes(start_time), end_minute=minutes(end_time), days=days,
                     required=required, roll_call=roll_call)  # fmt: skip
        s.add(t)
        s.flush()
        return _type_view(t)


def list_duty_types(ws: Workspace) -> list[DutyTypeView]:
    order = {k.value: i for i, k in enumerate(DutyKind)}
    with ws.read() as s:
        rows = [
            _type_view(t) for t in s.scalars(select(DutyType).where(DutyType.deleted_at.is_(None)))
        ]
    return sorted(rows, key=lambda t: (order.get(t.kind, 9), t.start_time, t.name))


def mark_holiday(ws: Workspace, actor: Actor, name: str, start: date, end: date) -> HolidayView:
    require(actor, Permission.EDIT_ROSTER)
    school_of(ws)
    _check_range(start, end)
    name = name.strip()
    if not name or len(name) > 50:
        raise UserError(QT_TRANSLATE_NOOP("app", "Enter a name of at most 50 characters."))
    with ws.action(actor, "duty.holiday.mark") as s:
        h = SchoolHoliday(name=name, start_date=start, end_date=end)
        s.add(h)
        s.flush()
        return HolidayView(h.id, h.name, start, end)


def holidays_between(s: Session, start: date, end: date) -> dict[date, str]:
    """Marked holiday days in ``start``..``end`` -> holiday name (inside an open session)."""
    out: dict[date, str] = {}
    q = select(SchoolHoliday).where(
        SchoolHoliday.deleted_at.is_(None),
        SchoolHoliday.start_date <= end,
        SchoolHoliday.end_date >= start,
    )
    for h in s.scalars(q):
        for d in days_between(max(h.start_date, start), min(h.end_date, end)):
            out.setdefault(d, h.name)
    return out


def stood_on(days: str, day: date, holidays: dict[date, str]) -> bool:
    """Whether a duty with this ``days`` rule is stood on ``day``."""
    rest = day.weekday() >= 5 or day in holidays
    return days == "every_day" or (days == "rest_days") == rest


# -- shifts -------------------------------------------------------------------------


def shift_views(s: Session, shifts: Sequence[DutyShift]) -> list[ShiftView]:
    types = {t.id: t for t in s.scalars(select(DutyType))}
    staff = {m.id: m.name for m in s.scalars(select(StaffMember))}
    ids = [x.id for x in shifts]
    rows = s.execute(
        select(Handover.shift_id, Handover.outgoing_signature_id, Handover.incoming_signature_id,
               Handover.locked_at).where(Handover.shift_id.in_(ids), Handover.deleted_at.is_(None))
    ) if ids else ()  # fmt: skip
    handed = {
        sid: "locked" if locked else "signed" if out or inc else "draft"
        for sid, out, inc, locked in rows
    }
    order = {k.value: i for i, k in enumerate(DutyKind)}
    out = [
        ShiftView(
            x.id,
            x.date,
            x.duty_type_id,
            types[x.duty_type_id].name,
            types[x.duty_type_id].kind,
            x.staff_id,
            staff.get(x.staff_id, ""),
            clock(x.start_minute),
            clock(x.end_minute),
            handed.get(x.id, "none"),
        )  # fmt: skip
        for x in shifts
    ]
    return sorted(out, key=lambda v: (v.date, order.get(v.kind, 9), v.start_time, v.staff_name))


def shifts_between(s: Session, start: date, end: date) -> list[DutyShift]:
    return list(
        s.scalars(
            select(DutyShift).where(
                DutyShift.deleted_at.is_(None), DutyShift.date >= start, DutyShift.date <= end
            )
        )
    )


def list_shifts(ws: Workspace, start: date, end: date) -> list[ShiftView]:
    with ws.read() as s:
        return shift_views(s, shifts_between(s, start, end))


def _live_type(s: Session, duty_type_id: uuid.UUID) -> DutyType:
    t = s.get(DutyType, duty_type_id)
    if t is None or t.deleted_at is not None:
        raise UserError(QT_TRANSLATE_NOOP("app", "This duty type no longer exists."))
    return t


def _live_shift(s: Session, shift_id: uuid.UUID) -> DutyShift:
    x = s.get(DutyShift, shift_id)
    if x is None or x.deleted_at is not None:
        raise UserError(QT_TRANSLATE_NOOP("app", "This shift no longer exists."))
    return x


def _has_handover(s: Session, shift_id: uuid.UUID) -> bool:
    q = select(Handover.id).where(Handover.shift_id == shift_id, Handover.deleted_at.is_(None))
    return s.scalar(q) is not None


def add_shift(
    ws: Workspace, actor: Actor, duty_type_id: uuid.UUID, day: date, staff_id: uuid.UUID
) -> ShiftView:
    """One shift by hand (a second guard on a big day, a change the rotation did not foresee)."""
    require(actor, Permission.EDIT_ROSTER)
    with ws.action(actor, "duty.shift.add") as s:
        t = _live_type(s, duty_type_id)
        person = get_staff(s, staff_id)
        if not person.active:
            raise UserError(
                QT_TRANSLATE_NOOP("app", "{name} no longer works here."), name=person.name
            )
        if on_leave(leaves_between(s, day, day), staff_id, day):
            raise UserError(QT_TRANSLATE_NOOP("app", "{name} is on leave on {date}."),
                            name=person.name, date=day.isoformat())  # fmt: skip
        x = DutyShift(
            duty_type_id=t.id,
            date=day,
            staff_id=staff_id,
            start_minute=t.start_minute,
            end_minute=t.end_minute,
        )
        s.add(x)
        s.flush()
        return shift_views(s, [x])[0]


def remove_shift(ws: Workspace, actor: Actor, shift_id: uuid.UUID) -> None:
    require(actor, Permission.EDIT_ROSTER)
    with ws.action(actor, "duty.shift.remove") as s:
        x = _live_shift(s, shift_id)
        if _has_handover(s, x.id):
            raise UserError(
                QT_TRANSLATE_NOOP(
                    "app", "This shift has a handover record and stays on the roster."
                )
            )
        x.deleted_at = utcnow()


@dataclasses.dataclass(frozen=True)
class Rotation:
    shifts: tuple[ShiftView, ...]
    # Days the duty is stood on which nobody in the list was available.
    uncovered: tuple[date, ...]


def generate_rotation(
    ws: Workspace, actor: Actor, duty_type_id: uuid.UUID, start: date, end: date,
    staff_ids: Sequence[uuid.UUID], *, replace: bool = False,
) -> Rotation:  # fmt: skip
    """One shift per day the duty is stood in ``start``..``end``, shared out fairly.

    Each day goes to the available person (active, not on leave) with the
    fewest shifts so far in this rotation, ties to whoever has waited longest,
    then list order: without leave, counts differ by at most one. Existing
    shifts of this duty in the range are refused, or with ``replace``
    tombstoned (a shift that already has a handover is never replaced).
    """
    require(actor, Permission.EDIT_ROSTER)
    _check_range(start, end)
    people = list(dict.fromkeys(staff_ids))
    if not people:
        raise UserError(QT_TRANSLATE_NOOP("app", "Choose the people who take turns."))
    with ws.action(actor, "duty.rotation.generate") as s:
        t = _live_type(s, duty_type_id)
        for staff_id in people:
            person = get_staff(s, staff_id)
            if not person.active:
                raise UserError(
                    QT_TRANSLATE_NOOP("app", "{name} no longer works here."), name=person.name
                )
        existing = [x for x in shifts_between(s, start, end) if x.duty_type_id == t.id]
        if existing and not replace:
            raise UserError(
                QT_TRANSLATE_NOOP("app", "{duty} already has {n} shifts between {start} and {end}. "
                                  "Replace them or choose other dates."),
                duty=t.name, n=len(existing), start=start.isoformat(), end=end.isoformat(),
            )  # fmt: skip
        now = utcnow()
        for x in existing:
            if _has_handover(s, x.id):
                raise UserError(
                    QT_TRANSLATE_NOOP("app", "The shift on {date} already has a handover record; "
                                      "start the new rotation after it."),
                    date=x.date.isoformat(),
                )  # fmt: skip
            x.deleted_at = now
        holidays = holidays_between(s, start, end)
        leaves = leaves_between(s, start, end)
        counts = dict.fromkeys(people, 0)
        last: dict[uuid.UUID, int] = dict.fromkeys(people, -1)
        made, uncovered = [], []
        for i, day in enumerate(days_between(start, end)):
            if not stood_on(t.days, day, holidays):
                continue
            free = [p for p in people if not on_leave(leaves, p, day)]
            if not free:
                uncovered.append(day)
                continue
            pick = min(free, key=lambda p: (counts[p], last[p], people.index(p)))
            counts[pick] += 1
            last[pick] = i
            x = DutyShift(
                duty_type_id=t.id,
                date=day,
                staff_id=pick,
                start_minute=t.start_minute,
                end_minute=t.end_minute,
            )
            s.add(x)
            made.append(x)
        s.flush()
        s.info["xiaoan.audit_detail"] = f"{t.name} {start.isoformat()}..{end.isoformat()}"
        return Rotation(tuple(shift_views(s, made)), tuple(uncovered))


def swap_shifts(
    ws: Workspace, actor: Actor, shift_a: uuid.UUID, shift_b: uuid.UUID
) -> tuple[ShiftView, ShiftView]:
    """Exchange the people of two shifts. Refused once either shift has a handover,
    or when the swap would put someone on a day they are on leave."""
    require(actor, Permission.EDIT_ROSTER)
    if shift_a == shift_b:
        raise UserError(QT_TRANSLATE_NOOP("app", "Choose two different shifts to swap."))
    with ws.action(actor, "duty.shift.swap") as s:
        a, b = _live_shift(s, shift_a), _live_shift(s, shift_b)
        if a.staff_id == b.staff_id:
            raise UserError(
                QT_TRANSLATE_NOOP(
                    "app", "Both shifts are the same person's; there is nothing to swap."
                )
            )
        for x in (a, b):
            if _has_handover(s, x.id):
                raise UserError(
                    QT_TRANSLATE_NOOP("app", "The shift on {date} already has a handover record and cannot be swapped."),
                    date=x.date.isoformat(),
                )  # fmt: skip
        leaves = leaves_between(s, min(a.date, b.date), max(a.date, b.date))
        for person, day in ((b.staff_id, a.date), (a.staff_id, b.date)):
            if on_leave(leaves, person, day):
                raise UserError(QT_TRANSLATE_NOOP("app", "{name} is on leave on {date}."),
                                name=get_staff(s, person).name, date=day.isoformat())  # fmt: skip
        a.staff_id, b.staff_id = b.staff_id, a.staff_id
        s.flush()
        views = {v.id: v for v in shift_views(s, [a, b])}
        return views[a.id], views[b.id]
