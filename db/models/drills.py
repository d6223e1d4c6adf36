"""Emergency drills (应急演练): the plan, what happened, the evaluation and the photos.

A drill is a finalized record: once ``finalized_at`` is set neither it nor its
problems, photos or plan documents change again (a correction is a new drill
whose ``corrects_id`` names the old one). The one exception is a problem's
``hazard_id``: turning a problem found in the drill into a hazard in the
ledger is follow-up work, not part of what the record says happened.
Services refuse edits with a clear message; the mapper events below refuse
them even if a service forgets.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    Uuid,
    event,
    inspect,
    select,
)
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, Name, SyncedMixin, UTCDateTime
from db.models.inspections import FinalizedRecordError


class Drill(SyncedMixin, Base):
    __tablename__ = "drill"

    # Number shown and printed, e.g. YL20261105-4F2A9C.
    ref: Mapped[str] = mapped_column(String(32))
    # fire_evacuation | fire_training | earthquake | anti_stampede |
    # school_bus_evacuation | gas_leak | anti_violence | flood | other
    drill_type: Mapped[str] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(Name, default="")
    planned_on: Mapped[date | None] = mapped_column(Date, default=None)
    plan: Mapped[str] = mapped_column(Text, default="")
    held_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    duration_minutes: Mapped[int | None] = mapped_column(Integer, default=None)
    # whole_school | grades | building
    scope: Mapped[str] = mapped_column(String(16), default="whole_school")
    scope_detail: Mapped[str] = mapped_column(Name, default="")
    students: Mapped[int] = mapped_column(Integer, default=0)
    staff: Mapped[int] = mapped_column(Integer, default=0)
    # From the signal to the last class at the assembly point.
    evacuation_seconds: Mapped[int | None] = mapped_column(Integer, default=None)
    organiser_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("user_account.id"), default=None
    )
    organiser_name: Mapped[str] = mapped_column(Name, default="")
    # Names as written (bureau visitors are not users).
    observers: Mapped[list[str]] = mapped_column(JSON, default=list)
    summary: Mapped[str] = mapped_column(Text, default="")
    # "" (not rated yet) | excellent | good | fair | poor
    rating: Mapped[str] = mapped_column(String(16), default="")
    evaluation: Mapped[str] = mapped_column(Text, default="")
    finalized_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    finalized_by: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("user_account.id"), default=None
    )
    corrects_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("drill.id"), default=None
    )

    __table_args__ = (
        Index("ix_drill_held", "school_id", "held_at", "id"),
        Index("ix_drill_type", "drill_type", "held_at"),
    )


class DrillProblem(SyncedMixin, Base):
    """A problem the evaluation found; it may become a hazard in the ledger."""

    __tablename__ = "drill_problem"

    drill_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("drill.id"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text)
    hazard_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("hazard.id"), default=None)

    __table_args__ = (
        Index("ix_drill_problem_drill", "drill_id", "position"),
        Index("ix_drill_problem_hazard", "hazard_id"),
    )


class DrillPhoto(SyncedMixin, Base):
    """A photo of the drill with its caption, in the order the record shows them."""

    __tablename__ = "drill_photo"

    drill_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("drill.id"))
    photo_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("photo.id"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    caption: Mapped[str] = mapped_column(Name, default="")

    __table_args__ = (Index("ix_drill_photo_drill", "drill_id", "position"),)


class DrillDocument(SyncedMixin, Base):
    """A plan document (PDF, Word, picture) kept content-addressed under ``documents/``."""

    __tablename__ = "drill_document"

    drill_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("drill.id"))
    sha256: Mapped[str] = mapped_column(String(64))
    media_type: Mapped[str] = mapped_column(String(100))
    byte_size: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(Name)
    position: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (Index("ix_drill_document_drill", "drill_id", "position"),)


@event.listens_for(Drill, "before_update")
def _drill_frozen(_mapper: Any, _conn: Any, target: Drill) -> None:
    hist = inspect(target).attrs["finalized_at"].history
    was = (hist.deleted or hist.unchanged or [None])[0]
    if was is not None:
        raise FinalizedRecordError(f"drill {target.id} is finalized and cannot change")


def _parent_finalized(conn: Any, drill_id: uuid.UUID) -> bool:
    return conn.scalar(select(Drill.finalized_at).where(Drill.id == drill_id)) is not None


def _child_frozen(_mapper: Any, conn: Any, target: Any) -> None:
    if not _parent_finalized(conn, target.drill_id):
        return
    if isinstance(target, DrillProblem):
        changed = {a.key for a in inspect(target).attrs if a.history.has_changes()}
        if changed <= {"hazard_id", "hlc", "origin_device", "updated_at"}:
            return
    raise FinalizedRecordError(f"drill {target.drill_id} is finalized")


for _cls in (DrillProblem, DrillPhoto, DrillDocument):
    event.listen(_cls, "before_update", _child_frozen)
    event.listen(_cls, "before_insert", _child_frozen)
