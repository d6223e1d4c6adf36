"""The look shared by every form: A4 (landscape for wide ledgers), a title block
with the school's name and code and the form number, table grids whose header
repeats on every page, signature boxes, "page x of y", and the verification
footer on every page.

Forms build a list of ReportLab flowables with the helpers here and call
:func:`render_form`.
"""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from app.reports.fonts import FONT_NAME, FONT_NAME_BOLD, register_cjk_font
from app.reports.verification import Stamp, draw_footer
from app.school.clock import SCHOOL_TZ


@dataclasses.dataclass(frozen=True)
class FormHeader:
    title: str  # 安全检查记录表
    form_no: str  # 表 XA-01
    school_name: str
    school_code: str


@dataclasses.dataclass(frozen=True)
class SignatureBox:
    label: str  # 检查人签字
    signer: str = ""  # empty: the box is drawn empty, to sign by hand
    signed_at: str = ""
    png: bytes | None = None


def school_time(dt: datetime | None) -> str:
    """A stored (aware) time as the school's wall clock, ``2026-11-23 06:05``; "" for None.

    Forms print school-local time whatever the timezone of the machine that
    prints them (a school PC left on UTC, the bureau's server).
    """
    return dt.astimezone(SCHOOL_TZ).strftime("%Y-%m-%d %H:%M") if dt else ""


def styles() -> dict[str, Any]:
    from reportlab.lib.styles import ParagraphStyle

    register_cjk_font()
    base = ParagraphStyle("base", fontName=FONT_NAME, fontSize=10, leading=14, wordWrap="CJK")
    return {
        "base": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8.5, leading=11),
        "cell": ParagraphStyle("cell", parent=base, fontSize=9, leading=12),
        "head": ParagraphStyle("head", parent=base, fontName=FONT_NAME_BOLD, fontSize=9.5),
        "title": ParagraphStyle(
            "title", parent=base, fontName=FONT_NAME_BOLD, fontSize=18, leading=24, alignment=1
        ),
        "section": ParagraphStyle(
            "section",
            parent=base,
            fontName=FONT_NAME_BOLD,
            fontSize=11.5,
            leading=16,
            spaceBefore=8,
            spaceAfter=4,
        ),
        "placard": ParagraphStyle(
            "placard", parent=base, fontName=FONT_NAME_BOLD, fontSize=26, leading=34, alignment=1
        ),
    }


def para(text: str, style: str = "cell"):
    from xml.sax.saxutils import escape

    from reportlab.platypus import Paragraph

    return Paragraph(escape(text).replace("\n", "<br/>"), styles()[style])


def grid_table(
    rows: Sequence[Sequence[Any]],
    col_widths: Sequence[float],
    *,
    header_rows: int = 1,
    highlight_rows: Sequence[int] = (),
):
    """A ruled table; its first ``header_rows`` repeat at the top of every page."""
    from reportlab.lib import colors
    from reportlab.platypus import Table, TableStyle

    cells = [
        [para(c, "head" if r < header_rows else "cell") if isinstance(c, str) else c for c in row]
        for r, row in enumerate(rows)
    ]
    table = Table(cells, colWidths=list(col_widths), repeatRows=header_rows)
    style = [
        ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), colors.Color(0.9, 0.9, 0.9)),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    for r in highlight_rows:
        style.append(("BACKGROUND", (0, r), (-1, r), colors.Color(1, 0.88, 0.88)))
    table.setStyle(TableStyle(style))
    return table


def signature_table(boxes: Sequence[SignatureBox], width: float):
    """Signature boxes side by side: label, the drawn signature (or blank space), name and time."""
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.platypus import Image, Table, TableStyle

    col = width / max(1, len(boxes))
    label_row, sig_row, who_row = [], [], []
    for box in boxes:
        label_row.append(para(box.label, "head"))
        if box.png:
            img = Image(io.BytesIO(box.png))
            scale = min((col - 6 * mm) / img.imageWidth, (18 * mm) / img.imageHeight)
            img.drawWidth, img.drawHeight = img.imageWidth * scale, img.imageHeight * scale
            sig_row.append(img)
        else:
            sig_row.append("")
        who = f"{box.signer}  {box.signed_at}".strip() if box.signer else "签字：            日期："
        who_row.append(para(who, "small"))
    table = Table(
        [label_row, sig_row, who_row],
        colWidths=[col] * len(boxes),
        rowHeights=[None, 22 * mm, None],
    )
    table.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.8, colors.black),
                ("INNERGRID", (0, 0), (-1, -1), 0.4, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("ALIGN", (0, 1), (-1, 1), "CENTER"),
            ]
        )
    )
    return table


def _numbered_canvas(header: FormHeader, stamp: Stamp, printed_at: str):
    """A canvas class that knows the page count (two passes) and draws the furniture."""
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas as rl_canvas

    class NumberedCanvas(rl_canvas.Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._saved: list[dict] = []

        def showPage(self):  # noqa: N802 - ReportLab's name
            self._saved.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._saved)
            for state in self._saved:
                self.__dict__.update(state)
                self._furniture(total)
                super().showPage()
            super().save()

        def _furniture(self, total: int) -> None:
            width, height = self._pagesize
            self.saveState()
            self.setFont(FONT_NAME, 8.5)
            self.drawString(
                15 * mm, height - 10 * mm, f"{header.school_name}（学校代码 {header.school_code}）"
            )
            self.drawRightString(width - 15 * mm, height - 10 * mm, header.form_no)
            self.drawCentredString(width / 2, 5 * mm, f"第 {self._pageNumber} 页 / 共 {total} 页")
            self.restoreState()
            draw_footer(self, self._form_doc, stamp, printed_at, FONT_NAME)

    return NumberedCanvas


def render_form(
    header: FormHeader,
    story: list,
    stamp: Stamp,
    printed_at: str,
    *,
    landscape: bool = False,
) -> bytes:
    """Lay out ``story`` under the title block; returns the PDF bytes (unsigned)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.pagesizes import landscape as to_landscape
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate, Spacer

    register_cjk_font()
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=to_landscape(A4) if landscape else A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=16 * mm,
        bottomMargin=30 * mm,  # room for the verification footer
        title=header.title,
        author=header.school_name,
        subject=stamp.line,
        creator="xiaoan",
    )
    canvas_cls = _numbered_canvas(header, stamp, printed_at)

    def make_canvas(*args, **kwargs):
        c = canvas_cls(*args, **kwargs)
        c._form_doc = doc
        return c

    doc.build([para(header.title, "title"), Spacer(1, 4 * mm), *story], canvasmaker=make_canvas)
    return out.getvalue()


def content_width(landscape: bool = False) -> float:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm

    width = A4[1] if landscape else A4[0]
    return width - 30 * mm
