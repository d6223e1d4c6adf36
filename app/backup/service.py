"""Backups with SQLite's online backup API: consistent while the app keeps working.

Every copy is encrypted with the database's own key (:mod:`app.data_key`), so
a backup restores on this PC as it is; on a new PC it needs the school's
recovery code (:mod:`app.backup.elsewhere`).

"Backup now" and a daily automatic backup write ``backups/xiaoan-YYYYMMDD-HHMMSS.sqlite3``
(named on the school's clock); the newest :data:`KEEP` are kept. Copies made
before an upgrade or a restore are kept apart and never pruned; all of them
can be restored (:mod:`app.backup.restore`).
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta
from pathlib import Path

from app.accounts.roles import Permission, require
from app.actor import Actor
from app.school.clock import school_clock
from app.workspace import Workspace, copy_sqlite
from db.base import utcnow
from db.models import DeviceState

KEEP = 14
DAILY = timedelta(hours=24)
PREFIX = "xiaoan-"
# What a copy in backups/ is, by the start of its name.
KINDS = (
    (PREFIX, "backup"),
    ("before-restore-", "before_restore"),
    ("before-upgrade-", "before_upgrade"),
)


@dataclasses.dataclass(frozen=True)
class BackupInfo:
    path: Path
    size: int
    made_at: datetime  # aware UTC (the file's modification time): shown on the school's clock
    kind: str = "backup"  # backup (daily or by hand) | before_restore | before_upgrade


def list_backups(ws: Workspace) -> list[BackupInfo]:
    """Rotating backups, newest first."""
    if not ws.backup_dir.exists():
        return []
    out = []
    for p in ws.backup_dir.glob(f"{PREFIX}*.sqlite3"):
        st = p.stat()
        out.append(BackupInfo(p, st.st_size, datetime.fromtimestamp(st.st_mtime, UTC)))
    return sorted(out, key=lambda b: b.path.name, reverse=True)


def restorable_backups(ws: Workspace) -> list[BackupInfo]:
    """Every copy a restore can go back to, newest first: the backups, and the copies
    kept before an upgrade or a restore (restoring one of those undoes it)."""
    if not ws.backup_dir.exists():
        return []
    out = []
    for p in ws.backup_dir.glob("*.sqlite3"):
        kind = next((k for prefix, k in KINDS if p.name.startswith(prefix)), None)
        if kind is None or not p.is_file():
            continue
        st = p.stat()
        out.append(BackupInfo(p, st.st_size, datetime.fromtimestamp(st.st_mtime, UTC), kind))
    return sorted(out, key=lambda b: (b.made_at, b.path.name), reverse=True)


def last_backup_at(ws: Workspace) -> datetime | None:
    with ws.read() as s:
        state = s.get(DeviceState, 1)
        return state.last_backup_at if state else None


def backup_due(ws: Workspace, now: datetime | None = None) -> bool:
    last = last_backup_at(ws)
    return last is None or (now or utcnow()) - last >= DAILY


def _write_backup(ws: Workspace) -> Path:
    now = utcnow()
    # Named on the school's clock, like every time people read.
    name = f"{PREFIX}{school_clock(now).strftime('%Y%m%d-%H%M%S-%f')}.sqlite3"
    dest = copy_sqlite(ws.db_path, ws.backup_dir / name, ws.key)
    with ws.db.write(actor_id=None) as s:
        state = s.get(DeviceState, 1)
        state.last_backup_at = now
    for old in list_backups(ws)[KEEP:]:
        old.path.unlink(missing_ok=True)
    return dest


def backup_now(ws: Workspace, actor: Actor) -> Path:
    require(actor, Permission.BACKUP)
    dest = _write_backup(ws)
    with ws.action(actor, "backup.create", detail=dest.name, always_audit=True):
        pass
    return dest


def backup_if_due(ws: Workspace, now: datetime | None = None) -> Path | None:
    """The daily automatic backup; returns the new file, or None when not due."""
    if not backup_due(ws, now):
        return None
    return _write_backup(ws)
