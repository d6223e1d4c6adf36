"""The handover page: keyboard-only from open to both signatures, then fixed; route, hazard, zero report."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from app.duty.handover import get_handover
from app.duty.roster import generate_rotation, list_shifts
from app.duty.zero_report import zero_report
from app.hazards.ledger import hazard_ledger
from app.hazards.service import SCHOOL_TZ, school_today
from tests.ui.conftest import wait_idle
from tests.ui.duty_helpers import crew
from tests.ui.helpers import context_for
from ui.duty.handover_page import HandoverPage


@pytest.fixture
def team(workspace, principal):
    t = crew(workspace, principal)
    today = school_today()
    generate_rotation(workspace, principal, t.night.id, today - timedelta(days=2), today + timedelta(days=2),
                      [t.staff["wangqiang"], t.staff["liufang"]])  # fmt: skip
    return t


def _page(qtbot, ws, username, secret, day: date | None = None):
    page = HandoverPage(context_for(ws, username, secret))
    qtbot.addWidget(page)
    page.resize(1280, 900)
    page.show()
    qtbot.waitUntil(lambda: page.loads >= 1)
    if day is not None and day != page.chosen_day():
        page.day.setDate(QDate(day.year, day.month, day.day))
        qtbot.waitUntil(lambda: page.loads >= 2)
    qtbot.waitUntil(lambda: page.form.shift is not None and page.form.isEnabled())
    wait_idle(qtbot)
    return page


def _login_of(ws, team, shift):
    return (
        ("wangqiang", "246800")
        if shift.staff_id == team.staff["wangqiang"]
        else ("liufang", "246801")
    )


def _type(qtbot, text: str) -> None:
    """Type into the focused field: digits as keys, Chinese as an input method commits it."""
    widget = QApplication.focusWidget()
    if text.isascii():
        qtbot.keyClicks(widget, text)
        return
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def _tab(qtbot, n: int = 1) -> None:
    for _ in range(n):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)


def _sign(qtbot, pad) -> None:
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(30, 60))
    for x in range(40, 200, 20):
        qtbot.mouseMove(pad, QPoint(x, 60 + (x % 40)))
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(200, 70))


def _other_watcher(team, shift) -> tuple[str, str, str]:
    """The other night watcher: (user name, PIN, name shown)."""
    if shift.staff_id == team.staff["wangqiang"]:
        return "liufang", "246801", "liufang-name"
    return "wangqiang", "246800", "wangqiang-name"


def _confirm(qtbot, form, pin: str) -> None:
    """The incoming person types their PIN in the dialog and presses Enter."""
    qtbot.waitUntil(lambda: form.dialog is not None and form.dialog.isVisible())
    dialog = form.dialog
    dialog.secret.setFocus()
    qtbot.keyClicks(dialog.secret, pin)
    qtbot.keyClick(dialog.secret, Qt.Key.Key_Return)


def test_keyboard_only_handover_to_both_signatures_then_fixed(qtbot, workspace, team, no_keyring):
    day = school_today() - timedelta(days=2)  # a night watch that is over
    shift = next(v for v in list_shifts(workspace, day, day))
    page = _page(qtbot, workspace, *_login_of(workspace, team, shift), day=day)
    form = page.form
    assert form.shift.id == shift.id  # my own shift is chosen on opening
    form.focus_first()
    # 平安 stays ticked; Tab into the first patrol row: time, place, finding.
    _tab(qtbot)
    assert QApplication.focusWidget() is form.patrols.rows[0][0]
    _type(qtbot, "2130")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # Enter moves on too
    assert QApplication.focusWidget() is form.patrols.rows[0][1]
    _type(qtbot, "宿舍楼")
    _tab(qtbot)
    _type(qtbot, "三楼走廊灯不亮")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is form.patrols.rows[1][0]
    _type(qtbot, "0530")
    _tab(qtbot)
    _type(qtbot, "校门")
    # Roll call, items handed over, the incoming person: still only the keyboard.
    for edit, value in ((form.noon_expected, "186"), (form.noon_present, "186"),
                        (form.night_expected, "186"), (form.night_present, "186")):  # fmt: skip
        edit.setFocus()
        _type(qtbot, value)
    form.handed_over.setFocus()
    _type(qtbot, "钥匙一串，对讲机两部")
    _tab(qtbot, 2)
    assert QApplication.focusWidget() is form.incoming
    _user, pin, incoming_name = _other_watcher(team, shift)
    qtbot.keyClick(form.incoming, Qt.Key.Key_Home)
    while form.incoming.currentText() != incoming_name:
        qtbot.keyClick(form.incoming, Qt.Key.Key_Down)
    # Outgoing signs (strokes need a pointer), then Enter on the focused button.
    _sign(qtbot, form.out_pad)
    form.out_button.setFocus()
    qtbot.keyClick(form.out_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: form.view is not None and form.view.outgoing_signature_id is not None)
    wait_idle(qtbot)
    assert not form.save_button.isEnabled() and form.handed_over.isReadOnly()
    # The incoming person confirms with their own PIN (Enter on the button, Enter in the dialog).
    assert not form.in_button.isEnabled() and form.confirm_button.isEnabled()
    form.confirm_button.setFocus()
    qtbot.keyClick(form.confirm_button, Qt.Key.Key_Return)
    _confirm(qtbot, form, pin)
    qtbot.waitUntil(lambda: form.in_button.isEnabled())
    _sign(qtbot, form.in_pad)
    form.in_button.setFocus()
    qtbot.keyClick(form.in_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: form.view.locked)
    wait_idle(qtbot)

    saved = get_handover(workspace, shift.id)
    assert saved.locked and saved.draft.handed_over == "钥匙一串，对讲机两部"
    assert [p.place for p in saved.draft.patrols] == ["宿舍楼", "校门"]
    # The 05:30 patrol of an overnight shift is the next morning.
    assert saved.draft.patrols[1].at.astimezone(SCHOOL_TZ).date() == shift.date + timedelta(days=1)
    assert saved.draft.night_present == 186
    # Immutability is visible: the lock line, nothing editable, no pad to sign.
    assert "已锁定" in form.state.text() and "不能再修改" in form.state.text()
    assert incoming_name in [m.name for m in page._staff]
    assert not form.out_button.isEnabled() and not form.in_button.isEnabled()
    assert form.patrols.rows[0][1].isReadOnly() and not form.peaceful.isEnabled()
    assert not form.in_pad.is_empty()
    # The zero report of the day counts it: peaceful.
    assert page.zero_title.text().startswith("平安")
    # Print / 打印: the signed handover sheet (交接班记录) opens in the preview.
    assert page.print_button.isEnabled()
    page.print_button.click()
    qtbot.waitUntil(lambda: page.preview.ready, timeout=30_000)
    assert page.preview.rendered.stamp.record_id == str(saved.id)
    page.preview.close()
    wait_idle(qtbot)


def test_the_last_patrol_route_is_filled_in(qtbot, workspace, team):
    today = school_today()
    shifts = list_shifts(workspace, today - timedelta(days=2), today)
    mine = [v for v in shifts if v.staff_id == shifts[0].staff_id]
    login = _login_of(workspace, team, mine[0])
    page = _page(qtbot, workspace, *login, day=mine[0].date)
    form = page.form
    # No earlier handover, so nothing was filled in, and the form does not say it was.
    assert [r[1].text() for r in form.patrols.rows] == [""]
    assert form.state.text().startswith("尚未填写") and "预填" not in form.state.text()
    for i, place in enumerate(("校门", "教学楼", "宿舍")):
        if i >= len(form.patrols.rows):
            form.patrols.add_row()
        form.patrols.rows[i][0].setText(f"2{i}:00")
        form.patrols.rows[i][1].setText(place)
    form.save()
    qtbot.waitUntil(lambda: form.view is not None)
    wait_idle(qtbot)
    page.day.setDate(QDate(mine[1].date.year, mine[1].date.month, mine[1].date.day))
    qtbot.waitUntil(lambda: form.shift is not None and form.shift.id == mine[1].id)
    wait_idle(qtbot)
    assert [r[1].text() for r in form.patrols.rows] == ["校门", "教学楼", "宿舍"]
    assert all(r[0].text() == ":" for r in form.patrols.rows)  # times are typed afresh
    assert "已按您上次的巡查路线预填" in form.state.text()


def test_a_finding_goes_to_the_hazard_ledger_in_one_action(qtbot, workspace, team, principal):
    today = school_today()
    shift = list_shifts(workspace, today, today)[0]
    page = _page(qtbot, workspace, *_login_of(workspace, team, shift))
    form = page.form
    form.patrols.rows[0][0].setText("22:10")
    form.patrols.rows[0][1].setText("锅炉房")
    form.patrols.rows[0][2].setText("压力表读数偏高")
    form.save()
    qtbot.waitUntil(lambda: form.view is not None)
    wait_idle(qtbot)
    button = form.patrols.buttons[0]
    assert button.isEnabled()
    button.click()
    dialog = page.dialog
    dialog.severity.setCurrentIndex(dialog.severity.findData("major"))
    dialog.accept()
    qtbot.waitUntil(lambda: "隐患台账" in form.message.text())
    wait_idle(qtbot)
    rows = hazard_ledger(workspace, principal)
    assert (
        [r.title for r in rows] == ["压力表读数偏高"]
        and rows[0].severity == "major"
        and rows[0].major
    )
    assert not form.patrols.buttons[0].isEnabled()


def test_zero_report_flags_missing_and_shows_what_happened(qtbot, workspace, team):
    today = school_today()
    shift = list_shifts(workspace, today, today)[0]
    page = _page(qtbot, workspace, *_login_of(workspace, team, shift))
    # Tonight's watch is still to come or on duty: not missing.
    assert "缺交接班" not in page.zero.text() and "值宿" in page.zero.text()
    assert "尚未上岗" in page.zero.text() or "值班中" in page.zero.text()
    assert page.zero_title.text() == "目前平安（尚有班次在岗）"
    # The night before yesterday's watch is over and nobody wrote its handover: missing.
    gone = today - timedelta(days=2)
    page.day.setDate(QDate(gone.year, gone.month, gone.day))
    qtbot.waitUntil(lambda: "缺交接班" in page.zero.text())
    assert page.zero_title.text() == "目前平安（尚未报齐）"
    page.day.setDate(QDate(today.year, today.month, today.day))
    qtbot.waitUntil(lambda: page.form.shift is not None and page.form.shift.id == shift.id)
    wait_idle(qtbot)
    form = page.form
    form.patrols.rows[0][0].setText("21:00")
    form.patrols.rows[0][1].setText("宿舍")
    form.peaceful.setChecked(False)
    form.events.rows[0][0].setText("23:40")
    form.events.rows[0][1].setText("302 宿舍学生发烧")
    form.events.rows[0][2].setText("送乡卫生院")
    form.save()
    qtbot.waitUntil(lambda: form.view is not None)
    wait_idle(qtbot)
    qtbot.waitUntil(lambda: "302 宿舍学生发烧" in page.zero.text())
    assert page.zero_title.text() == "不平安"
    assert not zero_report(workspace, today).peaceful


def test_someone_else_cannot_fill_my_shift(qtbot, workspace, team):
    today = school_today()
    shift = list_shifts(workspace, today, today)[0]
    other = (
        ("liufang", "246801")
        if shift.staff_id == team.staff["wangqiang"]
        else ("wangqiang", "246800")
    )
    page = _page(qtbot, workspace, *other)
    page.select_shift(shift.id)
    qtbot.waitUntil(lambda: page.form.shift.id == shift.id)
    wait_idle(qtbot)
    assert not page.form.save_button.isEnabled() and not page.form.out_button.isEnabled()
    assert "只有" in page.form.state.text()


def _sign_out(qtbot, form) -> None:
    _sign(qtbot, form.out_pad)
    form.out_button.click()
    qtbot.waitUntil(lambda: form.view is not None and form.view.outgoing_signature_id is not None)
    wait_idle(qtbot)


def test_the_incoming_person_confirms_with_their_own_pin_before_signing(qtbot, workspace, team):
    day = school_today() - timedelta(days=2)
    shift = list_shifts(workspace, day, day)[0]
    page = _page(qtbot, workspace, *_login_of(workspace, team, shift), day=day)
    form = page.form
    _user, pin, name = _other_watcher(team, shift)
    form.incoming.setCurrentIndex(form.incoming.findText(name))
    _sign_out(qtbot, form)
    # The incoming pad stays shut until the incoming person has confirmed.
    assert not form.in_pad.isEnabled() and not form.in_button.isEnabled()
    assert "接班人须先输入本人的密码或 PIN 码" in form.state.text()
    form.confirm_button.click()
    _confirm(qtbot, form, "999999")  # a wrong PIN: refused, the dialog stays, nothing signed
    qtbot.waitUntil(lambda: "再错 4 次" in form.dialog.message.text())
    assert form.dialog.isVisible() and form.dialog.secret.text() == ""
    assert not form.in_pad.isEnabled() and not form.in_button.isEnabled()
    assert get_handover(workspace, shift.id).incoming_signature_id is None
    qtbot.keyClicks(form.dialog.secret, pin)
    qtbot.keyClick(form.dialog.secret, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: form.dialog is None and form.in_button.isEnabled())
    assert form.in_pad.isEnabled() and not form.confirm_button.isEnabled()
    assert f"{name}已验证身份" in form.state.text()
    assert not get_handover(workspace, shift.id).locked  # confirming is not signing
    _sign(qtbot, form.in_pad)
    form.in_button.click()
    qtbot.waitUntil(lambda: form.view.locked)
    wait_idle(qtbot)
    saved = get_handover(workspace, shift.id)
    assert saved.locked and saved.incoming_id == team.staff[_user]


def test_someone_with_no_sign_in_here_cannot_confirm_and_is_told_what_to_do(qtbot, workspace, team):
    day = school_today() - timedelta(days=2)
    shift = list_shifts(workspace, day, day)[0]
    page = _page(qtbot, workspace, *_login_of(workspace, team, shift), day=day)
    form = page.form
    form.incoming.setCurrentIndex(form.incoming.findText("李建国"))  # staff, no login
    _sign_out(qtbot, form)
    form.confirm_button.click()
    qtbot.waitUntil(lambda: "李建国在本机没有登录账号" in form.message.text())
    assert form.dialog is None and "请校长在本机为李建国设置密码或 PIN 码" in form.message.text()
    assert not form.in_pad.isEnabled() and not form.in_button.isEnabled()


def test_a_running_shift_is_signed_early_only_with_a_reason(qtbot, workspace, team, principal):
    from datetime import datetime

    from app.duty.roster import add_duty_type, add_shift

    now = datetime.now(SCHOOL_TZ).replace(second=0, microsecond=0)
    starts, ends = now - timedelta(hours=1), now + timedelta(hours=3)
    duty = add_duty_type(workspace, principal, name="晚自习值班", kind="teacher",
                         start_time=starts.time(), end_time=ends.time())  # fmt: skip
    shift = add_shift(workspace, principal, duty.id, starts.date(), team.staff["wangqiang"])
    page = _page(qtbot, workspace, "wangqiang", "246800", day=starts.date())
    page.select_shift(shift.id)
    form = page.form
    qtbot.waitUntil(lambda: form.shift is not None and form.shift.id == shift.id)
    wait_idle(qtbot)
    opens = (ends - timedelta(minutes=30)).strftime("%H:%M")
    assert f"交接班签字从 {opens}" in form.state.text() and form.early_reason.isVisible()
    _sign(qtbot, form.out_pad)
    form.out_button.click()
    qtbot.waitUntil(lambda: "起才能签字交接" in form.message.text())
    wait_idle(qtbot)
    assert get_handover(workspace, shift.id).outgoing_signature_id is None  # saved, not signed
    form.early_reason.setText("王强突发胃痛，由刘芳提前接班")
    form.out_button.click()
    qtbot.waitUntil(lambda: form.view is not None and form.view.outgoing_signature_id is not None)
    wait_idle(qtbot)
    assert get_handover(workspace, shift.id).draft.early_reason == "王强突发胃痛，由刘芳提前接班"


def test_a_confirmation_left_too_long_must_be_given_again(qtbot, workspace, team):
    import dataclasses

    day = school_today() - timedelta(days=2)
    shift = list_shifts(workspace, day, day)[0]
    page = _page(qtbot, workspace, *_login_of(workspace, team, shift), day=day)
    form = page.form
    _user, pin, name = _other_watcher(team, shift)
    form.incoming.setCurrentIndex(form.incoming.findText(name))
    _sign_out(qtbot, form)
    form.confirm_button.click()
    _confirm(qtbot, form, pin)
    qtbot.waitUntil(lambda: form.in_button.isEnabled())
    _sign(qtbot, form.in_pad)
    # Eleven minutes later the confirmation no longer holds.
    given = form.confirmation
    form.confirmation = dataclasses.replace(
        given, confirmed_at=given.confirmed_at - timedelta(minutes=11)
    )
    form.in_button.click()
    assert "身份验证已过期" in form.message.text()
    assert form.confirm_button.isEnabled() and not form.in_button.isEnabled()
    wait_idle(qtbot)
    assert get_handover(workspace, shift.id).incoming_signature_id is None
