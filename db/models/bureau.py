"""Bureau-only tables: enrolled schools and devices, received bundles, field clocks.

These exist in every database (one schema for school and bureau) but only the
bureau writes them. Private keys are never stored here: the bureau keeps its
own in a 0600 key file, and devices only ever send public keys.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    Uuid,
)
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, Code, Name, UTCDateTime, new_id, utcnow


class BureauSchool(Base):
    __tablename__ = "bureau_school"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    code: Mapped[str] = mapped_column(Code, unique=True)
    name: Mapped[str] = mapped_column(Name)
    # The school's own id (its ``school`` row), bound when its first PC registers.
    school_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None, unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The last position handed out in this school's change stream (see BureauFieldClock.pos).
    change_pos: Mapped[int] = mapped_column(BigInteger, default=0)


class BureauDevice(Base):
    __tablename__ = "bureau_device"

    device_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    school_code: Mapped[str] = mapped_column(Code, ForeignKey("bureau_school.code"))
    school_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    signing_key: Mapped[str] = mapped_column(String(64))  # base64 raw Ed25519 public key
    recipient: Mapped[str] = mapped_column(String(100))  # age X25519 recipient
    fingerprint: Mapped[str] = mapped_column(String(32))
    registered_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    # Highest seq settled without a gap (applied, or quarantined after its signature verified).
    contiguous_seq: Mapped[int] = mapped_column(Integer, default=0)
    last_bundle_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    return_seq: Mapped[int] = mapped_column(Integer, default=0)
    # How far the device says it holds its school's change stream and the
    # bureau's publications: return bundles start after these.
    changes_through: Mapped[int] = mapped_column(BigInteger, default=0)
    content_through: Mapped[int] = mapped_column(BigInteger, default=0)


class BureauBundle(Base):
    """Every file received, good or bad; the raw bytes stay in the bureau's spool."""

    __tablename__ = "bureau_bundle"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    # Known only once the signature verified (None for unreadable or unknown-device files).
    device_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None)
    school_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None)
    seq: Mapped[int | None] = mapped_column(Integer, default=None)
    # An unknown_device file's envelope header claim (unverified): taken again when it registers.
    claimed_device_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None, index=True)
    prev_sha256: Mapped[str] = mapped_column(String(64), default="")
    size: Mapped[int] = mapped_column(BigInteger)
    path: Mapped[str] = mapped_column(String(400))
    # held (waiting for a lower seq) | applied | quarantined
    state: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(String(64), default="")
    detail: Mapped[str] = mapped_column(Text, default="")
    # True when the signature verified, so the bundle consumed its seq.
    verified: Mapped[bool] = mapped_column(Boolean, default=False)
    change_count: Mapped[int] = mapped_column(Integer, default=0)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    applied_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    # The device's audit chain head from the bundle's manifest (format 2), as sent.
    audit_head: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)

    __table_args__ = (Index("ix_bureau_bundle_device_seq", "device_id", "seq"),)


class BureauFieldClock(Base):
    """Per synced row: which (hlc, device) last wrote each field, for last-writer-wins.

    ``clocks`` maps ``"<hlc>:<device>"`` to the list of fields that clock
    wrote; a freshly inserted row therefore costs one entry.
    """

    __tablename__ = "bureau_field_clock"

    table_name: Mapped[str] = mapped_column(String(64), primary_key=True)
    row_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    school_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    clocks: Mapped[dict[str, Any]] = mapped_column(JSON)
    # The row's place in its school's change stream, renumbered at every write
    # (bureau only; null on a PC): return bundles carry rows past a device's cursor.
    pos: Mapped[int | None] = mapped_column(BigInteger, default=None)

    __table_args__ = (Index("ix_bureau_field_clock_school_pos", "school_id", "pos"),)


class BureauBlob(Base):
    """A photo sync copy received in a bundle, stored once under its own SHA-256.

    ``sha256`` names the sync copy's bytes (``spool/blobs/<school>/<sha256>``);
    ``photo_sha256`` is the original's hash, the ``sha256`` of the school's
    ``photo`` rows, so a photo row finds its picture at the bureau. Kept per
    school: one school's copy never answers another school's lookup.
    """

    __tablename__ = "bureau_blob"

    school_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, index=True)
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    photo_sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(BigInteger)
    path: Mapped[str] = mapped_column(String(400))
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class BureauNotice(Base):
    """A message from the bureau to one school, sent down in every return bundle."""

    __tablename__ = "bureau_notice"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    school_code: Mapped[str] = mapped_column(Code, ForeignKey("bureau_school.code"), index=True)
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class EnrollmentToken(Base):
    """A one-time enrollment token, stored only as its SHA-256."""

    __tablename__ = "enrollment_token"

    token_sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    school_code: Mapped[str] = mapped_column(Code, ForeignKey("bureau_school.code"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    used_by: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None)
