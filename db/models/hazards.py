"""Hazards (隐患) and their history: the rectification ledger (整改台账).

A hazard is an editable record whose fields merge per field at sync; its
status moves reported → planned → rectifying → rectified → closed (销号),
with a failed re-check sending it back to rectifying. Every step also adds
an insert-only :class:`HazardEvent`, so the whole history survives merges.
Major hazards (重大隐患) get :class:`HazardMonitoring` entries, at least two a
day until closed.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Numeric,
    String,
    Text,
    Uuid,
    event,
)
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, Code, Name, SyncedMixin, UTCDateTime


class Hazard(SyncedMixin, Base):
    __tablename__ = "hazard"

    # Ledger number shown and printed, e.g. YH20260312-4F2A9C.
    ref: Mapped[str] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(Name)
    description: Mapped[str] = mapped_column(Text, default="")
    area: Mapped[str] = mapped_column(String(32))
    risk_group: Mapped[str] = mapped_column(String(4), default="")
    # The bureau's grade: general (一般隐患) | major (重大隐患); ``major`` says the same
    # and is what lists filter on. (Rows synced from an older app may say
    # "serious"; that is read as general.)
    severity: Mapped[str] = mapped_column(String(16), default="general")
    major: Mapped[bool] = mapped_column(Boolean, default=False)
    # School-local day from which twice-daily monitoring is due.
    major_since: Mapped[date | None] = mapped_column(Date, default=None)
    place: Mapped[str] = mapped_column(Name, default="")
    zone: Mapped[str] = mapped_column(Name, default="")
    item_code: Mapped[str] = mapped_column(Code, default="")
    # reported | planned | rectifying | rectified | closed
    status: Mapped[str] = mapped_column(String(16), default="reported")
    reported_at: Mapped[datetime] = mapped_column(UTCDateTime)
    reported_on: Mapped[date] = mapped_column(Date)
    reported_by: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("user_account.id"), default=None
    )
    source_inspection_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("inspection.id"), default=None
    )
    # The plan: the "five in place" (责任、措施、资金、时限、预案).
    responsible_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("user_account.id"), default=None
    )
    deadline: Mapped[date | None] = mapped_column(Date, default=None)
    measures: Mapped[str] = mapped_column(Text, default="")
    funds_yuan: Mapped[Decimal | None] = mapped_column(Numeric(12, 2), default=None)
    funds_source: Mapped[str] = mapped_column(Name, default="")
    interim_safeguard: Mapped[str] = mapped_column(Text, default="")
    planned_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    rectified_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    rectified_by: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("user_account.id"), default=None
    )
    rectification_note: Mapped[str] = mapped_column(Text, default="")
    rechecked_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    rechecked_by: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("user_account.id"), default=None
    )
    # pass | fail | "" (not re-checked since the last rectification)
    recheck_result: Mapped[str] = mapped_column(String(8), default="")
    recheck_note: Mapped[str] = mapped_column(Text, default="")
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    # "Cannot be fixed by the school": reported upward in writing.
    needs_escalation: Mapped[bool] = mapped_column(Boolean, default=False)
    escalation_note: Mapped[str] = mapped_column(Text, default="")
    escalated_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    last_monitored_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)

    __table_args__ = (
        # Pages are read newest first within one school: no sort, whatever the size.
        Index("ix_hazard_reported", "school_id", "reported_at", "id"),
        Index("ix_hazard_status_deadline", "status", "deadline"),
        Index("ix_hazard_area", "area", "reported_at"),
        Index("ix_hazard_major", "major", "status"),
        Index("ix_hazard_item_place", "item_code", "place"),
    )


class HazardEvent(SyncedMixin, Base):
    """One step in a hazard's life. Insert-only."""

    __tablename__ = "hazard_event"

    hazard_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("hazard.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    actor_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None)
    actor_name: Mapped[str] = mapped_column(Name, default="")
    # report | seen_again | plan | start | rectify | recheck_pass | recheck_fail |
    # escalate | major
    kind: Mapped[str] = mapped_column(String(24))
    from_status: Mapped[str] = mapped_column(String(16), default="")
    to_status: Mapped[str] = mapped_column(String(16), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    __table_args__ = (Index("ix_hazard_event_hazard", "hazard_id", "at"),)


class HazardMonitoring(SyncedMixin, Base):
    """A monitoring entry for a major hazard (日监测记录). Insert-only."""

    __tablename__ = "hazard_monitoring"

    hazard_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("hazard.id"))
    observed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    observed_on: Mapped[date] = mapped_column(Date)
    observer_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("user_account.id"), default=None
    )
    observer_name: Mapped[str] = mapped_column(Name, default="")
    observation: Mapped[str] = mapped_column(Text)
    # stable | worse | danger (evacuate/close the area)
    condition: Mapped[str] = mapped_column(String(16), default="stable")

    __table_args__ = (Index("ix_hazard_monitoring_hazard", "hazard_id", "observed_on"),)


def _insert_only(_mapper: Any, _conn: Any, target: Any) -> None:
    raise RuntimeError(f"{type(target).__name__} rows are history and never change")


event.listen(HazardEvent, "before_update", _insert_only)
event.listen(HazardMonitoring, "before_update", _insert_only)
