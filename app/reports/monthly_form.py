"""The monthly safety report form (安全月报表), printed from a finalized report.

The figures are the ones frozen at finalization; the principal's drawn
signature sits in its box; the verification footer carries the content hash
the signature binds, so a verifier can tell the paper from a changed record.
A draft prints too, marked 草稿, with the signature box left empty.
"""

from __future__ import annotations

import uuid
from typing import Any

from app.actor import Actor
from app.errors import UserError
from app.i18n import QT_TRANSLATE_NOOP
from app.reports.forms import RenderedForm, form, form_header
from app.reports.layout import (
    SignatureBox,
    bureau_block,
    content_width,
    grid_table,
    para,
    render_form,
    school_time,
    signature_box,
    signature_table,
)
from app.reports.verification import Stamp, canonical_digest, content_reader

SECTIONS: list[tuple[str, str, list[tuple[str, str]]]] = [
    ("patrols", "日常巡查", [("required", "应巡查天数"), ("done", "已巡查天数")]),
    ("inspections", "安全检查", [("total", "已定稿检查次数")]),
    ("hazards", "隐患排查治理", [
        ("found", "发现隐患"), ("closed", "销号隐患"), ("overdue", "超期未整改"),
        ("major", "重大隐患"), ("open_at_month_end", "未销号隐患"),
        ("monitoring_days_owed", "重大隐患应监测天数"), ("monitoring_days_missed", "漏监测天数"),
    ]),
    ("drills", "应急演练", [("held", "已开展演练"), ("required", "应开展演练"), ("required_met", "已达标")]),
    ("incidents", "突发事件", [
        ("total", "事件数"), ("phone_on_time", "电话报告及时"), ("phone_late", "电话报告迟报"),
        ("phone_missing", "电话报告未报"), ("written_on_time", "书面报告及时"),
        ("written_late", "书面报告迟报"), ("written_missing", "书面报告未报"), ("follow_ups", "续报"),
    ]),
    ("duty", "值班值宿", [
        ("shifts", "排班班次"), ("handovers", "已交接班次"), ("handovers_missing", "未交接班次"),
    ]),
    ("zero_reports", "每日平安报告", [
        ("days", "应报天数"), ("complete", "已报天数"), ("peaceful", "平安天数"),
        ("with_incidents", "有情况报告天数"), ("missing", "未报天数"),
    ]),
]  # fmt: skip
KIND = {
    "daily_patrol": "领导日巡查",
    "weekly": "周检查",
    "half_monthly": "半月自查",
    "monthly": "月度全面检查",
    "special": "专项检查",
    "bureau_spot": "教育局抽查",
}


def _counted(figures: dict[str, Any], view) -> str:
    """The last day counted, and the first when the school's records start inside the month."""
    to = str(figures.get("counted_to") or view.end.isoformat())
    since = figures.get("counted_from")
    if since and since > view.start.isoformat():
        return f"{to}（自 {since} 起计）"
    return to


def figure_rows(figures: dict[str, Any]) -> list[list[str]]:
    rows = [["类别", "项目", "数值"]]
    for key, title, items in SECTIONS:
        section = figures.get(key)
        if section is None:
            rows.append([title, "本软件暂未记录此项", "—"])
            continue
        for name, label in items:
            rows.append([title, label, str(section.get(name, ""))])
        if key == "inspections":
            for kind, n in section.get("by_kind", {}).items():
                rows.append([title, f"其中：{KIND.get(kind, kind)}", str(n)])
    return rows


def _report(ws, actor: Actor, record: str):
    from app.monthly.service import get_report, latest_finalized

    if record == "latest":
        rid = latest_finalized(ws)
        if rid is None:
            raise UserError(
                QT_TRANSLATE_NOOP("app", "There is no finalized monthly report to print yet.")
            )
    else:
        try:
            rid = uuid.UUID(record)
        except ValueError:
            raise UserError(
                QT_TRANSLATE_NOOP("app", "{record} is not a record number."), record=record
            ) from None
    view = get_report(ws, rid)
    if view is None:
        raise UserError(QT_TRANSLATE_NOOP("app", "{record} is not a record number."), record=record)
    return view


def monthly_content(ws, view) -> dict[str, Any]:
    from app.monthly.service import report_content

    return {
        "id": str(view.id),
        "status": view.status,
        **report_content(ws.school_id, view.month, view.figures, view.comments),
    }


@content_reader("monthly_report")
def _monthly_reader(ws, record_id: str) -> dict[str, Any] | None:
    from app.monthly.service import get_report

    try:
        view = get_report(ws, uuid.UUID(record_id))
    except ValueError:
        return None
    return monthly_content(ws, view) if view is not None else None


@form("monthly", "安全月报表")
def monthly_form(ws, actor: Actor, record: str, printed_at: str) -> RenderedForm:
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Spacer

    view = _report(ws, actor, record)
    stamp = Stamp("monthly_report", str(view.id), canonical_digest(monthly_content(ws, view)))
    header = form_header(ws, "monthly")
    w = content_width()
    f = view.figures
    status = "已签字定稿" if view.finalized else "草稿（未定稿）"
    info = [
        ["报表月份", view.month, "报送期限", view.due_on.isoformat()],
        ["统计截至", _counted(f, view), "状态", status],
    ]
    story: list = [grid_table(info, [w * 0.14, w * 0.36, w * 0.14, w * 0.36], header_rows=0)]
    story += [Spacer(1, 4 * mm), grid_table(figure_rows(f), [w * 0.25, w * 0.55, w * 0.2])]
    box = SignatureBox("校长签字")
    if view.finalized and view.signature_id is not None:
        box = signature_box(ws, "校长签字", view.signature_id)
    day = school_time(view.finalized_at)[:10] if view.finalized else ""
    # The last section, the signature and the sign-off travel together: a
    # signature alone on page 2 would not show what it signs.
    story.append(
        KeepTogether(
            [
                para("校长意见", "section"),
                para(view.comments or "（无）"),
                Spacer(1, 6 * mm),
                signature_table([box], w * 0.5),
                Spacer(1, 4 * mm),
                bureau_block(w, reviewer=box.signer, day=day),
            ]
        )
    )
    pdf = render_form(header, story, stamp, printed_at)
    return RenderedForm(pdf, stamp, f"安全月报表-{view.month}.pdf")
