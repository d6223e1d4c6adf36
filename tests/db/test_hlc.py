"""The hybrid logical clock never goes backwards, even when the PC's clock does."""

from __future__ import annotations

from sqlalchemy import select

from app.workspace import Workspace
from db import hlc
from db.hlc import HybridClock
from db.models import OutboxEntry, UserAccount


class FakeWall:
    def __init__(self, ms: int) -> None:
        self.ms = ms

    def __call__(self) -> int:
        return self.ms


def test_ticks_increase_within_one_millisecond_and_after_a_jump_back():
    wall = FakeWall(1_700_000_000_000)
    clock = HybridClock(now_ms=wall)
    a, b = clock.tick(), clock.tick()
    assert b > a and hlc.wall_ms(a) == hlc.wall_ms(b)
    wall.ms -= 3_600_000  # the PC's clock is set back an hour
    c = clock.tick()
    assert c > b
    wall.ms += 7_200_000
    d = clock.tick()
    assert d > c and hlc.wall_ms(d) == wall.ms


def test_counter_overflow_carries_into_the_next_millisecond():
    clock = HybridClock(now_ms=FakeWall(1000), last=hlc.pack(1000, hlc.COUNTER_MASK))
    value = clock.tick()
    assert value == hlc.pack(1001, 0)


def _add_user(ws, actor, name):
    with ws.action(actor, "test") as s:
        s.add(UserAccount(username=name, role="staff"))


def test_monotonic_across_restart_after_the_clock_jumps_back(workspace, principal):
    """Restart the app with the PC clock a day behind: new changes still sort after old ones."""
    _add_user(workspace, principal, "before")
    with workspace.read() as s:
        last_before = s.scalar(select(OutboxEntry.hlc).order_by(OutboxEntry.seq.desc()).limit(1))
    data_dir = workspace.data_dir
    workspace.close()

    behind = FakeWall(hlc.wall_ms(last_before) - 86_400_000)
    reopened = Workspace.open(data_dir, clock=HybridClock(now_ms=behind))
    try:
        _add_user(reopened, principal, "after")
        with reopened.read() as s:
            rows = list(s.scalars(select(OutboxEntry).order_by(OutboxEntry.seq)))
        values = [r.hlc for r in rows]
        assert values == sorted(values) and len(set(values)) == len(values)
        assert rows[-1].hlc > last_before
        assert reopened.db.last_hlc() == rows[-1].hlc
    finally:
        reopened.close()


def test_two_databases_opened_on_one_file_share_the_persisted_clock(workspace, principal):
    """A second process (here: a second engine) continues from the value stored in the DB."""
    _add_user(workspace, principal, "first")
    frozen = FakeWall(0)  # a clock stuck at 1970
    other = Workspace.open(workspace.data_dir, clock=HybridClock(now_ms=frozen))
    try:
        _add_user(other, principal, "second")
        _add_user(workspace, principal, "third")
        with workspace.read() as s:
            values = [r.hlc for r in s.scalars(select(OutboxEntry).order_by(OutboxEntry.seq))]
        assert values == sorted(values) and len(set(values)) == len(values)
    finally:
        other.close()
