"""Upgrading a data folder from a release before encryption: its plain files encrypted in place.

On the first start of a release with encryption, :func:`encrypt_plain_data`
runs before anything else touches the database:

1. the plain database's write lock is taken (no one writes meanwhile) and a
   plain safety copy is written to ``backups/.before-encryption.sqlite3``;
2. ``sqlcipher_export`` writes an encrypted copy beside the database, which is
   verified: it opens with the key, passes ``integrity_check`` and holds as
   many rows in every table as the plain one;
3. the plain file's WAL is checkpointed, the encrypted copy is renamed over
   it (one atomic rename) and the plain ``-wal``/``-shm`` are removed;
4. every plain backup in ``backups/`` is encrypted the same way (verified,
   renamed over the plain one, its time kept, so the backup list is unchanged);
5. only then is the safety copy removed. **Decision:** it is not kept, not even
   encrypted: it holds exactly what the verified encrypted database holds,
   and keeping a plain copy would defeat the point.

If anything fails, the plain database is left as it was, the partial files and
the safety copy are removed, and the user reads why; the next start tries
again. A safety copy found at start (the PC lost power during step 3-5) is
removed once the database opens with its key.
"""

from __future__ import annotations

import contextlib
import logging
import os
from pathlib import Path

from app.errors import UserError
from app.i18n import QT_TRANSLATE_NOOP
from db import cipher

log = logging.getLogger(__name__)

SAFETY_COPY = ".before-encryption.sqlite3"


def safety_copy_path(backup_dir: Path) -> Path:
    return backup_dir / SAFETY_COPY


def encrypt_plain_data(db_path: Path, backup_dir: Path, key: bytes) -> None:
    """Encrypt the plain database ``db_path`` and the plain backups in ``backup_dir``."""
    safety = safety_copy_path(backup_dir)
    encrypted = db_path.with_name(db_path.name + ".encrypted")
    hold = cipher.connect(db_path, None, isolation_level=None, timeout=5.0)
    try:
        try:
            hold.execute("BEGIN IMMEDIATE")
        except cipher.OperationalError:
            raise _busy(db_path) from None
        backup_dir.mkdir(parents=True, exist_ok=True)
        cipher.online_copy(db_path, safety, None)
        cipher.export(db_path, encrypted, key)
        cipher.verify_copy(db_path, None, encrypted, key)
        hold.execute("ROLLBACK")
        busy, _log, _done = hold.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        if busy:
            raise _busy(db_path)
    except cipher.DatabaseError as e:
        hold.close()
        _remove(encrypted, safety)
        raise _failed(db_path, e) from None
    except BaseException:
        hold.close()
        _remove(encrypted, safety)
        raise
    hold.close()
    os.replace(encrypted, db_path)
    for suffix in ("-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    encrypt_plain_backups(backup_dir, key)
    safety.unlink(missing_ok=True)
    log.info("the database and its backups are now encrypted")


def encrypt_plain_backups(backup_dir: Path, key: bytes) -> int:
    """Encrypt every plain ``*.sqlite3`` copy in ``backup_dir`` in place; returns how many."""
    done = 0
    if not backup_dir.is_dir():
        return done
    for path in sorted(backup_dir.glob("*.sqlite3")):
        if path.name == SAFETY_COPY or not path.is_file() or not cipher.is_plain(path):
            continue
        st = path.stat()
        tmp = path.with_name(path.name + ".encrypted")
        try:
            cipher.export(path, tmp, key)
            cipher.verify_copy(path, None, tmp, key)
        except cipher.DatabaseError:
            # A damaged plain backup cannot be encrypted; it cannot be restored either.
            tmp.unlink(missing_ok=True)
            path.unlink()
            log.warning("a damaged plain backup was removed: %s", path.name)
            continue
        os.utime(tmp, ns=(st.st_atime_ns, st.st_mtime_ns))
        os.replace(tmp, path)
        done += 1
    return done


def remove_leftover_safety_copy(backup_dir: Path) -> None:
    """The plain safety copy of an upgrade the PC did not finish: the database is encrypted now."""
    safety = safety_copy_path(backup_dir)
    if safety.exists():
        safety.unlink()
        log.info("removed the plain copy left by an unfinished encryption")


def _remove(*paths: Path) -> None:
    for p in paths:
        with contextlib.suppress(OSError):
            p.unlink(missing_ok=True)


def _busy(db_path: Path) -> UserError:
    return UserError(
        QT_TRANSLATE_NOOP(
            "app",
            "The data in {path} is in use by another program (an older xiaoan still "
            "running?). Close it and start xiaoan again. Nothing has been changed.",
        ),
        path=str(db_path),
    )


def _failed(db_path: Path, error: Exception) -> UserError:
    return UserError(
        QT_TRANSLATE_NOOP(
            "app",
            "The data in {path} could not be encrypted ({error}). Nothing has been changed; "
            "xiaoan will try again at the next start. Run xiaoan check to look at the file.",
        ),
        path=str(db_path),
        error=str(error),
    )
