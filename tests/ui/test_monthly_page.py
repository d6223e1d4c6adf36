"""The monthly report page: figures shown, the principal signs on the pad and finalizes."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QPoint, Qt

from app.hazards.service import school_today
from app.monthly.service import monthly_report
from app.periods import month_of
from tests.app.compliance_helpers import in_use_since
from tests.helpers import PRINCIPAL_PASSWORD, make_user
from tests.ui.helpers import context_for
from ui.monthly.page import MonthlyReportPage


def draw(qtbot, pad, points):
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(*points[0]))
    for p in points[1:]:
        qtbot.mouseMove(pad, QPoint(*p))
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(*points[-1]))


def figures(page) -> dict[str, str]:
    m = page.figures_model
    return {m.index(r, 1).data(): m.index(r, 2).data() for r in range(m.rowCount())}


def _last_month():
    return month_of(month_of(school_today()).start - timedelta(days=1))


def test_principal_signs_and_finalizes_last_month(qtbot, workspace, no_keyring):
    last = _last_month()
    in_use_since(workspace, last.end)  # set up on last month's last day: its report is owed
    page = MonthlyReportPage(context_for(workspace, "zhangli", PRINCIPAL_PASSWORD))
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    qtbot.waitUntil(lambda: page.loads >= 1)
    month = page.month_key
    assert month == last.key and page.month.currentText() == last.key
    assert "尚未填写" in page.status.text()
    assert not page.print_button.isEnabled()  # nothing signed to print yet
    shown = figures(page)
    assert shown["发现隐患"] == "0" and shown["已开展演练"] == "0"
    assert "本软件暂未记录此项" not in shown  # every section is counted from records

    page.comments.setPlainText("本月安全工作平稳。")
    page.finalize()  # without a signature: refused, nothing saved
    assert page.message.text() == "请先在签名板上签名。"
    draw(qtbot, page.pad, [(30, 60), (80, 30), (130, 80), (180, 40)])
    loads = page.loads
    page.finalize()
    qtbot.waitUntil(lambda: page.loads > loads and "已签字定稿" in page.status.text(), timeout=5000)
    assert page.message.text() == "月报表已签字定稿。"
    assert page.comments.isReadOnly() and not page.finalize_button.isEnabled()
    view = monthly_report(workspace, month)
    assert view.finalized and view.comments == "本月安全工作平稳。"
    # The signed report prints: its form (安全月报表) opens in the preview.
    assert page.print_button.isEnabled()
    page.print_button.click()
    qtbot.waitUntil(lambda: page.preview.ready, timeout=30_000)
    assert page.preview.rendered.stamp.record_id == str(view.id)
    page.preview.close()


def test_a_school_set_up_this_month_opens_on_this_month(qtbot, workspace, memory_keyring):
    """Nothing was owed for last month: the page opens on the month the school is in."""
    page = MonthlyReportPage(context_for(workspace, "zhangli", PRINCIPAL_PASSWORD))
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.loads >= 1)
    this = month_of(school_today()).key
    assert page.month_key == this and page.month.currentText() == this
    assert page.view.month == this
    # Choosing another month is the user's choice and stays.
    page.select_month(_last_month().key)
    qtbot.waitUntil(lambda: page.loads >= 2)
    assert page.view.month == _last_month().key


def test_safety_officer_prepares_but_cannot_sign(qtbot, workspace, principal):
    make_user(workspace, principal, "lijianguo", "safety_officer", pin="135790")
    page = MonthlyReportPage(context_for(workspace, "lijianguo", "135790"))
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.loads >= 1)
    assert page.finalize_button.isHidden() and page.pad.isHidden()
    page.comments.setPlainText("草稿：本月隐患整改进度。")
    loads = page.loads
    page.save()
    qtbot.waitUntil(lambda: page.loads > loads, timeout=5000)
    assert page.message.text() == "草稿已保存。"
    assert monthly_report(workspace, page.month_key).status == "draft"
