"""Photo sync copies at the bureau: content-addressed files plus one row each.

A bundle's ``blobs/<sha256>`` members are stored as ``<spool>/blobs/<sha256>``
(the SHA-256 of the bytes, checked again here) and recorded in
``bureau_blob`` with the school and the SHA-256 of the photo's original,
taken from the manifest's ``blobs`` map; a photo row (whose ``sha256`` is
the original's) finds its picture through ``photo_sha256``. The same copy
sent twice is stored once. Called inside the transaction that settles the
bundle, so a quarantined bundle stores no photos.
"""

from __future__ import annotations

import hashlib
import uuid
from pathlib import Path

from sqlalchemy import Connection, select

from app.bureau.merge import _insert
from app.sync.bundle import Bundle, BundleError
from db.models import BureauBlob

BLOB = BureauBlob.__table__


def blob_dir(spool: Path) -> Path:
    path = spool / "blobs"
    path.mkdir(parents=True, exist_ok=True)
    return path


def store_blobs(conn: Connection, spool: Path, bundle: Bundle, school_id: uuid.UUID) -> int:
    """Keep every photo of ``bundle``; returns how many were new. BundleError on a bad hash."""
    photos = bundle.manifest.get("blobs") or {}
    new = 0
    for digest, data in bundle.blobs.items():
        if hashlib.sha256(data).hexdigest() != digest:
            raise BundleError("member_hash_mismatch", f"blobs/{digest}")
        target = blob_dir(spool) / digest
        if not target.exists():
            tmp = target.with_suffix(".part")
            tmp.write_bytes(data)
            tmp.replace(target)
        stmt = (
            _insert(conn, BLOB)
            .values(
                sha256=digest,
                school_id=school_id,
                photo_sha256=str(photos.get(digest, ""))[:64],
                size=len(data),
                path=str(target),
            )
            .on_conflict_do_nothing(index_elements=["sha256"])
        )
        new += conn.execute(stmt).rowcount or 0
    return new


def photo_copy_path(conn: Connection, photo_sha256: str) -> Path | None:
    """Where the bureau keeps the sync copy of the photo whose original has this hash."""
    path = conn.execute(
        select(BLOB.c.path).where(BLOB.c.photo_sha256 == photo_sha256).limit(1)
    ).scalar()
    return Path(path) if path else None
