"""This PC's sync identity: one data folder = one device = one set of keys.

The device id lives in the database (``device_state``), its keys in the
keystore (:mod:`app.sync.keys`). Copying the data folder copies the id but
not necessarily the keys, and two folders with one id break the bureau's
numbering. This module tells the cases apart and offers the way out.

*Where the keys were made.* Beside the keys the keystore keeps the device's
**home**: the data folder's real path and its folder id (``xiaoan.id``,
:mod:`app.data_key`), as ``device:<uuid>:home``. Opening the same device from
another path while the home folder still exists with the same folder id means
a **copy** (on the same computer, sharing the keystore); if the home is gone
or now holds another folder, the folder was **moved** and the home follows it
(:func:`check_own_identity`).

*Problems*, as codes (:func:`identity_problem`):

* ``keys_missing`` — the enrollment is registered but the keys are not on
  this computer (a copy on another PC, or a lost keyring); never replaced
  silently (:func:`app.sync.keys.device_keys` refuses);
* ``keys_changed`` — keys are here but are not the ones registered
  (their fingerprint differs from the enrollment's);
* ``copy`` — the keys are shared with the folder they came from;
* ``bureau_refused`` — the bureau quarantined a bundle as ``seq_conflict``
  or ``bad_signature``: another folder sends under this id, or with other keys.

*The way out* is :func:`reenroll_as_new_device`: the folder becomes a new
device (new id, new keys, a new audit chain), the school's rows stay, every
change the bureau has not acknowledged is packed again from seq 1 under the
new device, and the bureau needs to register it from a new enrollment file.

Threading: any thread except the UI's (keyring and database access).
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import uuid
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import delete, select, update

from app.actor import Actor
from app.errors import UserError
from app.i18n import QT_TRANSLATE_NOOP
from app.sync import keys as sync_keys
from app.workspace import Workspace

log = logging.getLogger(__name__)

HOME_SECRET = "home"
RETIRED_DIR = Path("sync") / "retired"
# Bureau verdicts that mean "another folder sends under this device id / with other keys".
COPY_VERDICTS = ("seq_conflict", "bad_signature")

KEYS_MISSING = "keys_missing"
KEYS_CHANGED = "keys_changed"
COPY = "copy"
BUREAU_REFUSED = "bureau_refused"


@dataclasses.dataclass(frozen=True)
class Home:
    path: str
    folder: str


@dataclasses.dataclass(frozen=True)
class Reenrolled:
    old_device: uuid.UUID
    new_device: uuid.UUID
    fingerprint: str
    requeued: int  # outbox rows to be packed again
    retired: int  # bundles of the old device that were not acknowledged


def _folder_id(data_dir: Path) -> str:
    from app import data_key

    return data_key.folder_id(data_dir) or ""


def home(device_id: uuid.UUID) -> Home | None:
    """Where ``device_id``'s keys were made or last used (None: not recorded)."""
    raw = sync_keys.load_secret(device_id, HOME_SECRET)
    if not raw:
        return None
    try:
        data = json.loads(raw)
        return Home(str(data["path"]), str(data.get("folder", "")))
    except (ValueError, KeyError, TypeError):
        return None


def record_home(ws: Workspace, device_id: uuid.UUID | None = None) -> None:
    """Remember ``ws``'s data folder as the home of its device's keys."""
    value = {"path": str(ws.data_dir.resolve()), "folder": _folder_id(ws.data_dir)}
    sync_keys.store_secret(device_id or ws.device_id, HOME_SECRET, json.dumps(value))


def _is_copy(ws: Workspace, recorded: Home | None) -> bool:
    """True when the recorded home is another, still existing folder with this folder's id."""
    if recorded is None:
        return False
    here = ws.data_dir.resolve()
    there = Path(recorded.path)
    if there == here:
        return False
    if not there.is_dir():
        return False  # moved (or the original was deleted): this folder is the device now
    folder = _folder_id(ws.data_dir)
    return bool(folder) and _folder_id(there) == folder == recorded.folder


def identity_problem(ws: Workspace) -> str:
    """The problem code of this folder's sync identity ("" when it is sound). Read-only."""
    from db.models import BundleState, SyncBundle, SyncEnrollment

    with ws.read() as s:
        enrollment = s.get(SyncEnrollment, 1)
        verdicts = list(
            s.scalars(
                select(SyncBundle.reason).where(
                    SyncBundle.state == BundleState.QUARANTINED,
                    SyncBundle.reason.in_(COPY_VERDICTS),
                )
            )
        )
    if enrollment is None:
        return ""
    keys = sync_keys.load_device_keys(ws.device_id)
    if keys is None:
        # Keys are made when the file is imported: a registered folder without them
        # came from elsewhere (or lost its keyring). Before registration the bureau
        # knows no keys, and importing the file again makes them.
        return KEYS_MISSING if enrollment.registered_at is not None else ""
    if enrollment.device_fingerprint and keys.fingerprint != enrollment.device_fingerprint:
        return KEYS_CHANGED
    if _is_copy(ws, home(ws.device_id)):
        return COPY
    if verdicts:
        return BUREAU_REFUSED
    return ""


_COPY_MESSAGE = QT_TRANSLATE_NOOP(
    "app",
    "This data folder ({path}) is a copy of {home}, which still syncs as the same computer. "
    "Sending from both would make the bureau refuse one of them. Nothing was sent: on the "
    "sync page, re-enroll this folder as a new computer.",
)
_CHANGED_MESSAGE = QT_TRANSLATE_NOOP(
    "app",
    "This computer's sync keys are not the ones the bureau registered (the data folder was "
    "probably copied from another computer). Nothing was sent: on the sync page, re-enroll "
    "this folder as a new computer.",
)


def refuse_copy(ws: Workspace) -> Home | None:
    """Raise UserError when ``ws`` is a copy sharing its device's keys; else the recorded home."""
    recorded = home(ws.device_id)
    if _is_copy(ws, recorded):
        raise UserError(_COPY_MESSAGE, path=str(ws.data_dir), home=recorded.path)
    return recorded


def check_own_identity(ws: Workspace) -> None:
    """Before sending: refuse a copy that shares keys, follow a moved folder.

    Raises UserError (nothing sent) for ``copy`` and ``keys_changed``; a
    registered device whose keys are missing is refused by
    :func:`app.sync.keys.device_keys`. Records the home when none is known.
    """
    from db.models import SyncEnrollment

    with ws.read() as s:
        enrollment = s.get(SyncEnrollment, 1)
    if enrollment is None:
        return
    keys = sync_keys.load_device_keys(ws.device_id)
    if keys is None:
        return  # device_keys says where they should be
    if enrollment.device_fingerprint and keys.fingerprint != enrollment.device_fingerprint:
        raise UserError(_CHANGED_MESSAGE)
    recorded = refuse_copy(ws)
    here = Home(str(ws.data_dir.resolve()), _folder_id(ws.data_dir))
    if recorded != here:
        if recorded is not None:
            log.info("data folder moved: the sync keys now belong to the folder here")
        record_home(ws)


def reenroll_as_new_device(ws: Workspace, actor: Actor) -> Reenrolled:
    """Make this data folder a new device, keeping the school's rows.

    New device id and keys; the old registration is forgotten (bureau URL and
    keys kept: a new enrollment file from the bureau registers the new
    device); every outbox row the bureau has not acknowledged loses its bundle
    and is packed again from seq 1; the old device's bundles are retired
    (unacknowledged files moved to ``sync/retired/<old device>/``). The old
    keys stay where they are (the folder this one was copied from may still
    use them). Principal only; audited (in the old device's audit chain,
    whose last entry it is). Raises UserError when this PC is not enrolled.
    """
    from app.accounts.roles import Permission, require
    from app.audit.trail import append_entry
    from app.sync.enrollment import current_enrollment
    from app.sync.outgoing import outgoing_dir
    from db.base import new_id
    from db.models import BundleState, DeviceState, SyncBundle, SyncEnrollment
    from db.models.outbox import OutboxEntry

    require(actor, Permission.EDIT_SCHOOL_PROFILE)
    current_enrollment(ws)
    from app.sync.service import pass_lock

    with pass_lock(ws):
        old, new = ws.device_id, new_id()
        keys = sync_keys.create_device_keys(new)
        record_home(ws, new)
        out = outgoing_dir(ws)
        retired_dir = ws.data_dir / RETIRED_DIR / str(old)
        with ws.db.write(actor_id=actor.user_id, school_id=ws.school_id) as s:
            bundles = list(s.scalars(select(SyncBundle)))
            open_files = [b.file_name for b in bundles if b.state != BundleState.ACKED]
            requeued = s.execute(
                update(OutboxEntry)
                .where(OutboxEntry.acked_at.is_(None))
                .values(bundle_seq=None)
                .execution_options(synchronize_session=False)
            ).rowcount
            # Seqs start again at 1 for the new device: no old row may keep a number.
            s.execute(delete(SyncBundle).execution_options(synchronize_session=False))
            row = s.get(SyncEnrollment, 1)
            row.registered_at = None
            row.return_seq = row.acked_seq = 0
            row.last_sync_at = row.last_attempt_at = None
            row.last_error = ""
            row.device_fingerprint = keys.fingerprint
            row.imported_at = datetime.now(UTC)
            detail = (
                f"old device {old} -> new device {new}; {requeued} changes re-queued, "
                f"{len(open_files)} bundles retired"
            )
            s.flush()
            append_entry(s, actor, "sync.reenroll", [], detail)
            state = s.get(DeviceState, 1)
            # The new device's audit chain starts with its first entry.
            state.device_id = new
            state.audit_head_seq, state.audit_head_hash, state.audit_head_mac = 0, "", ""
        ws.db.device_id = new
        for name in open_files:
            src = out / name
            if src.exists():
                retired_dir.mkdir(parents=True, exist_ok=True)
                os.replace(src, retired_dir / name)
    log.info("re-enrolled as a new device: %s changes re-queued", requeued)
    return Reenrolled(old, new, keys.fingerprint, requeued, len(open_files))
