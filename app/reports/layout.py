"""The look shared by every form: A4 (landscape for wide ledgers), a title block
with the school's name and code and the form number, table grids whose header
repeats on every page, signature boxes (empty, or with a drawn signature from
the signature store: :func:`signature_box`), the stamp-and-sign-off block of
forms sent to the bureau (:func:`bureau_block`), "page x of y", and the
verification footer on every page.

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
    tail: Any = None,
    keep_with_tail: int = 2,
):
    """A ruled table; its first ``header_rows`` repeat at the top of every page.

    ``tail`` (a flowable, e.g. :func:`bureau_table`) is laid out below the
    last row, unruled, and never leaves the last ``keep_with_tail`` rows: a
    long ledger's sign-off cannot end up alone on a page of its own.
    """
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.platypus import Table, TableStyle

    cells = [
        [para(c, "head" if r < header_rows else "cell") if isinstance(c, str) else c for c in row]
        for r, row in enumerate(rows)
    ]
    last = -1
    if tail is not None:
        cells.append([tail] + [""] * (len(col_widths) - 1))
        last = -2
    table = Table(cells, colWidths=list(col_widths), repeatRows=header_rows)
    style = [
        ("GRID", (0, 0), (-1, last), 0.6, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), colors.Color(0.9, 0.9, 0.9)),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    for r in highlight_rows:
        style.append(("BACKGROUND", (0, r), (-1, r), colors.Color(1, 0.88, 0.88)))
    if tail is not None:
        first_kept = max(header_rows, len(rows) - keep_with_tail)
        style += [
            ("SPAN", (0, -1), (-1, -1)),
            ("LEFTPADDING", (0, -1), (-1, -1), 0),
            ("RIGHTPADDING", (0, -1), (-1, -1), 0),
            ("TOPPADDING", (0, -1), (-1, -1), 6 * mm),
            ("NOSPLIT", (0, first_kept), (-1, -1)),
        ]
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


def strokes_png(strokes, *, height: int = 120) -> bytes:
    """A PNG of drawn strokes (black on white), drawn at 3x and scaled down for smooth lines.

    For a signature made on another PC, whose picture stays there: the
    strokes travel, so every PC prints the same drawing.
    """
    from PIL import Image, ImageDraw

    points = [(x, y) for st in strokes for x, y, *_t in st]
    if not points:
        return b""
    x0, y0 = min(p[0] for p in points), min(p[1] for p in points)
    x1, y1 = max(p[0] for p in points), max(p[1] for p in points)
    pad = 6.0
    scale = (height - 2 * pad) / max(y1 - y0, 1.0)
    width = int(min(max((x1 - x0) * scale + 2 * pad, height), height * 6))
    scale = min(scale, (width - 2 * pad) / max(x1 - x0, 1.0))
    k = 3
    img = Image.new("L", (width * k, height * k), 255)
    draw = ImageDraw.Draw(img)
    for st in strokes:
        xy = [((x - x0) * scale * k + pad * k, (y - y0) * scale * k + pad * k) for x, y, *_t in st]
        if len(xy) == 1:
            x, y = xy[0]
            draw.ellipse((x - k, y - k, x + k, y + k), fill=0)
        else:
            draw.line(xy, fill=0, width=2 * k, joint="curve")
    out = io.BytesIO()
    img.resize((width, height), Image.Resampling.LANCZOS).save(out, "PNG")
    return out.getvalue()


def signature_box(ws, label: str, signature_id: Any) -> SignatureBox:
    """A box holding a stored drawn signature (name and time under it), or an empty box.

    The picture is the one saved on the PC that signed, else drawn from the
    strokes, so the same signature prints the same everywhere.
    """
    from app.signatures.service import get_signature, signature_png

    sig = get_signature(ws, signature_id) if signature_id else None
    if sig is None:
        return SignatureBox(label)
    png = signature_png(ws, sig.id) or strokes_png(sig.strokes) or None
    return SignatureBox(label, sig.signer_name, school_time(sig.signed_at), png)


def bureau_table(width: float, *, filler: str = "", reviewer: str = "", day: str = ""):
    """The sign-off of a form sent to the bureau: 学校（盖章） and 填报人 / 审核人 / 日期.

    The stamp area is left blank for the school's seal; a line whose value is
    not known is left blank to be written by hand. Forms use
    :func:`bureau_block`, or pass this as a table's ``tail``.
    """
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.platypus import Table, TableStyle

    def line(label: str, value: str):
        return para(f"{label}：{value}" if value else f"{label}：＿＿＿＿＿＿＿＿", "base")

    stamp_w = min(width * 0.45, 80 * mm)
    table = Table(
        [
            [para("学校（盖章）", "head"), line("填报人", filler)],
            ["", line("审核人", reviewer)],
            ["", line("日期", day)],
        ],
        colWidths=[stamp_w, width - stamp_w],
        rowHeights=[12 * mm, 12 * mm, 12 * mm],
    )
    table.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (0, -1), 0.6, colors.black),
                ("SPAN", (0, 0), (0, -1)),
                ("VALIGN", (0, 0), (0, -1), "TOP"),
                ("VALIGN", (1, 0), (1, -1), "BOTTOM"),
                ("LEFTPADDING", (1, 0), (1, -1), 10 * mm),
            ]
        )
    )
    return table


def bureau_block(width: float, *, filler: str = "", reviewer: str = "", day: str = ""):
    """:func:`bureau_table` as one unbreakable block: it never splits across pages."""
    from reportlab.platypus import KeepTogether

    return KeepTogether([bureau_table(width, filler=filler, reviewer=reviewer, day=day)])


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
