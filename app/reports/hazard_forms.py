"""Forms of the inspection and hazard area.

* ``inspection`` — 安全检查记录表: every item with its result and note, failed
  items highlighted with their spot and the number of the hazard they raised,
  photo thumbnails on a following page, the inspector's and the principal's
  drawn signatures in their boxes;
* ``hazard-notice`` — 隐患整改通知单, the plan with the "five in place";
* ``recheck`` — 复查销号单, the rectification and the re-check;
* ``ledger`` — 隐患整改台账 for a date range (landscape, many pages), sent to the
  bureau, so it ends with the school's stamp and sign-off block.

Forms are official Chinese paper, so labels are Chinese whatever the UI
language. A record's canonical content is built from stored fields only
(never "today"), so a verification answer changes only when the record does.
"""

from __future__ import annotations

import dataclasses
import uuid
from datetime import date, timedelta
from typing import Any

from app.actor import Actor
from app.errors import UserError
from app.hazards.ledger import HazardDetail, LedgerFilters, hazard_detail, hazard_ledger
from app.hazards.service import grade_of, school_today
from app.i18n import QT_TRANSLATE_NOOP, translate
from app.inspections.queries import InspectionDetail, inspection_detail, list_inspections
from app.inspections.service import KINDS
from app.inspections.templates import AREAS
from app.reports.forms import RenderedForm, form, form_header
from app.reports.layout import (
    SignatureBox,
    bureau_table,
    content_width,
    grid_table,
    para,
    render_form,
    school_time,
    signature_box,
    signature_table,
)
from app.reports.verification import Stamp, canonical_digest, content_reader

RESULT = {"pass": "合格", "fail": "不合格", "na": "不适用", "": "未检查"}
STATUS = {
    "reported": "已上报",
    "planned": "已制定整改方案",
    "rectifying": "整改中",
    "rectified": "已整改待复查",
    "closed": "已销号",
}
# The bureau's hazard grades (app.hazards.service.GRADES), as printed.
GRADE = {"general": "一般隐患", "major": "重大隐患"}
EVENT = {
    "report": "上报隐患",
    "plan": "制定整改方案",
    "start": "开始整改",
    "rectify": "整改完成",
    "recheck_pass": "复查合格，销号",
    "recheck_fail": "复查不合格，退回整改",
    "escalate": "书面上报（学校无法整改）",
    "major": "认定为重大隐患",  # graded major after it was reported
    "seen_again": "再次检查发现",
    "monitor": "重大隐患监控",
}


def zh(text: str) -> str:
    return translate("app", text, "zh_CN")


# Every time on a form is the school's wall clock (see layout.school_time).
local = school_time


NOTHING_TO_PRINT = {
    "inspection": QT_TRANSLATE_NOOP("app", "There is no inspection to print yet."),
    "hazard": QT_TRANSLATE_NOOP("app", "There is no hazard to print yet."),
}


def _record_id(record: str, latest: uuid.UUID | None, what: str) -> uuid.UUID:
    if record == "latest":
        if latest is None:
            raise UserError(NOTHING_TO_PRINT[what])
        return latest
    try:
        return uuid.UUID(record)
    except ValueError:
        raise UserError(
            QT_TRANSLATE_NOOP("app", "{record} is not a record number."), record=record
        ) from None


# -- inspection ---------------------------------------------------------------------------


def inspection_content(d: InspectionDetail) -> dict[str, Any]:
    return {
        "id": str(d.row.id),
        "kind": d.row.kind,
        "title": d.row.title,
        "started_at": d.row.started_at.isoformat(),
        "place": d.row.place,
        "zone": d.zone,
        "inspectors": d.inspector_names,
        "finalized_at": d.row.finalized_at.isoformat() if d.row.finalized_at else None,
        "note": d.note,
        "answers": [
            [
                a.item_code,
                a.result,
                a.note,
                str(a.hazard_id) if a.hazard_id else None,
                sorted(p.sha256 for p in a.photos),
                a.spot,
            ]
            for a in d.answers
        ],
        "signatures": [
            str(sig.signature_id) if sig else None
            for sig in (d.inspector_signature, d.principal_signature)
        ],
    }


def _finding(a) -> str:
    """The 说明 cell: the note; for a failed item also the spot and the hazard's number."""
    lines = [a.note] if a.note else []
    if a.result == "fail":
        if a.spot:
            lines.append(f"部位：{a.spot}")
        if a.hazard_ref:
            lines.append(f"隐患编号：{a.hazard_ref}")
    return "\n".join(lines)


@content_reader("inspection")
def _inspection_reader(ws, record_id: str) -> dict[str, Any] | None:
    try:
        return inspection_content(inspection_detail(ws, Actor.system(), uuid.UUID(record_id)))
    except (UserError, ValueError):
        return None


@form("inspection", "安全检查记录表")
def inspection_form(ws, actor: Actor, record: str, printed_at: str) -> RenderedForm:
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, PageBreak, Spacer

    latest = list_inspections(ws, actor, limit=1)
    record_id = _record_id(record, latest[0].id if latest else None, "inspection")
    d = inspection_detail(ws, actor, record_id)
    stamp = Stamp("inspection", str(d.row.id), canonical_digest(inspection_content(d)))
    w = content_width()
    info = [
        ["检查类型", zh(KINDS.get(d.row.kind, d.row.kind)), "检查时间", local(d.row.started_at)],
        [
            "检查地点",
            " ".join(x for x in (d.row.place, d.zone) if x) or "全校",
            "检查人员",
            "、".join(n for n in d.inspector_names if n) or d.row.lead_name,
        ],
        [
            "检查项目",
            f"共 {len(d.answers)} 项，不合格 {sum(a.result == 'fail' for a in d.answers)} 项",
            "状态",
            f"已确认 {local(d.row.finalized_at)}" if d.row.finalized_at else "未确认（草稿）",
        ],
    ]
    story: list = [grid_table(info, [w * 0.14, w * 0.36, w * 0.14, w * 0.36], header_rows=0)]
    story.append(Spacer(1, 4 * mm))
    rows = [["序号", "检查内容", "结果", "说明（不合格项：部位、隐患编号）"]]
    failed = []
    for n, a in enumerate(d.answers, start=1):
        rows.append([str(n), a.text, RESULT.get(a.result, a.result), _finding(a)])
        if a.result == "fail":
            failed.append(n)
    story.append(grid_table(rows, [w * 0.07, w * 0.5, w * 0.1, w * 0.33], highlight_rows=failed))
    if d.note:
        story += [para("检查意见", "section"), para(d.note)]
    if d.inspector_signature is not None:
        inspector = signature_box(ws, "检查人签字", d.inspector_signature.signature_id)
    else:  # finalized without the pad (older records): the name, signed by hand on paper
        inspector = SignatureBox(
            "检查人签字", d.row.lead_name if d.row.finalized_at else "", local(d.row.finalized_at)
        )
    principal = (
        signature_box(ws, "校长签字", d.principal_signature.signature_id)
        if d.principal_signature is not None
        else SignatureBox("校长签字")
    )
    story += [
        Spacer(1, 6 * mm),
        KeepTogether(signature_table([inspector, principal], w)),
    ]
    photos = [(n, p) for n, a in enumerate(d.answers, start=1) for p in a.photos]
    if photos:
        story += [PageBreak(), para("检查照片", "section"), _photo_grid(ws, photos, w)]
    pdf = render_form(form_header(ws, "inspection"), story, stamp, printed_at)
    return RenderedForm(pdf, stamp, f"安全检查记录表-{d.row.started_at.date()}.pdf")


def _photo_grid(ws, photos, width: float, per_row: int = 3):
    """Thumbnails with the item number they belong to."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Image, Table

    from app.attachments.store import original_path, thumbnail_path

    cells, row = [], []
    side = width / per_row - 4 * mm
    for n, p in photos:
        path = thumbnail_path(ws.data_dir, p.sha256)
        if not path.exists():
            path = original_path(ws.data_dir, p.sha256, p.media_type)
        if path.exists():
            img = Image(str(path))
            scale = min(side / img.imageWidth, side / img.imageHeight)
            img.drawWidth, img.drawHeight = img.imageWidth * scale, img.imageHeight * scale
            row.append([img, para(f"第 {n} 项", "small")])
        else:
            row.append(para(f"第 {n} 项：照片文件缺失", "small"))
        if len(row) == per_row:
            cells.append(row)
            row = []
    if row:
        cells.append(row + [""] * (per_row - len(row)))
    return Table(cells, colWidths=[width / per_row] * per_row)


# -- hazard notice and re-check slip ------------------------------------------------------


def hazard_content(d: HazardDetail) -> dict[str, Any]:
    row = dataclasses.asdict(d.row)
    row.pop("overdue", None)  # depends on today, not on the record
    history = [[e.at.isoformat(), e.kind, e.actor_name, e.to_status, e.note] for e in d.history]
    return {
        "row": row,
        "description": d.description,
        "measures": d.measures,
        "interim_safeguard": d.interim_safeguard,
        "funds": str(d.funds_yuan) if d.funds_yuan is not None else None,
        "funds_source": d.funds_source,
        "rectification_note": d.rectification_note,
        "recheck": [d.recheck_result, d.recheck_note, d.rechecked_by_name],
        "closed_at": d.closed_at.isoformat() if d.closed_at else None,
        "history": history,
    }


@content_reader("hazard")
def _hazard_reader(ws, record_id: str) -> dict[str, Any] | None:
    try:
        return hazard_content(hazard_detail(ws, Actor.system(), uuid.UUID(record_id)))
    except (UserError, ValueError):
        return None


def _latest_hazard(ws, actor: Actor, filters: LedgerFilters) -> uuid.UUID | None:
    rows = hazard_ledger(ws, actor, filters, 0, 1)
    return rows[0].id if rows else None


def _hazard_block(d: HazardDetail, w: float) -> list:
    r = d.row
    info = [
        [
            "隐患编号",
            r.ref,
            "隐患等级",
            GRADE[grade_of(r.major)],
        ],
        ["隐患名称", r.title, "所在位置", " ".join(x for x in (r.place, d.zone) if x)],
        ["发现时间", local(d.reported_at), "发现人", d.reported_by_name],
        [
            "当前状态",
            STATUS.get(r.status, r.status),
            "类别",
            f"{AREAS.get(r.area, r.area)}（{r.risk_group}）"
            if r.risk_group
            else AREAS.get(r.area, r.area),
        ],
    ]
    return [
        grid_table(info, [w * 0.14, w * 0.36, w * 0.14, w * 0.36], header_rows=0),
        para("隐患描述", "section"),
        para(d.description or r.title),
    ]


@form("hazard-notice", "隐患整改通知单")
def hazard_notice(ws, actor: Actor, record: str, printed_at: str) -> RenderedForm:
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer

    record_id = _record_id(
        record, _latest_hazard(ws, actor, LedgerFilters(status="open")), "hazard"
    )
    d = hazard_detail(ws, actor, record_id)
    stamp = Stamp("hazard", str(d.row.id), canonical_digest(hazard_content(d)))
    w = content_width()
    plan = [
        [
            "整改责任人",
            d.row.responsible_name,
            "整改期限",
            d.row.deadline.isoformat() if d.row.deadline else "",
        ],
        [
            "整改资金",
            f"{d.funds_yuan} 元" if d.funds_yuan is not None else "",
            "资金来源",
            d.funds_source,
        ],
    ]
    story = _hazard_block(d, w) + [
        para("整改要求（五落实：责任、措施、资金、时限、预案）", "section"),
        grid_table(plan, [w * 0.14, w * 0.36, w * 0.14, w * 0.36], header_rows=0),
        para("整改措施", "section"),
        para(d.measures or "（未制定）"),
        para("整改期间临时防范措施（预案）", "section"),
        para(d.interim_safeguard or "（未制定）"),
        Spacer(1, 8 * mm),
        signature_table(
            [SignatureBox("通知人签字"), SignatureBox("整改责任人签收"), SignatureBox("校长签字")],
            w,
        ),
    ]
    pdf = render_form(form_header(ws, "hazard-notice"), story, stamp, printed_at)
    return RenderedForm(pdf, stamp, f"隐患整改通知单-{d.row.ref}.pdf")


@form("recheck", "隐患复查销号单")
def recheck_slip(ws, actor: Actor, record: str, printed_at: str) -> RenderedForm:
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer

    record_id = _record_id(
        record, _latest_hazard(ws, actor, LedgerFilters(status="closed")), "hazard"
    )
    d = hazard_detail(ws, actor, record_id)
    stamp = Stamp("hazard", str(d.row.id), canonical_digest(hazard_content(d)))
    w = content_width()
    result = {"pass": "复查合格，同意销号", "fail": "复查不合格，退回整改", "": "尚未复查"}
    history = [["时间", "操作", "经办人", "说明"]] + [
        [local(e.at), EVENT.get(e.kind, e.kind), e.actor_name, e.note] for e in d.history
    ]
    story = _hazard_block(d, w) + [
        para("整改情况", "section"),
        para(d.rectification_note or "（未填写）"),
        para(f"整改人：{d.rectified_by_name}", "small"),
        para("复查意见", "section"),
        para(
            result.get(d.recheck_result, d.recheck_result)
            + (
                f"：{d.recheck_note}"
                if d.recheck_note and d.recheck_note not in result.values()
                else ""
            )
        ),
        para(f"复查人：{d.rechecked_by_name}　销号时间：{local(d.closed_at)}", "small"),
        para("处理经过", "section"),
        grid_table(history, [w * 0.2, w * 0.2, w * 0.15, w * 0.45]),
        Spacer(1, 8 * mm),
        signature_table(
            [
                SignatureBox("整改人签字"),
                SignatureBox("复查人签字", d.rechecked_by_name if d.recheck_result else ""),
                SignatureBox("校长签字"),
            ],
            w,
        ),
    ]
    pdf = render_form(form_header(ws, "recheck"), story, stamp, printed_at)
    return RenderedForm(pdf, stamp, f"隐患复查销号单-{d.row.ref}.pdf")


# -- ledger -------------------------------------------------------------------------------

_EPOCH = date(2000, 1, 1)


def ledger_id(school_id: uuid.UUID, date_from: date, date_to: date) -> uuid.UUID:
    """A UUIDv8 (RFC 9562, custom layout) that carries the ledger's date range.

    Bits from the top: 48 of the school id, the version (8), 12 zero bits, the
    variant (0b10), then both dates as 16-bit day counts since 2000 — so
    ``verify-pdf`` can rebuild exactly the ledger that was printed.
    """
    school = int.from_bytes(school_id.bytes[:6], "big")
    a, b = (date_from - _EPOCH).days, (date_to - _EPOCH).days
    if not (0 <= a < 1 << 16 and 0 <= b < 1 << 16):
        raise UserError(QT_TRANSLATE_NOOP("app", "The ledger's dates are out of range."))
    value = (school << 80) | (8 << 76) | (0b10 << 62) | (a << 46) | (b << 30)
    return uuid.UUID(int=value)


def ledger_range(record_id: uuid.UUID) -> tuple[date, date]:
    value = record_id.int
    a, b = (value >> 46) & 0xFFFF, (value >> 30) & 0xFFFF
    return _EPOCH + timedelta(days=a), _EPOCH + timedelta(days=b)


def _ledger_rows(ws, actor: Actor, date_from: date, date_to: date) -> list:
    filters = LedgerFilters(date_from=date_from, date_to=date_to)
    rows, offset = [], 0
    while True:
        page = hazard_ledger(ws, actor, filters, offset, 500)
        rows += page
        offset += len(page)
        if len(page) < 500:
            return sorted(rows, key=lambda r: (r.reported_on, r.ref))


def ledger_content(rows) -> dict[str, Any]:
    return {
        "rows": [
            [
                r.ref,
                r.title,
                r.status,
                r.place,
                r.reported_on.isoformat(),
                r.deadline.isoformat() if r.deadline else None,
                r.responsible_name,
                r.major,
            ]
            for r in rows
        ]
    }


@content_reader("hazard_ledger")
def _ledger_reader(ws, record_id: str) -> dict[str, Any] | None:
    try:
        rid = uuid.UUID(record_id)
    except ValueError:
        return None
    if ws.school_id is None or rid != ledger_id(ws.school_id, *ledger_range(rid)):
        return None
    return ledger_content(_ledger_rows(ws, Actor.system(), *ledger_range(rid)))


def parse_range(record: str) -> tuple[date, date]:
    """``latest`` (this school year so far), ``2026-09-01..2026-11-30`` or ``2026-11``."""
    today = school_today()
    try:
        if record == "latest":
            start = date(today.year if today.month >= 9 else today.year - 1, 9, 1)
            return start, today
        if ".." in record:
            a, b = record.split("..", 1)
            return date.fromisoformat(a), date.fromisoformat(b)
        y, m = (int(x) for x in record.split("-"))
        first = date(y, m, 1)
        return first, (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    except ValueError:
        raise UserError(
            QT_TRANSLATE_NOOP(
                "app", "Give the ledger's dates as 2026-09-01..2026-11-30 or a month as 2026-11."
            )
        ) from None


@form("ledger", "隐患整改台账")
def ledger_form(ws, actor: Actor, record: str, printed_at: str) -> RenderedForm:
    try:
        date_from, date_to = ledger_range(uuid.UUID(record))
    except ValueError:
        date_from, date_to = parse_range(record)
    rows = _ledger_rows(ws, actor, date_from, date_to)
    rid = ledger_id(ws.school_id, date_from, date_to)
    stamp = Stamp("hazard_ledger", str(rid), canonical_digest(ledger_content(rows)))
    w = content_width(landscape=True)
    table = [
        ["序号", "隐患编号", "发现日期", "隐患内容", "位置", "等级", "责任人", "整改期限", "状态"]
    ]
    majors = []
    for n, r in enumerate(rows, start=1):
        table.append(
            [
                str(n),
                r.ref,
                r.reported_on.isoformat(),
                r.title,
                r.place,
                "重大" if r.major else "一般",
                r.responsible_name,
                r.deadline.isoformat() if r.deadline else "",
                STATUS.get(r.status, r.status),
            ]
        )
        if r.major:
            majors.append(n)
    fractions = (0.05, 0.13, 0.09, 0.28, 0.12, 0.06, 0.08, 0.09, 0.10)
    story = [
        para(
            f"统计期间：{date_from.isoformat()} 至 {date_to.isoformat()}　共 {len(rows)} 条，"
            f"已销号 {sum(r.status == 'closed' for r in rows)} 条",
            "base",
        ),
        grid_table(
            table, [w * f for f in fractions], highlight_rows=majors, tail=bureau_table(w * 0.7)
        ),
    ]
    pdf = render_form(form_header(ws, "ledger"), story, stamp, printed_at, landscape=True)
    return RenderedForm(pdf, stamp, f"隐患整改台账-{date_from}-{date_to}.pdf")
