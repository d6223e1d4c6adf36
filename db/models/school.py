"""The school profile. Later rules (drill cadence, boarding duty, bus drills) depend on it."""

from __future__ import annotations

import enum

from sqlalchemy import Boolean, String
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, Code, Name, SyncedMixin


class SchoolKind(enum.StrEnum):
    PRIMARY = "primary"
    SECONDARY = "secondary"
    NINE_YEAR = "nine_year"
    KINDERGARTEN = "kindergarten"


class School(SyncedMixin, Base):
    __tablename__ = "school"

    name: Mapped[str] = mapped_column(Name)
    code: Mapped[str] = mapped_column(Code)
    kind: Mapped[str] = mapped_column(String(16))
    boarding: Mapped[bool] = mapped_column(Boolean, default=False)
    has_school_bus: Mapped[bool] = mapped_column(Boolean, default=False)
    district: Mapped[str] = mapped_column(Name, default="")
    address: Mapped[str] = mapped_column(String(400), default="")
