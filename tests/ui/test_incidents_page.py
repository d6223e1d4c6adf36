"""The incident page: live clocks, logging reports, the quick form, hidden minors' names."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt

from app.incidents.service import IncidentDraft, PersonDraft, log_report, report_incident
from app.incidents.views import incident_detail
from tests.helpers import PRINCIPAL_PASSWORD, make_user
from tests.ui.conftest import wait_idle
from tests.ui.helpers import context_for
from ui.incidents.model import CLOCK_STATE_ROLE, IncidentsModel, clock_text
from ui.incidents.page import IncidentsPage

MIN = timedelta(minutes=1)


@pytest.fixture
def incidents(workspace, principal):
    make_user(workspace, principal, "zhengxia", "staff")
    now = datetime.now(UTC)
    done = report_incident(
        workspace, principal,
        IncidentDraft("injury", "操场", "学生摔伤", discovered_at=now - 3 * 60 * MIN,
                      people=[PersonDraft("王小明", "student", True, "手腕骨裂")]),
    )  # fmt: skip
    log_report(workspace, principal, done, "phone", at=now - 170 * MIN)
    log_report(workspace, principal, done, "written", at=now - 100 * MIN)
    running = report_incident(
        workspace, principal,
        IncidentDraft("fire", "食堂", "油锅起火，已扑灭", discovered_at=now - 10 * MIN,
                      people=[PersonDraft("李小红", "student", True, "")]),
    )  # fmt: skip
    return {"done": done, "running": running}


def _page(qtbot, ws, username, secret="482913"):
    page = IncidentsPage(context_for(ws, username, secret))
    qtbot.addWidget(page)
    page.resize(1200, 760)
    page.show()
    qtbot.waitUntil(lambda: page.loaded >= 1 and page.detail.detail is not None)
    wait_idle(qtbot)
    return page


def test_the_model_passes_the_model_tester(qtmodeltester, workspace, principal, incidents):
    from app.incidents.views import list_incidents

    model = IncidentsModel()
    model.set_rows(list_incidents(workspace, principal))
    qtmodeltester.check(model)


def test_open_clocks_count_down_and_the_running_one_comes_first(qtbot, workspace, incidents):
    page = _page(qtbot, workspace, "zhangli", PRINCIPAL_PASSWORD)
    m = page.model
    assert m.rowCount() == 2
    assert m.index(0, 1).data().startswith("食堂")
    assert m.index(0, 4).data(CLOCK_STATE_ROLE) == "running"
    assert m.index(1, 4).data(CLOCK_STATE_ROLE) == "on_time"
    first = m.index(0, 4).data()
    assert first.startswith("剩余")

    # A tick moves the countdown on from the loaded due times.
    row = m.row_at(0)
    later = row.clocks.phone.due_at + MIN
    m.tick(later)
    assert m.index(0, 4).data(CLOCK_STATE_ROLE) == "overdue"
    assert m.index(0, 4).data().startswith("已逾期 0:01:00")
    assert m.index(0, 4).data(Qt.ItemDataRole.ForegroundRole).color().name() == "#b3261e"


def test_the_phone_button_logs_the_time_and_lateness_stays(qtbot, workspace, incidents):
    page = _page(qtbot, workspace, "zhangli", PRINCIPAL_PASSWORD)
    assert page.select_incident(incidents["running"])
    qtbot.waitUntil(lambda: page.detail.detail.row.id == incidents["running"])
    assert page.detail.phone_button.isEnabled()
    page.detail.phone_button.click()
    dialog = page.dialog
    dialog.to_whom.setText("区教育局")
    dialog.accept()
    qtbot.waitUntil(lambda: page.dialog is None)
    wait_idle(qtbot)
    qtbot.waitUntil(lambda: page.detail.detail.row.clocks.phone.reported)
    assert not page.detail.phone_button.isEnabled()  # logged once, never edited
    assert "按时报告" in page.detail.phone_clock.text()
    reports = incident_detail(workspace, page.ctx.actor, incidents["running"]).reports
    assert [(r.kind, r.to_whom) for r in reports] == [("phone", "区教育局")]


def test_the_quick_form_reports_an_incident_and_refusals_keep_it_open(qtbot, workspace, incidents):
    page = _page(qtbot, workspace, "zhengxia")
    page.new_button.click()
    editor = page.dialog
    editor.accept()  # nothing entered: refused, still open
    wait_idle(qtbot)
    assert editor.isVisible() and editor.message.isVisible()
    editor.place.setText("三年级教室")
    editor.description.setPlainText("两名学生推搡，一人碰伤额头")
    editor.category.setCurrentIndex(editor.category.findData("violence"))
    editor.add_person("张小宝", "student", True, "额头擦伤")
    editor.accept()
    qtbot.waitUntil(lambda: page.dialog is None)
    qtbot.waitUntil(lambda: page.model.rowCount() == 3)
    wait_idle(qtbot)
    titles = [page.model.index(r, 1).data() for r in range(3)]
    assert any(t.startswith("三年级教室") for t in titles)


def test_a_staff_member_sees_no_minor_name_on_the_page(qtbot, workspace, incidents):
    page = _page(qtbot, workspace, "zhengxia")
    for iid in incidents.values():
        page.select_incident(iid)
        qtbot.waitUntil(lambda iid=iid: page.detail.detail.row.id == iid)
        text = page.detail.body.toPlainText()
        assert "学生（已隐去姓名）" in text
        assert "王小明" not in text and "李小红" not in text
        assert not page.detail.close_button.isVisible()  # closing is the leaders' work

    boss = _page(qtbot, workspace, "zhangli", PRINCIPAL_PASSWORD)
    boss.select_incident(incidents["done"])
    qtbot.waitUntil(lambda: boss.detail.detail.row.id == incidents["done"])
    assert "王小明" in boss.detail.body.toPlainText()


def test_clock_text_for_a_late_report_names_it_late():
    from app.incidents.clocks import written_clock

    found = datetime(2026, 3, 12, 2, 0, tzinfo=UTC)
    assert clock_text(written_clock(found, found + 150 * MIN), found).startswith("迟报")


def test_people_added_later_and_closing_from_the_page(qtbot, workspace, incidents):
    page = _page(qtbot, workspace, "zhengxia")
    page.select_incident(incidents["running"])
    qtbot.waitUntil(lambda: page.detail.detail.row.id == incidents["running"])
    page.detail.person_button.click()
    dialog = page.dialog
    dialog.name.setText("赵小刚")
    dialog.injury.setText("手背烫伤")
    dialog.accept()
    qtbot.waitUntil(lambda: page.dialog is None)
    qtbot.waitUntil(lambda: "手背烫伤" in page.detail.body.toPlainText())
    assert "赵小刚" not in page.detail.body.toPlainText()

    boss = _page(qtbot, workspace, "zhangli", PRINCIPAL_PASSWORD)
    boss.select_incident(incidents["running"])
    qtbot.waitUntil(lambda: boss.detail.detail.row.id == incidents["running"])
    assert "赵小刚" in boss.detail.body.toPlainText()
    boss.detail.close_button.click()
    boss.dialog.note.setPlainText("学生已就医，食堂整改完毕")
    boss.dialog.accept()
    qtbot.waitUntil(lambda: boss.dialog is None)
    qtbot.waitUntil(lambda: boss.detail.detail.row.clocks.closed)
    assert not boss.detail.follow_button.isEnabled()
    assert boss.model.index(boss.model.row_of(incidents["running"]), 7).data() == "已结案"


def test_print_opens_the_chosen_incidents_report_form(qtbot, workspace, incidents, no_keyring):
    page = _page(qtbot, workspace, "zhangli", PRINCIPAL_PASSWORD)
    page.open_record(incidents["done"])
    qtbot.waitUntil(lambda: page.detail.detail.row.id == incidents["done"])
    assert page.detail.print_button.isEnabled() and page.detail.print_button.text() == "打印…"
    qtbot.mouseClick(page.detail.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.preview.ready, timeout=30_000)
    assert page.preview.rendered.stamp.record_id == str(incidents["done"])
    assert "突发事件报告单" in page.preview.windowTitle()
    page.preview.close()
    wait_idle(qtbot)
