"""Receiving bundles at the bureau: store, verify, order, apply, acknowledge.

:meth:`Ingestor.receive` takes one bundle file's bytes (from a tus upload or a
USB folder) and always finishes: a bad file is quarantined with a named
reason and never blocks the files after it. Rules (README.md, "Bureau"):

* a file larger than :data:`~app.sync.bundle.MAX_FILE_BYTES` is refused
  (``too_large``) before it is hashed or stored, and nothing is recorded;
* the raw file is kept in the spool under its SHA-256; the same bytes twice
  are a duplicate and are simply acknowledged again;
* files whose envelope signature does not verify (``not_a_bundle``,
  ``wrong_recipient``, ``corrupt``, ``unsupported_format``, ``bad_envelope``,
  ``unknown_device``, ``bad_signature``, and ``wrong_sender`` when a device
  authenticated over HTTP sends another device's file) are quarantined
  unsettled: they prove nothing about the device, so its seq stays open for
  the genuine file. Such a file is recorded against the device that sent it
  over an authenticated connection (``sender``), otherwise against no device
  at all (the file name's claim is kept in ``detail`` only);
* an ``unknown_device`` file also keeps the device its envelope header names
  (``claimed_device_id``, unverified): a school's bundles made before its PC
  registered (a USB stick) wait so, and are taken again as soon as that device
  registers (:meth:`Ingestor.take_waiting`, over HTTP or USB) or the same
  bytes come again after it did; then they verify and settle as usual;
* a signed file with bad contents (``bad_container``, ``too_large``,
  ``bad_manifest``, ``unknown_schema``, ``member_hash_mismatch``,
  ``bad_change``) uses up its seq: it is held and settled in order as a
  quarantine with that reason;
* a verified bundle whose ``(device, seq)`` already has another file is a
  ``seq_conflict`` (HTTP 409), quarantined, the first file stays;
* otherwise it is held until every lower seq of its device is settled; then,
  in one transaction, the hash chain (``broken_chain``) and the clock
  (``clock_skew``: an HLC more than 24 h ahead of the bureau) are checked and
  its changes merged (:mod:`app.sync.merge`) and its photo sync copies
  stored (:mod:`app.bureau.blobs`). Any exception while settling quarantines
  that bundle only (the error's ``reason`` if it has one, else
  ``apply_failed``), so a device is never wedged. A bundle settled by
  quarantine still advances the device's contiguous seq.
* a bundle held from before format 2 (stored as a format-1 file) cannot be
  read again: it is turned into an unsettled ``unsupported_format``
  quarantine, which leaves its seq open for the device's format-2 re-pack.

What the bureau sends back (acks, notices, the school's rows, publications) is
:class:`app.bureau.replies.Replies`, which the ingestor mixes in.

Thread-safe: each call uses its own connections; the device row is locked
(``SELECT … FOR UPDATE``) while a bundle is settled.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import uuid
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, select, update

from app.bureau import stream
from app.bureau.blobs import store_blobs
from app.bureau.config import BureauConfig
from app.bureau.crashpoints import reach
from app.bureau.replies import Replies, locked_device, move_cursors
from app.sync.bundle import MAX_FILE_BYTES, Bundle, BundleError, read_bundle
from app.sync.merge import apply_changes
from db import hlc as hlc_mod
from db.models import BureauBundle, BureauDevice

log = logging.getLogger(__name__)

MAX_FUTURE_MS = 24 * 3600 * 1000
BB, BD = BureauBundle.__table__, BureauDevice.__table__


@dataclasses.dataclass(frozen=True)
class IngestResult:
    sha256: str
    state: str  # applied | held | duplicate | quarantined
    reason: str = ""
    device_id: uuid.UUID | None = None
    seq: int | None = None

    @property
    def conflict(self) -> bool:
        return self.reason == "seq_conflict"


def _now() -> datetime:
    return datetime.now(UTC)


def _reason_of(error: Exception) -> str:
    """The named reason an error carries (MergeError, BundleError), else ``apply_failed``."""
    reason = getattr(error, "reason", None)
    return reason[:64] if isinstance(reason, str) and reason else "apply_failed"


class Ingestor(Replies):
    def __init__(self, engine: Engine, config: BureauConfig, *, now_ms=hlc_mod.system_ms) -> None:
        self.engine = engine
        self.config = config
        self.spool = config.spool_dir / "bundles"
        self.spool.mkdir(parents=True, exist_ok=True)
        self._now_ms = now_ms

    # -- receiving -----------------------------------------------------------------

    def receive(
        self, data: bytes, name: str | None = None, *, sender: uuid.UUID | None = None
    ) -> IngestResult:
        """Take one bundle file. ``sender`` is the device that authenticated the upload, if any."""
        if len(data) > MAX_FILE_BYTES:
            log.warning("a file of %d bytes refused unread (%s)", len(data), (name or "")[:80])
            return IngestResult("", "quarantined", "too_large", sender, None)
        sha = hashlib.sha256(data).hexdigest()
        with self.engine.connect() as conn:
            known = conn.execute(select(BB).where(BB.c.sha256 == sha)).first()
        retake = known is not None and self._waiting_for_registered(known)
        if known is not None and not retake:
            if known.state == "held" and known.verified and known.device_id is not None:
                # Stored and verified, but a crash may have come before it was settled:
                # the same bytes again run the ordering step that was lost.
                self.advance(known.device_id)
            return IngestResult(sha, "duplicate", known.reason, known.device_id, known.seq)
        path = self.spool / f"{sha}.bundle"
        if not path.exists():
            tmp = path.with_suffix(".part")
            tmp.write_bytes(data)
            tmp.replace(path)
        reach("spooled")

        header_claim: dict[str, uuid.UUID] = {}

        def device_key(device: uuid.UUID, school: uuid.UUID) -> bytes | None:
            if sender is not None and device != sender:
                raise BundleError("wrong_sender", f"a bundle of {device} sent by {sender}")
            header_claim["device"] = device
            return self._device_key(device, school)

        try:
            found: Bundle | BundleError = read_bundle(data, [self.config.age], device_key)
        except BundleError as e:
            if not e.settled:
                claim = f" (file name {name[:120]!r})" if name else ""
                return self._record(
                    sha,
                    data,
                    path,
                    "quarantined",
                    e.reason,
                    f"{e.detail}{claim}"[:500],
                    device_id=sender,
                    seq=None,
                    verified=False,
                    claimed=header_claim.get("device") if e.reason == "unknown_device" else None,
                    replace=retake,
                )
            found = e
        if isinstance(found, Bundle):
            device, seq, school = found.device_id, found.seq, found.school_id
        else:
            device, seq, school = found.header.device_id, found.header.seq, found.header.school_id
        other = self._verified_copy(device, seq)
        bundle = found if isinstance(found, Bundle) else None
        if other is not None and other.sha256 == sha:  # taken again meanwhile by another call
            return IngestResult(sha, "duplicate", "", device, seq)
        if other is not None:
            return self._record(
                sha,
                data,
                path,
                "quarantined",
                "seq_conflict",
                f"seq {seq} already received as {other.sha256}",
                device_id=device,
                seq=seq,
                verified=False,
                bundle=bundle,
                school_id=school,
                replace=retake,
            )
        done = self._record(
            sha,
            data,
            path,
            "held",
            "",
            "",
            device_id=device,
            seq=seq,
            verified=True,
            bundle=bundle,
            school_id=school,
            replace=retake,
        )
        if done.state == "duplicate":
            return done
        reach("recorded")
        self.advance(device, {sha: found})
        with self.engine.connect() as conn:
            row = conn.execute(select(BB).where(BB.c.sha256 == sha)).one()
        return IngestResult(sha, row.state, row.reason, device, seq)

    def _waiting_for_registered(self, row) -> bool:
        """Whether ``row`` is a file that waited for its device, and the device is enrolled now."""
        if not (
            row.state == "quarantined"
            and row.reason == "unknown_device"
            and not row.verified
            and row.claimed_device_id is not None
        ):
            return False
        with self.engine.connect() as conn:
            return (
                conn.execute(
                    select(BD.c.device_id).where(
                        BD.c.device_id == row.claimed_device_id, BD.c.revoked_at.is_(None)
                    )
                ).first()
                is not None
            )

    def take_waiting(self, device_id: uuid.UUID) -> list[IngestResult]:
        """Take again the stored files that claimed ``device_id`` before it registered
        (call right after a registration): they verify and settle now."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(BB.c.sha256, BB.c.path)
                .where(
                    BB.c.claimed_device_id == device_id,
                    BB.c.state == "quarantined",
                    BB.c.reason == "unknown_device",
                    BB.c.verified.is_(False),
                )
                .order_by(BB.c.id)
            ).all()
        results = []
        for row in rows:
            try:
                results.append(self.receive(Path(row.path).read_bytes()))
            except Exception:  # noqa: BLE001 - the registration stands; the file keeps waiting
                log.exception("a file waiting for %s could not be taken", device_id)
        if results:
            log.info("took %d file(s) that waited for %s to register", len(results), device_id)
        return results

    def _verified_copy(self, device: uuid.UUID, seq: int):
        """The verified file already received for ``(device, seq)``, if any.

        One held since before format 2 no longer counts: it cannot be read
        again, so it becomes an unsettled ``unsupported_format`` quarantine and
        the device's format-2 re-pack of that seq takes its place.
        """
        with self.engine.connect() as conn:
            other = conn.execute(
                select(BB.c.id, BB.c.sha256, BB.c.state, BB.c.path).where(
                    BB.c.device_id == device, BB.c.seq == seq, BB.c.verified.is_(True)
                )
            ).first()
        if other is None or other.state != "held":
            return other
        stored = self._read_stored(other.path)
        if not isinstance(stored, BundleError) or stored.reason != "unsupported_format":
            return other
        with self.engine.begin() as conn:
            conn.execute(
                update(BB)
                .where(BB.c.id == other.id)
                .values(state="quarantined", reason=stored.reason, verified=False)
            )
        return None

    def _device_key(self, device: uuid.UUID, school: uuid.UUID) -> bytes | None:
        """The enrolled, non-revoked signing key of ``device`` if it belongs to ``school``."""
        import base64

        with self.engine.connect() as conn:
            row = conn.execute(
                select(BD.c.signing_key, BD.c.school_id).where(
                    BD.c.device_id == device, BD.c.revoked_at.is_(None)
                )
            ).first()
        if row is None or row.school_id != school:
            return None
        return base64.b64decode(row.signing_key)

    def _record(
        self,
        sha,
        data,
        path,
        state,
        reason,
        detail,
        *,
        device_id,
        seq,
        verified,
        bundle: Bundle | None = None,
        school_id: uuid.UUID | None = None,
        claimed: uuid.UUID | None = None,
        replace: bool = False,
    ) -> IngestResult:
        """Store the file's row; with ``replace`` in place of its waiting ``unknown_device``
        row (one transaction; a "duplicate" when another call took it first)."""
        values = dict(
            sha256=sha,
            device_id=device_id,
            claimed_device_id=claimed,
            seq=seq,
            size=len(data),
            path=str(path),
            state=state,
            reason=reason,
            detail=detail,
            verified=verified,
            received_at=_now(),
            school_id=school_id,
            prev_sha256=bundle.manifest.get("prev_sha256", "") if bundle else "",
            change_count=len(bundle.changes) if bundle else 0,
            audit_head=bundle.manifest.get("audit_head") if bundle else None,
        )
        with self.engine.begin() as conn:
            if replace:
                gone = conn.execute(
                    BB.delete().where(
                        BB.c.sha256 == sha,
                        BB.c.state == "quarantined",
                        BB.c.reason == "unknown_device",
                        BB.c.verified.is_(False),
                    )
                ).rowcount
                if not gone:
                    return IngestResult(sha, "duplicate", "", device_id, seq)
            conn.execute(BB.insert().values(**values))
        if state == "quarantined":
            log.warning("bundle %s quarantined: %s", sha[:12], reason)
        return IngestResult(sha, state, reason, device_id, seq)

    # -- settling in seq order ---------------------------------------------------------

    def resume_held(self) -> int:
        """Settle what a crash left held (run at start): every device with a verified
        bundle waiting. Returns how many devices were looked at."""
        with self.engine.connect() as conn:
            devices = conn.execute(
                select(BB.c.device_id)
                .where(BB.c.state == "held", BB.c.verified.is_(True), BB.c.device_id.is_not(None))
                .distinct()
            ).scalars()
            devices = list(devices)
        for device in devices:
            self.advance(device)
        if devices:
            log.info("settled what was held for %d device(s)", len(devices))
        return len(devices)

    def advance(
        self, device_id: uuid.UUID, cache: dict[str, Bundle | BundleError] | None = None
    ) -> None:
        """Settle this device's held bundles in seq order for as long as there is no gap.

        Never raises for a bundle's sake: whatever goes wrong while settling one
        quarantines that one (settled) and the next are settled as usual.
        """
        cache = cache or {}
        while True:
            try:
                progressed = self._settle_next(device_id, cache)
            except Exception as e:  # noqa: BLE001 - one bundle never wedges its device
                log.exception("settling a bundle of %s failed", device_id)
                progressed = self._force_quarantine(device_id, e)
            if not progressed:
                return

    def _settle_next(self, device_id: uuid.UUID, cache: dict) -> bool:
        with self.engine.begin() as conn:
            dev = locked_device(conn, device_id)
            if dev is None:
                return False
            nxt = dev.contiguous_seq + 1
            row = conn.execute(
                select(BB).where(
                    BB.c.device_id == device_id,
                    BB.c.seq == nxt,
                    BB.c.verified.is_(True),
                    BB.c.state == "held",
                )
            ).first()
            if row is None:
                return False
            found = cache.get(row.sha256) or self._read_stored(row.path)
            if isinstance(found, BundleError) and found.reason == "unsupported_format":
                # Held since before format 2: give the seq back to the device's re-pack.
                conn.execute(
                    update(BB)
                    .where(BB.c.id == row.id)
                    .values(state="quarantined", reason=found.reason, verified=False)
                )
                return False
            savepoint = conn.begin_nested()
            try:
                state, reason, detail = self._settle(conn, dev, row, found)
            except Exception as e:  # noqa: BLE001 - any failure quarantines this bundle only
                savepoint.rollback()
                state, reason = "quarantined", _reason_of(e)
                detail = f"{type(e).__name__}: {e}"
            else:
                savepoint.commit()
            conn.execute(
                update(BB)
                .where(BB.c.id == row.id)
                .values(
                    state=state,
                    reason=reason,
                    detail=detail[:500],
                    applied_at=_now() if state == "applied" else None,
                )
            )
            conn.execute(
                update(BD)
                .where(BD.c.device_id == device_id)
                .values(contiguous_seq=nxt, last_bundle_at=_now())
            )
            reach("merged")
        reach("settled")
        return True

    def _force_quarantine(self, device_id: uuid.UUID, error: Exception) -> bool:
        """Last resort when settling failed outside the bundle's own savepoint."""
        try:
            with self.engine.begin() as conn:
                dev = locked_device(conn, device_id)
                if dev is None:
                    return False
                nxt = dev.contiguous_seq + 1
                done = conn.execute(
                    update(BB)
                    .where(
                        BB.c.device_id == device_id,
                        BB.c.seq == nxt,
                        BB.c.verified.is_(True),
                        BB.c.state == "held",
                    )
                    .values(
                        state="quarantined",
                        reason=_reason_of(error),
                        detail=f"{type(error).__name__}: {error}"[:500],
                    )
                ).rowcount
                if not done:
                    return False
                conn.execute(
                    update(BD)
                    .where(BD.c.device_id == device_id)
                    .values(contiguous_seq=nxt, last_bundle_at=_now())
                )
            return True
        except Exception:  # noqa: BLE001 - the database itself is failing: try next time
            log.exception("could not quarantine the next bundle of %s", device_id)
            return False

    def _read_stored(self, path: str) -> Bundle | BundleError:
        try:
            return read_bundle(Path(path).read_bytes(), [self.config.age], self._device_key)
        except BundleError as e:
            return e
        except OSError as e:
            return BundleError("corrupt", f"stored file no longer readable: {e}")

    def _reread(self, path: str) -> Bundle | None:
        found = self._read_stored(path)
        return found if isinstance(found, Bundle) else None

    def _settle(self, conn, dev, row, found: Bundle | BundleError) -> tuple[str, str, str]:
        if isinstance(found, BundleError):
            return "quarantined", found.reason, found.detail
        bundle = found
        if row.seq > 1:
            prev = conn.execute(
                select(BB.c.sha256).where(
                    BB.c.device_id == dev.device_id,
                    BB.c.seq == row.seq - 1,
                    BB.c.verified.is_(True),
                )
            ).scalar()
            if prev != row.prev_sha256:
                return "quarantined", "broken_chain", f"prev_sha256 {row.prev_sha256[:12]}"
        elif row.prev_sha256:
            return "quarantined", "broken_chain", "seq 1 names a previous bundle"
        limit = hlc_mod.pack(self._now_ms() + MAX_FUTURE_MS)
        top = max((c["hlc"] for c in bundle.changes), default=0)
        if top > limit:
            ahead_h = (hlc_mod.wall_ms(top) - self._now_ms()) / 3_600_000
            return "quarantined", "clock_skew", f"HLC {ahead_h:.0f} h ahead of the bureau"
        notes: list[str] = []
        apply_changes(
            conn,
            bundle.changes,
            school_id=dev.school_id,
            device_id=dev.device_id,
            notes=notes,
            positions=stream.positions(dev.school_id),
        )
        store_blobs(conn, self.config.spool_dir, bundle, dev.school_id)
        received = bundle.manifest.get("received")
        if received is not None:
            move_cursors(
                conn, dev.device_id, dev.school_id, received["changes"], received["content"]
            )
        return "applied", "", "; ".join(notes)[:500]
