"""Inspections (安全检查): a check done to one or more checklist templates, item by item.

An inspection is a finalized record: once ``finalized_at`` is set neither it
nor its answers change again (a correction is a new inspection whose
``corrects_id`` names the old one). Services refuse such edits with a clear
message; the mapper events below refuse them even if a service forgets.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, Text, Uuid, event, select
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, Code, Name, SyncedMixin, UTCDateTime


class FinalizedRecordError(RuntimeError):
    """An update reached a finalized record. A programming error: services check first."""


class Inspection(SyncedMixin, Base):
    __tablename__ = "inspection"

    # daily_patrol | weekly | half_monthly | monthly | special | bureau_spot
    kind: Mapped[str] = mapped_column(String(24))
    title: Mapped[str] = mapped_column(Name, default="")
    # ["fire@3", "gas@1", …]: template code and version the items were copied from
    templates: Mapped[list[str]] = mapped_column(JSON)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    place: Mapped[str] = mapped_column(Name, default="")
    zone: Mapped[str] = mapped_column(Name, default="")
    lead_inspector_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("user_account.id"), default=None
    )
    # Every inspector's user id (the lead included), as strings.
    inspector_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    note: Mapped[str] = mapped_column(Text, default="")
    # Counts are fixed at finalization, so lists need no aggregate query.
    item_count: Mapped[int] = mapped_column(Integer, default=0)
    fail_count: Mapped[int] = mapped_column(Integer, default=0)
    finalized_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    finalized_by: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("user_account.id"), default=None
    )
    corrects_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("inspection.id"), default=None
    )

    __table_args__ = (
        Index("ix_inspection_started", "school_id", "started_at", "id"),
        Index("ix_inspection_kind", "kind", "started_at"),
    )


class InspectionAnswer(SyncedMixin, Base):
    """One checklist item of one inspection, with the item's text copied in.

    Copying keeps the record readable when the bureau later sends a new
    template version. ``result`` is ``""`` until answered, then pass/fail/na.
    """

    __tablename__ = "inspection_answer"

    inspection_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("inspection.id"))
    position: Mapped[int] = mapped_column(Integer)
    template_code: Mapped[str] = mapped_column(Code)
    template_version: Mapped[int] = mapped_column(Integer)
    item_code: Mapped[str] = mapped_column(Code)
    area: Mapped[str] = mapped_column(String(32))
    # 人 | 物 | 管 | 环
    risk_group: Mapped[str] = mapped_column(String(4))
    # The checklist item's weight as the template gives it: general | serious | major
    # (a hint for the hazard's grade, not the grade itself).
    severity: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    result: Mapped[str] = mapped_column(String(8), default="")
    # A failed item: what was found, and exactly where (the hazard's place).
    note: Mapped[str] = mapped_column(Text, default="")
    spot: Mapped[str] = mapped_column(Name, default="", server_default="")
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    answered_by: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("user_account.id"), default=None
    )
    # The hazard this failed item raised or was attached to (set at finalization).
    hazard_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("hazard.id"), default=None)

    __table_args__ = (
        Index("ix_inspection_answer_inspection", "inspection_id", "position"),
        Index("ix_inspection_answer_hazard", "hazard_id"),
    )


@event.listens_for(Inspection, "before_update")
def _inspection_frozen(_mapper: Any, _conn: Any, target: Inspection) -> None:
    from sqlalchemy import inspect

    hist = inspect(target).attrs["finalized_at"].history
    was = (hist.deleted or hist.unchanged or [None])[0]
    if was is not None:
        raise FinalizedRecordError(f"inspection {target.id} is finalized and cannot change")


@event.listens_for(InspectionAnswer, "before_update")
def _answer_frozen(_mapper: Any, conn: Any, target: InspectionAnswer) -> None:
    # Reads the committed state of the parent: a service sets answers first,
    # flushes, then finalizes the inspection.
    finalized = conn.scalar(
        select(Inspection.finalized_at).where(Inspection.id == target.inspection_id)
    )
    if finalized is not None:
        raise FinalizedRecordError(f"inspection {target.inspection_id} is finalized")
