"""Do the records still say what their last audited change wrote?

``xiaoan check`` replays this PC's outbox — every change the app captured,
in order — and compares each record's current columns with the values its
newest change wrote. A record edited in the SQLite file behind the app's
back (an ``UPDATE`` in the sqlite3 shell) no longer matches.

The outbox itself is vouched for by the audit trail: each audit entry names
the changes of its action with their digests (:func:`db.capture.change_digest`),
and the entries are sealed by the keyed chain. So an outbox row that was
edited or deleted no longer matches the entry that names it, and an outbox
row no entry names (after the point where entries started naming digests,
recorded by the chain's anchor) is a forgery.

What it cannot see: a record whose newest change came from another PC of
the school by sync (that PC's own check covers it), and records older than
the outbox rows this version audits (before the upgrade) edited together
with their outbox rows.
"""

from __future__ import annotations

import collections
import dataclasses
import random
import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit.trail import ANCHORS, outbox_mark
from app.i18n import QT_TRANSLATE_NOOP, translate
from db.base import Base
from db.capture import change_digest, json_value
from db.models import AuditEntry, DeviceState
from db.models.outbox import OutboxEntry


@dataclasses.dataclass(frozen=True)
class RecordProblem:
    table: str
    row_id: str
    field: str
    reason: str  # changed | deleted | outbox_changed | unaudited

    def describe(self, language: str | None = None) -> str:
        text = translate("app", _REASONS[self.reason], language)
        return text.format(table=self.table, id=self.row_id, field=self.field or "-")


_REASONS = {
    "changed": QT_TRANSLATE_NOOP(
        "app",
        "Record {id} in table {table}: field {field} differs from what its last recorded change "
        "wrote; it was changed outside xiaoan.",
    ),
    "deleted": QT_TRANSLATE_NOOP(
        "app", "Record {id} in table {table} is gone; it was deleted outside xiaoan."
    ),
    "outbox_changed": QT_TRANSLATE_NOOP(
        "app",
        "A recorded change of record {id} in table {table} was altered or deleted: it no longer "
        "matches the audit entry that names it.",
    ),
    "unaudited": QT_TRANSLATE_NOOP(
        "app",
        "A change of record {id} in table {table} (field {field}) is named by no audit entry: it "
        "was added outside xiaoan.",
    ),
}


@dataclasses.dataclass
class _Fold:
    values: dict[str, Any] = dataclasses.field(default_factory=dict)
    hlc: int = 0


SAMPLE = 20_000  # records compared when there are more (all of them up to this many)


def check_records(session: Session, sample: int = SAMPLE) -> tuple[list[RecordProblem], int]:
    """Problems found, and how many records were compared.

    Every record this PC changed is compared when there are at most
    ``sample``; otherwise a fresh random sample of that many (an unpredictable
    one: whoever edits the file cannot know which records the next check
    reads). A 5-year large school has about 325,000: all of them take about a minute.
    """
    local = session.get(DeviceState, 1)
    if local is None:
        return [], 0
    device = local.device_id
    required, optional, mark = _audited_changes(session, device)
    if mark is None:
        return [], 0  # no keyed trail yet: nothing vouches for the outbox
    mine = (
        (OutboxEntry.device_id == device)
        # The audit entries themselves are vouched for by their chain.
        & (OutboxEntry.table_name != AuditEntry.__tablename__)
        # Changes from before this version named them (migrations' among them) are not compared.
        & (OutboxEntry.seq > mark)
    )
    seqs: dict[tuple[str, str], list[int]] = collections.defaultdict(list)
    for seq, table, row_id in session.execute(
        select(OutboxEntry.seq, OutboxEntry.table_name, OutboxEntry.row_id).where(mine)
    ):
        seqs[(table, str(row_id))].append(seq)
    chosen = list(seqs)
    if len(chosen) > sample:
        chosen = random.SystemRandom().sample(chosen, sample)
        keep = set(chosen)
        required = collections.Counter({k: n for k, n in required.items() if k[:2] in keep})
    wanted = sorted(seq for key in chosen for seq in seqs[key])
    problems: list[RecordProblem] = []
    folds: dict[tuple[str, uuid.UUID], _Fold] = {}
    for i in range(0, len(wanted), 900):
        rows = session.execute(
            select(
                OutboxEntry.table_name,
                OutboxEntry.row_id,
                OutboxEntry.op,
                OutboxEntry.changes,
                OutboxEntry.hlc,
            )
            .where(OutboxEntry.seq.in_(wanted[i : i + 900]))
            .order_by(OutboxEntry.seq)
        )
        for table, row_id, op, changes, hlc in rows:
            changes = changes if isinstance(changes, dict) else {}
            named = (table, str(row_id), change_digest(table, row_id, op, changes, hlc))
            if required[named] > 0:
                required[named] -= 1
            elif optional[named] > 0:
                optional[named] -= 1
            else:
                field = ",".join(sorted(set(changes) - {"updated_at", "origin_device"}))
                problems.append(RecordProblem(table, str(row_id), field, "unaudited"))
            fold = folds.setdefault((table, row_id), _Fold())
            fold.values.update(changes)
            fold.values.pop("hlc", None)  # an insert lists it; the change's own hlc is the newest
            fold.hlc = int(hlc)
    for (table, row_id, _digest), left in sorted(required.items()):
        if left > 0:
            problems.append(RecordProblem(table, row_id, "", "outbox_changed"))
    problems += _compare(session, device, folds)
    return problems, len(folds)


RESTORE = "backup.restore"


def _audited_changes(session: Session, device: uuid.UUID):
    """What the audit trail names: (table, id, digest) counts that must be in the outbox, those
    that may be (named before a restore rolled their changes back), and the outbox seq after
    which every change must be named."""
    required: collections.Counter = collections.Counter()
    optional: collections.Counter = collections.Counter()
    mark: int | None = None
    entries = session.execute(
        select(AuditEntry.seq, AuditEntry.action, AuditEntry.targets, AuditEntry.detail)
        .where(AuditEntry.origin_device == device, AuditEntry.entry_mac.is_not(None))
        .order_by(AuditEntry.seq)
    )
    for seq, action, targets, detail in entries:
        if mark is None:
            if seq == 1:
                mark = 0
            elif action in ANCHORS:
                mark = outbox_mark(AuditEntry(detail=detail))
        if action == RESTORE:
            # A restore brings back the backup's records and outbox: the changes named
            # since the backup was taken are gone with it, legitimately.
            optional += required
            required.clear()
        for t in targets or []:
            if isinstance(t, dict) and t.get("digest"):
                required[(t.get("table"), t.get("id"), t["digest"])] += 1
    return required, optional, mark


def _mappers() -> dict[str, Any]:
    from db.models import load_all

    load_all()
    return {m.local_table.name: m for m in Base.registry.mappers if hasattr(m, "local_table")}


def _compare(session: Session, device: uuid.UUID, folds) -> list[RecordProblem]:
    mappers = _mappers()
    by_table: dict[str, list[uuid.UUID]] = collections.defaultdict(list)
    for table, row_id in folds:
        by_table[table].append(row_id)
    problems: list[RecordProblem] = []
    for table in sorted(by_table):
        mapper = mappers.get(table)
        if mapper is None:
            continue
        cls = mapper.class_
        wanted = by_table[table]
        found: dict[uuid.UUID, Any] = {}
        for i in range(0, len(wanted), 500):
            for obj in session.scalars(select(cls).where(cls.id.in_(wanted[i : i + 500]))):
                found[obj.id] = obj
        for row_id in sorted(wanted):
            obj = found.get(row_id)
            if obj is None:
                problems.append(RecordProblem(table, str(row_id), "", "deleted"))
                continue
            if obj.origin_device != device:
                continue  # changed since by another PC of the school, through sync
            fold = folds[(table, row_id)]
            columns = mapped_keys(mapper)
            for key, value in sorted(fold.values.items()):
                if key not in columns:
                    continue  # a column a later schema dropped
                if not _equal(json_value(getattr(obj, key)), value):
                    problems.append(RecordProblem(table, str(row_id), key, "changed"))
                    break
            else:
                if obj.hlc != fold.hlc:
                    problems.append(RecordProblem(table, str(row_id), "hlc", "changed"))
    return problems


def mapped_keys(mapper) -> frozenset[str]:
    return frozenset(attr.key for attr in mapper.column_attrs)


def _equal(now: Any, recorded: Any) -> bool:
    if now == recorded:
        return True
    if isinstance(now, str) and isinstance(recorded, str):
        # A time captured in another zone reads back in UTC: compare the instants.
        from datetime import datetime

        try:
            return datetime.fromisoformat(now) == datetime.fromisoformat(recorded)
        except ValueError:
            return False
    return False
