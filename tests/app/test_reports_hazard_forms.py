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
def demo_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "school"
    build_demo(path)
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
