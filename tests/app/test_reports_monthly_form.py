"""The monthly safety report form: printed from the demo's finalized report, signed and verifiable."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from app.demo import PRINCIPAL
from ui.launcher import main as xiaoan

pytestmark = pytest.mark.skipif(
    shutil.which("pdfsig") is None, reason="poppler-utils is installed by make"
)


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory, module_user_dirs, demo_template):
    path = tmp_path_factory.mktemp("demo") / "school"
    demo_template.copy_to(path)
    return path


def test_print_monthly_latest_with_the_drawn_signature(demo_dir, tmp_path, no_keyring, capsys, monkeypatch):  # fmt: skip
    monkeypatch.setenv("XIAOAN_LANG", "en")
    monkeypatch.setenv("XIAOAN_SIGN_SECRET", PRINCIPAL[2])
    out = tmp_path / "monthly.pdf"
    assert xiaoan(["print", "monthly", "--data-dir", str(demo_dir), "--user", PRINCIPAL[0], "--record", "latest", "-o", str(out)]) == 0  # fmt: skip
    capsys.readouterr()
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True).stdout  # fmt: skip
    assert "安全月报表" in text and "东风乡中心学校" in text
    assert "已签字定稿" in text and "校长签字" in text and "校长意见" in text
    assert "发现隐患" in text and "已开展演练" in text and "突发事件" in text
    assert "本软件暂未记录此项" not in text  # every section is counted from records
    images = subprocess.run(["pdfimages", "-list", str(out)], capture_output=True, text=True).stdout
    assert len(images.strip().splitlines()) > 2  # the signature picture is in its box
    sig = subprocess.run(["pdfsig", str(out)], capture_output=True, text=True).stdout
    assert "Signature is Valid." in sig
    assert xiaoan(["verify-pdf", "--data-dir", str(demo_dir), str(out)]) == 0
    assert capsys.readouterr().out.startswith("matches")


def _pages(path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True)
    return [p for p in text.stdout.split("\f") if p.strip()]


def test_the_signature_stays_with_the_last_section_and_the_bureau_sign_off(demo_dir, tmp_path):
    """A whole month's figures fill page 1: the signature must not start page 2 alone."""
    from app.accounts.service import authenticate
    from app.demo import PRINCIPAL
    from app.reports.forms import print_form
    from app.workspace import Workspace

    ws = Workspace.open(demo_dir)
    try:
        principal = authenticate(ws, PRINCIPAL[0], PRINCIPAL[2])
        pdf = print_form(ws, principal, "monthly", "latest", sign=False).pdf
    finally:
        ws.close()
    out = tmp_path / "monthly.pdf"
    out.write_bytes(pdf)
    pages = _pages(out)
    assert len(pages) == 2  # a full month does not fit one page: the test needs the break

    def page_of(text: str) -> int:
        found = [n for n, page in enumerate(pages) if text in page]
        assert len(found) == 1, f"{text} printed on pages {found}"
        return found[0]

    last_section = page_of("校长意见")
    assert page_of("校长签字") == last_section
    assert page_of("学校（盖章）") == last_section
    sign_off = pages[last_section]
    assert "填报人" in sign_off and "审核人：张丽" in sign_off and "日期：" in sign_off
