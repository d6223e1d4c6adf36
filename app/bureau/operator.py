"""What a bureau operator does about quarantine and lost or stolen PCs.

* :func:`quarantine_list` — every bundle held back, with its reason;
* :func:`release` — run a quarantined bundle again. A bundle whose signature
  never verified (``unknown_device``, ``wrong_recipient``…) is forgotten and
  ingested afresh from the spool (after the device was re-enrolled, say); a
  settled one (``clock_skew``, ``apply_failed``, ``broken_chain``) has its
  changes and photos applied now, the operator having checked them — last
  writer wins keeps newer edits;
* :func:`reject` — the operator confirms the bundle is not wanted; the
  device is told (reason ``rejected``) and it leaves the quarantine list;
* :func:`revoke_device` — a device's later bundles are refused (quarantined
  as ``unknown_device``);
* :func:`unbind_device` — a device that should never have enrolled (a
  stolen enrollment file used first) is revoked; if its school has no other
  active device, the school's bound id is cleared so the genuine PC can
  register, and the school's unspent tokens stop working (issue a fresh
  enrollment file);
* :func:`reset_enrollment` — a school locked out of registration (its
  PC's identity registered with keys it no longer has, a file gone astray):
  the school's device(s) are retired (revoked; the school's rows and received
  bundles stay), its unused tokens stop working, and a fresh enrollment file
  is issued. A retired device may register again with the fresh file;
* :func:`issue_notice` — the older plain notice to one school (``bureau_notice``),
  still sent down in ``notices.json``; the ``notice`` command now publishes
  through :mod:`app.bureau.publications` (with acknowledgement, to all schools
  or a school type).

Each works in its own transaction and is safe to run while the server runs.
"""

from __future__ import annotations

import dataclasses
import logging
import uuid
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, delete, func, select, update

from app.bureau import stream
from app.bureau.blobs import store_blobs
from app.bureau.ingest import Ingestor, IngestResult
from app.sync.bundle import BundleError
from app.sync.merge import MergeError, apply_changes
from db.base import new_id
from db.models import BureauBundle, BureauDevice, BureauNotice, BureauSchool

BB, BD = BureauBundle.__table__, BureauDevice.__table__
log = logging.getLogger(__name__)


class OperatorError(Exception):
    """Something the operator asked for that cannot be done; the message says why."""


@dataclasses.dataclass(frozen=True)
class Quarantined:
    id: int
    sha256: str
    device_id: uuid.UUID | None
    seq: int | None
    reason: str
    detail: str
    settled: bool
    received_at: datetime
    claimed_device_id: uuid.UUID | None = None  # an unknown_device file waits for it


def quarantine_list(engine: Engine) -> list[Quarantined]:
    with engine.connect() as conn:
        rows = conn.execute(
            select(BB).where(BB.c.state == "quarantined").order_by(BB.c.received_at, BB.c.id)
        ).all()
    return [
        Quarantined(
            r.id,
            r.sha256,
            r.device_id,
            r.seq,
            r.reason,
            r.detail,
            bool(r.verified) and r.reason != "seq_conflict",
            r.received_at,
            r.claimed_device_id,
        )
        for r in rows
    ]


def _find(conn, ref: str):
    """A quarantined bundle by its number in the list or a prefix of its SHA-256."""
    query = select(BB).where(BB.c.state == "quarantined")
    if ref.isdigit() and len(ref) < 12:
        rows = conn.execute(query.where(BB.c.id == int(ref))).all()
    else:
        rows = conn.execute(query.where(BB.c.sha256.startswith(ref.lower()))).all()
    if len(rows) != 1:
        raise OperatorError(
            f"no quarantined bundle {ref!r}" if not rows else f"{ref!r} matches several bundles"
        )
    return rows[0]


def release(ingestor: Ingestor, ref: str) -> IngestResult:
    """Run a quarantined bundle again; returns what became of it."""
    engine = ingestor.engine
    with engine.connect() as conn:
        row = _find(conn, ref)
    data = Path(row.path).read_bytes()
    settled = bool(row.verified) and row.reason != "seq_conflict"
    if not settled:
        with engine.begin() as conn:
            conn.execute(delete(BB).where(BB.c.id == row.id))
        name = f"x.{row.device_id}.{row.seq}.bundle" if row.device_id and row.seq else None
        return ingestor.receive(data, name, sender=row.device_id)
    try:
        bundle = ingestor._reread(row.path)
        if bundle is None:
            raise BundleError("corrupt", "stored file no longer readable")
    except BundleError as e:
        raise OperatorError(f"bundle {row.sha256[:12]} cannot be read again: {e}") from None
    with engine.begin() as conn:
        dev = conn.execute(
            select(BD).where(BD.c.device_id == row.device_id).with_for_update()
        ).one()
        try:
            apply_changes(
                conn,
                bundle.changes,
                school_id=dev.school_id,
                device_id=dev.device_id,
                positions=stream.positions(dev.school_id),
            )
            store_blobs(conn, ingestor.config.spool_dir, bundle, dev.school_id)
        except (MergeError, BundleError) as e:
            # Leaving the block rolls back: nothing of it is kept; it stays quarantined.
            raise OperatorError(
                f"bundle {row.sha256[:12]} still cannot be applied: {e.reason}: {e.detail}"
            ) from None
        conn.execute(
            update(BB)
            .where(BB.c.id == row.id)
            .values(
                state="applied", detail=f"released ({row.reason})", applied_at=datetime.now(UTC)
            )
        )
    return IngestResult(row.sha256, "applied", "", row.device_id, row.seq)


def reject(engine: Engine, ref: str) -> str:
    """Take a bundle out of the quarantine list for good; returns its SHA-256."""
    with engine.begin() as conn:
        row = _find(conn, ref)
        conn.execute(
            update(BB)
            .where(BB.c.id == row.id)
            .values(state="rejected", detail=f"rejected ({row.reason}) {row.detail}"[:500])
        )
    return row.sha256


def revoke_device(engine: Engine, device_id: uuid.UUID) -> None:
    """Refuse the device's bundles from now on (a lost or stolen PC)."""
    with engine.begin() as conn:
        done = conn.execute(
            update(BD)
            .where(BD.c.device_id == device_id, BD.c.revoked_at.is_(None))
            .values(revoked_at=datetime.now(UTC))
        ).rowcount
    if not done:
        raise OperatorError(f"no active device {device_id}")


@dataclasses.dataclass(frozen=True)
class Unbound:
    school_code: str
    school_freed: bool  # the school's id was cleared: its next PC binds it afresh
    tokens_revoked: int


def unbind_device(engine: Engine, device_id: uuid.UUID) -> Unbound:
    """Undo a wrong enrollment: revoke the device, free its school if nothing else holds it."""
    from app.bureau.enrollment import revoke_unused_tokens

    now = datetime.now(UTC)
    with engine.begin() as conn:
        dev = conn.execute(select(BD).where(BD.c.device_id == device_id).with_for_update()).first()
        if dev is None:
            raise OperatorError(f"no device {device_id}")
        school = conn.execute(
            select(BureauSchool.__table__)
            .where(BureauSchool.code == dev.school_code)
            .with_for_update()
        ).one()
        if dev.revoked_at is None:
            conn.execute(update(BD).where(BD.c.device_id == device_id).values(revoked_at=now))
        others = conn.execute(
            select(BD.c.device_id).where(
                BD.c.school_code == dev.school_code,
                BD.c.device_id != device_id,
                BD.c.revoked_at.is_(None),
            )
        ).first()
        freed = others is None and school.school_id is not None
        if freed:
            conn.execute(
                update(BureauSchool.__table__)
                .where(BureauSchool.code == dev.school_code)
                .values(school_id=None)
            )
        revoked = revoke_unused_tokens(conn, dev.school_code, now)
    return Unbound(dev.school_code, freed, revoked)


@dataclasses.dataclass(frozen=True)
class Unregistered:
    """Files that claim a device the bureau does not have (or has retired): they are taken
    when it registers; until then the operator sees them here (and can reject them)."""

    claimed_device_id: uuid.UUID
    files: int
    first_received_at: datetime


def waiting_for_registration(engine: Engine) -> list[Unregistered]:
    active = select(BD.c.device_id).where(BD.c.revoked_at.is_(None))
    with engine.connect() as conn:
        rows = conn.execute(
            select(BB.c.claimed_device_id, func.count(), func.min(BB.c.received_at))
            .where(
                BB.c.claimed_device_id.is_not(None),
                BB.c.claimed_device_id.not_in(active),
                BB.c.state == "quarantined",
                BB.c.reason == "unknown_device",
                BB.c.verified.is_(False),
            )
            .group_by(BB.c.claimed_device_id)
            .order_by(func.min(BB.c.received_at))
        ).all()
    return [Unregistered(r[0], r[1], r[2]) for r in rows]


@dataclasses.dataclass(frozen=True)
class EnrollmentReset:
    school_code: str
    devices: list[uuid.UUID]  # retired now (already retired ones are not listed)
    tokens_revoked: int
    enrollment: dict  # the fresh enrollment file (holds a one-time token)


def reset_enrollment(
    engine: Engine,
    config,
    school_code: str,
    *,
    device_id: uuid.UUID | None = None,
    valid_days: int = 14,
) -> EnrollmentReset:
    """Retire the school's device(s) (or only ``device_id``), revoke its unused tokens and
    issue a fresh enrollment file. The school's rows, bound id and bundles are kept."""
    from app.bureau.enrollment import issue_enrollment, revoke_unused_tokens

    now = datetime.now(UTC)
    with engine.begin() as conn:
        school = conn.execute(
            select(BureauSchool.__table__).where(BureauSchool.code == school_code).with_for_update()
        ).first()
        if school is None:
            raise OperatorError(f"no school with code {school_code}")
        query = select(BD.c.device_id).where(BD.c.school_code == school_code)
        if device_id is not None:
            if conn.execute(query.where(BD.c.device_id == device_id)).first() is None:
                raise OperatorError(f"no device {device_id} of {school_code}")
            query = query.where(BD.c.device_id == device_id)
        retired = list(conn.execute(query.where(BD.c.revoked_at.is_(None))).scalars())
        if retired:
            conn.execute(update(BD).where(BD.c.device_id.in_(retired)).values(revoked_at=now))
        revoked = revoke_unused_tokens(conn, school_code, now)
    doc = issue_enrollment(
        engine, config, school_code=school_code, name=school.name, valid_days=valid_days
    )
    log.warning(
        "enrollment of %s reset: device(s) %s retired, %d unused token(s) revoked, "
        "a fresh enrollment file issued (valid %d days)",
        school_code,
        ", ".join(str(d) for d in retired) or "none",
        revoked,
        valid_days,
    )
    return EnrollmentReset(school_code, retired, revoked, doc)


MAX_NOTICE_CHARS = 2000


def issue_notice(engine: Engine, school_code: str, text: str) -> uuid.UUID:
    """Record a notice for a school; its PCs get it with their next return bundle."""
    text = text.strip()
    if not text or len(text) > MAX_NOTICE_CHARS:
        raise OperatorError(f"a notice is 1 to {MAX_NOTICE_CHARS} characters")
    with engine.begin() as conn:
        known = conn.execute(
            select(BureauSchool.code).where(BureauSchool.code == school_code)
        ).first()
        if known is None:
            raise OperatorError(f"no school with code {school_code}")
        notice_id = new_id()
        conn.execute(
            BureauNotice.__table__.insert().values(
                id=notice_id, school_code=school_code, text=text, created_at=datetime.now(UTC)
            )
        )
    return notice_id
