"""Incidents (突发事件) and their reports to the bureau.

An incident is discovered at a moment; from then two clocks run: the phone
report is due 30 minutes later and the brief written report 2 hours later
(002 七(十)). Each report actually made is an insert-only
:class:`IncidentReport` (phone, written or follow-up 续报); the first phone and
written report times are also kept on the incident so clocks read one row.
Once set, those times never change: a correction is a new follow-up, and
lateness stays on the record for good.

People involved are kept apart (:class:`IncidentPerson`) because minors' names
are shown only to the principal and the safety officer.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import Boolean, Date, ForeignKey, Index, String, Text, Uuid, event, inspect
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, Name, SyncedMixin, UTCDateTime


class Incident(SyncedMixin, Base):
    __tablename__ = "incident"

    # Number shown and printed, e.g. SJ20260312-4F2A9C.
    ref: Mapped[str] = mapped_column(String(32))
    # injury | fire | food_poisoning | traffic | violence | drowning |
    # natural_disaster | public_health | other
    category: Mapped[str] = mapped_column(String(24))
    # general (一般) | serious (较大) | major (重大) | especially_major (特别重大)
    severity: Mapped[str] = mapped_column(String(24), default="general")
    occurred_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    discovered_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # School-local day of discovery: monthly figures count by it.
    discovered_on: Mapped[date] = mapped_column(Date)
    place: Mapped[str] = mapped_column(Name, default="")
    description: Mapped[str] = mapped_column(Text, default="")
    immediate_actions: Mapped[str] = mapped_column(Text, default="")
    reported_by: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("user_account.id"), default=None
    )
    reporter_name: Mapped[str] = mapped_column(Name, default="")
    # When the first phone / written report was actually made. Set once.
    phone_reported_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    written_reported_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    closed_by: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("user_account.id"), default=None
    )
    closure_note: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (
        Index("ix_incident_discovered", "school_id", "discovered_at"),
        Index("ix_incident_open", "school_id", "closed_at"),
        Index("ix_incident_day", "school_id", "discovered_on"),
    )


class IncidentPerson(SyncedMixin, Base):
    """Someone involved: hurt, caught up, or causing it. Minors' names are restricted."""

    __tablename__ = "incident_person"

    incident_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("incident.id"))
    name: Mapped[str] = mapped_column(Name)
    # student | staff | other
    role: Mapped[str] = mapped_column(String(16), default="student")
    minor: Mapped[bool] = mapped_column(Boolean, default=False)
    injury: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (Index("ix_incident_person_incident", "incident_id"),)


class IncidentReport(SyncedMixin, Base):
    """One report actually made upward (phone, written or follow-up). Insert-only."""

    __tablename__ = "incident_report"

    incident_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("incident.id"))
    # phone | written | follow_up
    kind: Mapped[str] = mapped_column(String(16))
    # When the report was made (stated by the user, never later than logged_at).
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    # When it was written down here.
    logged_at: Mapped[datetime] = mapped_column(UTCDateTime)
    to_whom: Mapped[str] = mapped_column(Name, default="")
    by_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("user_account.id"), default=None
    )
    by_name: Mapped[str] = mapped_column(Name, default="")
    summary: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (Index("ix_incident_report_incident", "incident_id", "at"),)


def _insert_only(_mapper: Any, _conn: Any, target: Any) -> None:
    raise RuntimeError(f"{type(target).__name__} rows are history and never change")


def _report_times_fixed(_mapper: Any, _conn: Any, target: Incident) -> None:
    # The last line of defence: a report time once set is never moved or cleared.
    state = inspect(target)
    for name in ("phone_reported_at", "written_reported_at", "discovered_at"):
        history = state.attrs[name].history
        if history.deleted and history.deleted[0] is not None:
            raise RuntimeError(f"incident.{name} is kept as first recorded")


event.listen(IncidentReport, "before_update", _insert_only)
event.listen(Incident, "before_update", _report_times_fixed)
