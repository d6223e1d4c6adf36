"""What a return bundle brings down: the school's other PCs' changes, their photos, the
bureau's publications — applied on this PC in the return's own transaction.

The changes go through the same merge the bureau uses (:mod:`app.sync.merge`),
on the session's connection with Core statements, so change capture never sees
them: they are not queued to this PC's outbox again and keep their own HLC and
origin device. This PC's own writes have no ``bureau_field_clock`` entry; their
clocks are read from its outbox (:func:`outbox_clocks`), every change it ever
made being kept there. Finalized records stay as they were finalized (the
merge's ``FROZEN_BY`` rule, the same on every PC and at the bureau).

A slice is applied only when it starts at or before what this PC holds
(``changes_from`` ≤ ``sync_enrollment.changes_through``); a later one (an
earlier return was lost) is left for the bureau to send again. Applying a
slice again changes nothing (the merge is idempotent). The PC's clock then
observes the newest HLC it received, so its next edit orders after them.
"""

from __future__ import annotations

import dataclasses
import logging
import uuid
from collections import Counter, defaultdict
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, select

from app.sync.merge import Clock, MergeError, apply_changes
from app.sync.returns import Downstream
from db.models import DeviceState, OutboxEntry, SyncEnrollment

log = logging.getLogger(__name__)
OUTBOX = OutboxEntry.__table__


@dataclasses.dataclass
class Received:
    """What one return brought (shown on the sync page)."""

    changes: int = 0
    rows: int = 0
    photos: int = 0
    items: int = 0
    devices: dict[str, int] = dataclasses.field(default_factory=dict)
    skipped: bool = False  # a slice past a hole: left for the bureau to send again

    def as_json(self, at: datetime) -> dict[str, Any]:
        return {
            "at": at.isoformat(),
            "changes": self.changes,
            "rows": self.rows,
            "photos": self.photos,
            "items": self.items,
            "devices": dict(sorted(self.devices.items())),
        }


def outbox_clocks(
    conn: Connection, table: str, ids: list[uuid.UUID]
) -> dict[str, dict[str, Clock]]:
    """The merge's ``local_clocks`` on a PC: per row, the newest clock of each field
    this PC wrote (from its outbox, kept for good)."""
    out: dict[str, dict[str, Clock]] = defaultdict(dict)
    for start in range(0, len(ids), 500):
        for r in conn.execute(
            select(OUTBOX.c.row_id, OUTBOX.c.changes, OUTBOX.c.hlc, OUTBOX.c.device_id).where(
                OUTBOX.c.table_name == table, OUTBOX.c.row_id.in_(ids[start : start + 500])
            )
        ):
            clock = (int(r.hlc), str(r.device_id))
            fields = out[str(r.row_id)]
            for f in r.changes or {}:
                if clock > fields.get(f, (-1, "")):
                    fields[f] = clock
    return out


def apply_downstream(
    s, down: Downstream, *, data_dir: Path, school_id: uuid.UUID, device_id: uuid.UUID
) -> Received:
    """Apply a verified return's changes and photos in the session's transaction.

    Raises MergeError when a line does not fit the schema or names another
    school (the caller rolls back and reports the return as not applied).
    """
    got = Received()
    row = s.get(SyncEnrollment, 1)
    if down.changes_from > row.changes_through:
        got.skipped = True
        log.info(
            "return slice from %s skipped: this PC holds the stream to %s",
            down.changes_from,
            row.changes_through,
        )
        return got
    if down.changes:
        conn = s.connection()
        apply_changes(
            conn,
            down.changes,
            school_id=school_id,
            device_id=device_id,
            local_clocks=outbox_clocks,
        )
        got.changes = len(down.changes)
        got.rows = len({(c["table"], c["row"]) for c in down.changes})
        got.devices = dict(Counter(str(c["device"]) for c in down.changes))
        state = s.get(DeviceState, 1)
        newest = max(int(c["hlc"]) for c in down.changes)
        if state is not None and newest > (state.hlc_last or 0):
            state.hlc_last = newest
    got.photos = _keep_photos(data_dir, down.blobs)
    row.changes_through = max(row.changes_through, down.changes_through)
    return got


def _keep_photos(data_dir: Path, blobs: dict[str, tuple[str, bytes]]) -> int:
    """File each photo's sync copy (the original stays on the PC that took it) and
    its thumbnail; a picture that does not decode is left out, never fatal."""
    from app.attachments.store import make_derivatives, sync_copy_path

    kept = 0
    for _digest, (original, body) in blobs.items():
        target = sync_copy_path(data_dir, original)
        if target.exists():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(".part")
        tmp.write_bytes(body)
        tmp.chmod(0o600)
        tmp.replace(target)
        try:
            make_derivatives(data_dir, original)
        except (OSError, ValueError):
            log.warning("photo %s: no thumbnail from its sync copy", original[:12], exc_info=True)
        kept += 1
    return kept


__all__ = ["MergeError", "Received", "apply_downstream", "outbox_clocks"]
