"""The drill record form (应急演练记录): printed headless, signed, fonts embedded, verifiable."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date

import pytest

from app.drills.queries import get_drill
from app.drills.service import (
    PhotoEntry,
    finalize_drill,
    problem_to_hazard,
    save_drill,
    start_correction,
)
from app.reports.forms import print_form
from tests.app.drill_helpers import at, complete_form, photo
from tests.helpers import PRINCIPAL_PASSWORD
from ui.launcher import main as xiaoan

pytestmark = pytest.mark.skipif(
    shutil.which("pdffonts") is None, reason="poppler-utils is installed by make"
)


def _run(*args: str) -> str:
    return subprocess.run(list(args), capture_output=True, text=True, check=True).stdout


@pytest.fixture
def drill(workspace, principal, tmp_path):
    photos = [
        photo(workspace, principal, tmp_path, f"p{i}.jpg", color=(30 * i, 120, 60))
        for i in range(8)
    ]
    form = complete_form(
        photos[0].id,
        held_at=at(date(2026, 10, 21), 15),
        photos=tuple(PhotoEntry(p.id, f"第{i + 1}张说明") for i, p in enumerate(photos)),
    )
    drill_id = save_drill(workspace, principal, form)
    finalize_drill(workspace, principal, drill_id)
    problem = get_drill(workspace, drill_id).problems[0]
    problem_to_hazard(workspace, principal, problem.id, area="fire")
    return drill_id


def test_the_drill_form_prints_from_the_command_line(
    workspace, drill, tmp_path, no_keyring, monkeypatch, capsys
):
    out = tmp_path / "drill.pdf"
    workspace.close()
    monkeypatch.setenv("XIAOAN_LANG", "en")
    monkeypatch.setenv("XIAOAN_SIGN_SECRET", PRINCIPAL_PASSWORD)
    args = ["print", "drill", "--data-dir", str(workspace.data_dir), "--record", "latest"]
    args += ["--user", "zhangli"]
    assert xiaoan([*args, "-o", str(out)]) == 0
    text = _run("pdftotext", "-layout", str(out), "-")
    assert "应急演练记录" in text and "东风乡中心学校" in text
    assert str(drill) in text, "the record id is in the verification footer"
    assert "三楼东侧楼梯应急照明不亮" in text and "YH" in text, "problems with ledger numbers"
    assert "第6张说明" in text and "第7张说明" not in text, "at most six photos are printed"
    assert "组织者签字" in text and "李建国" in text
    fonts = _run("pdffonts", str(out))
    cjk = [line for line in fonts.splitlines() if "WenQuanYi" in line]
    assert cjk and all(" yes yes " in line for line in cjk), "the CJK font is embedded"
    report = subprocess.run(["pdfsig", str(out)], capture_output=True, text=True).stdout
    assert "Signature is Valid." in report
    assert xiaoan(["verify-pdf", "--data-dir", str(workspace.data_dir), str(out)]) == 0
    assert "matches" in capsys.readouterr().out


def test_a_printed_drill_verifies_until_it_is_corrected(
    workspace, principal, drill, tmp_path, no_keyring
):
    rendered = print_form(workspace, principal, "drill", str(drill), sign=False)
    pdf = tmp_path / "d.pdf"
    pdf.write_bytes(rendered.pdf)
    from app.reports.verify import Verdict, verify_pdf

    assert verify_pdf(workspace, pdf)[0] is Verdict.MATCHES
    new_id = start_correction(workspace, principal, drill)
    assert verify_pdf(workspace, pdf)[0] is Verdict.MATCHES, "a draft correction changes nothing"
    finalize_drill(workspace, principal, new_id)
    assert verify_pdf(workspace, pdf)[0] is Verdict.CHANGED, "the paper shows a replaced record"
