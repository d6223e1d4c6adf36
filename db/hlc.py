"""Hybrid logical clock.

A value is one 64-bit integer: milliseconds since the Unix epoch in the high
48 bits and a logical counter in the low 16. Values order like wall time when
clocks behave and stay strictly increasing when they don't (a PC whose clock
jumps backwards, two changes in one millisecond, a restart).

The last issued value is persisted in the ``hlc_state`` table inside the same
transaction as the change it stamps, so a restart continues from there.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

COUNTER_BITS = 16
COUNTER_MASK = (1 << COUNTER_BITS) - 1


def pack(wall_ms: int, counter: int = 0) -> int:
    return (wall_ms << COUNTER_BITS) | counter


def wall_ms(value: int) -> int:
    return value >> COUNTER_BITS


def counter(value: int) -> int:
    return value & COUNTER_MASK


def system_ms() -> int:
    return time.time_ns() // 1_000_000


class HybridClock:
    """Issues strictly increasing HLC values. Thread-safe.

    ``now_ms`` is injectable so tests can make the wall clock jump.
    """

    def __init__(self, now_ms: Callable[[], int] = system_ms, last: int = 0) -> None:
        self._now_ms = now_ms
        self._last = last
        self._lock = threading.Lock()

    @property
    def last(self) -> int:
        return self._last

    def observe(self, value: int) -> None:
        """Never issue anything at or below ``value`` again (persisted or remote)."""
        with self._lock:
            if value > self._last:
                self._last = value

    def tick(self) -> int:
        with self._lock:
            candidate = pack(self._now_ms())
            if candidate <= self._last:
                # Wall clock behind (or same millisecond): advance the counter;
                # packing makes a counter overflow carry into the next millisecond.
                candidate = self._last + 1
            self._last = candidate
            return candidate
