"""The responsibility grid (网格化安全管理): zones, posts, assignments, letters.

A zone (责任区) is a place on campus; a post (岗位) is a job with its safety
duties (一岗双责). An assignment names, for one zone or one post, the
responsible leader, the responsible person and the supervisor for a period.
A responsibility letter (安全责任书) records who signed with whom for a year.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy import JSON, CheckConstraint, Date, ForeignKey, Integer, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, Name, SyncedMixin


class GridZone(SyncedMixin, Base):
    __tablename__ = "grid_zone"

    name: Mapped[str] = mapped_column(Name)
    place: Mapped[str] = mapped_column(Name, default="")
    # teaching_building | dormitory | canteen | gate | playground | lab | boiler_room | ...
    kind: Mapped[str] = mapped_column(String(32))
    note: Mapped[str] = mapped_column(Text, default="")


class GridPost(SyncedMixin, Base):
    __tablename__ = "grid_post"

    name: Mapped[str] = mapped_column(Name)
    # The post's safety duties, one line each (一岗双责).
    duties: Mapped[list[Any]] = mapped_column(JSON, default=list)


class GridAssignment(SyncedMixin, Base):
    """Who answers for one zone or one post from ``valid_from`` to ``valid_to`` (inclusive)."""

    __tablename__ = "grid_assignment"

    zone_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("grid_zone.id"), default=None, index=True
    )
    post_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("grid_post.id"), default=None, index=True
    )
    leader_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("staff_member.id"), default=None
    )
    person_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("staff_member.id"))
    supervisor_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("staff_member.id"), default=None
    )
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date, default=None)

    __table_args__ = (
        CheckConstraint("(zone_id IS NULL) <> (post_id IS NULL)", name="zone_or_post"),
    )


class ResponsibilityLetter(SyncedMixin, Base):
    """A 安全责任书. A photo of the signed paper is a linked photo (its SHA-256 kept
    here too); a scan the photo store cannot hold is referenced by SHA-256 and path."""

    __tablename__ = "responsibility_letter"

    year: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(Name)
    # The one who issues the letter (e.g. the principal) and the one who signs it.
    issuer_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("staff_member.id"))
    signer_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("staff_member.id"), index=True)
    signed_on: Mapped[date | None] = mapped_column(Date, default=None)
    scan_sha256: Mapped[str | None] = mapped_column(String(64), default=None)
    scan_path: Mapped[str | None] = mapped_column(String(500), default=None)
