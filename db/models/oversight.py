"""Oversight: what the bureau publishes to its schools, and the schools' answers.

* :class:`BureauPublication` — bureau-only: notices, supervision orders (督办),
  answers to escalated hazards, checklist templates and compliance rules files,
  numbered by one bureau-wide ``seq`` (a device's cursor);
* :class:`ReceivedPublication` — local-only on the PC: what came down, kept by
  its bureau id (never synced back);
* :class:`SupervisionReply` and :class:`NoticeAck` — synced: the school's
  reply to a supervision order and the acknowledgement of a notice, which
  travel up like every other record.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, ForeignKey, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, Name, SyncedMixin, UTCDateTime, new_id, utcnow


class PublicationKind:
    NOTICE = "notice"
    SUPERVISION = "supervision"
    HAZARD_ANSWER = "hazard_answer"
    TEMPLATE = "template"
    RULES = "rules"
    ALL = (NOTICE, SUPERVISION, HAZARD_ANSWER, TEMPLATE, RULES)


class BureauPublication(Base):
    """One thing the bureau published (bureau-only; never edited, never deleted).

    ``audience``: ``all``, ``school:<code>`` or ``type:<kind>`` (the kind the
    school's synced ``school`` row holds).
    """

    __tablename__ = "bureau_publication"

    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    id: Mapped[uuid.UUID] = mapped_column(Uuid, unique=True, default=new_id)
    kind: Mapped[str] = mapped_column(String(16), index=True)
    audience: Mapped[str] = mapped_column(String(80))
    body: Mapped[dict[str, Any]] = mapped_column(JSON)
    published_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    published_by: Mapped[str] = mapped_column(Text, default="")


class ReceivedPublication(Base):
    """A publication received in a return bundle (local-only, kept by its bureau id)."""

    __tablename__ = "received_publication"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, index=True)
    kind: Mapped[str] = mapped_column(String(16), index=True)
    body: Mapped[dict[str, Any]] = mapped_column(JSON)
    published_at: Mapped[datetime] = mapped_column(UTCDateTime)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class SupervisionReply(SyncedMixin, Base):
    """The school's reply to a supervision order (督办回复)."""

    __tablename__ = "supervision_reply"

    order_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    text: Mapped[str] = mapped_column(Text)
    replied_by: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("user_account.id"), default=None
    )
    replier_name: Mapped[str] = mapped_column(Name, default="")
    replied_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # The hazard the order is about, and its state when the reply was written.
    hazard_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("hazard.id"), default=None)
    hazard_status: Mapped[str] = mapped_column(String(16), default="")


class NoticeAck(SyncedMixin, Base):
    """Someone at the school read a bureau notice that asked for acknowledgement."""

    __tablename__ = "notice_ack"

    notice_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    person_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("user_account.id"), default=None
    )
    person_name: Mapped[str] = mapped_column(Name, default="")
    read_at: Mapped[datetime] = mapped_column(UTCDateTime)
