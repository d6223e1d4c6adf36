"""Named points in the ingest where a test can make the bureau die on the spot.

``XIAOAN_CRASH_AT=<name>`` in the environment of ``xiaoan-bureau serve`` (or
``import``) makes :func:`reach` end the process at once with ``os._exit`` when
the ingest gets to that point: no cleanup, no rollback handler, no flushed log,
as a power cut or a SIGKILL would. The variable is read once at import, so a
normal run pays one string comparison per point. :data:`STEPS` lists every
point, in the order an upload reaches them, so tests can go through them all.
"""

from __future__ import annotations

import os

STEPS = (
    "spooled",  # the bundle file is in the spool, nothing recorded yet
    "recorded",  # its row is stored as held (verified), not yet settled
    "merged",  # settling: changes merged, seq advanced, transaction not yet committed
    "settled",  # the settle transaction committed
    "return_numbered",  # the next return_seq committed, the return bundle not yet built
    "acks_built",  # the acks of a return bundle computed, the reply not yet sent
)
EXIT_CODE = 137  # what a shell reports for a SIGKILL
_AT = os.environ.get("XIAOAN_CRASH_AT", "")


def reach(name: str) -> None:
    """Die here, now, if this is the point named by ``XIAOAN_CRASH_AT``."""
    if _AT and name == _AT:
        os._exit(EXIT_CODE)
