"""The audit heads schools' PCs anchor in their bundles, checked against the bureau's copy.

Every bundle's signed manifest carries its device's audit head when packed
(``{"seq", "hash", "mac"}``, :func:`app.sync.outgoing.audit_head`); the
ingest keeps it in ``bureau_bundle.audit_head``. The audit entries themselves
sync too, so the bureau can say, per device:

* whether its copy of the entry the newest head names has that hash
  (``agrees``), another one (``differs``: the chain was rewritten after it
  was sent) or is not here yet (``missing``: its bundle is held or
  quarantined);
* whether a later bundle's head went back: a lower seq than an earlier
  bundle's, or the same seq with another hash — the PC's records were rolled
  back (an old backup restored, or the chain cut) after the bureau saw them.

An inspector compares the newest head with what ``xiaoan check`` prints on
the PC. The MAC is the PC's (its key never leaves it); it is kept, not checked.
"""

from __future__ import annotations

import dataclasses
import uuid
from datetime import datetime

from sqlalchemy import Engine, select

from db.models import AuditEntry, BureauBundle, BureauDevice

BB, BD, AE = BureauBundle.__table__, BureauDevice.__table__, AuditEntry.__table__


@dataclasses.dataclass(frozen=True)
class Anchor:
    school_code: str
    device_id: uuid.UUID
    bundle_seq: int
    received_at: datetime
    head_seq: int
    head_hash: str
    state: str  # agrees | differs | missing
    went_back: tuple[str, ...] = ()


def _head(value) -> tuple[int, str] | None:
    if not isinstance(value, dict):
        return None
    seq, digest = value.get("seq"), value.get("hash")
    if isinstance(seq, int) and not isinstance(seq, bool) and isinstance(digest, str):
        return seq, digest
    return None


def anchors(engine: Engine, school_code: str | None = None) -> list[Anchor]:
    """The newest anchored head of every device (of one school), with what it tells."""
    query = (
        select(BB.c.device_id, BB.c.seq, BB.c.received_at, BB.c.audit_head, BD.c.school_code)
        .join(BD, BD.c.device_id == BB.c.device_id)
        .where(BB.c.verified.is_(True), BB.c.audit_head.is_not(None))
        .order_by(BD.c.school_code, BB.c.device_id, BB.c.seq)
    )
    if school_code is not None:
        query = query.where(BD.c.school_code == school_code)
    out: list[Anchor] = []
    with engine.connect() as conn:
        rows = conn.execute(query).all()
        by_device: dict[uuid.UUID, list] = {}
        for r in rows:
            if _head(r.audit_head) is not None:
                by_device.setdefault(r.device_id, []).append(r)
        for device, bundles in by_device.items():
            went_back: list[str] = []
            seen: dict[int, str] = {}
            top = 0
            for r in bundles:
                seq, digest = _head(r.audit_head)  # type: ignore[misc]
                if seq < top:
                    went_back.append(f"bundle {r.seq}: head {seq} after {top}")
                elif seen.get(seq, digest) != digest:
                    went_back.append(f"bundle {r.seq}: entry {seq} with another hash")
                seen[seq] = digest
                top = max(top, seq)
            last = bundles[-1]
            seq, digest = _head(last.audit_head)  # type: ignore[misc]
            held = conn.execute(
                select(AE.c.entry_hash).where(AE.c.origin_device == device, AE.c.seq == seq)
            ).scalar()
            state = "missing" if held is None else ("agrees" if held == digest else "differs")
            out.append(
                Anchor(
                    last.school_code,
                    device,
                    last.seq,
                    last.received_at,
                    seq,
                    digest,
                    state,
                    tuple(went_back),
                )  # fmt: skip
            )
    return out
