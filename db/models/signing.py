"""People's PDF signing keys: the certificate travels, the private key never does.

``signing_certificate`` (synced) is public: the person's X.509 certificate as
PEM, its SHA-256 fingerprint, who it names and when it is valid. The bureau
keeps every certificate a school ever issued, so a form printed years ago
still verifies; ``superseded_at`` says when a newer one took its place.

``signing_key`` (local to this PC, never synced, never in the outbox) holds
each person's ECDSA P-256 private key, sealed with AES-256-GCM under a key
derived by Argon2id from that person's password or PIN. See
:mod:`app.signing` for the threat model.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, Integer, LargeBinary, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, Name, SyncedMixin, UTCDateTime, utcnow


class SigningCertificate(SyncedMixin, Base):
    __tablename__ = "signing_certificate"

    user_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("user_account.id"), index=True)
    certificate_pem: Mapped[str] = mapped_column(Text)
    # hex SHA-256 of the certificate's DER bytes: what verify-pdf looks up
    fingerprint: Mapped[str] = mapped_column(String(64), index=True)
    # What the certificate names, as issued (the person's name and role can change later).
    holder_name: Mapped[str] = mapped_column(Name)
    holder_role: Mapped[str] = mapped_column(String(32))
    organization: Mapped[str] = mapped_column(Name)
    valid_from: Mapped[datetime] = mapped_column(UTCDateTime)
    valid_to: Mapped[datetime] = mapped_column(UTCDateTime)
    superseded_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)


class SigningKey(Base):
    """One row per person who signs on this PC: their sealed private key."""

    __tablename__ = "signing_key"

    user_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("user_account.id"), primary_key=True
    )
    certificate_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("signing_certificate.id"))
    # Argon2id over the person's secret with this salt and cost gives the AES key.
    kdf_salt: Mapped[bytes] = mapped_column(LargeBinary)
    kdf_time_cost: Mapped[int] = mapped_column(Integer)
    kdf_memory_kib: Mapped[int] = mapped_column(Integer)
    kdf_parallelism: Mapped[int] = mapped_column(Integer)
    # AES-256-GCM of the PKCS#8 DER private key; the tag is the last 16 bytes.
    nonce: Mapped[bytes] = mapped_column(LargeBinary)
    sealed_key: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
