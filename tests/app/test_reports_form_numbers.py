"""Every form has its own number (表 XA-nn), listed in one place and printed on the paper."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from app.accounts.service import authenticate
from app.demo import PRINCIPAL
from app.reports.forms import FORM_NUMBERS, FORMS, form, load_forms, print_form
from app.workspace import Workspace

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils is installed by make"
)


def test_no_two_forms_share_a_number_and_every_form_has_one():
    forms = load_forms()
    numbers = [spec.number for spec in forms.values()]
    assert len(numbers) == len(set(numbers)), numbers
    assert sorted(forms) == sorted(FORM_NUMBERS)
    assert all(n.startswith("表 XA-") for n in numbers)


def test_a_form_claiming_a_taken_number_is_refused(monkeypatch):
    load_forms()
    monkeypatch.setitem(FORM_NUMBERS, "copy-of-ledger", FORM_NUMBERS["ledger"])
    with pytest.raises(ValueError, match="already the number of 'ledger'"):
        form("copy-of-ledger", "隐患整改台账（副本）")
    assert "copy-of-ledger" not in FORMS


def test_every_printed_form_shows_its_number_and_title(tmp_path, no_keyring, demo_template):
    demo_template.copy_to(tmp_path / "school")
    ws = Workspace.open(tmp_path / "school")
    try:
        principal = authenticate(ws, PRINCIPAL[0], PRINCIPAL[2])
        for key, spec in sorted(load_forms().items()):
            path = tmp_path / f"{key}.pdf"
            path.write_bytes(print_form(ws, principal, key, "latest", sign=False).pdf)
            text = subprocess.run(
                ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True
            ).stdout
            assert spec.number in text, key
            assert spec.title in text, key
            others = [n for k, n in FORM_NUMBERS.items() if k != key]
            assert not any(n in text for n in others), key
    finally:
        ws.close()
