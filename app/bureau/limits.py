"""How much one client may ask of the bureau: request rates and upload sizes.

Rates are token buckets kept in memory: per client address for every
request to the device endpoints, registration and challenges; per address
again for refused ones (a bad signature or registration costs a token of a
much smaller bucket, so a flood of junk is cut off after a few dozen); and
per device once a request is authenticated. A refused request is answered 429 with
``Retry-After`` (whole seconds until a token is back), which the PC honours.
The numbers are generous for a PC syncing (one bundle is about 20 requests)
and small for a flood.
"""

from __future__ import annotations

import dataclasses
import math
import threading
import time
from collections.abc import Callable, Hashable

MiB = 1024 * 1024


@dataclasses.dataclass(frozen=True)
class Limits:
    # Every request from one address to the device endpoints, challenge, registration.
    address_burst: int = 300
    address_per_s: float = 30.0
    # Refused authentications and registrations from one address; once spent, every
    # request from it is 429 until a token is back.
    failures_burst: int = 20
    failures_per_s: float = 0.5
    # Authenticated requests of one device.
    device_burst: int = 300
    device_per_s: float = 30.0
    # A PATCH may carry at most this much (the PC sends 1 MiB chunks).
    patch_max_bytes: int = 4 * MiB
    # Unfinished uploads one device may hold; creating another drops its oldest.
    uploads_per_device: int = 4
    # All unfinished uploads together (declared lengths); beyond it creation waits (429).
    uploads_total_bytes: int = 2048 * MiB
    # An upload untouched this long is removed with its file (finished ones too).
    upload_expiry_s: int = 24 * 3600


class TokenBuckets:
    """One token bucket per key; :meth:`take` returns 0 when allowed, else seconds to wait."""

    MAX_KEYS = 50_000

    def __init__(
        self, burst: int, per_s: float, *, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.burst, self.per_s, self.clock = burst, per_s, clock
        self._buckets: dict[Hashable, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def take(self, key: Hashable) -> int:
        now = self.clock()
        with self._lock:
            tokens, last = self._buckets.get(key, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - last) * self.per_s)
            if tokens >= 1.0:
                self._buckets[key] = (tokens - 1.0, now)
                if len(self._buckets) > self.MAX_KEYS:
                    self._forget_full(now)
                return 0
            self._buckets[key] = (tokens, now)
            return max(1, math.ceil((1.0 - tokens) / self.per_s))

    def wait(self, key: Hashable) -> int:
        """Seconds until ``key`` has a token (0: now), without taking one."""
        now = self.clock()
        with self._lock:
            tokens, last = self._buckets.get(key, (float(self.burst), now))
        tokens = min(float(self.burst), tokens + (now - last) * self.per_s)
        return 0 if tokens >= 1.0 else max(1, math.ceil((1.0 - tokens) / self.per_s))

    def _forget_full(self, now: float) -> None:
        # Buckets that have refilled are the same as no bucket: drop them.
        full = [
            k
            for k, (t, last) in self._buckets.items()
            if t + (now - last) * self.per_s >= self.burst
        ]
        for k in full:
            del self._buckets[k]
