"""The drill record form (应急演练记录): plan summary, what happened, the evaluation
with the problems found, up to six captioned photos and the organiser's signature box.

Like every form it is official Chinese paper whatever the UI language, and its
canonical content (hashed into the verification footer) comes from stored
fields only.
"""

from __future__ import annotations

import uuid
from typing import Any

from app.actor import Actor
from app.drills.queries import DrillRecord, get_drill, latest_drill_id
from app.drills.types import DRILL_TYPE_LABELS
from app.errors import UserError
from app.hazards.service import SCHOOL_TZ
from app.i18n import QT_TRANSLATE_NOOP, translate
from app.reports.forms import RenderedForm, form, form_header
from app.reports.layout import (
    SignatureBox,
    content_width,
    grid_table,
    para,
    render_form,
    school_time,
    signature_table,
)
from app.reports.verification import Stamp, canonical_digest, content_reader

MAX_PHOTOS = 6
PLAN_SUMMARY_CHARS = 600
SCOPE = {"whole_school": "全校", "grades": "部分年级", "building": "单栋楼"}
RATING = {"excellent": "优秀", "good": "良好", "fair": "一般", "poor": "较差", "": "未评定"}


_local = school_time


def drill_content(d: DrillRecord) -> dict[str, Any]:
    return {
        "id": str(d.id),
        "ref": d.ref,
        "type": d.drill_type,
        "title": d.title,
        "planned_on": d.planned_on.isoformat() if d.planned_on else None,
        "plan": d.plan,
        "held_at": d.held_at.isoformat() if d.held_at else None,
        "duration": d.duration_minutes,
        "scope": [d.scope, d.scope_detail],
        "people": [d.students, d.staff],
        "evacuation_seconds": d.evacuation_seconds,
        "organiser": d.organiser_name,
        "observers": d.observers,
        "summary": d.summary,
        "rating": d.rating,
        "evaluation": d.evaluation,
        "finalized_at": d.finalized_at.isoformat() if d.finalized_at else None,
        "corrects": str(d.corrects_id) if d.corrects_id else None,
        # A finalized correction replaces this record: old paper no longer matches.
        "corrected_by": d.corrected_by_ref or None,
        "problems": [[p.text, str(p.hazard_id) if p.hazard_id else None] for p in d.problems],
        "photos": [[v.photo.sha256, v.caption] for v in d.photos],
        "documents": [[doc.sha256, doc.name] for doc in d.documents],
    }


@content_reader("drill")
def _drill_reader(ws, record_id: str) -> dict[str, Any] | None:
    try:
        d = get_drill(ws, uuid.UUID(record_id))
    except ValueError:
        return None
    return drill_content(d) if d else None


def _record_id(ws, record: str) -> uuid.UUID:
    if record == "latest":
        found = latest_drill_id(ws)
        if found is None:
            raise UserError(QT_TRANSLATE_NOOP("app", "There is no finalized drill to print yet."))
        return found
    try:
        return uuid.UUID(record)
    except ValueError:
        raise UserError(
            QT_TRANSLATE_NOOP("app", "{record} is not a record number."), record=record
        ) from None


def _photos(ws, d: DrillRecord, width: float, per_row: int = 3):
    """Up to six photos, three a row, each with its caption."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Image, Table, TableStyle

    from app.attachments.store import original_path, sync_copy_path, thumbnail_path

    cells, row = [], []
    side = width / per_row - 4 * mm
    for n, view in enumerate(d.photos[:MAX_PHOTOS], start=1):
        p = view.photo
        path = next(
            (
                c
                for c in (
                    sync_copy_path(ws.data_dir, p.sha256),
                    thumbnail_path(ws.data_dir, p.sha256),
                    original_path(ws.data_dir, p.sha256, p.media_type),
                )
                if c.exists()
            ),
            None,
        )
        caption = para(f"{n}. {view.caption}" if view.caption else f"{n}.", "small")
        if path is not None:
            img = Image(str(path))
            scale = min(side / img.imageWidth, (side * 0.75) / img.imageHeight)
            img.drawWidth, img.drawHeight = img.imageWidth * scale, img.imageHeight * scale
            row.append([img, caption])
        else:
            row.append([para("照片文件缺失", "small"), caption])
        if len(row) == per_row:
            cells.append(row)
            row = []
    if row:
        cells.append(row + [""] * (per_row - len(row)))
    table = Table(cells, colWidths=[width / per_row] * per_row)
    table.setStyle(
        TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("ALIGN", (0, 0), (-1, -1), "CENTER")])
    )
    return table


@form("drill", "应急演练记录")
def drill_form(ws, actor: Actor, record: str, printed_at: str) -> RenderedForm:
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Spacer

    d = get_drill(ws, _record_id(ws, record))
    if d is None:
        raise UserError(QT_TRANSLATE_NOOP("app", "This drill record no longer exists."))
    stamp = Stamp("drill", str(d.id), canonical_digest(drill_content(d)))
    w = content_width()
    kind = translate("app", DRILL_TYPE_LABELS.get(d.drill_type, d.drill_type), "zh_CN")
    evac = (
        f"{d.evacuation_seconds // 60} 分 {d.evacuation_seconds % 60} 秒"
        if d.evacuation_seconds
        else ""
    )
    scope = SCOPE.get(d.scope, d.scope) + (f"（{d.scope_detail}）" if d.scope_detail else "")
    state = f"已定稿 {_local(d.finalized_at)}" if d.finalized_at else "未定稿（草稿）"
    if d.corrects_ref:
        state += f"，更正 {d.corrects_ref}"
    info = [
        ["演练名称", d.title or kind, "演练编号", d.ref],
        ["演练类型", kind, "计划日期", d.planned_on.isoformat() if d.planned_on else ""],
        [
            "举行时间",
            _local(d.held_at),
            "演练时长",
            f"{d.duration_minutes} 分钟" if d.duration_minutes else "",
        ],
        ["演练范围", scope, "参加人数", f"学生 {d.students} 人，教职工 {d.staff} 人"],
        ["疏散用时", evac, "组织者", d.organiser_name],
        ["观摩人员", "、".join(d.observers), "记录状态", state],
    ]
    story: list = [grid_table(info, [w * 0.14, w * 0.36, w * 0.14, w * 0.36], header_rows=0)]
    plan = d.plan if len(d.plan) <= PLAN_SUMMARY_CHARS else d.plan[:PLAN_SUMMARY_CHARS] + "……"
    story += [para("演练方案（摘要）", "section"), para(plan or "见所附方案文件。")]
    if d.documents:
        story.append(para("附：" + "；".join(doc.name for doc in d.documents), "small"))
    story += [para("演练总结", "section"), para(d.summary or "")]
    story += [
        para("效果评估", "section"),
        para(f"评定：{RATING.get(d.rating, d.rating)}"),
        para(d.evaluation or ""),
    ]
    if d.problems:
        rows = [["序号", "发现的问题", "隐患台账编号"]]
        for n, p in enumerate(d.problems, start=1):
            rows.append([str(n), p.text, p.hazard_ref or "—"])
        story += [Spacer(1, 2 * mm), grid_table(rows, [w * 0.08, w * 0.67, w * 0.25])]
    if d.photos:
        title = "演练照片" + (
            f"（共 {len(d.photos)} 张，打印前 {MAX_PHOTOS} 张）"
            if len(d.photos) > MAX_PHOTOS
            else ""
        )
        story += [KeepTogether([para(title, "section"), _photos(ws, d, w)])]
    story += [
        Spacer(1, 6 * mm),
        KeepTogether(
            signature_table(
                [
                    SignatureBox(
                        "组织者签字",
                        d.organiser_name if d.finalized_at else "",
                        _local(d.finalized_at),
                    ),
                    SignatureBox("校长签字"),
                ],
                w,
            )
        ),
    ]
    pdf = render_form(form_header(ws, "drill"), story, stamp, printed_at)
    day = d.held_at.astimezone(SCHOOL_TZ).date() if d.held_at else d.planned_on
    return RenderedForm(pdf, stamp, f"应急演练记录-{day}.pdf")
