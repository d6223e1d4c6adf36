"""The inspection and hazard forms, printed from the demo school and verified back."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from app.accounts.service import authenticate
from app.demo import PRINCIPAL, build_demo
from app.hazards.ledger import LedgerFilters, hazard_ledger
from app.reports.forms import print_form
from app.workspace import Workspace
from ui.launcher import main as xiaoan

pytestmark = pytest.mark.skipif(
    shutil.which("pdfsig") is None, reason="poppler-utils is installed by make"
)


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory, module_user_dirs, demo_template):
    path = tmp_path_factory.mktemp("demo") / "school"
    demo_template.copy_to(path)
    return path


@pytest.fixture
def demo(demo_dir, no_keyring):
    ws = Workspace.open(demo_dir)
    yield ws, authenticate(ws, PRINCIPAL[0], PRINCIPAL[2])
    ws.close()


def text_of(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "f.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True
    ).stdout


@pytest.mark.parametrize(
    ("key", "title"),
    [
        ("inspection", "安全检查记录表"),
        ("hazard-notice", "隐患整改通知单"),
        ("recheck", "隐患复查销号单"),
        ("ledger", "隐患整改台账"),
    ],
)
def test_each_form_renders_signed_with_title_and_record_id(demo, tmp_path, key, title):
    ws, principal = demo
    rendered = print_form(ws, principal, key, "latest")
    text = text_of(rendered.pdf, tmp_path)
    assert title in text and "东风乡中心学校" in text
    assert rendered.stamp.record_id in text
    path = tmp_path / "signed.pdf"
    path.write_bytes(rendered.pdf)
    report = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True).stdout
    assert "Signature is Valid." in report


def test_the_inspection_form_lists_every_item_and_marks_failures(demo, tmp_path):
    ws, principal = demo
    from app.inspections.queries import InspectionFilters, inspection_detail, list_inspections

    row = list_inspections(ws, principal, InspectionFilters(with_failures=True), limit=1)[0]
    detail = inspection_detail(ws, principal, row.id)
    text = text_of(print_form(ws, principal, "inspection", str(row.id), sign=False).pdf, tmp_path)
    assert text.count("不合格") >= sum(a.result == "fail" for a in detail.answers)
    assert "检查人签字" in text and "校长签字" in text


def test_verify_pdf_gives_all_three_answers(demo, demo_dir, tmp_path, capsys, monkeypatch):
    ws, principal = demo
    from app.hazards.service import escalate_hazard

    open_hazard = hazard_ledger(ws, principal, LedgerFilters(status="open"), 0, 1)[0]
    notice = tmp_path / "notice.pdf"
    notice.write_bytes(print_form(ws, principal, "hazard-notice", str(open_hazard.id)).pdf)
    inspection = tmp_path / "inspection.pdf"
    inspection.write_bytes(print_form(ws, principal, "inspection", "latest").pdf)

    monkeypatch.setenv("XIAOAN_LANG", "en")
    assert xiaoan(["verify-pdf", "--data-dir", str(demo_dir), str(inspection)]) == 0
    assert capsys.readouterr().out.startswith("matches")

    escalate_hazard(ws, principal, open_hazard.id, "需要教育局协调资金维修")
    assert xiaoan(["verify-pdf", "--data-dir", str(demo_dir), str(notice)]) == 1
    assert capsys.readouterr().out.startswith("record changed since printing")

    other = tmp_path / "other-school"
    build_demo(other)
    assert xiaoan(["verify-pdf", "--data-dir", str(other), str(inspection)]) == 1
    assert capsys.readouterr().out.startswith("unknown record")


def test_the_ledger_for_the_bureau_ends_with_the_stamp_and_sign_off(demo, tmp_path):
    ws, principal = demo
    text = text_of(print_form(ws, principal, "ledger", "latest", sign=False).pdf, tmp_path)
    last_page = [p for p in text.split("\f") if p.strip()][-1]
    assert "学校（盖章）" in last_page
    assert "填报人：" in last_page and "审核人：" in last_page and "日期：" in last_page
    assert "较大" not in text  # hazards are graded 一般 or 重大 only


def test_verify_pdf_answers_in_words(demo, demo_dir, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("XIAOAN_LANG", "en")
    ws, principal = demo
    path = tmp_path / "ledger.pdf"
    path.write_bytes(print_form(ws, principal, "ledger", "latest").pdf)
    assert xiaoan(["verify-pdf", "--data-dir", str(demo_dir), str(path)]) == 0
    assert capsys.readouterr().out.startswith("matches")


def test_a_bad_record_number_is_refused_with_a_message(demo):
    ws, principal = demo
    from app.errors import UserError

    with pytest.raises(UserError, match="not a record number"):
        print_form(ws, principal, "inspection", "not-a-uuid")


def _images(pdf: bytes, tmp_path) -> int:
    path = tmp_path / "images.pdf"
    path.write_bytes(pdf)
    listing = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, text=True)
    return len(listing.stdout.strip().splitlines()) - 2  # two header lines


def test_the_inspection_form_prints_hazard_numbers_and_both_drawn_signatures(
    workspace, principal, tmp_path
):
    from app.hazards.ledger import hazard_detail
    from app.inspections.queries import inspection_detail
    from app.inspections.service import (
        answer_item,
        answer_remaining,
        finalize_inspection,
        start_inspection,
    )
    from app.inspections.signing import countersign_inspection
    from tests.helpers import make_user

    officer = make_user(workspace, principal, "lijianguo", "safety_officer").actor()
    strokes = [[(10, 30, 0), (40, 5, 40), (70, 40, 80), (110, 10, 120)], [(5, 50, 300), (120, 52, 360)]]  # fmt: skip
    iid = start_inspection(workspace, officer, "daily_patrol", ["daily_patrol"], place="全校")
    answers = inspection_detail(workspace, officer, iid).answers
    answer_item(
        workspace, officer, answers[2].id, "fail", "安全出口堆放课桌", spot="教学楼二楼东侧"
    )
    answer_item(workspace, officer, answers[8].id, "fail", "发现电热毯", spot="男生宿舍 204")
    answer_remaining(workspace, officer, iid)
    summary = finalize_inspection(workspace, officer, iid, strokes=strokes)
    refs = [hazard_detail(workspace, officer, h).row.ref for h in summary.new_hazards]

    finalized = print_form(workspace, principal, "inspection", str(iid), sign=False).pdf
    assert _images(finalized, tmp_path) == 1  # the inspector's drawing; the principal's box empty
    countersign_inspection(workspace, principal, iid, strokes)
    pdf = print_form(workspace, principal, "inspection", str(iid), sign=False).pdf
    assert _images(pdf, tmp_path) == 2  # both drawings in their boxes

    text = text_of(pdf, tmp_path)
    for item, ref, spot, later in (
        (answers[2], refs[0], "部位：教学楼二楼东侧", answers[3]),
        (answers[8], refs[1], "部位：男生宿舍 204", answers[9]),
    ):
        # The number is printed in the failed item's own row, before the next item.
        row = text[text.index(item.text[:12]) - 200 : text.index(later.text[:12])]
        assert f"隐患编号：{ref}" in row and spot in row
    boxes = text[text.index("检查人签字") :]
    assert "lijianguo-name" in boxes and "张丽" in boxes and "签字：" not in boxes
