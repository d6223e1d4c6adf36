"""What the sync page and the status bar show: enrollment, bundles, last sync.

Read-only and quick (one read session); call from a worker thread like any
database read. Plain frozen values, safe to hand to the UI thread.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime

from sqlalchemy import func, select

from app.sync.problems import MESSAGES, OFFLINE
from app.workspace import Workspace
from db.models.outbox import OutboxEntry

BUNDLE_ROWS = 200
NOTICE_ROWS = 20


@dataclasses.dataclass(frozen=True)
class BundleRow:
    seq: int
    state: str  # pending | uploading | sent | acked | quarantined (db.models.BundleState)
    size: int
    bytes_sent: int
    change_count: int
    photo_count: int
    reason: str
    created_at: datetime
    sent_at: datetime | None
    acked_at: datetime | None


@dataclasses.dataclass(frozen=True)
class Notice:
    text: str
    created_at: datetime
    received_at: datetime


@dataclasses.dataclass(frozen=True)
class SyncOverview:
    enrolled: bool = False
    registered: bool = False
    bureau_url: str = ""
    school_code: str = ""
    school_name: str = ""
    bureau_fingerprint: str = ""
    device_fingerprint: str = ""
    last_sync_at: datetime | None = None
    last_attempt_at: datetime | None = None
    # Problem code of the last pass ("" when it went well); see app.sync.problems.
    last_problem: str = ""
    unacked_changes: int = 0
    bundles: tuple[BundleRow, ...] = ()
    notices: tuple[Notice, ...] = ()  # newest first

    @property
    def open_bundles(self) -> int:
        return sum(1 for b in self.bundles if b.state not in ("acked", "quarantined"))


def _row(b) -> BundleRow:
    return BundleRow(
        b.seq,
        b.state,
        b.size,
        b.bytes_sent,
        b.change_count,
        len(b.blobs or ()),
        b.reason,
        b.created_at,
        b.sent_at,
        b.acked_at,
    )


def sync_overview(ws: Workspace, limit: int = BUNDLE_ROWS) -> SyncOverview:
    """Enrollment state and the newest ``limit`` bundles, newest first."""
    # Models on first use: the main window reads this at start-up, off the UI thread.
    from db.models import SyncBundle, SyncEnrollment, SyncNotice

    with ws.read() as s:
        e = s.get(SyncEnrollment, 1)
        if e is None:
            return SyncOverview()
        bundles = tuple(
            _row(b)
            for b in s.scalars(select(SyncBundle).order_by(SyncBundle.seq.desc()).limit(limit))
        )
        unacked = (
            s.scalar(
                select(func.count()).select_from(OutboxEntry).where(OutboxEntry.acked_at.is_(None))
            )
            or 0
        )
        notices = tuple(
            Notice(n.text, n.created_at, n.received_at)
            for n in s.scalars(
                select(SyncNotice).order_by(SyncNotice.created_at.desc()).limit(NOTICE_ROWS)
            )
        )
        return SyncOverview(
            enrolled=True,
            registered=e.registered_at is not None,
            bureau_url=e.bureau_url,
            school_code=e.school_code,
            school_name=e.school_name,
            bureau_fingerprint=e.bureau_fingerprint,
            device_fingerprint=e.device_fingerprint,
            last_sync_at=e.last_sync_at,
            last_attempt_at=e.last_attempt_at,
            last_problem=_problem(e.last_error),
            unacked_changes=unacked,
            bundles=bundles,
            notices=notices,
        )


def is_enrolled(ws: Workspace) -> bool:
    from db.models import SyncEnrollment

    with ws.read() as s:
        return s.get(SyncEnrollment, 1) is not None


def bureau_url(ws: Workspace) -> str | None:
    from db.models import SyncEnrollment

    with ws.read() as s:
        e = s.get(SyncEnrollment, 1)
        return e.bureau_url if e else None


def _problem(stored: str) -> str:
    # Older versions stored the technical error text: show it as "offline".
    return stored if stored in MESSAGES or not stored else OFFLINE
