"""The monthly safety report (安全月报表), one per school and month.

A draft holds the principal's comments; at finalization the figures
computed from the records are frozen into ``figures`` (JSON), the principal's
signature binds their content hash, and the row never changes again
(``finalized_at`` set; the mapper event below refuses even a forgetful
service). Due by the 5th of the next month (004 (七)).
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Index, String, Text, Uuid, event
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, SyncedMixin, UTCDateTime


class MonthlyReport(SyncedMixin, Base):
    __tablename__ = "monthly_report"

    # "2026-11"
    month: Mapped[str] = mapped_column(String(7))
    due_on: Mapped[date] = mapped_column(Date)
    # draft | finalized
    status: Mapped[str] = mapped_column(String(16), default="draft")
    comments: Mapped[str] = mapped_column(Text, default="")
    prepared_by: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("user_account.id"), default=None
    )
    # The figures as finalized (empty while a draft: drafts are computed live).
    figures: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    content_sha256: Mapped[str] = mapped_column(String(64), default="")
    signature_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("signature.id"), default=None
    )
    finalized_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    finalized_by: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("user_account.id"), default=None
    )

    __table_args__ = (Index("ix_monthly_report_month", "school_id", "month"),)


class FinalizedReportError(RuntimeError):
    """An update reached a finalized monthly report. A programming error: services check first."""


@event.listens_for(MonthlyReport, "before_update")
def _report_frozen(_mapper: Any, _conn: Any, target: MonthlyReport) -> None:
    from sqlalchemy import inspect

    hist = inspect(target).attrs["finalized_at"].history
    was = (hist.deleted or hist.unchanged or [None])[0]
    if was is not None:
        raise FinalizedReportError(f"monthly report {target.id} is finalized and cannot change")
