"""A backup on a new computer: the school's recovery code carries the database key.

Backups are encrypted with the data folder's key, which stays on the PC that
made them (:mod:`app.data_key`). When that PC is lost or broken:

1. on the old PC, while it still works, the principal prints the recovery code
   once (:func:`recovery_code_for`, ``xiaoan key show``) and keeps it with the
   school's paper records — it never changes for that data folder;
2. on the new PC, :func:`restore_elsewhere` (``xiaoan restore-elsewhere FILE``)
   takes a backup file copied from the old PC (USB stick) and the typed code,
   checks that the code opens the backup and that the backup passes
   ``xiaoan check``, and only then puts it in the new, empty data folder with
   the key kept in this PC's keyring (or key file). xiaoan then opens it as usual.

A wrong or mistyped code, a damaged backup or a data folder that already holds
data is refused and nothing is written.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from app.accounts.roles import Permission, require
from app.actor import Actor
from app.data_key import (
    ID_FILENAME,
    install_key,
    key_name,
    parse_recovery_code,
    recovery_code,
    restrict_data_dir,
)
from app.errors import UserError
from app.i18n import QT_TRANSLATE_NOOP
from app.integrity import check_data_dir
from app.paths import DB_FILENAME
from app.sync import keystore
from app.workspace import Workspace, copy_sqlite, ensure_writable_dir
from db import cipher, schema


def recovery_code_for(ws: Workspace, actor: Actor) -> str:
    """The code that opens this folder's database and backups elsewhere (principal only)."""
    require(actor, Permission.RESTORE_BACKUP)
    with ws.action(actor, "data_key.show", always_audit=True):
        pass  # who saw the code, and when, is on record
    return recovery_code(ws.key)


def restore_elsewhere(backup: Path, data_dir: Path, code: str) -> Path:
    """Put ``backup`` in the empty ``data_dir`` with the key ``code`` stands for; returns the
    database. Raises UserError (nothing written) when it cannot."""
    key = parse_recovery_code(code)
    backup = Path(backup)
    if not backup.is_file():
        raise UserError(
            QT_TRANSLATE_NOOP("app", "The backup {file} is no longer there."), file=backup.name
        )
    data_dir = ensure_writable_dir(Path(data_dir))
    db_path = data_dir / DB_FILENAME
    if db_path.exists() or (data_dir / ID_FILENAME).exists():
        raise UserError(
            QT_TRANSLATE_NOOP(
                "app",
                "The folder {path} already holds xiaoan data. Choose an empty folder. "
                "Nothing has been changed.",
            ),
            path=str(data_dir),
        )
    try:
        state, _revision = schema.sqlite_state(backup, key)
    except cipher.DatabaseError:
        raise UserError(
            QT_TRANSLATE_NOOP(
                "app",
                "The recovery code does not open {file}: it belongs to another school's data "
                "folder, or the file is not a xiaoan backup. Nothing has been changed.",
            ),
            file=backup.name,
        ) from None
    if state is not schema.SchemaState.CURRENT and state is not schema.SchemaState.OLDER:
        raise UserError(
            QT_TRANSLATE_NOOP("app", "{file} is not a xiaoan backup. Nothing has been changed."),
            file=backup.name,
        )
    try:
        copy_sqlite(backup, db_path, key)
        report = check_data_dir(data_dir, key)
        if not report.sound_elsewhere:
            problem = (
                report.integrity[0]
                if report.integrity
                else next((p.describe() for p in report.chain if p.tampered), None)
                or report.records[0].describe()
            )
            raise UserError(
                QT_TRANSLATE_NOOP(
                    "app",
                    "The backup {file} did not pass the check ({problem}). Nothing has been "
                    "changed. Choose another backup.",
                ),
                file=backup.name,
                problem=problem,
            )
        install_key(data_dir, key)
    except BaseException:
        name = key_name(data_dir)
        if name:
            with contextlib.suppress(Exception):
                keystore.delete(name)
        for p in (db_path, data_dir / ID_FILENAME):
            p.unlink(missing_ok=True)
        raise
    restrict_data_dir(data_dir)
    _record_restore(data_dir, backup.name)
    return db_path


def _record_restore(data_dir: Path, file_name: str) -> None:
    """Put the restore on the audit trail. The audit key stayed on the computer that
    wrote the entries, so this first entry here starts this computer's key at a
    recorded anchor (``audit.rekeyed``); the entries before it check by SHA-256."""
    from app.actor import Actor
    from app.workspace import Workspace

    ws = Workspace.open(data_dir)
    try:
        with ws.action(
            Actor.system(), "backup.restored_elsewhere", detail=file_name, always_audit=True
        ):
            pass
    finally:
        ws.close()
