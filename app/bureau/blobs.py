"""Photo sync copies at the bureau: content-addressed files plus one row each, per school.

A bundle's ``blobs/<sha256>`` members are stored as
``<spool>/blobs/<school>/<sha256>`` (the SHA-256 of the bytes, checked again
here) and recorded in ``bureau_blob`` under ``(school, sha256)`` with the
SHA-256 of the photo's original, taken from the manifest's ``blobs`` map; a
photo row (whose ``sha256`` is the original's) finds its picture through
``photo_sha256`` and its own school. The same copy sent twice by a school is
stored once; two schools sending the same picture each keep their own, so
one school's copy never satisfies or overwrites another school's lookup.

A bundle may only claim originals of its own school: a map entry naming the
hash of another school's photo rows and of none of its own is ``foreign_row``.
An entry naming no photo row at all is kept (the row may sit in an earlier
bundle that was quarantined); it is filed under the sending school only.
Called inside the transaction that settles the bundle, after the merge, so a
quarantined bundle stores no photos.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from pathlib import Path

from sqlalchemy import Connection, select

from app.sync.bundle import Bundle, BundleError
from app.sync.merge import _insert
from app.sync.validation import MergeError
from db.models import BureauBlob, Photo

BLOB = BureauBlob.__table__
PHOTO = Photo.__table__
SHA256 = re.compile(r"[0-9a-f]{64}")


def blob_dir(spool: Path, school_id: uuid.UUID) -> Path:
    path = spool / "blobs" / str(school_id)
    path.mkdir(parents=True, exist_ok=True)
    return path


def _check_claim(conn: Connection, school_id: uuid.UUID, digest: str, original) -> str:
    if not isinstance(original, str) or not SHA256.fullmatch(original):
        raise MergeError("bad_change", f"blob map entry for {digest[:16]} is not a SHA-256")
    schools = set(
        conn.execute(select(PHOTO.c.school_id).where(PHOTO.c.sha256 == original).distinct())
        .scalars()
        .all()
    )
    if schools and school_id not in schools:
        raise MergeError("foreign_row", f"blob {digest[:16]} claims another school's photo")
    return original


def store_blobs(conn: Connection, spool: Path, bundle: Bundle, school_id: uuid.UUID) -> int:
    """Keep every photo of ``bundle``; returns how many were new.

    BundleError on a bad hash; MergeError for a claim on another school's photo."""
    photos = bundle.manifest.get("blobs") or {}
    if not isinstance(photos, dict):
        raise MergeError("bad_change", "the blob map is not an object")
    new = 0
    for digest, data in bundle.blobs.items():
        if hashlib.sha256(data).hexdigest() != digest:
            raise BundleError("member_hash_mismatch", f"blobs/{digest}")
        original = _check_claim(conn, school_id, digest, photos.get(digest))
        target = blob_dir(spool, school_id) / digest
        if not target.exists():
            tmp = target.with_suffix(".part")
            tmp.write_bytes(data)
            tmp.replace(target)
        stmt = (
            _insert(conn, BLOB)
            .values(
                sha256=digest,
                school_id=school_id,
                photo_sha256=original,
                size=len(data),
                path=str(target),
            )
            .on_conflict_do_nothing(index_elements=["school_id", "sha256"])
            .returning(BLOB.c.sha256)
        )
        new += conn.execute(stmt).first() is not None
    return new


def photo_copy_path(conn: Connection, school_id: uuid.UUID, photo_sha256: str) -> Path | None:
    """Where the bureau keeps ``school_id``'s sync copy of the photo whose original has this hash."""
    path = conn.execute(
        select(BLOB.c.path)
        .where(BLOB.c.school_id == school_id, BLOB.c.photo_sha256 == photo_sha256)
        .limit(1)
    ).scalar()
    return Path(path) if path else None
