"""Attaching stored photos to records, inside the caller's action."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.attachments.store import PhotoRef, _ref
from app.errors import UserError
from app.i18n import QT_TRANSLATE_NOOP
from db.models import Photo, PhotoLink


def check_photos(s: Session, photo_ids: Sequence[uuid.UUID]) -> None:
    """Raise a UserError if any id is not a stored photo (call before writing)."""
    if not photo_ids:
        return
    found = set(
        s.scalars(select(Photo.id).where(Photo.id.in_(photo_ids), Photo.deleted_at.is_(None)))
    )
    if len(found) != len(set(photo_ids)):
        raise UserError(QT_TRANSLATE_NOOP("app", "A chosen photo is no longer in the store."))


def link_photos(
    s: Session, owner_table: str, owner_id: uuid.UUID, photo_ids: Sequence[uuid.UUID], purpose: str
) -> None:
    """Link photos to a record, after any the record already has."""
    start = len(linked_photo_ids(s, owner_table, owner_id))
    for i, pid in enumerate(dict.fromkeys(photo_ids)):
        s.add(
            PhotoLink(
                photo_id=pid,
                owner_table=owner_table,
                owner_id=owner_id,
                purpose=purpose,
                position=start + i,
            )
        )


def linked_photo_ids(s: Session, owner_table: str, owner_id: uuid.UUID) -> list[uuid.UUID]:
    return list(
        s.scalars(
            select(PhotoLink.photo_id)
            .where(
                PhotoLink.owner_table == owner_table,
                PhotoLink.owner_id == owner_id,
                PhotoLink.deleted_at.is_(None),
            )
            .order_by(PhotoLink.position)
        )
    )


def linked_photos(
    s: Session, owner_table: str, owner_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[tuple[str, PhotoRef]]]:
    """owner id -> [(purpose, photo)] for many owners in one query."""
    out: dict[uuid.UUID, list[tuple[str, PhotoRef]]] = {}
    if not owner_ids:
        return out
    rows = s.execute(
        select(PhotoLink.owner_id, PhotoLink.purpose, Photo)
        .join(Photo, Photo.id == PhotoLink.photo_id)
        .where(
            PhotoLink.owner_table == owner_table,
            PhotoLink.owner_id.in_(owner_ids),
            PhotoLink.deleted_at.is_(None),
        )
        .order_by(PhotoLink.position)
    ).all()
    for owner, purpose, photo in rows:
        out.setdefault(owner, []).append((purpose, _ref(photo)))
    return out
