"""The incident report form (突发事件报告单): what happened, to whom, what was done,
the reports made upward against their deadlines, and the closure.

People involved are printed as the incident views show them to the printing
user: a minor's name is redacted for every role but the principal and the
safety officer (app/incidents/views.py decides, not this module). The
canonical content hashed into the footer never contains a minor's name, so
the paper of a staff member and the principal's verify against the same
record, and the digest cannot be used to guess a name.

Like every form it is official Chinese paper whatever the UI language; times
are the school's wall clock.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from app.actor import Actor
from app.errors import UserError
from app.i18n import QT_TRANSLATE_NOOP
from app.incidents.clocks import ClockState, ReportClock, duration_text
from app.incidents.labels import CATEGORY_LABELS, PERSON_ROLE_LABELS, SEVERITY_LABELS
from app.incidents.views import IncidentDetail, incident_detail
from app.reports.forms import RenderedForm, form, form_header
from app.reports.hazard_forms import NOTHING_TO_PRINT, _record_id, zh
from app.reports.layout import (
    SignatureBox,
    bureau_block,
    content_width,
    grid_table,
    para,
    render_form,
    school_time,
    signature_table,
)
from app.reports.verification import Stamp, canonical_digest, content_reader
from db.models import Incident, IncidentPerson, IncidentReport, UserAccount

NOTHING_TO_PRINT["incident"] = QT_TRANSLATE_NOOP("app", "There is no incident to print yet.")

REPORT_KIND = {"phone": "电话报告", "written": "书面报告", "follow_up": "续报"}
DEADLINE = {"phone": "发现后 30 分钟内", "written": "发现后 2 小时内"}


def latest_incident(ws) -> uuid.UUID | None:
    with ws.read() as s:
        return s.scalar(
            select(Incident.id)
            .where(Incident.school_id == ws.school_id, Incident.deleted_at.is_(None))
            .order_by(Incident.discovered_at.desc(), Incident.id.desc())
            .limit(1)
        )


def incident_content(ws, incident_id: uuid.UUID) -> dict[str, Any] | None:
    """The stored record as plain values; a minor's name is left out (see the module notes)."""
    with ws.read() as s:
        inc = s.get(Incident, incident_id)
        if inc is None or inc.deleted_at is not None:
            return None
        people = s.scalars(
            select(IncidentPerson)
            .where(IncidentPerson.incident_id == inc.id, IncidentPerson.deleted_at.is_(None))
            .order_by(IncidentPerson.created_at, IncidentPerson.id)
        )
        reports = s.scalars(
            select(IncidentReport)
            .where(IncidentReport.incident_id == inc.id, IncidentReport.deleted_at.is_(None))
            .order_by(IncidentReport.at, IncidentReport.id)
        )

        def at(value: datetime | None) -> str | None:
            return value.isoformat() if value else None

        return {
            "id": str(inc.id),
            "ref": inc.ref,
            "category": inc.category,
            "severity": inc.severity,
            "occurred_at": at(inc.occurred_at),
            "discovered_at": at(inc.discovered_at),
            "place": inc.place,
            "description": inc.description,
            "immediate_actions": inc.immediate_actions,
            "reporter": inc.reporter_name,
            "people": [
                [str(p.id), None if p.minor else p.name, p.role, p.minor, p.injury] for p in people
            ],
            "reports": [
                [str(r.id), r.kind, at(r.at), at(r.logged_at), r.to_whom, r.by_name, r.summary]
                for r in reports
            ],
            "closed": [at(inc.closed_at), inc.closure_note],
        }


@content_reader("incident")
def _incident_reader(ws, record_id: str) -> dict[str, Any] | None:
    try:
        return incident_content(ws, uuid.UUID(record_id))
    except ValueError:
        return None


def clock_verdict(clock: ReportClock, now: datetime) -> str:
    """及时 / 迟报 (by how much) / not yet made, in the words of the paper."""
    state = clock.state(now)
    late_by = duration_text(clock.remaining(now))
    if state is ClockState.ON_TIME:
        return "按时报告"
    if state is ClockState.LATE:
        return f"迟报（超时 {late_by}）"
    if state is ClockState.OVERDUE:
        return f"未报告（已超时 {late_by}）"
    return "尚未报告（未到时限）"


def _closer_name(ws, incident_id: uuid.UUID) -> str:
    with ws.read() as s:
        inc = s.get(Incident, incident_id)
        user = s.get(UserAccount, inc.closed_by) if inc and inc.closed_by else None
        return user.display_name if user else ""


def _story(ws, d: IncidentDetail, now: datetime) -> list:
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Spacer

    c = d.row.clocks
    w = content_width()
    half = [w * 0.14, w * 0.36, w * 0.14, w * 0.36]
    info = [
        ["事件编号", d.row.ref, "事件类别", zh(CATEGORY_LABELS.get(c.category, c.category))],
        ["事件等级", zh(SEVERITY_LABELS.get(c.severity, c.severity)), "发生地点", d.row.place],
        [
            "发生时间",
            school_time(d.occurred_at) or "不详",
            "发现时间",
            school_time(c.discovered_at),
        ],
        ["填报人", d.row.reporter_name, "状态", "已结案" if d.closed_at else "处置中"],
    ]
    story: list = [grid_table(info, half, header_rows=0)]
    story += [para("事件经过", "section"), para(d.description)]
    story += [para("已采取的处置措施", "section"), para(d.immediate_actions or "（未填写）")]

    story.append(para("涉及人员", "section"))
    if d.people:
        rows = [["序号", "姓名", "身份", "未成年人", "受伤 / 情况"]]
        for n, p in enumerate(d.people, start=1):
            rows.append(
                [
                    str(n),
                    p.name,
                    zh(PERSON_ROLE_LABELS.get(p.role, p.role)),
                    "是" if p.minor else "否",
                    p.injury or "—",
                ]
            )
        story.append(grid_table(rows, [w * 0.08, w * 0.24, w * 0.14, w * 0.12, w * 0.42]))
        if any(p.redacted for p in d.people):
            story.append(para("依照未成年人保护规定，未成年学生姓名已隐去。", "small"))
    else:
        story.append(para("（无）"))

    story.append(para("报告时限", "section"))
    deadlines = [["报告", "时限", "截止时间", "实际报告时间", "结果"]]
    late = []
    for n, clock in enumerate((c.phone, c.written), start=1):
        verdict = clock_verdict(clock, now)
        if clock.state(now) in (ClockState.LATE, ClockState.OVERDUE):
            late.append(n)
        deadlines.append(
            [
                REPORT_KIND[clock.kind],
                DEADLINE[clock.kind],
                school_time(clock.due_at),
                school_time(clock.reported_at) or "—",
                verdict,
            ]
        )
    story.append(
        grid_table(deadlines, [w * 0.14, w * 0.2, w * 0.2, w * 0.2, w * 0.26], highlight_rows=late)
    )

    story.append(para("报告记录（电话报告、书面报告、续报）", "section"))
    if d.reports:
        rows = [["报告时间", "方式", "报告对象", "报告人", "内容", "记录时间"]]
        for r in d.reports:
            rows.append(
                [
                    school_time(r.at),
                    REPORT_KIND.get(r.kind, r.kind),
                    r.to_whom or "—",
                    r.by_name,
                    r.summary or "—",
                    school_time(r.logged_at),
                ]
            )
        story.append(grid_table(rows, [w * 0.16, w * 0.1, w * 0.16, w * 0.1, w * 0.32, w * 0.16]))
    else:
        story.append(para("（尚未记录任何报告）"))

    story.append(para("结案", "section"))
    if d.closed_at:
        closer = _closer_name(ws, d.row.id)
        story.append(
            para(
                f"结案时间：{school_time(d.closed_at)}" + (f"　结案人：{closer}" if closer else "")
            )
        )
        story.append(para(f"处理结果：{d.closure_note}"))
    else:
        story.append(para("尚未结案。"))
    story += [
        Spacer(1, 6 * mm),
        KeepTogether(
            [
                signature_table([SignatureBox("报告人签字"), SignatureBox("校长签字")], w),
                Spacer(1, 4 * mm),
                bureau_block(w, filler=d.row.reporter_name),
            ]
        ),
    ]
    return story


@form("incident", "突发事件报告单")
def incident_form(ws, actor: Actor, record: str, printed_at: str) -> RenderedForm:
    incident_id = _record_id(record, latest_incident(ws), "incident")
    content = incident_content(ws, incident_id)
    if content is None:
        raise UserError(QT_TRANSLATE_NOOP("app", "This incident no longer exists."))
    d = incident_detail(ws, actor, incident_id)  # names as this user may read them
    stamp = Stamp("incident", str(incident_id), canonical_digest(content))
    story = _story(ws, d, datetime.now(UTC))
    pdf = render_form(form_header(ws, "incident"), story, stamp, printed_at)
    return RenderedForm(pdf, stamp, f"突发事件报告单-{d.row.ref}.pdf")
