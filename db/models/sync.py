"""Sync state of this installation (local-only, never synced).

``sync_enrollment`` holds the one enrollment this PC has with its bureau (public
keys and address only: private keys live in the OS keyring). ``sync_bundle``
is one row per bundle this device has packed, with its upload progress, so an
interrupted upload resumes after the app restarts.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Integer, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, Code, Name, UTCDateTime, utcnow


class SyncEnrollment(Base):
    """Exactly one row (id = 1) once the PC has imported an enrollment file."""

    __tablename__ = "sync_enrollment"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    bureau_url: Mapped[str] = mapped_column(String(400))
    school_code: Mapped[str] = mapped_column(Code)
    school_name: Mapped[str] = mapped_column(Name, default="")
    # Base64 raw Ed25519 public key that signs return bundles.
    bureau_signing_key: Mapped[str] = mapped_column(String(64))
    # age X25519 recipients every bundle is encrypted to (bureau keys + escrow).
    recipients: Mapped[list[str]] = mapped_column(JSON)
    bureau_fingerprint: Mapped[str] = mapped_column(String(32))
    device_fingerprint: Mapped[str] = mapped_column(String(32))
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    registered_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    # Highest return-bundle number applied: older return bundles are ignored.
    return_seq: Mapped[int] = mapped_column(Integer, default=0)
    # Highest contiguous bundle seq the bureau has acknowledged.
    acked_seq: Mapped[int] = mapped_column(Integer, default=0)
    # Last pass that finished with nothing going wrong (shown in the status bar).
    last_sync_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    # Last pass tried, and the problem code it ended with ("" when it went well).
    last_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    last_error: Mapped[str] = mapped_column(Text, default="")
    # How far this PC holds the school's change stream and the bureau's
    # publications (positions from the return bundles it applied), and how far
    # its last bundle told the bureau (a USB school's only way to say so).
    changes_through: Mapped[int] = mapped_column(BigInteger, default=0)
    # The school this PC joined by its enrollment file (before its records came).
    school_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None)
    content_through: Mapped[int] = mapped_column(BigInteger, default=0)
    reported_changes: Mapped[int] = mapped_column(BigInteger, default=0)
    reported_content: Mapped[int] = mapped_column(BigInteger, default=0)
    # What the last return bundles brought: {"at", "changes", "photos", "items",
    # "devices": {device id: changes}} (shown on the sync page).
    last_received: Mapped[dict | None] = mapped_column(JSON, default=None)


class BundleState:
    PENDING = "pending"  # packed, not yet (fully) uploaded
    UPLOADING = "uploading"  # an upload URL exists; bytes_sent tells how far
    SENT = "sent"  # the bureau has the whole file; waiting for its ack
    ACKED = "acked"  # the bureau applied it (or consumed its seq); outbox rows marked
    QUARANTINED = "quarantined"  # the bureau refused it; reason says why


class SyncBundle(Base):
    __tablename__ = "sync_bundle"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    school_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    file_name: Mapped[str] = mapped_column(String(200))
    sha256: Mapped[str] = mapped_column(String(64))
    prev_sha256: Mapped[str] = mapped_column(String(64), default="")
    size: Mapped[int] = mapped_column(BigInteger)
    change_count: Mapped[int] = mapped_column(Integer, default=0)
    # SHA-256 of the *originals* whose sync copies are inside (the photo rows'
    # ``sha256``), so a photo in an acked bundle is never sent again.
    blobs: Mapped[list[str]] = mapped_column(JSON, default=list)
    state: Mapped[str] = mapped_column(String(16), default=BundleState.PENDING)
    upload_url: Mapped[str | None] = mapped_column(String(400), default=None)
    bytes_sent: Mapped[int] = mapped_column(BigInteger, default=0)
    reason: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    acked_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    # Bundle file format (app.sync.bundle.FORMAT_VERSION); 1 for rows from before
    # format 2, which are re-packed while still open.
    format: Mapped[int] = mapped_column(Integer, default=2, server_default="1")

    def as_dict(self) -> dict[str, Any]:
        return {c.key: getattr(self, c.key) for c in self.__table__.columns}


class SyncNotice(Base):
    """A notice from the bureau received in a return bundle (kept by its bureau id)."""

    __tablename__ = "sync_notice"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
