"""The verification footer every form ends with, and reading it back.

The footer shows the record id, the SHA-256 of the record's canonical
content, the print time, and a QR code carrying the same line. The line is
also drawn as plain ASCII text so any PDF text extractor finds it:

    XIAOAN-VERIFY v1 <record type> <record id> <sha256>

Above it, one line says whether the PDF carries a digital signature and
whose (:func:`signature_note`): the renderers do not know, so
:func:`app.reports.forms.print_form` sets it around the rendering.
"""

from __future__ import annotations

import contextlib
import contextvars
import dataclasses
import hashlib
import json
import re
from collections.abc import Callable, Iterator
from typing import Any

MARKER = "XIAOAN-VERIFY"
_LINE = re.compile(rf"{MARKER} v1 ([a-z_]+) ([0-9a-f-]{{36}}) ([0-9a-f]{{64}})")


def canonical_digest(content: dict[str, Any]) -> str:
    """SHA-256 of a record's canonical JSON (sorted keys, no spaces, UTF-8)."""
    raw = json.dumps(
        content, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str
    )
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


@dataclasses.dataclass(frozen=True)
class Stamp:
    record_type: str
    record_id: str
    digest: str

    @property
    def line(self) -> str:
        return f"{MARKER} v1 {self.record_type} {self.record_id} {self.digest}"


def find_stamp(text: str) -> Stamp | None:
    m = _LINE.search(text)
    return Stamp(m.group(1), m.group(2), m.group(3)) if m else None


# record type -> function(workspace, record id) -> canonical content, or None if unknown.
CONTENT_READERS: dict[str, Callable[[Any, str], dict[str, Any] | None]] = {}


def content_reader(record_type: str):
    def register(fn):
        CONTENT_READERS[record_type] = fn
        return fn

    return register


UNSIGNED_NOTE = "本表未加数字签名，以手写签字为准。"

_note: contextvars.ContextVar[str] = contextvars.ContextVar("xiaoan_footer_note", default="")


def signed_note(signed_by: str) -> str:
    """The footer line of a digitally signed PDF, naming the signer (张丽（校长）)."""
    return f"本表电子文件已由{signed_by}加数字签名。"


@contextlib.contextmanager
def signature_note(text: str) -> Iterator[None]:
    """Forms rendered inside this block (on this thread) carry ``text`` in their footer."""
    token = _note.set(text)
    try:
        yield
    finally:
        _note.reset(token)


def draw_footer(canvas, doc, stamp: Stamp, printed_at: str, font: str) -> None:
    """Draw the footer at the bottom of the current page (ReportLab canvas callback)."""
    import segno
    from reportlab.lib.units import mm

    width, _height = canvas._pagesize
    left, bottom = doc.leftMargin, 8 * mm
    qr = segno.make(stamp.line, error="m")
    size = 16 * mm
    modules = qr.symbol_size(scale=1, border=0)[0]
    cell = size / modules
    canvas.saveState()
    canvas.setFillColorRGB(0, 0, 0)
    x0, y0 = width - doc.rightMargin - size, bottom
    for r, row in enumerate(qr.matrix):
        for c, dark in enumerate(row):
            if dark:
                canvas.rect(x0 + c * cell, y0 + size - (r + 1) * cell, cell, cell, stroke=0, fill=1)
    note = _note.get()
    if note:
        canvas.setFont(font, 8)
        canvas.drawString(left, bottom + 13.5 * mm, note)
    canvas.setFont(font, 7.5)
    canvas.drawString(
        left, bottom + 10 * mm, f"记录编号 {stamp.record_id}    打印时间 {printed_at}"
    )
    canvas.drawString(left, bottom + 6.5 * mm, f"内容摘要 SHA-256 {stamp.digest}")
    canvas.setFont("Helvetica", 5.5)
    canvas.drawString(left, bottom + 3 * mm, stamp.line)
    canvas.restoreState()
