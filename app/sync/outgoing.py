"""Packing the outbox into bundles.

Contract of :func:`pack_pending`: outbox rows not yet in a bundle are packed in
outbox order into bundles numbered 1, 2, … per device, each naming the
previous bundle's SHA-256 (a hash chain), each at most
:data:`~app.sync.bundle.MAX_BUNDLE_BYTES`. A photo's sync copy travels in the
bundle of the change that adds it; a photo too big to share a bundle goes
alone; a photo already in an acknowledged bundle is never sent again. The
file is written (atomically) before its row and the outbox marks commit, in
one write transaction, so a crash leaves at worst an orphan file that the next
pack overwrites. Not safe to run twice at once for one data folder (the write
lock serialises it).
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, update

from app import APP_VERSION
from app.sync.bundle import MAX_BUNDLE_BYTES, build_bundle, bundle_name, canonical_json, sha256_hex
from app.sync.codec import outbox_change
from app.sync.keys import DeviceKeys
from app.workspace import Workspace
from db import schema
from db.models import BundleState, SyncBundle, SyncEnrollment
from db.models.outbox import OutboxEntry

OUTGOING_DIR = Path("sync") / "outgoing"
# Room for the tar headers, the manifest and age's framing.
FRAMING_BYTES = 64 * 1024
BATCH = 2000


def outgoing_dir(ws: Workspace) -> Path:
    path = ws.data_dir / OUTGOING_DIR
    path.mkdir(parents=True, exist_ok=True)
    return path


def photo_bytes(ws: Workspace, sha256: str) -> bytes | None:
    """The photo's sync copy, if the attachments store can give it (None otherwise)."""
    try:
        from app.attachments import sync_copy  # type: ignore[attr-defined]
    except ImportError:
        return None
    return sync_copy(ws, sha256)


def _blob_ref(change: dict[str, Any]) -> str | None:
    if change["table"] == "photo" and change["op"] == "insert":
        return change["changes"].get("sha256")
    return None


def _acked_blobs(s) -> set[str]:
    acked: set[str] = set()
    for blobs in s.scalars(select(SyncBundle.blobs).where(SyncBundle.state == BundleState.ACKED)):
        acked.update(blobs or [])
    return acked


def pack_pending(
    ws: Workspace, keys: DeviceKeys, *, max_bytes: int = MAX_BUNDLE_BYTES
) -> list[int]:
    """Pack every unbundled outbox row; returns the new bundles' seqs."""
    made: list[int] = []
    budget = max_bytes - FRAMING_BYTES
    while True:
        with ws.db.write(actor_id=None) as s:
            entries = s.scalars(
                select(OutboxEntry)
                .where(OutboxEntry.bundle_seq.is_(None))
                .order_by(OutboxEntry.seq)
                .limit(BATCH)
            ).all()
            if not entries:
                return made
            enrollment = s.get(SyncEnrollment, 1)
            acked = _acked_blobs(s)
            changes: list[dict[str, Any]] = []
            blobs: dict[str, bytes] = {}
            taken: list[int] = []
            used = 0
            for entry in entries:
                change = outbox_change(entry)
                size = len(canonical_json(change)) + 1
                digest = _blob_ref(change)
                blob = None
                if digest and digest not in acked and digest not in blobs:
                    blob = photo_bytes(ws, digest)
                extra = len(blob) if blob is not None else 0
                if taken and used + size + extra > budget:
                    break  # a big photo starts (and usually fills) the next bundle
                changes.append(change)
                taken.append(entry.seq)
                used += size + extra
                if blob is not None:
                    blobs[digest] = blob
            last = s.scalar(select(SyncBundle).order_by(SyncBundle.seq.desc()).limit(1))
            seq = (last.seq + 1) if last else 1
            prev = last.sha256 if last else ""
            school_id = ws.school_id or uuid.UUID(changes[0]["changes"].get("school_id"))
            now = datetime.now(UTC)
            data = build_bundle(
                school_id=school_id,
                device_id=ws.device_id,
                seq=seq,
                prev_sha256=prev,
                changes=changes,
                blobs=blobs,
                schema_revision=schema.HEAD,
                app_version=APP_VERSION,
                signing_key=keys.signing,
                recipients=list(enrollment.recipients),
                created_at=now.isoformat(),
            )
            name = bundle_name(school_id, ws.device_id, seq)
            target = outgoing_dir(ws) / name
            tmp = target.with_suffix(".part")
            tmp.write_bytes(data)
            tmp.replace(target)
            s.add(
                SyncBundle(
                    seq=seq,
                    school_id=school_id,
                    file_name=name,
                    sha256=sha256_hex(data),
                    prev_sha256=prev,
                    size=len(data),
                    change_count=len(changes),
                    blobs=sorted(blobs),
                    state=BundleState.PENDING,
                    created_at=now,
                )
            )
            s.execute(
                update(OutboxEntry)
                .where(OutboxEntry.seq.in_(taken))
                .values(bundle_seq=seq)
                .execution_options(synchronize_session=False)
            )
            made.append(seq)


def unacked_count(ws: Workspace) -> int:
    with ws.read() as s:
        return (
            s.scalar(
                select(func.count()).select_from(OutboxEntry).where(OutboxEntry.acked_at.is_(None))
            )
            or 0
        )
