"""The bureau's answers to a device: acks, notices, the school's rows and publications.

Mixed into :class:`app.bureau.ingest.Ingestor` (it uses ``self.engine`` and
``self.config``). A return bundle (:mod:`app.sync.returns`) is numbered per
device and carries what lies past the device's cursors: the school's change
stream (:mod:`app.bureau.stream`) and the bureau's publications
(:mod:`app.bureau.publications`), at most :data:`RETURN_BUDGET` bytes each.
The device moves its cursors itself (:func:`move_cursors`): by the return
request's query, or by a bundle manifest's ``received``.
"""

from __future__ import annotations

import time
import uuid
from datetime import UTC, datetime

from sqlalchemy import select, update

from app.bureau import stream
from app.bureau.crashpoints import reach
from app.sync.bundle import canonical_json
from app.sync.envelope import MAX_BUNDLE_BYTES
from app.sync.returns import MAX_NOTICES, Acks, Downstream, build_return
from db.models import BureauBundle, BureauDevice, BureauNotice

BB, BD, BN = BureauBundle.__table__, BureauDevice.__table__, BureauNotice.__table__


def locked_device(conn, device_id: uuid.UUID):
    """The device's row, locked until the transaction ends (settling is serialised per device)."""
    return conn.execute(select(BD).where(BD.c.device_id == device_id).with_for_update()).first()


# What one return bundle carries at most (change lines and photos, uncompressed).
RETURN_BUDGET = MAX_BUNDLE_BYTES - 64 * 1024
# Return files one USB export writes per device at most (a PC joining later).
USB_RETURNS = 16


def move_cursors(conn, device_id, school_id, changes, content) -> None:
    """A device's word on how far it holds its school's stream and the publications.

    Taken as said (a device can only cheat itself out of rows), within what exists.
    """
    values = {}
    if changes is not None and school_id is not None:
        values["changes_through"] = min(int(changes), stream.stream_end(conn, school_id))
    if content is not None:
        values["content_through"] = max(0, int(content))
    if values:
        conn.execute(update(BD).where(BD.c.device_id == device_id).values(**values))


def _publications(conn, dev, after: int, budget: int) -> tuple[list, int]:
    """The bureau's publications for the device's school past ``after`` (app.bureau.publications)."""
    from app.bureau.publications import for_device

    return for_device(
        conn, school_code=dev.school_code, school_id=dev.school_id, after=after, budget=budget
    )


class Replies:
    """What the bureau sends a device back (acks, notices, rows, publications)."""

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
        reach("acks_built")
        return Acks(contiguous, held, quarantined)

    def return_bundle(
        self,
        device_id: uuid.UUID,
        *,
        changes_after: int | None = None,
        content_after: int | None = None,
        budget: int | None = None,
    ) -> bytes | None:
        """A fresh return bundle for a registered device (numbered), or None if unknown.

        ``changes_after``/``content_after``: how far the device says it holds the
        school's change stream and the publications (its acknowledgement of earlier
        returns); they become its cursors, and the return carries what lies past
        them, at most ``budget`` bytes. Without them, the stored cursors are used.
        """
        down = self.downstream(device_id, changes_after, content_after, budget or RETURN_BUDGET)
        if down is None:
            return None
        reach("return_numbered")
        return self._sealed(*down)

    def _sealed(self, dev, seq: int, slice_: Downstream) -> bytes:
        """The numbered return of ``dev``: its acks, notices and ``slice_``, signed and
        encrypted to the device."""
        return build_return(
            device_id=dev.device_id,
            school_id=dev.school_id,
            return_seq=seq,
            acks=self.acks(dev.device_id),
            signing_key=self.config.signing,
            recipient=dev.recipient,
            created_at=datetime.fromtimestamp(time.time(), UTC).isoformat(),
            notices=self.notices(dev.school_code),
            down=slice_,
        )

    def usb_returns(
        self, device_id: uuid.UUID, *, max_files: int = USB_RETURNS, budget: int | None = None
    ) -> list[tuple[int, bytes]]:
        """Return bundles for a USB stick: ``(return_seq, bytes)``, in order.

        The first starts at the device's cursors; each next one where the one
        before ended (the device applies them in order), as long as rows are left
        and at most ``max_files``, so a PC joining later catches up in one trip.
        """
        out: list[tuple[int, bytes]] = []
        budget = budget or RETURN_BUDGET
        start = None
        while len(out) < max_files:
            down = self.downstream(device_id, None, None, budget, start=start)
            if down is None:
                break
            _dev, seq, slice_ = down
            out.append((seq, self._sealed(*down)))
            if not slice_.more:
                break
            start = (slice_.changes_through, slice_.content_through)
        return out

    def downstream(self, device_id, changes_after, content_after, budget, *, start=None):
        """Number the next return of ``device_id`` and read what it carries (or None).

        ``start``: (changes, content) positions to read from without moving the
        device's cursors (the later files of a USB export, which the device has not
        acknowledged yet)."""
        with self.engine.begin() as conn:
            dev = locked_device(conn, device_id)
            if dev is None:
                return None
            if changes_after is not None or content_after is not None:
                move_cursors(conn, device_id, dev.school_id, changes_after, content_after)
                dev = locked_device(conn, device_id)
            seq = dev.return_seq + 1
            conn.execute(update(BD).where(BD.c.device_id == device_id).values(return_seq=seq))
            changes_from, content_from = start or (dev.changes_through, dev.content_through)
            slice_ = Downstream(
                changes_from=changes_from,
                changes_through=changes_from,
                content_through=content_from,
            )
            if dev.school_id is not None and dev.revoked_at is None:
                items, content_through = _publications(conn, dev, content_from, budget // 4)
                used = len(canonical_json(items)) if items else 0
                part = stream.changes_for(
                    conn,
                    school_id=dev.school_id,
                    device_id=device_id,
                    after=changes_from,
                    budget=budget - used,
                )
                slice_ = Downstream(
                    changes=part.lines,
                    blobs={d: (o, p.read_bytes()) for d, (o, p) in part.blobs.items()},
                    changes_from=part.start,
                    changes_through=part.through,
                    more=part.more,
                    changes_end=part.end,
                    content=items,
                    content_through=content_through,
                )
        return dev, seq, slice_

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
