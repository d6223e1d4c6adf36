"""Photos: one row per imported picture, and links from records to photos.

A photo's bytes live in the data folder, named by their SHA-256 (see
``app.attachments``); the row carries the hash and what the UI needs to lay
the picture out without opening it. The hash is indexed but not unique: two
PCs of one school may import the same picture offline, and both rows must
replay at the other PC and at the bureau. The store keeps the file once.

Links (:class:`PhotoLink`) let any record area attach photos to its rows
without a column per area: the owner is named by table and id.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, Name, SyncedMixin, UTCDateTime


class Photo(SyncedMixin, Base):
    __tablename__ = "photo"

    sha256: Mapped[str] = mapped_column(String(64))
    # image/jpeg | image/png — the original's format, kept byte for byte
    media_type: Mapped[str] = mapped_column(String(32))
    byte_size: Mapped[int] = mapped_column(Integer)
    # Upright size (EXIF orientation applied), so a layout needs no decode.
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    original_name: Mapped[str] = mapped_column(Name, default="")
    taken_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    added_by: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("user_account.id"), default=None
    )

    __table_args__ = (Index("ix_photo_school_sha", "school_id", "sha256"),)


class PhotoLink(SyncedMixin, Base):
    """A photo attached to a record: ``owner_table``/``owner_id`` name the record."""

    __tablename__ = "photo_link"

    photo_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("photo.id"))
    owner_table: Mapped[str] = mapped_column(String(64))
    owner_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    # what the photo shows for its owner: answer | report | rectification | monitoring | …
    purpose: Mapped[str] = mapped_column(String(32), default="")
    position: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (Index("ix_photo_link_owner", "owner_table", "owner_id"),)
