"""Receiving bundles at the bureau: store, verify, order, apply, acknowledge.

:meth:`Ingestor.receive` takes one bundle file's bytes (from a tus upload or a
USB folder) and always finishes: a bad file is quarantined with a named
reason and never blocks the files after it. Rules (README.md, "Bureau"):

* the raw file is kept in the spool under its SHA-256; the same bytes twice
  are a duplicate and are simply acknowledged again;
* unreadable files (``not_a_bundle``, ``wrong_recipient``, ``corrupt``,
  ``bad_manifest``, ``unknown_format``, ``unknown_device``, ``bad_signature``,
  ``member_hash_mismatch``) are quarantined unsettled: they prove nothing
  about the device, so its seq stays open for the genuine file;
* a verified bundle whose ``(device, seq)`` already has another file is a
  ``seq_conflict`` (HTTP 409), quarantined, the first file stays;
* otherwise it is held until every lower seq of its device is settled; then,
  in one transaction, the hash chain (``broken_chain``) and the clock
  (``clock_skew``: an HLC more than 24 h ahead of the bureau) are checked and
  its changes merged (:mod:`app.bureau.merge`; a failure is ``apply_failed``)
  and its photo sync copies stored (:mod:`app.bureau.blobs`).
  A bundle settled by quarantine still advances the device's contiguous seq.

Thread-safe: each call uses its own connections; the device row is locked
(``SELECT … FOR UPDATE``) while a bundle is settled.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, select, update

from app.bureau.blobs import store_blobs
from app.bureau.config import BureauConfig
from app.bureau.merge import apply_changes
from app.sync.bundle import Bundle, BundleError, read_bundle
from app.sync.returns import MAX_NOTICES, Acks, build_return
from db import hlc as hlc_mod
from db.models import BureauBundle, BureauDevice, BureauNotice

log = logging.getLogger(__name__)

MAX_FUTURE_MS = 24 * 3600 * 1000
BB, BD, BN = BureauBundle.__table__, BureauDevice.__table__, BureauNotice.__table__


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


def _claimed(name: str | None) -> tuple[uuid.UUID | None, int | None]:
    """The device and seq a file name claims (``school.device.seq.bundle``); untrusted."""
    try:
        parts = (name or "").split(".")
        return uuid.UUID(parts[1]), int(parts[2])
    except (IndexError, ValueError):
        return None, None


class Ingestor:
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
        """Ingest one file. ``sender`` is the device that authenticated the upload, if any:
        a file that does not verify is recorded against it, else against no device (a
        file name's claim is never believed)."""
        sha = hashlib.sha256(data).hexdigest()
        with self.engine.connect() as conn:
            known = conn.execute(select(BB).where(BB.c.sha256 == sha)).first()
        if known is not None:
            return IngestResult(sha, "duplicate", known.reason, known.device_id, known.seq)
        path = self.spool / f"{sha}.bundle"
        if not path.exists():
            tmp = path.with_suffix(".part")
            tmp.write_bytes(data)
            tmp.replace(path)
        try:
            bundle = read_bundle(data, [self.config.age], self._device_key)
        except BundleError as e:
            claimed_seq = _claimed(name)[1]
            device, seq = sender, claimed_seq if sender is not None else None
            return self._record(
                sha,
                data,
                path,
                "quarantined",
                e.reason,
                str(e.detail)[:500],
                device_id=device,
                seq=seq,
                verified=False,
            )
        device, seq = bundle.device_id, bundle.seq
        with self.engine.connect() as conn:
            other = conn.execute(
                select(BB.c.sha256).where(
                    BB.c.device_id == device, BB.c.seq == seq, BB.c.verified.is_(True)
                )
            ).first()
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
            )
        self._record(
            sha, data, path, "held", "", "", device_id=device, seq=seq, verified=True, bundle=bundle
        )
        self.advance(device, {sha: bundle})
        with self.engine.connect() as conn:
            row = conn.execute(select(BB).where(BB.c.sha256 == sha)).one()
        return IngestResult(sha, row.state, row.reason, device, seq)

    def _device_key(self, manifest: dict) -> bytes | None:
        import base64

        try:
            device = uuid.UUID(str(manifest.get("device")))
            school = uuid.UUID(str(manifest.get("school")))
        except ValueError:
            return None
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
    ) -> IngestResult:
        values = dict(
            sha256=sha,
            device_id=device_id,
            seq=seq,
            size=len(data),
            path=str(path),
            state=state,
            reason=reason,
            detail=detail,
            verified=verified,
            received_at=_now(),
            school_id=uuid.UUID(bundle.manifest["school"]) if bundle else None,
            prev_sha256=bundle.manifest.get("prev_sha256", "") if bundle else "",
            change_count=len(bundle.changes) if bundle else 0,
        )
        with self.engine.begin() as conn:
            conn.execute(BB.insert().values(**values))
        if state == "quarantined":
            log.warning("bundle %s quarantined: %s", sha[:12], reason)
        return IngestResult(sha, state, reason, device_id, seq)

    # -- settling in seq order ---------------------------------------------------------

    def advance(self, device_id: uuid.UUID, cache: dict[str, Bundle] | None = None) -> None:
        """Settle this device's held bundles in seq order for as long as there is no gap."""
        cache = cache or {}
        while True:
            with self.engine.begin() as conn:
                dev = conn.execute(
                    select(BD).where(BD.c.device_id == device_id).with_for_update()
                ).first()
                if dev is None:
                    return
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
                    return
                bundle = cache.get(row.sha256) or self._reread(row.path)
                state, reason, detail = self._settle(conn, dev, row, bundle)
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

    def _reread(self, path: str) -> Bundle | None:
        try:
            return read_bundle(Path(path).read_bytes(), [self.config.age], self._device_key)
        except (OSError, BundleError):
            return None

    def _settle(self, conn, dev, row, bundle: Bundle | None) -> tuple[str, str, str]:
        if bundle is None:
            return "quarantined", "corrupt", "stored file no longer readable"
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
        top = max((int(c["hlc"]) for c in bundle.changes), default=0)
        if top > limit:
            ahead_h = (hlc_mod.wall_ms(top) - self._now_ms()) / 3_600_000
            return "quarantined", "clock_skew", f"HLC {ahead_h:.0f} h ahead of the bureau"
        savepoint = conn.begin_nested()
        try:
            apply_changes(conn, bundle.changes, school_id=dev.school_id, device_id=dev.device_id)
            store_blobs(conn, self.config.spool_dir, bundle, dev.school_id)
        except Exception as e:  # noqa: BLE001 - any failure quarantines this bundle only
            savepoint.rollback()
            return "quarantined", "apply_failed", f"{type(e).__name__}: {e}"
        savepoint.commit()
        return "applied", "", ""

    # -- acknowledging -------------------------------------------------------------------

    def acks(self, device_id: uuid.UUID) -> Acks:
        with self.engine.connect() as conn:
            contiguous = (
                conn.execute(
                    select(BD.c.contiguous_seq).where(BD.c.device_id == device_id)
                ).scalar()
                or 0
            )
            rows = conn.execute(
                select(BB.c.seq, BB.c.sha256, BB.c.state, BB.c.reason, BB.c.verified)
                .where(BB.c.device_id == device_id)
                .order_by(BB.c.seq, BB.c.id)
            ).all()
        held = sorted({r.seq for r in rows if r.state == "held"})
        # A bundle an operator rejected stays refused, with "rejected" as its reason.
        quarantined = [
            {
                "seq": r.seq,
                "sha256": r.sha256,
                "reason": "rejected" if r.state == "rejected" else r.reason,
                "settled": bool(r.verified) and r.reason != "seq_conflict",
            }
            for r in rows
            if r.state in ("quarantined", "rejected")
        ]
        return Acks(contiguous, held, quarantined)

    def return_bundle(self, device_id: uuid.UUID) -> bytes | None:
        """A fresh return bundle for a registered device (numbered), or None if unknown."""
        with self.engine.begin() as conn:
            dev = conn.execute(
                select(BD).where(BD.c.device_id == device_id).with_for_update()
            ).first()
            if dev is None:
                return None
            seq = dev.return_seq + 1
            conn.execute(update(BD).where(BD.c.device_id == device_id).values(return_seq=seq))
        return build_return(
            device_id=device_id,
            school_id=dev.school_id,
            return_seq=seq,
            acks=self.acks(device_id),
            signing_key=self.config.signing,
            recipient=dev.recipient,
            created_at=datetime.fromtimestamp(time.time(), UTC).isoformat(),
            notices=self.notices(dev.school_code),
        )

    def notices(self, school_code: str) -> list[dict]:
        """The school's newest notices, oldest first, as return bundles carry them."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(BN.c.id, BN.c.text, BN.c.created_at)
                .where(BN.c.school_code == school_code)
                .order_by(BN.c.created_at.desc())
                .limit(MAX_NOTICES)
            ).all()
        return [
            {"id": str(r.id), "text": r.text, "created_at": r.created_at.isoformat()}
            for r in reversed(rows)
        ]
