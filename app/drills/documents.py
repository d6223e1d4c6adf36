"""Plan documents (方案) attached to a drill: PDF, Word or a picture of the paper plan.

Kept like photos, content-addressed under ``<data dir>/documents/`` by the
SHA-256 of their bytes (the same file attached twice is stored once). Only
files whose first bytes match their kind are accepted.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import uuid
from pathlib import Path

from sqlalchemy import func, select

from app.accounts.roles import Permission, require
from app.actor import Actor
from app.drills.service import _draft
from app.errors import UserError
from app.i18n import QT_TRANSLATE_NOOP
from app.workspace import Workspace
from db.models import DrillDocument

DOCUMENT_DIRNAME = "documents"
MAX_BYTES = 50 * 1024 * 1024
# suffix -> (media type, accepted leading bytes)
KINDS: dict[str, tuple[str, tuple[bytes, ...]]] = {
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (b"PK\x03\x04",),
    ),
    ".doc": ("application/msword", (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
}


def document_path(data_dir: Path, sha: str, name: str) -> Path:
    suffix = Path(name).suffix.lower()
    return Path(data_dir) / DOCUMENT_DIRNAME / sha[:2] / f"{sha}{suffix}"


def _refuse(path: Path) -> UserError:
    return UserError(
        QT_TRANSLATE_NOOP(
            "app", "{path} is not a plan document that can be kept (PDF, Word, JPEG or PNG)."
        ),
        path=str(path),
    )


def attach_document(
    ws: Workspace, actor: Actor, drill_id: uuid.UUID, path: Path | str
) -> uuid.UUID:
    """Copy a plan document into the store and attach it to a draft drill."""
    require(actor, Permission.RECORD_DRILL)
    path = Path(path)
    kind = KINDS.get(path.suffix.lower())
    try:
        size = path.stat().st_size
        with path.open("rb") as f:
            head = f.read(16)
    except OSError:
        raise _refuse(path) from None
    if kind is None or not any(head.startswith(m) for m in kind[1]):
        raise _refuse(path)
    if size > MAX_BYTES:
        raise UserError(
            QT_TRANSLATE_NOOP("app", "{path} is larger than 50 MB. Attach a smaller copy."),
            path=str(path),
        )
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    sha = digest.hexdigest()
    dest = document_path(ws.data_dir, sha, path.name)
    if not dest.exists():
        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp = dest.with_name(f".{dest.name}.{uuid.uuid4().hex}.part")
        shutil.copyfile(path, tmp)
        os.chmod(tmp, 0o600)
        os.replace(tmp, dest)
    with ws.action(actor, "drill.document") as s:
        d = _draft(s, drill_id)
        position = s.scalar(
            select(func.count()).where(
                DrillDocument.drill_id == d.id, DrillDocument.deleted_at.is_(None)
            )
        )
        doc = DrillDocument(
            drill_id=d.id, sha256=sha, media_type=kind[0], byte_size=size,
            name=path.name[:200], position=position or 0,
        )  # fmt: skip
        s.add(doc)
        s.flush()
        s.info["xiaoan.audit_detail"] = f"{d.ref} {doc.name}"
        return doc.id


def remove_document(ws: Workspace, actor: Actor, document_id: uuid.UUID) -> None:
    require(actor, Permission.RECORD_DRILL)
    with ws.action(actor, "drill.document.remove") as s:
        doc = s.get(DrillDocument, document_id)
        if doc is None or doc.deleted_at is not None:
            return
        _draft(s, doc.drill_id)
        from db.base import utcnow

        doc.deleted_at = utcnow()
