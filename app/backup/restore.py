"""Restoring a backup: checked first, the current data kept aside, the files swapped safely.

Two steps, so the UI can ask in between:

1. :func:`prepare_restore` (slow, while the app keeps working) copies the
   backup into ``backups/.restore-<time>/`` and runs on that copy the same
   check as ``xiaoan check`` (``PRAGMA integrity_check``, foreign keys, every
   audit chain); a backup of an older schema is upgraded there. It refuses,
   changing nothing, a damaged backup, one written by a newer xiaoan, one of
   another school or another computer, and one the person restoring could not
   sign in to.
2. :func:`complete_restore` (quick) holds sync's own lock (no pass or USB
   transfer runs) and the current file's write lock (no action writes),
   carries over what must never go back (below), records the restore in the
   audit trail, checks the result again, copies the current file to
   ``backups/before-restore-<time>.sqlite3`` (kept, never pruned: restoring
   it undoes the restore), checkpoints and closes the current file, removes
   its ``-wal``/``-shm`` and moves the checked file in with one atomic
   rename. The workspace is closed; the app starts again on the restored
   data. The UI waits for its own background work to finish before calling it.

**Decision — sync continues; it is never rolled back.** The bureau already
holds every bundle this PC sent, and quarantines a bundle whose number it
has seen with other bytes (``seq_conflict``), refuses an audit entry number
twice, and lets the newest clock win per field. So the restored file keeps
from the current one: the enrollment, every bundle row (numbers, hashes,
upload state: the next bundle follows the last one sent), the notices and
the bureau's publications received (the bureau does not send them again), the
outbox marks of the changes both files hold, the clock (never lower than
the current file's), and the whole audit trail — entries made after the
backup are copied in with their outbox rows, and the restore itself is an
entry after them. Changes already packed into a bundle are at (or on their
way to) the bureau and stay there; changes not packed yet are rolled back
with the rest. People keep the passwords and PINs they use now. When the
current file is too damaged to read these, the restore is refused: it
could not tell what the bureau already holds.

Permission: :attr:`Permission.RESTORE_BACKUP`, the principal's alone.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import shutil
import uuid
from datetime import UTC, datetime
from pathlib import Path

from app.accounts.roles import Permission, require
from app.actor import Actor
from app.errors import UserError
from app.i18n import QT_TRANSLATE_NOOP
from app.integrity import check_data_dir
from app.paths import DB_FILENAME
from app.school.clock import school_clock
from app.workspace import Workspace, copy_sqlite, migrate_sqlite
from db import cipher, schema

STAGING_PREFIX = ".restore-"
BEFORE_RESTORE_PREFIX = "before-restore-"
LOCK_TIMEOUT_S = 5.0
# Local tables taken whole from the current file: the sync state.
SYNC_TABLES = ("sync_enrollment", "sync_bundle", "sync_notice", "received_publication")


@dataclasses.dataclass(frozen=True)
class RestorePlan:
    """A checked copy of a backup, ready to go in (made by :func:`prepare_restore`)."""

    backup: Path
    staging_dir: Path
    made_at: datetime  # the backup file's time, aware UTC
    audit_entries: int  # entries of the audit trail the check verified

    @property
    def staged(self) -> Path:
        return self.staging_dir / DB_FILENAME


@dataclasses.dataclass(frozen=True)
class Restored:
    backup: Path
    kept_aside: Path  # the data as it was just before, in backups/


def _refuse(message: str, **params) -> UserError:
    return UserError(message, **params)


def prepare_restore(ws: Workspace, actor: Actor, backup: Path) -> RestorePlan:
    """Copy ``backup`` aside and check it; nothing of the current data is touched.

    Worker thread. Raises :class:`UserError` (and leaves nothing behind) when
    the backup cannot be restored; call :func:`discard_restore` on a plan
    that is not completed.
    """
    require(actor, Permission.RESTORE_BACKUP)
    backup = Path(backup)
    if not backup.is_file():
        raise _refuse(
            QT_TRANSLATE_NOOP("app", "The backup {file} is no longer there."), file=backup.name
        )
    made_at = datetime.fromtimestamp(backup.stat().st_mtime, UTC)
    stamp = school_clock(datetime.now(UTC)).strftime("%Y%m%d-%H%M%S-%f")
    staging = ws.backup_dir / f"{STAGING_PREFIX}{stamp}"
    staged = staging / DB_FILENAME
    try:
        try:
            copy_sqlite(backup, staged, ws.key)
        except cipher.DatabaseError:
            if cipher.may_be_encrypted(backup):  # encrypted with another data folder's key
                raise _another_school_or_computer(backup) from None
            raise _not_ours(backup) from None
        report_entries = _check_backup(staging, backup, ws.key)
        state, _revision = schema.sqlite_state(staged, ws.key)
        if state is schema.SchemaState.OLDER:
            migrate_sqlite(staged, ws.key)
        _check_same_school_and_computer(ws, staged, backup)
        _check_can_sign_in(ws, staged, actor, backup)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return RestorePlan(backup, staging, made_at, report_entries)


def discard_restore(plan: RestorePlan) -> None:
    """Forget a prepared restore (the person said no): its copy is removed."""
    shutil.rmtree(plan.staging_dir, ignore_errors=True)


def complete_restore(ws: Workspace, actor: Actor, plan: RestorePlan) -> Restored:
    """Put the prepared backup in place of the current data; see the module's contract.

    No sync pass or USB transfer runs meanwhile (their lock is held; one that
    starts later runs on the restored data, which is consistent). Other work
    on ``ws`` must have finished (the UI waits for its background operations);
    a writer that still holds the file makes this refuse. ``ws`` is closed
    afterwards and must not be used again: the app opens the data folder anew.
    On any refusal the current data is unchanged and the plan is discarded.
    """
    from app.sync.service import pass_lock

    require(actor, Permission.RESTORE_BACKUP)
    sync = pass_lock(ws)
    if not sync.acquire(timeout=LOCK_TIMEOUT_S):  # a sync pass or USB transfer is running
        discard_restore(plan)
        raise _busy()
    try:
        return _swap(ws, actor, plan)
    finally:
        sync.release()


def _swap(ws: Workspace, actor: Actor, plan: RestorePlan) -> Restored:
    current = ws.db_path
    stamp = school_clock(datetime.now(UTC)).strftime("%Y%m%d-%H%M%S")
    aside = ws.backup_dir / f"{BEFORE_RESTORE_PREFIX}{stamp}.sqlite3"
    ws.close()
    hold = cipher.connect(current, ws.key, timeout=LOCK_TIMEOUT_S, isolation_level=None)
    try:
        try:
            hold.execute("BEGIN IMMEDIATE")  # no one writes the current file from here on
        except cipher.OperationalError:
            raise _busy() from None
        _carry_over(plan.staged, current, ws.key)
        _record_restore(plan, actor, aside, ws.key)
        _seal(plan.staged, ws.key)
        report = check_data_dir(plan.staging_dir, ws.key)
        if not report.sound:  # never expected: the pieces were checked one by one
            raise RuntimeError(
                f"restored data failed its check: {report.integrity or report.chain}"
            )
        copy_sqlite(current, aside, ws.key)  # consistent: the lock is held
        hold.execute("ROLLBACK")
        busy, _log, _done = hold.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        if busy:
            aside.unlink(missing_ok=True)
            raise _busy()
    except BaseException:
        with contextlib.suppress(cipher.dbapi.Error):
            hold.execute("ROLLBACK")
        hold.close()
        discard_restore(plan)
        raise
    hold.close()
    # Every page of the current file is in the main file now; a stale -wal
    # left beside the restored file would be replayed into it.
    for suffix in ("-wal", "-shm"):
        Path(f"{current}{suffix}").unlink(missing_ok=True)
    os.replace(plan.staged, current)
    discard_restore(plan)
    return Restored(plan.backup, aside)


def restore_backup(ws: Workspace, actor: Actor, backup: Path) -> Restored:
    """Both steps at once (commands and tests): check ``backup``, then put it in place."""
    return complete_restore(ws, actor, prepare_restore(ws, actor, backup))


# -- checks ------------------------------------------------------------------------------


def _not_ours(backup: Path) -> UserError:
    return _refuse(
        QT_TRANSLATE_NOOP("app", "{file} is not a xiaoan backup. Nothing has been changed."),
        file=backup.name,
    )


def _busy() -> UserError:
    return _refuse(
        QT_TRANSLATE_NOOP(
            "app",
            "xiaoan is still working with the data (a sync or a backup). Wait a moment and "
            "try again. Nothing has been changed.",
        )
    )


def _check_backup(staging: Path, backup: Path, key: bytes | None) -> int:
    """``xiaoan check`` on the copy: the file and every audit chain. Returns the entries checked."""
    try:
        state, revision = schema.sqlite_state(staging / DB_FILENAME, key)
    except cipher.DatabaseError:
        raise _not_ours(backup) from None
    if state is schema.SchemaState.NEWER:
        raise _refuse(
            QT_TRANSLATE_NOOP(
                "app",
                "The backup {file} was made by a newer version of xiaoan (schema {revision}). "
                "Nothing has been changed.",
            ),
            file=backup.name,
            revision=revision,
        )
    if state in (schema.SchemaState.FOREIGN, schema.SchemaState.NEW):
        raise _not_ours(backup)
    report = check_data_dir(staging, key)
    if not report.sound:
        problem = report.integrity[0] if report.integrity else report.chain[0].describe()
        raise _refuse(
            QT_TRANSLATE_NOOP(
                "app",
                "The backup {file} did not pass the check ({problem}). Nothing has been "
                "changed. Choose another backup.",
            ),
            file=backup.name,
            problem=problem,
        )
    return report.audit_entries


def _one(conn: cipher.Connection, sql: str, *args) -> object:
    row = conn.execute(sql, args).fetchone()
    return row[0] if row else None


def _check_same_school_and_computer(ws: Workspace, staged: Path, backup: Path) -> None:
    conn = cipher.connect(f"file:{staged}?mode=ro", ws.key, uri=True)
    try:
        device = _one(conn, "SELECT device_id FROM device_state WHERE id = 1")
        school = _one(conn, "SELECT id FROM school WHERE deleted_at IS NULL LIMIT 1")
    finally:
        conn.close()
    if device != ws.device_id.hex or ws.school_id is None or school != ws.school_id.hex:
        raise _another_school_or_computer(backup)


def _another_school_or_computer(backup: Path) -> UserError:
    return _refuse(
        QT_TRANSLATE_NOOP(
            "app",
            "The backup {file} holds another school's data, or another computer's. "
            "Nothing has been changed.",
        ),
        file=backup.name,
    )


def _check_can_sign_in(ws: Workspace, staged: Path, actor: Actor, backup: Path) -> None:
    """The person restoring must be able to sign in to what they restore (no lock-out)."""
    conn = cipher.connect(f"file:{staged}?mode=ro", ws.key, uri=True)
    try:
        active = _one(
            conn,
            "SELECT active FROM user_account WHERE id = ? AND deleted_at IS NULL",
            (actor.user_id or uuid.UUID(int=0)).hex,
        )
    finally:
        conn.close()
    if not active:
        raise _refuse(
            QT_TRANSLATE_NOOP(
                "app",
                "Your account did not exist yet (or was not active) when the backup {file} was "
                "made: after restoring it you could not sign in. Choose a newer backup. "
                "Nothing has been changed.",
            ),
            file=backup.name,
        )


# -- the swap ----------------------------------------------------------------------------


def _columns(conn: cipher.Connection, table: str) -> str:
    """The columns both files have, in the restored file's order (both are at the same schema)."""
    main = [r[1] for r in conn.execute(f"PRAGMA main.table_info({table})")]
    cur = {r[1] for r in conn.execute(f"PRAGMA cur.table_info({table})")}
    return ", ".join(c for c in main if c in cur)


def _carry_over(staged: Path, current: Path, key: bytes | None) -> None:
    """What never goes back, from the current file into the restored one (one transaction)."""
    conn = cipher.connect(f"file:{staged}", key, uri=True, isolation_level=None)
    try:
        cipher.attach(conn, f"file:{current}?mode=ro", "cur", key)
        # Deferred: the current file is only read (its write lock is held by the caller).
        conn.execute("BEGIN")
        try:
            _copy_sync_state(conn)
        except cipher.DatabaseError:
            conn.execute("ROLLBACK")
            raise _refuse(
                QT_TRANSLATE_NOOP(
                    "app",
                    "The current data is too damaged to tell what was already sent to the "
                    "education bureau, so restoring could make this computer send the bureau "
                    "numbers it already has. Nothing has been changed. Call the bureau: they "
                    "can enroll this computer again.",
                )
            ) from None
        conn.execute("COMMIT")
        conn.execute("DETACH DATABASE cur")
    finally:
        conn.close()


def _copy_sync_state(conn: cipher.Connection) -> None:
    for table in SYNC_TABLES:
        cols = _columns(conn, table)
        conn.execute(f"DELETE FROM main.{table}")
        conn.execute(f"INSERT INTO main.{table} ({cols}) SELECT {cols} FROM cur.{table}")
    # Changes both files hold were packed (and acknowledged) as the current file says.
    conn.execute(
        "UPDATE main.outbox SET bundle_seq = c.bundle_seq, acked_at = c.acked_at "
        "FROM cur.outbox AS c "
        "WHERE c.seq = outbox.seq AND c.row_id = outbox.row_id AND c.hlc = outbox.hlc"
    )
    # The audit trail is never rolled back: later entries come along with their outbox rows
    # (new outbox numbers, after everything the restored file holds).
    conn.execute(
        "CREATE TEMP TABLE later_audit AS SELECT id FROM cur.audit_entry "
        "WHERE id NOT IN (SELECT id FROM main.audit_entry)"
    )
    cols = _columns(conn, "audit_entry")
    conn.execute(
        f"INSERT INTO main.audit_entry ({cols}) SELECT {cols} FROM cur.audit_entry "
        "WHERE id IN (SELECT id FROM temp.later_audit) ORDER BY seq"
    )
    cols = ", ".join(c for c in _columns(conn, "outbox").split(", ") if c != "seq")
    conn.execute(
        f"INSERT INTO main.outbox ({cols}) SELECT {cols} FROM cur.outbox "
        "WHERE table_name = 'audit_entry' AND row_id IN (SELECT id FROM temp.later_audit) "
        "ORDER BY seq"
    )
    conn.execute("DROP TABLE temp.later_audit")
    # The clock never goes back; the chain continues from the current head.
    conn.execute(
        "UPDATE main.device_state SET "
        "hlc_last = max(hlc_last, (SELECT hlc_last FROM cur.device_state WHERE id = 1)), "
        "audit_head_seq = (SELECT audit_head_seq FROM cur.device_state WHERE id = 1), "
        "audit_head_hash = (SELECT audit_head_hash FROM cur.device_state WHERE id = 1), "
        "last_backup_at = (SELECT last_backup_at FROM cur.device_state WHERE id = 1) "
        "WHERE id = 1"
    )
    # People sign in with the password or PIN they use now.
    cols = _columns(conn, "local_credential")
    conn.execute("DELETE FROM main.local_credential")
    conn.execute(
        f"INSERT INTO main.local_credential ({cols}) SELECT {cols} FROM cur.local_credential "
        "WHERE user_id IN (SELECT id FROM main.user_account)"
    )
    # Signing keys are sealed with those same secrets: today's go along wherever the
    # restored data holds their certificate; anyone else gets a fresh key at next sign-in.
    cols = _columns(conn, "signing_key")
    conn.execute("DELETE FROM main.signing_key")
    conn.execute(
        f"INSERT INTO main.signing_key ({cols}) SELECT {cols} FROM cur.signing_key "
        "WHERE user_id IN (SELECT id FROM main.user_account) "
        "AND certificate_id IN (SELECT id FROM main.signing_certificate)"
    )


def _record_restore(plan: RestorePlan, actor: Actor, aside: Path, key: bytes | None) -> None:
    """The restore's own audit entry, in the restored data (it is synced like any other)."""
    from db.session import Database, sqlite_url

    restored = Workspace(plan.staging_dir, Database(sqlite_url(plan.staged), key=key), key)
    try:
        detail = f"{plan.backup.name} → {aside.name}"
        with restored.action(actor, "backup.restore", detail=detail, always_audit=True):
            pass
    finally:
        restored.close()


def _seal(staged: Path, key: bytes | None) -> None:
    """Everything checkpointed into the main file, so it can move without its ``-wal``."""
    conn = cipher.connect(staged, key, isolation_level=None)
    try:
        busy, _log, _done = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    finally:
        conn.close()
    wal = Path(f"{staged}-wal")
    if busy or (wal.exists() and wal.stat().st_size):
        raise RuntimeError("the restored file could not be checkpointed")
