"""With no usable Chinese font, printing stops with a message naming every path tried."""

from __future__ import annotations

import pytest

from app.errors import UserError
from app.incidents.service import IncidentDraft, report_incident
from app.reports.fonts import CONFIG_ENV, candidate_paths, register_cjk_font, resolve_font
from ui.launcher import main as xiaoan


def test_resolution_names_every_path_it_tried(tmp_path):
    broken = tmp_path / "broken.ttc"
    broken.write_bytes(b"not a font")
    paths = [(str(tmp_path / "none.ttc"), 0), (str(broken), 0)]
    with pytest.raises(UserError) as err:
        resolve_font(paths)
    message = err.value.localized()
    assert str(tmp_path / "none.ttc") in message and str(broken) in message


def test_a_configured_font_is_the_only_one_tried(tmp_path, monkeypatch):
    missing = str(tmp_path / "msyh.ttc")
    monkeypatch.setenv(CONFIG_ENV, missing)
    assert candidate_paths(missing) == [(missing, 0)]
    with pytest.raises(UserError, match="msyh.ttc"):
        register_cjk_font()
    monkeypatch.delenv(CONFIG_ENV)
    assert register_cjk_font().endswith(".ttc")  # back to the installed font


def test_print_without_a_font_says_so_in_chinese_and_writes_nothing(
    workspace, principal, tmp_path, monkeypatch, capsys, no_keyring
):
    report_incident(workspace, principal, IncidentDraft("fire", "食堂", "油锅起火，已扑灭"))
    missing = str(tmp_path / "fonts" / "msyh.ttc")
    monkeypatch.setenv(CONFIG_ENV, missing)
    out = tmp_path / "incident.pdf"
    args = ["print", "incident", "--data-dir", str(workspace.data_dir), "-o", str(out)]
    assert xiaoan(args) == 2
    err = capsys.readouterr().err
    assert "找不到用于打印的中文字体" in err and missing in err
    assert "Traceback" not in err
    assert not out.exists()
