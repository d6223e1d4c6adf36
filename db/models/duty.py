"""Duty rosters (值班值宿) and shift handovers (交接班).

Shift dates are school-local calendar dates; a night shift belongs to the
date it starts on. Hours are local wall-clock minutes after midnight (a plain integer
travels through sync unchanged), copied from the duty type
when a shift is made, so changing a type's hours later does not rewrite the
past. Instants (patrol times, signing) are aware UTC datetimes.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, Name, SyncedMixin, UTCDateTime


class DutyType(SyncedMixin, Base):
    __tablename__ = "duty_type"

    name: Mapped[str] = mapped_column(Name)
    # leader | teacher | night_watch | guard
    kind: Mapped[str] = mapped_column(String(16))
    # Local wall-clock minutes after midnight (0..1439); an end at or before
    # the start means the shift ends the next day.
    start_minute: Mapped[int] = mapped_column(Integer)
    end_minute: Mapped[int] = mapped_column(Integer)
    # every_day | school_days | rest_days: the days this duty is stood.
    days: Mapped[str] = mapped_column(String(16), default="every_day")
    # A required duty with no shift on one of its days is a roster gap.
    required: Mapped[bool] = mapped_column(Boolean, default=True)
    # Boarding roll calls (noon rest, night) are recorded in this duty's handovers.
    roll_call: Mapped[bool] = mapped_column(Boolean, default=False)


class SchoolHoliday(SyncedMixin, Base):
    """Days the school marks as holidays (both ends included)."""

    __tablename__ = "school_holiday"

    name: Mapped[str] = mapped_column(Name)
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)


class DutyShift(SyncedMixin, Base):
    __tablename__ = "duty_shift"

    duty_type_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("duty_type.id"), index=True)
    date: Mapped[date] = mapped_column(Date, index=True)
    staff_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("staff_member.id"), index=True)
    start_minute: Mapped[int] = mapped_column(Integer)
    end_minute: Mapped[int] = mapped_column(Integer)


class Handover(SyncedMixin, Base):
    """What the outgoing person hands to the incoming one at the end of a shift.

    Editable until the first signature; immutable once both have signed
    (``locked_at`` set).
    """

    __tablename__ = "handover"

    shift_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("duty_shift.id"), index=True)
    outgoing_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("staff_member.id"), index=True)
    incoming_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("staff_member.id"), default=None
    )
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # 平安: nothing happened that needs reporting.
    peaceful: Mapped[bool] = mapped_column(Boolean)
    handed_over: Mapped[str] = mapped_column(Text, default="")
    issues: Mapped[str] = mapped_column(Text, default="")
    # Boarding roll call: expected and present at noon rest and at night.
    noon_expected: Mapped[int | None] = mapped_column(Integer, default=None)
    noon_present: Mapped[int | None] = mapped_column(Integer, default=None)
    night_expected: Mapped[int | None] = mapped_column(Integer, default=None)
    night_present: Mapped[int | None] = mapped_column(Integer, default=None)
    roll_call_note: Mapped[str] = mapped_column(Text, default="")
    # Why the shift was handed over before its handover time (the person on duty
    # fell ill …); empty for a handover at the shift's end. Signed with the rest.
    early_reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    outgoing_signature_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("signature.id"), default=None
    )
    incoming_signature_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("signature.id"), default=None
    )
    locked_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)


class HandoverPatrol(SyncedMixin, Base):
    __tablename__ = "handover_patrol"

    handover_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("handover.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    place: Mapped[str] = mapped_column(Name)
    findings: Mapped[str] = mapped_column(Text, default="")
    # Set when the finding was turned into a hazard in the hazard ledger.
    hazard_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None)


class HandoverEvent(SyncedMixin, Base):
    __tablename__ = "handover_event"

    handover_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("handover.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    what: Mapped[str] = mapped_column(Text)
    action_taken: Mapped[str] = mapped_column(Text, default="")
