"""Roster gaps and the week / month calendars built on them.

Gaps are warnings, never refusals: a roster with a gap can still be saved,
printed and worked on. Kinds:

* ``no_shift`` — a required duty has no shift on a day it is stood (a night
  with no watch);
* ``holiday_no_leader`` — a marked holiday without a leader on duty
  (000 §20: school leaders on duty in holidays);
* ``on_leave`` / ``left`` — a shift's person is on leave that day, or no
  longer works here.

Nothing is owed before the school's set-up day
(:func:`app.compliance.engine.records_since`): a day before it has no gaps,
so a school set up mid-month does not start with a calendar of red days.
"""

from __future__ import annotations

import calendar as _calendar
import dataclasses
import re
import uuid
from datetime import date, timedelta

from sqlalchemy import select

from app.duty.roster import (
    DutyKind,
    ShiftView,
    days_between,
    holidays_between,
    shift_views,
    shifts_between,
    stood_on,
)
from app.errors import UserError
from app.i18n import QT_TRANSLATE_NOOP
from app.staff.service import leaves_between, on_leave
from app.workspace import Workspace
from db.models import DutyType, StaffMember

NO_SHIFT = "no_shift"
HOLIDAY_NO_LEADER = "holiday_no_leader"
ON_LEAVE = "on_leave"
LEFT = "left"
_ISO_WEEK = re.compile(r"^(\d{4})-?W(\d{1,2})$", re.IGNORECASE)


@dataclasses.dataclass(frozen=True)
class RosterGap:
    date: date
    kind: str
    duty_type_id: uuid.UUID | None
    duty_name: str
    shift_id: uuid.UUID | None = None
    staff_name: str = ""


@dataclasses.dataclass(frozen=True)
class CalendarDay:
    date: date
    rest_day: bool
    holiday: str | None
    shifts: tuple[ShiftView, ...]
    gaps: tuple[RosterGap, ...]


@dataclasses.dataclass(frozen=True)
class RosterCalendar:
    start: date
    end: date
    days: tuple[CalendarDay, ...]

    @property
    def gaps(self) -> tuple[RosterGap, ...]:
        return tuple(g for d in self.days for g in d.gaps)


def find_gaps(ws: Workspace, start: date, end: date) -> list[RosterGap]:
    """Every gap in ``start``..``end``, by date."""
    return list(roster_calendar(ws, start, end).gaps)


def roster_calendar(ws: Workspace, start: date, end: date) -> RosterCalendar:
    """Shifts and gaps of each day in ``start``..``end`` (data for a calendar view)."""
    if end < start or (end - start).days > 400:
        raise UserError(QT_TRANSLATE_NOOP("app", "Choose at most one year at a time."))
    from app.compliance.engine import records_since

    school_id = ws.school_id
    with ws.read() as s:
        since = records_since(s, school_id)
        types = list(s.scalars(select(DutyType).where(DutyType.deleted_at.is_(None))))
        holidays = holidays_between(s, start, end)
        leaves = leaves_between(s, start, end)
        active = {m.id: m.active and m.deleted_at is None for m in s.scalars(select(StaffMember))}
        views = shift_views(s, shifts_between(s, start, end))
    by_day: dict[date, list[ShiftView]] = {}
    for v in views:
        by_day.setdefault(v.date, []).append(v)
    leader_types = {t.id for t in types if t.kind == DutyKind.LEADER}
    days = []
    for day in days_between(start, end):
        shifts = by_day.get(day, [])
        rest = day.weekday() >= 5 or day in holidays
        if day < since:  # before the school kept its records here: nothing was owed
            days.append(CalendarDay(day, rest, holidays.get(day), tuple(shifts), ()))
            continue
        covered = {v.duty_type_id for v in shifts}
        gaps = [
            RosterGap(day, NO_SHIFT, t.id, t.name)
            for t in types
            if t.required and stood_on(t.days, day, holidays) and t.id not in covered
        ]
        if (
            day in holidays
            and not covered & leader_types
            and not any(g.duty_type_id in leader_types for g in gaps)
        ):
            gaps.append(RosterGap(day, HOLIDAY_NO_LEADER, None, holidays[day]))
        for v in shifts:
            if not active.get(v.staff_id, False):
                gaps.append(RosterGap(day, LEFT, v.duty_type_id, v.duty_name, v.id, v.staff_name))
            elif on_leave(leaves, v.staff_id, day):
                gaps.append(
                    RosterGap(day, ON_LEAVE, v.duty_type_id, v.duty_name, v.id, v.staff_name)
                )
        days.append(CalendarDay(day, rest, holidays.get(day), tuple(shifts), tuple(gaps)))
    return RosterCalendar(start, end, tuple(days))


def parse_iso_week(text: str) -> date:
    """The Monday of an ISO week written ``2026-W48`` (or ``2026W48``), or a UserError."""
    m = _ISO_WEEK.match(text.strip())
    try:
        if m is None:
            raise ValueError(text)
        return date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
    except ValueError:
        raise UserError(
            QT_TRANSLATE_NOOP("app", "Write the week as year-W-number, for example 2026-W48."),
        ) from None


def week_calendar(ws: Workspace, week: str | date) -> RosterCalendar:
    """Monday to Sunday of an ISO week (``"2026-W48"``) or of the week holding a date."""
    monday = (
        parse_iso_week(week) if isinstance(week, str) else week - timedelta(days=week.weekday())
    )
    return roster_calendar(ws, monday, monday + timedelta(days=6))


def month_calendar(ws: Workspace, year: int, month: int) -> RosterCalendar:
    if not 1 <= month <= 12:
        raise UserError(QT_TRANSLATE_NOOP("app", "Choose a month from 1 to 12."))
    last = _calendar.monthrange(year, month)[1]
    return roster_calendar(ws, date(year, month, 1), date(year, month, last))
