"""Opening a school's data folder: checks, backups before upgrades, migrations.

A :class:`Workspace` is the app's handle on one data folder and its database.
It is cheap to pass around and safe to share between threads (each action
opens its own session).
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import tempfile
import threading
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.actor import Actor
from app.errors import UserError
from app.i18n import QT_TRANSLATE_NOOP
from app.paths import DB_FILENAME
from db import cipher, schema
from db.hlc import HybridClock
from db.session import Database, make_engine, sqlite_url

BACKUP_DIRNAME = "backups"


def ensure_writable_dir(path: Path) -> Path:
    """Create ``path`` if needed and prove we can write there, or raise a UserError."""
    path = Path(path).expanduser()
    try:
        path.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path, prefix=".write-test-"):
            pass
    except OSError:
        raise UserError(
            QT_TRANSLATE_NOOP(
                "app",
                "The data folder {path} cannot be written to. Choose another folder, "
                "or ask whoever looks after this computer to allow writing there.",
            ),
            path=str(path),
        ) from None
    return path.resolve()


def copy_sqlite(src: Path, dest: Path, key: bytes) -> Path:
    """A consistent copy of a live database, encrypted with ``key``, written atomically (0600).

    ``src`` is encrypted with ``key`` (SQLite's online backup API) or plain
    (a file from a release before encryption: ``sqlcipher_export``).
    """
    if cipher.is_plain(src):
        return cipher.export(src, dest, key)
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".part")
    cipher.online_copy(src, tmp, key)
    os.replace(tmp, dest)
    return dest


@dataclasses.dataclass(frozen=True)
class Committed:
    """What listeners hear after an action commits: its name, whether it is
    urgent, and the synced tables whose rows it inserted, updated or tombstoned.

    Urgent actions (an incident, say) ask sync to send at once instead of
    waiting for the timer. ``tables`` lets a list ignore commits that cannot
    change what it shows; an action that changed only this PC's own state
    (a password, a lock-out) names none, so match it by ``name``.
    """

    name: str
    urgent: bool = False
    tables: frozenset[str] = frozenset()


Listener = Callable[[Committed], None]


class Workspace:
    def __init__(self, data_dir: Path, db: Database, key: bytes | None = None) -> None:
        self.data_dir = data_dir
        self.db = db
        self.key = key  # the database's SQLCipher key (app.data_key)
        self._school_id: uuid.UUID | None = None
        self._listeners: list[Listener] = []
        self._listeners_lock = threading.Lock()

    @property
    def db_path(self) -> Path:
        return self.data_dir / DB_FILENAME

    @property
    def backup_dir(self) -> Path:
        return self.data_dir / BACKUP_DIRNAME

    @property
    def device_id(self) -> uuid.UUID:
        return self.db.device_id

    @classmethod
    def open(cls, data_dir: Path | str, *, clock: HybridClock | None = None) -> Workspace:
        """Open (creating, encrypting or upgrading as needed) the database in ``data_dir``.

        Refuses, with a UserError and without touching the file, a database
        written by a newer version of the app, a file that is not ours, and an
        encrypted database whose key is not on this computer. A plain database
        (a release before encryption) is encrypted first (:mod:`app.at_rest`);
        an older one is copied into ``backups/`` before it is upgraded.
        """
        from app import at_rest, data_key

        data_dir = ensure_writable_dir(Path(data_dir))
        db_path = data_dir / DB_FILENAME
        plain = cipher.is_plain(db_path)
        if plain or not db_path.exists() or db_path.stat().st_size == 0:
            key = None if plain else data_key.ensure_key(data_dir)
        elif cipher.may_be_encrypted(db_path):
            key = data_key.require_key(data_dir, db_path)
        else:
            raise _foreign(db_path)
        try:
            state, revision = schema.sqlite_state(db_path, key)
        except cipher.DatabaseError:
            if key is None:
                raise _foreign(db_path) from None
            raise UserError(
                QT_TRANSLATE_NOOP(
                    "app",
                    "The data in {path} cannot be opened with the key kept on this computer "
                    "(or it is not a xiaoan database). Nothing has been changed.",
                ),
                path=str(db_path),
            ) from None
        if state is schema.SchemaState.NEWER:
            raise UserError(
                QT_TRANSLATE_NOOP(
                    "app",
                    "The data in {path} was saved by a newer version of xiaoan (schema {revision}). "
                    "Install the newer version to open it. Nothing has been changed.",
                ),
                path=str(db_path),
                revision=revision,
            )
        if state is schema.SchemaState.FOREIGN:
            raise _foreign(db_path)
        data_key.restrict_data_dir(data_dir)
        backup_dir = data_dir / BACKUP_DIRNAME
        if plain:
            key = data_key.ensure_key(data_dir)
            at_rest.encrypt_plain_data(db_path, backup_dir, key)
        else:
            at_rest.remove_leftover_safety_copy(backup_dir)
        if state is schema.SchemaState.OLDER:
            stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
            copy_sqlite(db_path, backup_dir / f"before-upgrade-{revision}-{stamp}.sqlite3", key)
        if state in (schema.SchemaState.NEW, schema.SchemaState.OLDER):
            migrate_sqlite(db_path, key)
        cipher.restrict_file(db_path)
        return cls(data_dir, Database(sqlite_url(db_path), key=key, clock=clock), key)

    def connect(self, **kwargs) -> cipher.Connection:
        """A raw DB-API connection to this database, its key applied (tools and tests)."""
        return cipher.connect(self.db_path, self.key, **kwargs)

    # -- actions ---------------------------------------------------------------

    @property
    def school_id(self) -> uuid.UUID | None:
        if self._school_id is None:
            from db.models import School, SyncEnrollment

            with self.db.read() as s:
                self._school_id = s.scalar(
                    select(School.id).where(School.deleted_at.is_(None)).limit(1)
                ) or s.scalar(select(SyncEnrollment.school_id).where(SyncEnrollment.id == 1))
        return self._school_id

    def set_school_id(self, school_id: uuid.UUID) -> None:
        self._school_id = school_id

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener`` after every committed action; returns the unsubscribe function.

        Listeners run on the thread that ran the action (a worker thread in
        the UI), so a Qt listener must hand over to its own thread with a
        queued signal. A listener that raises is not allowed to undo the
        commit: its error propagates only after every listener has run.
        """
        with self._listeners_lock:
            self._listeners.append(listener)

        def unsubscribe() -> None:
            with self._listeners_lock, contextlib.suppress(ValueError):
                self._listeners.remove(listener)

        return unsubscribe

    def _notify(self, event: Committed) -> None:
        with self._listeners_lock:
            listeners = list(self._listeners)
        errors: list[BaseException] = []
        for listener in listeners:
            try:
                listener(event)
            except Exception as exc:  # noqa: BLE001 - re-raised below
                errors.append(exc)
        if errors:
            raise errors[0]

    @contextlib.contextmanager
    def action(
        self,
        actor: Actor,
        name: str,
        *,
        detail: str = "",
        always_audit: bool = False,
        urgent: bool = False,
    ) -> Iterator[Session]:
        """One user action: one transaction, its outbox rows and one audit entry.

        Everything inside commits together or not at all. The audit entry
        lists every synced row the action inserted, updated or tombstoned.
        After the commit, listeners hear :class:`Committed` (``urgent``
        asks sync to send now).
        """
        from app.audit.trail import append_entry
        from db.capture import clear_touched, touched_rows

        with self.db.write(actor_id=actor.user_id, school_id=self.school_id) as s:
            yield s
            s.flush()
            targets = touched_rows(s)
            clear_touched(s)
            detail = s.info.pop("xiaoan.audit_detail", detail)
            if targets or always_audit:
                append_entry(s, actor, name, targets, detail)
        self._notify(Committed(name, urgent, frozenset(t["table"] for t in targets)))

    def read(self):
        return self.db.read()

    def close(self) -> None:
        self.db.dispose()


def _foreign(db_path: Path) -> UserError:
    return UserError(
        QT_TRANSLATE_NOOP(
            "app",
            "{path} is not a xiaoan database. Nothing has been changed. "
            "Choose an empty folder or the folder that holds xiaoan's data.",
        ),
        path=str(db_path),
    )


def migrate_sqlite(db_path: Path, key: bytes | None) -> None:
    """Create or upgrade the schema. Foreign keys are off while tables are rebuilt, checked after."""
    engine = make_engine(sqlite_url(db_path), key=key, foreign_keys=False)
    try:
        schema.upgrade(engine)
        with engine.connect() as conn:
            problems = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        if problems:
            raise RuntimeError(f"foreign key check failed after migration: {problems[:5]}")
    finally:
        engine.dispose()
