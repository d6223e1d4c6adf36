"""Drawn signatures, reusable by every form that needs one.

A signature row is immutable once written. ``strokes`` holds what the pad
captured (a list of strokes, each a list of ``[x, y, t]`` points); the PNG the
UI renders from them may arrive later, once (``png`` / ``png_sha256``).
``content_sha256`` binds the signature to the record's content at signing
time, so a later edit of the record is detectable.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, LargeBinary, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from db.base import LOCAL_ONLY, Base, Name, SyncedMixin, UTCDateTime


class Signature(SyncedMixin, Base):
    __tablename__ = "signature"

    signer_name: Mapped[str] = mapped_column(Name)
    signer_staff_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("staff_member.id"), default=None
    )
    signer_user_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("user_account.id"), default=None
    )
    # What the signature is for, e.g. "handover.outgoing"; and the record signed.
    purpose: Mapped[str] = mapped_column(String(64))
    record_table: Mapped[str] = mapped_column(String(64))
    record_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    signed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    strokes: Mapped[Any] = mapped_column(JSON)  # packed: app.signatures.service.pack_strokes
    content_sha256: Mapped[str] = mapped_column(String(64))
    # The picture is rendered from the strokes on the PC that signed: a local
    # cache, never sent (a few KB per signature on a GPRS link); forms on other
    # machines draw the same strokes.
    png: Mapped[bytes | None] = mapped_column(LargeBinary, default=None, info=LOCAL_ONLY)
    png_sha256: Mapped[str | None] = mapped_column(String(64), default=None, info=LOCAL_ONLY)
