"""The bureau on the school's screens: orders on top of the 工作台 until answered, notices until
acknowledged, the bureau's answer on the hazard's detail, the template's bureau date."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from app.hazards.service import HazardReport, escalate_hazard, report_hazard
from app.oversight import service
from tests.app.oversight_helpers import (
    deliver,
    duty_order,
    hazard_answer,
    notice,
    rules_item,
    template_item,
)
from tests.helpers import PRINCIPAL_PASSWORD
from tests.ui.conftest import wait_idle
from tests.ui.helpers import context_for
from ui.dashboard.page import DashboardPage
from ui.hazards.detail import HazardDetailPanel
from ui.inspections.dialogs import NewInspectionDialog


def _dashboard(qtbot, ws) -> DashboardPage:
    page = DashboardPage(context_for(ws, "zhangli", PRINCIPAL_PASSWORD))
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.loads >= 1)
    return page


def test_an_open_order_is_on_top_of_the_worktable_and_answering_removes_it(
    qtbot, workspace, principal
):
    ws = workspace
    order = duty_order("日巡查记录缺失，限期补齐。", deadline=date.today() - timedelta(days=1))
    deliver(ws, [order])
    page = _dashboard(qtbot, ws)
    panel = page.oversight
    assert panel.isVisible()
    layout = page.layout()
    assert layout.indexOf(panel) < layout.indexOf(page.work)  # above the worktable's lines
    text = " ".join(
        w.text() for w in panel.findChildren(type(page.summary)) if w.text()
    )  # every label of the panel
    assert "来自教育局" in panel.title()
    assert "日巡查记录缺失，限期补齐。" in text and "已逾期" in text
    (button,) = panel.order_buttons.values()
    assert button.text() == "回复…"

    # Keyboard: focus the button, Space opens the dialog, type, Ctrl+Enter sends.
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: panel.dialog is not None)
    dialog = panel.dialog
    assert dialog.reply.hasFocus() or dialog.isVisible()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok.text() == "发送回复"
    dialog.reply.setPlainText("已补齐11月巡查记录，值班领导已谈话提醒。")
    loads = page.loads
    qtbot.keyClick(dialog.reply, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.loads > loads and not panel.isVisible(), timeout=5000)
    assert panel.order_buttons == {}
    assert service.open_orders(ws) == []
    wait_idle(qtbot)


def test_a_refused_reply_says_why_and_the_order_stays(qtbot, workspace, principal):
    ws = workspace
    deliver(ws, [duty_order()])
    page = _dashboard(qtbot, ws)
    panel = page.oversight
    next(iter(panel.order_buttons.values())).click()
    qtbot.waitUntil(lambda: panel.dialog is not None)
    panel.dialog.accept()  # nothing written
    qtbot.waitUntil(lambda: panel.message.isVisible())
    assert "请填写学校已采取的措施" in panel.message.text()
    assert len(service.open_orders(ws)) == 1 and panel.order_buttons
    wait_idle(qtbot)


def test_a_notice_asking_for_acknowledgement_stays_until_acknowledged(qtbot, workspace, principal):
    ws = workspace
    deliver(ws, [notice("请确认收到寒假安全通知。", ack=True), rules_item()])
    page = _dashboard(qtbot, ws)
    panel = page.oversight
    assert panel.isVisible()
    (button,) = panel.notice_buttons.values()
    assert button.text() == "确认已阅"
    # The rules in force came from the bureau: the 工作台 says since when.
    assert page.rules_origin.isVisible()
    assert "教育局于 2026-11-20 更新" in page.rules_origin.text()
    loads = page.loads
    button.click()
    qtbot.waitUntil(lambda: page.loads > loads and not panel.isVisible(), timeout=5000)
    assert service.notices_to_acknowledge(ws) == []
    wait_idle(qtbot)


def test_the_hazard_detail_shows_the_bureaus_answer_with_its_date(qtbot, workspace, principal):
    ws = workspace
    hid = report_hazard(ws, principal, HazardReport(title="教学楼西侧围墙开裂", area="buildings"))
    escalate_hazard(ws, principal, hid, "需区财政拨款维修")
    deliver(ws, [hazard_answer(hid, "YH-X", "已列入区财政专项，12月底前拨款。")])
    from ui.common.message_label import MessageLabel

    panel = HazardDetailPanel(context_for(ws, "zhangli", PRINCIPAL_PASSWORD), MessageLabel())
    qtbot.addWidget(panel)
    panel.show_hazard(hid)
    qtbot.waitUntil(lambda: panel.loads >= 1)
    summary = panel.summary.toPlainText()
    assert "教育局答复（2026-11-20）：" in summary
    assert "已列入区财政专项，12月底前拨款。" in summary
    wait_idle(qtbot)


def test_a_template_from_the_bureau_is_offered_with_its_date(qtbot, workspace, principal):
    ws = workspace
    deliver(ws, [template_item(version=2)])
    dialog = NewInspectionDialog(None, context_for(ws, "zhangli", PRINCIPAL_PASSWORD))
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.ready)
    texts = [dialog.templates.item(i).text() for i in range(dialog.templates.count())]
    fire = [t for t in texts if t.startswith("消防安全检查表")]
    assert fire == [fire[0]] and "教育局于 2026-11-20 更新" in fire[0]
    assert "（" in fire[0] and not any("教育局" in t for t in texts if t not in fire)
    wait_idle(qtbot)
