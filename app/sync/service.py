"""One sync pass, USB export/import, and applying the bureau's acknowledgements.

:func:`sync_pass` is what the UI ("sync now", "urgent records") and ``xiaoan
sync`` call: register if needed, pack the outbox, upload every unacknowledged
bundle (resuming interrupted uploads), fetch and apply the return bundle.
It blocks on the network: the UI runs it off the UI thread. Passes for one
data folder are serialised by a process-wide lock; a second caller waits.

Outbox rows are marked acknowledged only from a verified return bundle
(:func:`apply_return`), over HTTP or from a USB folder alike.

Progress: ``sync_pass(progress=...)`` calls the given function with a
:class:`SyncProgress` from the thread running the pass (packing, each
uploaded chunk, fetching the reply). It is a plain callable, so the UI
decides how to hand it over to its own thread.
"""

from __future__ import annotations

import base64
import dataclasses
import logging
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select, update

from app.errors import UserError
from app.i18n import QT_TRANSLATE_NOOP
from app.sync import enrollment as enrollment_mod
from app.sync import problems
from app.sync.bundle import MAX_FILE_BYTES, BundleError, sha256_hex
from app.sync.keys import device_keys
from app.sync.merge import MergeError
from app.sync.outgoing import outgoing_dir, pack_pending, repack_old_formats, unacked_count
from app.sync.returns import Acks, read_return
from app.sync.transport import HttpTransport, Refused, RetryPolicy, Transient
from app.sync.usbfiles import FolderReport, take_each
from app.workspace import Workspace
from db.models import BundleState, SyncBundle, SyncEnrollment, SyncNotice
from db.models.outbox import OutboxEntry

log = logging.getLogger(__name__)
_locks: dict[Path, threading.Lock] = {}
_locks_guard = threading.Lock()
OPEN_STATES = (BundleState.PENDING, BundleState.UPLOADING, BundleState.SENT)
# A return bundle carries at most 16 MiB of other PCs' changes and photos, framed like a bundle.
MAX_RETURN_BYTES = MAX_FILE_BYTES


@dataclasses.dataclass(frozen=True)
class SyncProgress:
    """Where a pass is: ``stage`` packing | uploading | fetching; bytes of bundle ``seq``."""

    stage: str
    seq: int = 0
    sent: int = 0
    total: int = 0


Progress = Callable[[SyncProgress], None]


def _no_progress(_p: SyncProgress) -> None:
    pass


@dataclasses.dataclass
class SyncReport:
    packed: int = 0
    uploaded: int = 0
    acked_seq: int = 0
    unacked_changes: int = 0
    open_bundles: int = 0
    quarantined: list[tuple[int, str]] = dataclasses.field(default_factory=list)
    # Changes the return bundles brought from the school's other PCs.
    received: int = 0
    # Technical detail for the log; ``problem`` is the code to show (app.sync.problems).
    error: str = ""
    problem: str = ""

    @property
    def anything_left(self) -> bool:
        return bool(self.unacked_changes or self.open_bundles or self.quarantined)


def _lock(ws: Workspace) -> threading.Lock:
    with _locks_guard:
        return _locks.setdefault(ws.data_dir.resolve(), threading.Lock())


def pass_lock(ws: Workspace) -> threading.Lock:
    """The lock every pass and USB transfer of ``ws``'s data folder holds: hold it to keep
    sync out while the data file itself is replaced (a restore does)."""
    return _lock(ws)


def _set_bundle(ws: Workspace, seq: int, **values) -> None:
    with ws.db.write(actor_id=None) as s:
        s.execute(update(SyncBundle).where(SyncBundle.seq == seq).values(**values))


def _open_bundles(ws: Workspace) -> list[SyncBundle]:
    with ws.read() as s:
        return list(
            s.scalars(
                select(SyncBundle).where(SyncBundle.state.in_(OPEN_STATES)).order_by(SyncBundle.seq)
            )
        )


def sync_pass(
    ws: Workspace,
    *,
    transport: HttpTransport | None = None,
    policy: RetryPolicy | None = None,
    progress: Progress | None = None,
) -> SyncReport:
    """Run one pass. Network trouble ends the pass early with ``report.problem`` set.

    Raises UserError (not enrolled, keys not found, a reply that does not verify);
    everything the network can do wrong is in the report instead.
    """
    from app.sync.identity import check_own_identity

    progress = progress or _no_progress
    with _lock(ws):
        enrollment = enrollment_mod.current_enrollment(ws)
        check_own_identity(ws)  # a copy sharing this device's keys sends nothing
        transport = transport or HttpTransport(enrollment.bureau_url, policy=policy)
        keys = device_keys(ws.device_id)
        report = SyncReport()
        registering = True
        try:
            enrollment_mod.register(ws, transport)
            registering = False
            transport.sign_as(ws.device_id, keys.signing)
            progress(SyncProgress("packing"))
            repack_old_formats(ws, keys)
            report.packed = len(pack_pending(ws, keys))
            for bundle in _open_bundles(ws):
                if bundle.state == BundleState.SENT:
                    continue
                _upload(ws, transport, bundle, progress)
                report.uploaded += 1
            progress(SyncProgress("fetching"))
            report.received = _fetch_returns(ws, transport, progress)
        except (Transient, Refused, OSError) as e:
            report.error = str(e)
            report.problem = problems.classify(e, registering=registering)
            log.warning("sync pass stopped (%s): %s", report.problem, e)
        _fill(ws, report)
        now = datetime.now(UTC)
        with ws.db.write(actor_id=None) as s:
            row = s.get(SyncEnrollment, 1)
            row.last_attempt_at = now
            if not report.problem:
                row.last_sync_at = now
            row.last_error = report.problem
        return report


PROGRESS_SAVE_BYTES = 1024 * 1024


def _upload(
    ws: Workspace, transport: HttpTransport, bundle: SyncBundle, progress: Progress = _no_progress
) -> None:
    path = outgoing_dir(ws) / bundle.file_name
    metadata = {"name": bundle.file_name, "sha256": bundle.sha256}

    def on_url(url: str | None) -> None:
        _set_bundle(ws, bundle.seq, upload_url=url, state=BundleState.UPLOADING)

    saved = {"at": bundle.bytes_sent or 0}

    def on_progress(offset: int) -> None:
        # Chunks can be small on a poor line: the offset is written down at the
        # first chunk and then every MiB or so (resuming asks the bureau anyway);
        # the UI hears of every chunk.
        if (
            not saved["at"]
            or abs(offset - saved["at"]) >= PROGRESS_SAVE_BYTES
            or offset >= bundle.size
        ):
            _set_bundle(ws, bundle.seq, bytes_sent=offset)
            saved["at"] = offset
        progress(SyncProgress("uploading", bundle.seq, offset, bundle.size))

    progress(SyncProgress("uploading", bundle.seq, bundle.bytes_sent, bundle.size))
    outcome = transport.upload(
        path, metadata, url=bundle.upload_url, on_url=on_url, on_progress=on_progress
    )
    if outcome.state == "quarantined" and (
        outcome.sha256 == bundle.sha256
        or (outcome.sha256 and outcome.sha256 == sha256_hex(path.read_bytes()))
    ):
        # The bureau holds these very bytes (its X-Xiaoan-Sha256 is this bundle's,
        # or that of the file as it is on this PC's disk, spoiled there) and refused
        # them: sending them again would only be a duplicate. The bundle waits for
        # an operator (release or reject) and the return bundles tell what became
        # of it. A verdict about other bytes (a copy damaged on the way) never stops
        # the genuine bundle: it counts as sent and the return bundle settles it.
        _set_bundle(ws, bundle.seq, state=BundleState.QUARANTINED, reason=outcome.reason)
    else:
        _set_bundle(
            ws,
            bundle.seq,
            state=BundleState.SENT,
            sent_at=datetime.now(UTC),
            bytes_sent=bundle.size,
        )


# Return bundles one pass fetches at most (a PC joining later takes 16 MiB each).
MAX_RETURNS_PER_PASS = 64


def _fetch_returns(ws: Workspace, transport: HttpTransport, progress: Progress) -> int:
    """Fetch and apply return bundles until the bureau has nothing more for this PC.

    Each request says how far this PC holds the school's change stream and the
    publications (from the returns applied so far), which is its acknowledgement:
    the bureau's cursor moves only then. Returns the changes received."""
    got = 0
    first = None
    for _n in range(MAX_RETURNS_PER_PASS):
        with ws.read() as s:
            row = s.get(SyncEnrollment, 1)
            changes, content = row.changes_through, row.content_through
        data = transport.fetch_return(ws.device_id, changes=changes, content=content)
        ret = _apply_verified(ws, data)
        down = ret.down if ret is not None else None
        if down is None:
            break
        got += len(down.changes)
        first = down.changes_from if first is None else first
        # The same bar as sending: how far through what the bureau holds for this PC.
        progress(
            SyncProgress(
                "receiving", 0, down.changes_through - first, max(1, down.changes_end - first)
            )
        )
        with ws.read() as s:
            row = s.get(SyncEnrollment, 1)
            moved = (row.changes_through, row.content_through) != (changes, content)
        if not (down.more and moved):
            break
    return got


def _fill(ws: Workspace, report: SyncReport) -> None:
    with ws.read() as s:
        row = s.get(SyncEnrollment, 1)
        report.acked_seq = row.acked_seq if row else 0
        bundles = list(s.scalars(select(SyncBundle)))
    report.open_bundles = sum(1 for b in bundles if b.state in OPEN_STATES)
    report.quarantined = [(b.seq, b.reason) for b in bundles if b.state == BundleState.QUARANTINED]
    report.unacked_changes = unacked_count(ws)


def apply_return(ws: Workspace, data: bytes) -> Acks | None:
    """Verify a return bundle and apply it: acks, notices, and what it brings down (the
    school's other PCs' changes and photos, the bureau's publications), all in one
    transaction. Returns None for an old (already seen) one."""
    ret = _apply_verified(ws, data)
    return ret.acks if ret is not None else None


def _apply_verified(ws: Workspace, data: bytes):
    enrollment = enrollment_mod.current_enrollment(ws)
    keys = device_keys(ws.device_id)
    try:
        ret = read_return(
            data, keys.receiving, base64.b64decode(enrollment.bureau_signing_key), ws.device_id
        )
    except BundleError as e:
        raise UserError(
            QT_TRANSLATE_NOOP(
                "app", "A reply from the bureau could not be verified ({reason}); it was ignored."
            ),
            reason=e.reason,
        ) from None
    if enrollment.registered_at is None:
        # Made for this PC's keys and signed by the bureau: the bureau has registered it
        # (a school without internet registers through the USB import).
        enrollment_mod.mark_registered(ws)
    if ret.return_seq <= enrollment.return_seq:
        return None
    try:
        _apply_return(ws, ret, down=ret.down)
    except MergeError as e:
        # Lines this PC's schema cannot take (or that name another school): nothing of
        # them is kept, the acks still are, and the bureau sends the rows again later.
        log.warning("return %s: changes not applied (%s: %s)", ret.return_seq, e.reason, e.detail)
        _apply_return(ws, ret, down=None, failed=e.reason)
    return ret


def _apply_return(ws: Workspace, ret, *, down, failed: str = "") -> None:
    from app.sync.incoming import Received, apply_downstream

    acks = ret.acks
    by_sha = {q["sha256"]: q for q in acks.quarantined}
    now = datetime.now(UTC)
    with ws.db.write(actor_id=None) as s:
        row = s.get(SyncEnrollment, 1)
        row.return_seq = ret.return_seq
        row.acked_seq = max(row.acked_seq, acks.contiguous_seq)
        settled_ok: list[int] = []
        watched = (*OPEN_STATES, BundleState.QUARANTINED)
        for b in s.scalars(select(SyncBundle).where(SyncBundle.state.in_(watched))):
            q = by_sha.get(b.sha256)
            if b.state == BundleState.QUARANTINED:
                if q is None and b.seq <= acks.contiguous_seq and b.reason != "seq_conflict":
                    # An operator at the bureau released it: its changes are in now.
                    b.state, b.reason, b.acked_at = BundleState.ACKED, "", now
                    settled_ok.append(b.seq)
                    (outgoing_dir(ws) / b.file_name).unlink(missing_ok=True)
                elif q is not None:
                    b.reason = q["reason"]
                continue
            if q is not None:
                # Listed under this bundle's own SHA-256: the bureau has exactly these
                # bytes and refused them (settled or not). Sending them again would
                # only be answered "duplicate", so it stops here until an operator
                # releases or rejects it; the bundles after it are sent as usual.
                b.state, b.reason = BundleState.QUARANTINED, q["reason"]
            elif b.seq <= acks.contiguous_seq:
                b.state, b.acked_at = BundleState.ACKED, now
                settled_ok.append(b.seq)
                (outgoing_dir(ws) / b.file_name).unlink(missing_ok=True)
            elif b.state == BundleState.SENT and b.seq not in acks.held:
                b.state, b.upload_url, b.bytes_sent = BundleState.PENDING, None, 0
        _keep_notices(s, ret.notices, now)
        if settled_ok:
            s.execute(
                update(OutboxEntry)
                .where(OutboxEntry.bundle_seq.in_(settled_ok), OutboxEntry.acked_at.is_(None))
                .values(acked_at=now)
                .execution_options(synchronize_session=False)
            )
        got = Received()
        if down is not None and ws.school_id is not None:
            got = apply_downstream(
                s, down, data_dir=ws.data_dir, school_id=ws.school_id, device_id=ws.device_id
            )
            if down.content and not got.skipped:
                got.items = _receive_content(s, down.content, now, ws.data_dir)
            if not got.skipped:
                row.content_through = max(row.content_through, down.content_through)
        if got.changes or got.photos or got.items or failed:
            row.last_received = {**got.as_json(now), "failed": failed}
    if got.changes:
        from app.workspace import Committed

        # Lists showing these tables refresh, as after a local action.
        ws._notify(Committed("sync.received", tables=frozenset(c["table"] for c in down.changes)))


def _receive_content(s, items: list, now: datetime, data_dir: Path) -> int:
    from app.oversight.receive import receive

    return receive(s, items, now, data_dir)


def _keep_notices(s, notices, now: datetime) -> None:
    """Store the bureau's notices this PC has not seen yet (by their bureau id)."""
    import uuid

    if not notices:
        return
    ids = {uuid.UUID(n["id"]): n for n in notices}
    known = set(s.scalars(select(SyncNotice.id).where(SyncNotice.id.in_(ids))))
    for nid, n in ids.items():
        if nid not in known:
            s.add(
                SyncNotice(
                    id=nid,
                    text=n["text"][:4000],
                    created_at=datetime.fromisoformat(n["created_at"]),
                    received_at=now,
                )
            )


# -- USB ---------------------------------------------------------------------------


def export_usb(ws: Workspace, folder: Path) -> list[Path]:
    """Pack the outbox and copy every unacknowledged bundle into ``folder`` (same files as HTTP).

    While this PC is not registered, its registration request goes along
    (``<device>.register``, :func:`app.sync.enrollment.write_registration_request`):
    the bureau's USB import registers it, and the first return bundle it sends
    back marks this PC registered (:func:`apply_return`). Returns the bundle files."""
    from app.sync.identity import check_own_identity

    enrollment_mod.current_enrollment(ws)
    check_own_identity(ws)  # a copy sharing this device's keys writes nothing either
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    with _lock(ws):
        keys = device_keys(ws.device_id)
        repack_old_formats(ws, keys)
        # With no network, a bundle is the only way to tell the bureau how far this PC
        # holds the school's records: made even without changes when that moved.
        pack_pending(ws, keys, report=True)
        enrollment_mod.write_registration_request(ws, folder)  # not among the bundles returned
        written = []
        for bundle in _open_bundles(ws):
            target = folder / bundle.file_name
            data = (outgoing_dir(ws) / bundle.file_name).read_bytes()
            tmp = target.with_name(target.name + ".part")
            tmp.write_bytes(data)
            tmp.replace(target)
            written.append(target)
        return written


class UsbImport(FolderReport):
    """What :func:`import_usb` made of each return file: ``applied``, ``old`` (seen
    before), ``refused`` (does not verify), ``skipped`` (not a regular file, too large,
    unreadable: not read) or ``error``."""

    @property
    def applied(self) -> int:
        return self.count("applied")

    @property
    def problems(self) -> list[str]:
        """Names of the files that were not taken (refused, skipped or failed)."""
        return [n for n, outcome, _r in self.files if outcome not in ("applied", "old")]


def import_usb(ws: Workspace, folder: Path) -> UsbImport:
    """Apply every return bundle for this PC found in ``folder``, each file on its own
    (app.sync.usbfiles: regular files only, at most MAX_RETURN_BYTES)."""
    report = UsbImport()

    def take(path: Path, data: bytes) -> tuple[str, str]:
        try:
            return ("applied" if apply_return(ws, data) is not None else "old"), ""
        except UserError as e:
            log.warning("USB import: %s refused (%s)", path.name, e)
            return "refused", "unverified"

    with _lock(ws):
        take_each(folder, f"{ws.device_id}.*.return", MAX_RETURN_BYTES, report, take)
    log.info("USB import from %s: %s", folder, report.summary())
    return report
