"""The print preview says in words, in the window, that no Chinese font was found."""

from __future__ import annotations

from app.incidents.service import IncidentDraft, report_incident
from app.reports.fonts import CONFIG_ENV
from tests.helpers import PRINCIPAL_PASSWORD
from tests.ui.conftest import wait_idle
from tests.ui.helpers import context_for
from ui.reports.preview import open_print_preview


def test_the_preview_shows_the_missing_font_message_without_a_trace(
    qtbot, workspace, principal, tmp_path, monkeypatch, no_keyring
):
    iid = report_incident(workspace, principal, IncidentDraft("fire", "食堂", "油锅起火，已扑灭"))
    missing = str(tmp_path / "fonts" / "simsun.ttc")
    monkeypatch.setenv(CONFIG_ENV, missing)
    ctx = context_for(workspace, "zhangli", PRINCIPAL_PASSWORD)
    dialog = open_print_preview(ctx, None, "incident", iid)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: missing in dialog.status.text(), timeout=10_000)
    text = dialog.status.text()
    assert "找不到用于打印的中文字体" in text
    assert "Traceback" not in text and "File " not in text
    assert not dialog.save_button.isEnabled() and not dialog.print_button.isEnabled()
    dialog.close()
    wait_idle(qtbot)
