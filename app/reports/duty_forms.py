"""Forms of the duty and grid areas.

* ``handover`` — 交接班记录: the shift, its patrols and events, the boarders'
  roll call, what was handed over, 平安 or not, and both drawn signatures
  (the stored PNG, else drawn from the stroke data); a party who has not
  signed yet leaves an empty box to sign by hand;
* ``placard`` — 安全责任区公示牌 for one zone: zone, place and kind, the
  responsible leader, person and supervisor with their phones, their
  duties, in large type, with a large QR code carrying the verification line.

``record latest`` means the latest handover and the first zone (in the
grid overview's order). Like the other forms, labels are Chinese whatever
the UI language and the canonical content is built from stored fields only.
"""

from __future__ import annotations

import io
import uuid
from datetime import date
from typing import Any

from sqlalchemy import select

from app.actor import Actor
from app.errors import UserError
from app.grid.overview import grid_overview
from app.grid.service import ZONE_KIND_LABELS, current_assignments
from app.hazards.service import school_today
from app.i18n import QT_TRANSLATE_NOOP
from app.reports.forms import RenderedForm, form, form_header
from app.reports.hazard_forms import NOTHING_TO_PRINT, _record_id, local, zh
from app.reports.layout import (
    content_width,
    grid_table,
    para,
    render_form,
    signature_box,
    signature_table,
    styles,
)
from app.reports.verification import Stamp, canonical_digest, content_reader
from db.models import DutyShift, DutyType, GridPost, GridZone, Handover, StaffMember

NOTHING_TO_PRINT["handover"] = QT_TRANSLATE_NOOP("app", "There is no handover to print yet.")
NOTHING_TO_PRINT["zone"] = QT_TRANSLATE_NOOP(
    "app", "There is no responsibility zone to print yet. Add zones to the grid first."
)

# -- handover -----------------------------------------------------------------------------


def _names(s, ids) -> dict[uuid.UUID, StaffMember]:
    ids = [i for i in ids if i]
    if not ids:
        return {}
    return {m.id: m for m in s.scalars(select(StaffMember).where(StaffMember.id.in_(ids)))}


def _hhmm(minute: int) -> str:
    return f"{minute // 60 % 24:02d}:{minute % 60:02d}"


def handover_facts(ws, handover_id: uuid.UUID) -> dict[str, Any] | None:
    """Everything the sheet shows, as plain values (None if there is no such handover)."""
    from app.duty.handover import get_handover

    with ws.read() as s:
        h = s.get(Handover, handover_id)
        if h is None or h.deleted_at is not None:
            return None
        shift = s.get(DutyShift, h.shift_id)
        duty = s.get(DutyType, shift.duty_type_id)
        people = _names(s, [h.outgoing_id, h.incoming_id])
    view = get_handover(ws, shift.id)
    if view is None or view.id != handover_id:
        return None
    return {
        "view": view,
        "duty": duty.name,
        "roll_call_duty": duty.roll_call,
        "hours": f"{_hhmm(shift.start_minute)}–{_hhmm(shift.end_minute)}",
        "outgoing": people[h.outgoing_id].name if h.outgoing_id in people else "",
        "incoming": people[h.incoming_id].name if h.incoming_id in people else "",
    }


def handover_content(facts: dict[str, Any]) -> dict[str, Any]:
    v = facts["view"]
    d = v.draft
    return {
        "id": str(v.id),
        "shift": [str(v.shift_id), v.shift_date.isoformat(), facts["duty"], facts["hours"]],
        "people": [str(v.outgoing_id), str(v.incoming_id) if v.incoming_id else None],
        "recorded_at": v.recorded_at.isoformat(),
        "peaceful": d.peaceful,
        "patrols": [[p.at.isoformat(), p.place, p.findings] for p in d.patrols],
        "events": [[e.at.isoformat(), e.what, e.action_taken] for e in d.events],
        "handed_over": d.handed_over,
        "issues": d.issues,
        "roll_call": [
            d.noon_expected,
            d.noon_present,
            d.night_expected,
            d.night_present,
            d.roll_call_note,
        ],
        "signatures": [
            str(v.outgoing_signature_id) if v.outgoing_signature_id else None,
            str(v.incoming_signature_id) if v.incoming_signature_id else None,
        ],
        # Only when given, so the papers printed before it existed still verify.
        **({"early_reason": d.early_reason} if d.early_reason else {}),
    }


@content_reader("handover")
def _handover_reader(ws, record_id: str) -> dict[str, Any] | None:
    try:
        facts = handover_facts(ws, uuid.UUID(record_id))
    except ValueError:
        return None
    return handover_content(facts) if facts else None


def latest_handover(ws) -> uuid.UUID | None:
    with ws.read() as s:
        return s.scalar(
            select(Handover.id)
            .join(DutyShift, DutyShift.id == Handover.shift_id)
            .where(Handover.deleted_at.is_(None))
            .order_by(
                DutyShift.date.desc(), DutyShift.start_minute.desc(), Handover.recorded_at.desc()
            )
            .limit(1)
        )


def _roll_call_rows(d) -> list[list[str]]:
    rows = []
    for label, expected, present in (
        ("午休点名", d.noon_expected, d.noon_present),
        ("晚眠点名", d.night_expected, d.night_present),
    ):
        if expected is not None:
            absent = expected - (present or 0)
            rows.append([label, str(expected), str(present), str(absent) if absent else "无"])
    return rows


@form("handover", "交接班记录")
def handover_form(ws, actor: Actor, record: str, printed_at: str) -> RenderedForm:
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer

    handover_id = _record_id(record, latest_handover(ws), "handover")
    facts = handover_facts(ws, handover_id)
    if facts is None:
        raise UserError(QT_TRANSLATE_NOOP("app", "This handover no longer exists."))
    v, d = facts["view"], facts["view"].draft
    stamp = Stamp("handover", str(v.id), canonical_digest(handover_content(facts)))
    w = content_width()
    half = [w * 0.14, w * 0.36, w * 0.14, w * 0.36]
    info = [
        ["值班类别", facts["duty"], "值班日期", f"{v.shift_date.isoformat()}  {facts['hours']}"],
        ["交班人", facts["outgoing"], "接班人", facts["incoming"] or "（未指定）"],
        [
            "值班情况",
            "平安" if d.peaceful else "有情况（见事件记录）",
            "记录时间",
            local(v.recorded_at),
        ],
    ]
    story: list = [grid_table(info, half, header_rows=0)]
    roll = _roll_call_rows(d)
    if roll or facts["roll_call_duty"]:
        story.append(para("住校生点名", "section"))
        if roll:
            rows = [["点名", "应到", "实到", "缺勤"], *roll]
            story.append(grid_table(rows, [w * 0.25] * 4))
            if d.roll_call_note:
                story.append(para(f"说明：{d.roll_call_note}", "small"))
        else:
            story.append(para("（未记录点名）"))
    story.append(para("巡查记录", "section"))
    patrols = [["序号", "时间", "巡查地点", "发现情况"]] + [
        [str(n), local(p.at), p.place, p.findings or "正常"]
        for n, p in enumerate(d.patrols, start=1)
    ]
    if d.patrols:
        story.append(grid_table(patrols, [w * 0.08, w * 0.2, w * 0.3, w * 0.42]))
    else:
        story.append(para("（未记录巡查）"))
    story.append(para("事件记录", "section"))
    if d.events:
        events = [["时间", "发生情况", "处置措施"]] + [
            [local(e.at), e.what, e.action_taken] for e in d.events
        ]
        story.append(grid_table(events, [w * 0.2, w * 0.4, w * 0.4], highlight_rows=()))
    else:
        story.append(para("本班无异常情况。"))
    items = [
        ["交接物品", d.handed_over or "（无）"],
        ["需交待事项", d.issues or "（无）"],
    ]
    if d.early_reason:
        items.append(["提前交班原因", d.early_reason])
    story += [
        Spacer(1, 3 * mm),
        grid_table(items, [w * 0.16, w * 0.84], header_rows=0),
        Spacer(1, 6 * mm),
        signature_table(
            [
                signature_box(ws, "交班人签字", v.outgoing_signature_id),
                signature_box(ws, "接班人签字", v.incoming_signature_id),
            ],
            w,
        ),
    ]
    pdf = render_form(form_header(ws, "handover"), story, stamp, printed_at)
    return RenderedForm(pdf, stamp, f"交接班记录-{v.shift_date}-{facts['duty']}.pdf")


# -- placard ------------------------------------------------------------------------------

# What each of the three roles answers for (004 (三)2), printed under the names.
ROLE_DUTIES = (
    ("分管领导", "统筹本区域安全工作，督促责任人履职，协调解决重大隐患。"),
    ("责任人", "每日巡查本区域，发现隐患立即报告并采取临时防范措施，做好记录。"),
    ("监督人", "定期检查本区域安全责任落实情况，督促隐患整改到位。"),
)


def placard_facts(ws, zone_id: uuid.UUID, on: date) -> dict[str, Any] | None:
    with ws.read() as s:
        zone = s.get(GridZone, zone_id)
        if zone is None or zone.deleted_at is not None:
            return None
        a = next((x for x in current_assignments(s, on) if x.zone_id == zone_id), None)
        ids = [a.leader_id, a.person_id, a.supervisor_id] if a else []
        staff = _names(s, ids)
        posts = []
        if a is not None:
            from db.models import GridAssignment

            post_ids = [
                x.post_id
                for x in s.scalars(
                    select(GridAssignment).where(
                        GridAssignment.person_id == a.person_id,
                        GridAssignment.post_id.is_not(None),
                        GridAssignment.deleted_at.is_(None),
                    )
                )
                if x.valid_from <= on and (x.valid_to is None or x.valid_to >= on)
            ]
            if post_ids:
                posts = [
                    (p.name, list(p.duties))
                    for p in s.scalars(
                        select(GridPost)
                        .where(GridPost.id.in_(post_ids), GridPost.deleted_at.is_(None))
                        .order_by(GridPost.name)
                    )
                ]

        def who(staff_id):
            m = staff.get(staff_id) if staff_id else None
            return [m.name, m.phone] if m else ["", ""]

        return {
            "zone": [str(zone.id), zone.name, zone.place, zone.kind, zone.note],
            "assignment": str(a.id) if a else None,
            "valid_from": a.valid_from.isoformat() if a else None,
            "leader": who(a.leader_id) if a else ["", ""],
            "person": who(a.person_id) if a else ["", ""],
            "supervisor": who(a.supervisor_id) if a else ["", ""],
            "posts": posts,
        }


@content_reader("grid_zone")
def _placard_reader(ws, record_id: str) -> dict[str, Any] | None:
    try:
        return placard_facts(ws, uuid.UUID(record_id), school_today())
    except ValueError:
        return None


def _first_zone(ws) -> uuid.UUID | None:
    rows = [r for r in grid_overview(ws, school_today()).rows if r.target == "zone"]
    return rows[0].id if rows else None


def _qr_image(line: str, side: float):
    import segno
    from reportlab.platypus import Image

    out = io.BytesIO()
    segno.make(line, error="m").save(out, kind="png", scale=8, border=2)
    out.seek(0)
    img = Image(out, width=side, height=side)
    return img


@form("placard", "安全责任区公示牌")
def placard_form(ws, actor: Actor, record: str, printed_at: str) -> RenderedForm:
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

    zone_id = _record_id(record, _first_zone(ws), "zone")
    facts = placard_facts(ws, zone_id, school_today())
    if facts is None:
        raise UserError(QT_TRANSLATE_NOOP("app", "This record no longer exists."))
    stamp = Stamp("grid_zone", str(zone_id), canonical_digest(facts))
    _id, name, place, kind, note = facts["zone"]
    base = styles()
    big = ParagraphStyle("big", parent=base["head"], fontSize=17, leading=24)
    label = ParagraphStyle("label", parent=big, alignment=1)
    text = ParagraphStyle("text", parent=base["base"], fontSize=12.5, leading=18)
    w = content_width()

    def cell(value: str, style=big):
        return Paragraph(value or "　", style)

    def phone(person) -> str:
        return f"{person[0]}　{person[1]}" if person[1] else person[0]

    rows = [
        [cell("责任区域", label), cell(name)],
        [cell("位　　置", label), cell(place or "—")],
        [cell("区域类别", label), cell(zh(ZONE_KIND_LABELS.get(kind, kind)))],
        [cell("分管领导", label), cell(phone(facts["leader"]))],
        [cell("责 任 人", label), cell(phone(facts["person"]))],
        [cell("监 督 人", label), cell(phone(facts["supervisor"]))],
    ]
    table = Table(rows, colWidths=[w * 0.26, w * 0.74], rowHeights=[15 * mm] * len(rows))
    table.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 1.6, colors.black),
                ("INNERGRID", (0, 0), (-1, -1), 0.8, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("BACKGROUND", (0, 0), (0, -1), colors.Color(0.9, 0.94, 1)),
            ]
        )
    )
    story: list = [para(name, "placard"), Spacer(1, 3 * mm), table, para("安全职责", "section")]
    for role, duty in ROLE_DUTIES:
        story.append(Paragraph(f"{role}：{duty}", text))
    for post, duties in facts["posts"]:
        story.append(Paragraph(f"责任人岗位（{post}）：" + "；".join(duties) + "。", text))
    if note:
        story.append(Paragraph(f"备注：{note}", text))
    qr = _qr_image(stamp.line, 42 * mm)
    hint = Paragraph(
        "扫码核验本公示内容。发现安全隐患请立即报告责任人或学校安全办。",
        ParagraphStyle("hint", parent=text, fontSize=11, leading=16),
    )
    foot = Table([[qr, hint]], colWidths=[48 * mm, w - 48 * mm])
    foot.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    story += [Spacer(1, 5 * mm), foot]
    if facts["valid_from"]:
        story.append(para(f"公示日期：{facts['valid_from']} 起", "small"))
    pdf = render_form(form_header(ws, "placard"), story, stamp, printed_at)
    return RenderedForm(pdf, stamp, f"安全责任区公示牌-{name}.pdf")
