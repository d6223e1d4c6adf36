"""The school's wall clock: Beijing time, whatever the machine's timezone.

Schools keep Beijing time (no daylight saving). Stored times are aware UTC;
deadlines, "today" and every time shown or printed are the school's. A PC
left on UTC, or the bureau's server, must still say 06:05 for a handover
signed at 06:05 in the school.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from db.base import utcnow

SCHOOL_TZ = timezone(timedelta(hours=8), "CST")


def school_day(at: datetime) -> date:
    return at.astimezone(SCHOOL_TZ).date()


def school_today(now: datetime | None = None) -> date:
    return school_day(now or utcnow())


def school_clock(at: datetime) -> datetime:
    """A stored time as the school's wall-clock time (for display)."""
    return at.astimezone(SCHOOL_TZ)
