"""The sample school's history, played in the order it happened.

Why: the demo writes weeks of records through the real services, and every
service stamps what it writes (answers, finalization, hazard events,
signatures, audit entries, outbox rows) with :func:`db.base.utcnow`. Run at
demo time, every one of those said "a few seconds ago". Here the history is
*played*: each area's seeder is a generator that yields the time its next
steps happen, :func:`merge` interleaves the areas in time order, and
:func:`play` moves a :class:`DemoClock` to each time before the steps run,
inside :func:`db.base.record_clock`. A patrol done on 11/05 at 07:40 has its
answers, finalization, hazard report and audit entries at 07:40 on 11/05.

Contracts:

* **Record times only.** The clock stamps record times (what the records
  describe and what the audit trail says). The hybrid logical clock that
  orders changes for sync (:mod:`db.hlc`) keeps reading the computer's clock:
  the rows really were written now, the HLC says so, and it never moves
  backwards, whatever the history's dates.
* **Forward only, never ahead of now.** :meth:`DemoClock.advance_to` never
  moves back (a step asking for an earlier time than the last one runs at
  the last one) and never past the moment the demo started, so the audit
  chain's times follow its order and no record is dated in the future.
  ``xiaoan check`` passes on the result.
* **Only the demo.** Nothing in the app enters :func:`db.base.record_clock`;
  the user's own actions are stamped with the computer's clock as before
  (tests/app/test_demo.py keeps every other caller out).

A seeder is ``seed(ws, principal, rng, calendar) -> Iterator[datetime]``:
the code before its first ``yield`` runs at set-up time (profile, people,
zones); after that, each ``yield at`` means "what follows happens at ``at``".
"""

from __future__ import annotations

import dataclasses
import heapq
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime, time, timedelta

from app.school.clock import SCHOOL_TZ
from db.base import record_clock

HISTORY_DAYS = 21


@dataclasses.dataclass(frozen=True)
class DemoCalendar:
    """The days the sample school's history covers, fixed when the demo starts."""

    now: datetime  # the real moment the demo was started (UTC); nothing is later
    set_up_at: datetime  # when the school "started using the app" (UTC)
    history_start: date  # the first day with patrols, shifts and handovers

    @property
    def today(self) -> date:
        return self.now.astimezone(SCHOOL_TZ).date()

    @property
    def this_month(self) -> date:
        return self.today.replace(day=1)

    @property
    def last_month(self) -> date:
        return (self.this_month - timedelta(days=1)).replace(day=1)

    def at(self, day: date, hour: int, minute: int = 0) -> datetime:
        """``day`` at the school's ``hour:minute`` (Beijing time), as UTC."""
        return datetime.combine(day, time(hour, minute), SCHOOL_TZ).astimezone(UTC)

    def days(self) -> Iterator[date]:
        """Every day of the history, oldest first, up to yesterday."""
        day = self.history_start
        while day < self.today:
            yield day
            day += timedelta(days=1)

    def latest(self, at: datetime, margin: timedelta = timedelta(minutes=30)) -> datetime:
        """``at``, or a little before now when ``at`` has not come yet."""
        return min(at, self.now - margin)


def school_year_start(today: date) -> date:
    """1 September of the school year ``today`` falls in."""
    return date(today.year if today.month >= 9 else today.year - 1, 9, 1)


def demo_calendar(now: datetime | None = None) -> DemoCalendar:
    """History from the first of last month (or three weeks back, if longer), so last
    month's report has a whole month of records; set-up at the start of the school
    year, or a week before the history when the year has only just begun."""
    now = (now or datetime.now(UTC)).astimezone(UTC)
    today = now.astimezone(SCHOOL_TZ).date()
    last_month = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    start = min(last_month, today - timedelta(days=HISTORY_DAYS))
    set_up_day = min(school_year_start(today), start - timedelta(days=7))
    set_up_at = datetime.combine(set_up_day, time(8), SCHOOL_TZ).astimezone(UTC)
    return DemoCalendar(now=now, set_up_at=set_up_at, history_start=start)


class DemoClock:
    """The time the demo's next records are stamped with. Moves forward only."""

    def __init__(self, start: datetime, latest: datetime) -> None:
        if start.tzinfo is None or latest.tzinfo is None:
            raise ValueError("the demo clock needs aware datetimes")
        self._now = min(start, latest)
        self._latest = latest

    def __call__(self) -> datetime:
        return self._now

    def advance_to(self, at: datetime) -> datetime:
        """Move to ``at`` — never backwards, never past ``latest``; returns the new time."""
        self._now = min(max(self._now, at.astimezone(UTC)), self._latest)
        return self._now


def merge(*steps: Iterable[datetime]) -> Iterator[datetime]:
    """Interleave several timelines into one, earliest step first.

    Each timeline runs its steps when it is resumed after yielding their
    time; ties go to the timeline given first, so the result is deterministic.
    A timeline is started (run up to its first ``yield``) when the merged one is.
    """
    heap: list[tuple[datetime, int, Iterator[datetime]]] = []
    for i, timeline in enumerate(steps):
        it = iter(timeline)
        at = next(it, None)
        if at is not None:
            heap.append((at, i, it))
    heapq.heapify(heap)
    while heap:
        at, i, it = heapq.heappop(heap)
        yield at
        following = next(it, None)
        if following is not None:
            heapq.heappush(heap, (following, i, it))


def play(clock: DemoClock, steps: Iterable[datetime]) -> None:
    """Run ``steps`` with every record they write stamped by ``clock``."""
    with record_clock(clock):
        for at in steps:
            clock.advance_to(at)
