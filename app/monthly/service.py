"""The monthly safety report: prepare the draft, sign and finalize; then it never changes.

Rules, each refused with a UserError before anything is written:

* the safety officer (or the principal) prepares the draft — the principal's
  comments — with :attr:`Permission.PREPARE_MONTHLY_REPORT`;
* only the principal signs and finalizes (:attr:`Permission.SIGN_MONTHLY_REPORT`),
  and not before the month's last day;
* at finalization the figures are computed in the same transaction and frozen
  with the comments; the drawn signature binds their content hash;
* a finalized report refuses every edit (a second finalization too).

A draft's figures are always computed live, so the page shows today's counts.
"""

from __future__ import annotations

import dataclasses
import uuid
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.accounts.roles import Permission, require
from app.actor import Actor
from app.compliance.rules import load_rules
from app.errors import UserError
from app.hazards.service import school_today
from app.i18n import QT_TRANSLATE_NOOP
from app.monthly.figures import compute_figures, due_on
from app.periods import Period, parse_month
from app.signatures.service import Strokes, add_signature, content_hash
from app.workspace import Workspace
from db.base import utcnow
from db.models import MonthlyReport

TABLE = "monthly_report"
MAX_COMMENTS = 4000


@dataclasses.dataclass(frozen=True)
class MonthlyView:
    month: str
    start: date
    end: date
    due_on: date
    id: uuid.UUID | None  # None: nothing saved yet for this month
    status: str  # "none" | "draft" | "finalized"
    comments: str
    figures: dict[str, Any]
    finalized_at: datetime | None
    signature_id: uuid.UUID | None
    content_sha256: str

    @property
    def finalized(self) -> bool:
        return self.status == "finalized"

    def overdue(self, today: date) -> bool:
        return not self.finalized and today > self.due_on


def month_period(month: str | Period) -> Period:
    if isinstance(month, Period):
        return month
    try:
        return parse_month(month)
    except (ValueError, TypeError):
        raise UserError(
            QT_TRANSLATE_NOOP("app", "{month} is not a month; write it as 2026-11."), month=month
        ) from None


def report_content(school_id: uuid.UUID, month: str, figures: dict, comments: str) -> dict:
    """What the principal signs: the school, the month, the figures and the comments."""
    return {"school": str(school_id), "month": month, "figures": figures, "comments": comments}


REPORT_NAMESPACE = uuid.UUID("5d1f3c2e-8a47-4f0b-9c6e-2b7a1e0d4c93")


def report_id(school_id: uuid.UUID, month: str) -> uuid.UUID:
    """The one id of a school's report for ``month`` (uuid5), the same on every PC of the school.

    Two PCs that both prepare or finalize the month write the same row; the
    bureau's merge reconciles it (a finalized report wins over a draft, see
    docs/architecture.md) instead of keeping two reports for one month.
    """
    return uuid.uuid5(REPORT_NAMESPACE, f"{school_id}/{month}")


def _row(s: Session, school_id: uuid.UUID, month: str) -> MonthlyReport | None:
    return s.scalar(
        select(MonthlyReport)
        .where(
            MonthlyReport.school_id == school_id,
            MonthlyReport.month == month,
            MonthlyReport.deleted_at.is_(None),
        )
        .order_by(MonthlyReport.finalized_at.is_(None), MonthlyReport.created_at)
        .limit(1)
    )


def _view(row: MonthlyReport | None, period: Period, figures: dict) -> MonthlyView:
    return MonthlyView(
        month=period.key,
        start=period.start,
        end=period.end,
        due_on=due_on(period),
        id=row.id if row else None,
        status=row.status if row else "none",
        comments=row.comments if row else "",
        figures=row.figures if row and row.finalized_at else figures,
        finalized_at=row.finalized_at if row else None,
        signature_id=row.signature_id if row else None,
        content_sha256=row.content_sha256 if row else "",
    )


def monthly_report(ws: Workspace, month: str | Period, today: date | None = None) -> MonthlyView:
    """The month's report: frozen figures when finalized, else the draft with live figures."""
    period = month_period(month)
    today = today or school_today()
    with ws.read() as s:
        row = _row(s, ws.school_id, period.key)
        if row is not None and row.finalized_at is not None:
            return _view(row, period, {})
        return _view(
            row,
            period,
            compute_figures(s, ws.school_id, period, today, load_rules(data_dir=ws.data_dir)),
        )


def default_month(ws: Workspace, today: date | None = None) -> str:
    """The month the report page opens on (``2026-11``).

    Last month while its report is owed: the school was set up by the end of
    last month (:func:`~app.compliance.engine.records_since`), and it is
    still the first days of this month (up to the 5th, the due day) or the
    report is not finalized yet (overdue: the 工作台 points here). Otherwise
    this month — a school set up this month owes no report for last month.
    """
    from app.compliance.engine import records_since
    from app.periods import month_of

    today = today or school_today()
    this = month_of(today)
    last = month_of(this.start - timedelta(days=1))
    school_id = ws.school_id
    with ws.read() as s:
        if records_since(s, school_id) > last.end:
            return this.key
        row = _row(s, school_id, last.key)
    finalized = row is not None and row.finalized_at is not None
    return last.key if today <= due_on(last) or not finalized else this.key


def get_report(ws: Workspace, report_id: uuid.UUID) -> MonthlyView | None:
    with ws.read() as s:
        row = s.get(MonthlyReport, report_id)
        if row is None or row.deleted_at is not None:
            return None
        period = month_period(row.month)
        figures = row.figures or compute_figures(
            s, ws.school_id, period, school_today(), load_rules(data_dir=ws.data_dir)
        )
        return _view(row, period, figures)


def latest_finalized(ws: Workspace) -> uuid.UUID | None:
    with ws.read() as s:
        return s.scalar(
            select(MonthlyReport.id)
            .where(MonthlyReport.finalized_at.is_not(None), MonthlyReport.deleted_at.is_(None))
            .order_by(MonthlyReport.month.desc())
            .limit(1)
        )


def _refuse_finalized(row: MonthlyReport) -> None:
    if row.finalized_at is not None:
        raise UserError(
            QT_TRANSLATE_NOOP(
                "app", "The monthly report for {month} is finalized and can no longer change."
            ),
            month=row.month,
        )


def _clean(comments: str) -> str:
    comments = comments.strip()
    if len(comments) > MAX_COMMENTS:
        raise UserError(
            QT_TRANSLATE_NOOP("app", "The comments are too long (at most {n} characters)."),
            n=MAX_COMMENTS,
        )
    return comments


def _draft_row(s: Session, ws: Workspace, actor: Actor, period: Period) -> MonthlyReport:
    row = _row(s, ws.school_id, period.key)
    if row is None:
        row = MonthlyReport(
            id=report_id(ws.school_id, period.key),
            month=period.key,
            due_on=due_on(period),
            status="draft",
            comments="",
            prepared_by=actor.user_id,
            figures={},
        )
        s.add(row)
    return row


def save_draft(ws: Workspace, actor: Actor, month: str | Period, comments: str) -> uuid.UUID:
    """Create or update the month's draft (the comments)."""
    require(actor, Permission.PREPARE_MONTHLY_REPORT)
    period = month_period(month)
    comments = _clean(comments)
    with ws.action(actor, "monthly_report.draft", detail=period.key) as s:
        row = _draft_row(s, ws, actor, period)
        _refuse_finalized(row)
        row.comments = comments
        s.flush()
        return row.id


def finalize_report(
    ws: Workspace,
    actor: Actor,
    month: str | Period,
    comments: str,
    strokes: Strokes,
    png: bytes | None = None,
    today: date | None = None,
) -> uuid.UUID:
    """Freeze the figures and comments under the principal's drawn signature."""
    require(actor, Permission.SIGN_MONTHLY_REPORT)
    period = month_period(month)
    comments = _clean(comments)
    today = today or school_today()
    if today < period.end:
        raise UserError(
            QT_TRANSLATE_NOOP(
                "app", "{month} is not over yet; the report can be finalized from {day}."
            ),
            month=period.key,
            day=period.end.isoformat(),
        )
    with ws.action(actor, "monthly_report.finalize", detail=period.key) as s:
        row = _draft_row(s, ws, actor, period)
        _refuse_finalized(row)
        figures = compute_figures(s, ws.school_id, period, today, load_rules(data_dir=ws.data_dir))
        digest = content_hash(report_content(ws.school_id, period.key, figures, comments))
        s.flush()
        sig = add_signature(
            s,
            signer_name=actor.name,
            signer_user_id=actor.user_id,
            purpose="monthly_report.principal",
            record_table=TABLE,
            record_id=row.id,
            strokes=strokes,
            content_sha256=digest,
            png=png,
        )
        row.comments = comments
        row.figures = figures
        row.content_sha256 = digest
        row.signature_id = sig.id
        row.status = "finalized"
        row.finalized_at = utcnow()
        row.finalized_by = actor.user_id
        return row.id
