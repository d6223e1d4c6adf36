"""The form machinery every printed record uses: CJK font embedded, title block,
repeated table headers, page x of y, signature boxes, verification footer, PAdES."""

from __future__ import annotations

import shutil
import subprocess
import uuid

import pytest

from app.reports.layout import (
    FormHeader,
    SignatureBox,
    bureau_table,
    content_width,
    grid_table,
    render_form,
    signature_table,
)
from app.reports.signing import sign_pdf
from app.reports.verification import Stamp, canonical_digest
from app.reports.verify import Verdict, read_stamp
from tests.helpers import person_identity

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils is installed by make"
)
HEADER = FormHeader("隐患整改台账", "表 XA-03", "东风乡中心学校", "220105-0012")


def poppler(tool: str, path, *args: str) -> str:
    out = ["-"] if tool == "pdftotext" else []  # pdftotext writes to stdout only when asked
    return subprocess.run([tool, *args, str(path), *out], capture_output=True, text=True).stdout


def ledger_pdf(rows: int, boxes=(), sign_off: bool = False) -> tuple[bytes, Stamp]:
    stamp = Stamp("hazard_ledger", str(uuid.uuid4()), canonical_digest({"rows": rows}))
    data = [["序号", "隐患描述", "责任人", "整改期限", "状态"]]
    data += [
        [str(i), f"第{i}号隐患：消防通道堆放杂物", "李建国", "2026-12-01", "整改中"]
        for i in range(1, rows + 1)
    ]
    w = content_width(landscape=True)
    tail = bureau_table(w * 0.7) if sign_off else None
    widths = [w * f for f in (0.08, 0.5, 0.14, 0.14, 0.14)]
    story = [grid_table(data, widths, highlight_rows=[1], tail=tail)]
    if boxes:
        story.append(signature_table(boxes, w))
    return render_form(HEADER, story, stamp, "2026-11-23 06:05", landscape=True), stamp


def test_cjk_font_is_embedded_and_text_is_extractable(tmp_path):
    pdf, stamp = ledger_pdf(5)
    path = tmp_path / "f.pdf"
    path.write_bytes(pdf)
    fonts = poppler("pdffonts", path)
    cjk = [line for line in fonts.splitlines() if "WenQuanYi" in line]
    assert cjk and " yes yes " in cjk[0]  # embedded, subset
    text = poppler("pdftotext", path, "-layout")
    assert "隐患整改台账" in text and "东风乡中心学校" in text
    assert stamp.record_id in text and stamp.digest in text
    assert read_stamp(path) == stamp


def test_a_300_row_ledger_paginates_with_the_header_on_every_page(tmp_path):
    pdf, _ = ledger_pdf(300)
    path = tmp_path / "ledger.pdf"
    path.write_bytes(pdf)
    pages = poppler("pdftotext", path, "-layout").split("\f")
    pages = [p for p in pages if p.strip()]
    assert len(pages) >= 5
    for n, page in enumerate(pages, start=1):
        assert "隐患描述" in page, f"page {n} lacks the table header"
        assert f"第 {n} 页 / 共 {len(pages)} 页" in page
        assert "XIAOAN-VERIFY" in page
    assert "第300号隐患" in pages[-1]


# 17-22 rows fill landscape page 1 exactly so that a sign-off laid out after the
# table used to start page 2 alone; 300 rows end on a later page.
@pytest.mark.parametrize("rows", [17, 22, 300])
def test_a_ledgers_sign_off_for_the_bureau_never_stands_alone_on_a_page(tmp_path, rows):
    pdf, _ = ledger_pdf(rows, sign_off=True)
    path = tmp_path / "ledger.pdf"
    path.write_bytes(pdf)
    pages = [p for p in poppler("pdftotext", path, "-layout").split("\f") if p.strip()]
    assert len(pages) >= 2
    last = pages[-1]
    assert "学校（盖章）" in last and "填报人" in last and "审核人" in last and "日期" in last
    assert f"第{rows}号隐患" in last  # the last rows came along
    assert "隐患描述" in last  # and the header repeats above them
    assert sum("学校（盖章）" in p for p in pages) == 1


def test_unsigned_boxes_render_empty_for_signing_by_hand(tmp_path):
    pdf, _ = ledger_pdf(2, boxes=[SignatureBox("检查人签字"), SignatureBox("校长签字")])
    path = tmp_path / "s.pdf"
    path.write_bytes(pdf)
    text = poppler("pdftotext", path, "-layout")
    assert "检查人签字" in text and "校长签字" in text and "签字：" in text


@pytest.mark.skipif(shutil.which("pdfsig") is None, reason="poppler-utils is installed by make")
def test_pades_signature_validates_and_a_changed_byte_fails(tmp_path):
    pdf, _ = ledger_pdf(3)
    identity = person_identity()
    signed = sign_pdf(pdf, identity, reason="校长签发", location="东风乡中心学校")
    good = tmp_path / "good.pdf"
    good.write_bytes(signed)
    assert "Signature is Valid." in poppler("pdfsig", good)

    tampered = bytearray(signed)
    i = signed.index(b"BT") + 10  # inside the first text object of the signed range
    tampered[i] ^= 0x01
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(bytes(tampered))
    report = poppler("pdfsig", bad)
    assert "Signature is Valid." not in report


def test_verify_answers_no_footer_for_a_foreign_pdf(tmp_path):
    from reportlab.pdfgen import canvas

    path = tmp_path / "foreign.pdf"
    c = canvas.Canvas(str(path))
    c.drawString(100, 700, "some other document")
    c.save()
    from app.reports.verify import verify_pdf

    assert verify_pdf(None, path)[0] is Verdict.NO_FOOTER
