"""When a shift runs on the school's clock, and from when its handover may be signed.

A shift belongs to the date it starts on. An end at or before its start is
the next day: a night watch 20:00–06:30 ends the next morning, the 24-hour
leader on duty 08:00–08:00 ends the next day at 08:00. Times are Beijing time
(:mod:`app.school.clock`) whatever the PC's timezone.

**Decision — a handover is signed from 30 minutes before the shift ends.**
A signature vouches for the whole shift (the outgoing person's) or for
taking it over (the incoming person's), so neither can be given while most
of the shift is still to come. Half an hour is when the handover really
happens: the incoming person comes on a little early, the outgoing one has
made the last round and writes it up. Before that, only an early handover
with its reason written in the record may be signed — the person on duty
falls ill, is called away, and someone takes over; the reason is part of
what both people sign and prints on the form. A shift that has not started
cannot be handed over at all.
"""

from __future__ import annotations

import enum
from datetime import date, datetime, time, timedelta

from app.school.clock import SCHOOL_TZ

HANDOVER_OPENS_BEFORE_END = timedelta(minutes=30)


class Phase(enum.StrEnum):
    UPCOMING = "upcoming"  # not started yet
    RUNNING = "running"  # on duty now
    ENDED = "ended"


def shift_bounds(day: date, start: time, end: time) -> tuple[datetime, datetime]:
    """The start and end of a shift that starts on ``day``, as aware Beijing times."""
    starts = datetime.combine(day, start, SCHOOL_TZ)
    end_day = day + timedelta(days=1) if end <= start else day
    return starts, datetime.combine(end_day, end, SCHOOL_TZ)


def phase(day: date, start: time, end: time, now: datetime) -> Phase:
    """Whether the shift is still to come, running or over at ``now`` (aware)."""
    starts, ends = shift_bounds(day, start, end)
    if now < starts:
        return Phase.UPCOMING
    return Phase.RUNNING if now < ends else Phase.ENDED


def handover_opens_at(day: date, start: time, end: time) -> datetime:
    """From when the shift's handover may be signed without an early-handover reason."""
    starts, ends = shift_bounds(day, start, end)
    return max(starts, ends - HANDOVER_OPENS_BEFORE_END)
