"""The one error a bundle or return bundle reader raises: a stable reason code."""

from __future__ import annotations

from typing import Any


class BundleError(Exception):
    """A bundle that cannot be accepted. ``reason`` is a stable code the bureau reports.

    ``settled`` is true when the file's envelope signature verified before the
    problem was found: the device signed it, so it uses up its seq at the
    bureau. ``header`` is then the verified envelope header.
    """

    def __init__(
        self, reason: str, detail: str = "", *, settled: bool = False, header: Any = None
    ) -> None:
        self.reason = reason
        self.detail = detail
        self.settled = settled
        self.header = header
        super().__init__(f"{reason}: {detail}" if detail else reason)
