"""The school's own term dates (学期), when they differ from the bureau default.

Semester cadences (fire drills, school-bus drills) count in terms; with no
rows here the default terms of :func:`app.periods.default_terms` apply.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, SyncedMixin


class SchoolTerm(SyncedMixin, Base):
    __tablename__ = "school_term"

    # spring | autumn
    name: Mapped[str] = mapped_column(String(16))
    start: Mapped[date] = mapped_column(Date)
    end: Mapped[date] = mapped_column(Date)

    __table_args__ = (Index("ix_school_term_start", "school_id", "start"),)
