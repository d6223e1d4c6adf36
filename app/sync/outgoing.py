"""Packing the outbox into bundles.

Contract of :func:`pack_pending`: outbox rows not yet in a bundle are packed in
outbox order into bundles numbered 1, 2, … per device, each naming the
previous bundle's SHA-256 (a hash chain), each of at most :data:`BATCH` outbox
rows and, uncompressed, at most :data:`~app.sync.bundle.MAX_BUNDLE_BYTES` less
:data:`FRAMING_BYTES` of change lines and photos (a single larger row goes
alone). A photo's sync copy (long edge ≤
1600 px, made here if the background job has not made it yet) travels in the
bundle of the ``photo`` insert that names it, as ``blobs/<sha256 of the copy>``,
with the manifest's ``blobs`` map naming the original's SHA-256; a photo too
big to share a bundle goes alone; a photo already in a bundle that was not
refused (acknowledged, or still on its way) is never packed again. The
file is written (atomically) before its row and the outbox marks commit, in
one write transaction, so a crash leaves at worst an orphan file that the next
pack overwrites. Not safe to run twice at once for one data folder (the write
lock serialises it).

:func:`repack_old_formats` brings bundles packed before an upgrade of the
file format up to date: every bundle still open (not acknowledged, or refused
by the bureau as ``unsupported_format``) that is of an older format — or whose
``prev_sha256`` no longer names its predecessor's file because that one was
re-packed — is packed again from its outbox rows with the same seq, changes
and photos, as a fresh pending bundle.
"""

from __future__ import annotations

import logging
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, update

from app import APP_VERSION
from app.sync.bundle import (
    FORMAT_VERSION,
    MAX_BUNDLE_BYTES,
    build_bundle,
    bundle_name,
    canonical_json,
    sha256_hex,
)
from app.sync.codec import outbox_change
from app.sync.keys import DeviceKeys
from app.workspace import Workspace
from db import schema
from db.models import BundleState, SyncBundle, SyncEnrollment
from db.models.outbox import OutboxEntry

log = logging.getLogger(__name__)
OUTGOING_DIR = Path("sync") / "outgoing"
# Room for the tar headers, the manifest and age's framing.
FRAMING_BYTES = 64 * 1024
BATCH = 2000


def outgoing_dir(ws: Workspace) -> Path:
    path = ws.data_dir / OUTGOING_DIR
    path.mkdir(parents=True, exist_ok=True)
    return path


def photo_bytes(ws: Workspace, sha256: str, media_type: str = "image/jpeg") -> bytes | None:
    """The sync copy of the photo whose original has ``sha256`` (None if this PC lacks it)."""
    from app.attachments.store import make_derivatives

    try:
        return make_derivatives(ws.data_dir, sha256, media_type).sync_copy.read_bytes()
    except FileNotFoundError:
        return None  # a photo row from another PC of the school: its bytes are not here
    except OSError:
        log.warning("photo %s: sync copy could not be made", sha256[:12], exc_info=True)
        return None


def _blob_ref(change: dict[str, Any]) -> tuple[str, str] | None:
    """(original SHA-256, media type) of the photo a change adds, if it adds one."""
    if change["table"] == "photo" and change["op"] == "insert":
        sha = change["changes"].get("sha256")
        if sha:
            return sha, change["changes"].get("media_type") or "image/jpeg"
    return None


def _sent_photos(s) -> set[str]:
    """Originals whose sync copy is in a bundle the bureau has not refused."""
    sent: set[str] = set()
    for blobs in s.scalars(
        select(SyncBundle.blobs).where(SyncBundle.state != BundleState.QUARANTINED)
    ):
        sent.update(blobs or [])
    return sent


def audit_head(s) -> dict[str, Any] | None:
    """This PC's audit chain head, for the bundle's manifest (the bureau keeps it as an anchor)."""
    from db.models import AuditEntry, DeviceState

    state = s.get(DeviceState, 1)
    if state is None or not state.audit_head_seq:
        return None
    mac = s.scalar(
        select(AuditEntry.entry_mac).where(
            AuditEntry.origin_device == state.device_id, AuditEntry.seq == state.audit_head_seq
        )
    )
    return {"seq": state.audit_head_seq, "hash": state.audit_head_hash, "mac": mac or ""}


def _received(enrollment: SyncEnrollment) -> dict[str, int]:
    return {"changes": enrollment.changes_through, "content": enrollment.content_through}


def _unreported(enrollment: SyncEnrollment) -> bool:
    return (enrollment.reported_changes, enrollment.reported_content) != (
        enrollment.changes_through,
        enrollment.content_through,
    )


def pack_pending(
    ws: Workspace, keys: DeviceKeys, *, max_bytes: int = MAX_BUNDLE_BYTES, report: bool = False
) -> list[int]:
    """Pack every unbundled outbox row; returns the new bundles' seqs.

    Every bundle's manifest says how far this PC holds the school's change stream
    and the bureau's publications (``received``). With ``report``, a bundle
    without changes is made just to say so when nothing else would (a school
    that syncs by USB: the bureau's next return starts after it).
    """
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
            enrollment = s.get(SyncEnrollment, 1)
            if not entries and not (
                report and not made and ws.school_id is not None and _unreported(enrollment)
            ):
                return made
            sent = _sent_photos(s)
            changes: list[dict[str, Any]] = []
            blobs: dict[str, bytes] = {}  # sync copy sha -> bytes
            photos: dict[str, str] = {}  # sync copy sha -> original sha
            taken: list[int] = []
            used = 0
            for entry in entries:
                change = outbox_change(entry)
                size = len(canonical_json(change)) + 1
                ref = _blob_ref(change)
                blob = None
                if ref and ref[0] not in sent and ref[0] not in photos.values():
                    blob = photo_bytes(ws, *ref)
                extra = len(blob) if blob is not None else 0
                if taken and used + size + extra > budget:
                    break  # a big photo starts (and usually fills) the next bundle
                changes.append(change)
                taken.append(entry.seq)
                used += size + extra
                if blob is not None:
                    copy_sha = sha256_hex(blob)
                    blobs[copy_sha] = blob
                    photos[copy_sha] = ref[0]
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
                blob_photos=photos,
                schema_revision=schema.HEAD,
                app_version=APP_VERSION,
                signing_key=keys.signing,
                recipients=list(enrollment.recipients),
                created_at=now.isoformat(),
                audit_head=audit_head(s),
                received=_received(enrollment),
            )
            enrollment.reported_changes = enrollment.changes_through
            enrollment.reported_content = enrollment.content_through
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
                    blobs=sorted(photos.values()),
                    state=BundleState.PENDING,
                    created_at=now,
                    format=FORMAT_VERSION,
                )
            )
            s.execute(
                update(OutboxEntry)
                .where(OutboxEntry.seq.in_(taken))
                .values(bundle_seq=seq)
                .execution_options(synchronize_session=False)
            )
            made.append(seq)
            if not entries:
                return made


OPEN = (BundleState.PENDING, BundleState.UPLOADING, BundleState.SENT)


def repack_old_formats(ws: Workspace, keys: DeviceKeys) -> list[int]:
    """Re-pack open bundles of an older file format (and the chain after them); their seqs."""
    done: list[int] = []
    with ws.db.write(actor_id=None) as s:
        rows = list(
            s.scalars(
                select(SyncBundle)
                .where(SyncBundle.acked_at.is_(None))
                .where(SyncBundle.state != BundleState.ACKED)
                .order_by(SyncBundle.seq)
            )
        )
        if not rows or all(r.format == FORMAT_VERSION for r in rows):
            return done
        enrollment = s.get(SyncEnrollment, 1)
        sha_of = {r.seq: r.sha256 for r in s.execute(select(SyncBundle.seq, SyncBundle.sha256))}
        for row in rows:
            prev = sha_of.get(row.seq - 1, "")
            reopen = row.state in OPEN or row.reason == "unsupported_format"
            if not reopen or (row.format == FORMAT_VERSION and row.prev_sha256 == prev):
                continue
            entries = s.scalars(
                select(OutboxEntry)
                .where(OutboxEntry.bundle_seq == row.seq)
                .order_by(OutboxEntry.seq)
            ).all()
            if not entries:
                log.warning("bundle %d cannot be re-packed: its outbox rows are gone", row.seq)
                continue
            changes = [outbox_change(e) for e in entries]
            blobs: dict[str, bytes] = {}
            photos: dict[str, str] = {}
            for change in changes:
                ref = _blob_ref(change)
                if ref and ref[0] in (row.blobs or []):
                    blob = photo_bytes(ws, *ref)
                    if blob is not None:
                        blobs[sha256_hex(blob)] = blob
                        photos[sha256_hex(blob)] = ref[0]
            data = build_bundle(
                school_id=row.school_id,
                device_id=ws.device_id,
                seq=row.seq,
                prev_sha256=prev,
                changes=changes,
                blobs=blobs,
                blob_photos=photos,
                schema_revision=schema.HEAD,
                app_version=APP_VERSION,
                signing_key=keys.signing,
                recipients=list(enrollment.recipients),
                created_at=datetime.now(UTC).isoformat(),
            )
            target = outgoing_dir(ws) / row.file_name
            tmp = target.with_suffix(".part")
            tmp.write_bytes(data)
            tmp.replace(target)
            row.sha256, row.prev_sha256, row.size = sha256_hex(data), prev, len(data)
            row.format, row.blobs = FORMAT_VERSION, sorted(photos.values())
            row.state, row.reason, row.upload_url, row.bytes_sent = BundleState.PENDING, "", None, 0
            sha_of[row.seq] = row.sha256
            done.append(row.seq)
    if done:
        log.info("re-packed bundles %s in format %d", done, FORMAT_VERSION)
    return done


def unacked_count(ws: Workspace) -> int:
    with ws.read() as s:
        return (
            s.scalar(
                select(func.count()).select_from(OutboxEntry).where(OutboxEntry.acked_at.is_(None))
            )
            or 0
        )
