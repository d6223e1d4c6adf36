"""`xiaoan verify-pdf` on the school PC: a copied footer, a changed signed file and a
signature the registry does not know are refused; genuine forms still pass."""

from __future__ import annotations

import pytest

from app.hazards.service import HazardReport, report_hazard
from app.reports.forms import print_form
from app.reports.verify import Verdict, read_stamp, verify_pdf_page
from tests.helpers import appended_to, page_with_footer
from ui.launcher import main as xiaoan


@pytest.fixture(autouse=True)
def _chinese(monkeypatch):
    monkeypatch.setenv("XIAOAN_LANG", "zh_CN")


@pytest.fixture
def notice(workspace, principal, tmp_path):
    hid = report_hazard(
        workspace,
        principal,
        HazardReport(
            title="二楼东侧安全出口被课桌堵塞",
            area="fire",
            description="课间学生拥挤，出口仅剩半米",
            place="教学楼",
        ),
    )
    signed = tmp_path / "signed.pdf"
    signed.write_bytes(print_form(workspace, principal, "hazard-notice", str(hid)).pdf)
    plain = tmp_path / "plain.pdf"
    plain.write_bytes(print_form(workspace, principal, "hazard-notice", str(hid), sign=False).pdf)
    return signed, plain


def verify(ws, path) -> int:
    return xiaoan(["verify-pdf", "--data-dir", str(ws.data_dir), str(path)])


def test_genuine_forms_signed_and_plain_are_accepted(workspace, notice, capsys):
    signed, plain = notice
    assert verify_pdf_page(workspace, signed)[0] is Verdict.MATCHES
    workspace.close()
    assert verify(workspace, signed) == 0
    assert "张丽" in capsys.readouterr().out
    assert verify(workspace, plain) == 0


def test_a_copied_footer_on_another_page_is_refused(workspace, notice, tmp_path, capsys):
    _signed, plain = notice
    stamp = read_stamp(plain)
    forged = tmp_path / "forged.pdf"
    # The form's number, the school and even the title: but not what the record says.
    forged.write_bytes(
        page_with_footer(
            [
                "隐患整改通知书  表 XA-02  东风乡中心学校",
                "二楼东侧安全出口被课桌堵塞",
                "已整改完毕",
            ],
            stamp.line,
        )
    )
    verdict, _stamp, lacking = verify_pdf_page(workspace, forged)
    assert verdict is Verdict.PAGE_DIFFERS and lacking.startswith("页面上没有")
    workspace.close()
    assert verify(workspace, forged) == 1
    out = capsys.readouterr().out
    assert stamp.record_id in out and lacking in out


def test_a_signed_form_changed_after_signing_is_refused(workspace, notice, tmp_path, capsys):
    signed, _plain = notice
    altered = tmp_path / "altered.pdf"
    altered.write_bytes(appended_to(signed.read_bytes()))
    workspace.close()
    assert verify(workspace, altered) == 1
    assert "签名" in capsys.readouterr().out


def test_a_signature_the_registry_does_not_know_is_refused(
    workspace, principal, notice, tmp_path, capsys
):
    from app.reports.signing import sign_pdf
    from tests.helpers import person_identity

    _signed, plain = notice
    forged = tmp_path / "forged.pdf"
    forged.write_bytes(
        sign_pdf(plain.read_bytes(), person_identity("张丽"), reason="", location="")
    )
    workspace.close()
    assert verify(workspace, forged) == 1
