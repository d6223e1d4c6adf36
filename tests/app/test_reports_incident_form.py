"""The incident report form (突发事件报告单): printed, signed, verifiable, minors'
names as the printing user's role may read them, times on the school's clock."""

from __future__ import annotations

import shutil
import subprocess
import time
from datetime import UTC, datetime, timedelta

import pytest

from app.accounts.service import authenticate
from app.incidents.service import (
    IncidentDraft,
    PersonDraft,
    close_incident,
    log_report,
    report_incident,
)
from app.reports.forms import print_form
from tests.helpers import make_user
from ui.launcher import main as xiaoan

pytestmark = pytest.mark.skipif(
    shutil.which("pdfsig") is None, reason="poppler-utils is installed by make"
)

# 02:15 UTC is 10:15 in Beijing: a machine on UTC printed the wrong hour before.
FOUND = datetime(2026, 11, 20, 2, 15, tzinfo=UTC)


def text_of(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "f.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True
    ).stdout


@pytest.fixture
def incident(workspace, principal):
    iid = report_incident(
        workspace,
        principal,
        IncidentDraft(
            category="injury",
            place="操场",
            description="课间追逐，一名学生摔倒磕破额头。",
            discovered_at=FOUND,
            occurred_at=FOUND - timedelta(minutes=5),
            immediate_actions="校医止血包扎，通知家长。",
            people=[
                PersonDraft("王小明", "student", True, "额头擦伤"),
                PersonDraft("刘老师", "staff", False, "未受伤"),
            ],
        ),
        now=FOUND + timedelta(minutes=2),
    )
    log_report(workspace, principal, iid, "phone", to_whom="区教育局", at=FOUND + timedelta(minutes=20),
               now=FOUND + timedelta(minutes=21))  # fmt: skip
    log_report(workspace, principal, iid, "written", to_whom="区教育局",
               at=FOUND + timedelta(hours=2, minutes=30), now=FOUND + timedelta(hours=3))  # fmt: skip
    close_incident(workspace, principal, iid, "学生已返校。", now=FOUND + timedelta(days=1))
    return iid


@pytest.fixture
def utc_machine(monkeypatch):
    """The process timezone set to UTC, as on a school PC left at its factory setting."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_the_form_prints_the_record_signed_with_its_clocks(
    workspace, principal, incident, tmp_path, no_keyring
):
    rendered = print_form(workspace, principal, "incident", str(incident))
    text = text_of(rendered.pdf, tmp_path)
    assert "突发事件报告单" in text and "东风乡中心学校" in text and "表 XA-09" in text
    assert rendered.stamp.record_id == str(incident) and str(incident) in text
    assert "王小明" in text  # the principal reads minors' names
    assert "按时报告" in text and "迟报" in text  # phone on time, written 30 min late
    assert "报告人签字" in text and "校长签字" in text and "签字：" in text  # boxes to sign by pen
    assert "学生已返校。" in text and "已结案" in text
    path = tmp_path / "signed.pdf"
    path.write_bytes(rendered.pdf)
    report = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True).stdout
    assert "Signature is Valid." in report


def test_the_report_to_the_bureau_ends_with_the_stamp_and_sign_off(
    workspace, principal, incident, tmp_path
):
    text = text_of(
        print_form(workspace, principal, "incident", str(incident), sign=False).pdf, tmp_path
    )
    tail = text[text.index("报告人签字") :]  # after the signature boxes, on the same page
    assert "学校（盖章）" in tail and "\f" not in tail.rstrip("\f")
    assert "填报人：张丽" in tail and "审核人：" in tail and "日期：" in tail


def test_a_staff_members_paper_hides_the_minors_name_and_verifies_the_same(
    workspace, principal, incident, tmp_path, no_keyring
):
    make_user(workspace, principal, "zhengxia", "staff")
    staff = authenticate(workspace, "zhengxia", "482913")
    theirs = print_form(workspace, staff, "incident", str(incident), sign=False)
    text = text_of(theirs.pdf, tmp_path)
    assert "王小明" not in text
    assert "学生（已隐去姓名）" in text and "刘老师" in text  # adults keep their names
    mine = print_form(workspace, principal, "incident", str(incident), sign=False)
    assert theirs.stamp == mine.stamp  # one record, one digest, whoever printed it


def test_print_incident_latest_from_the_command_line_verifies(
    workspace, incident, tmp_path, no_keyring, capsys, monkeypatch
):
    monkeypatch.setenv("XIAOAN_LANG", "en")
    out = tmp_path / "incident.pdf"
    args = ["print", "incident", "--data-dir", str(workspace.data_dir), "-o", str(out)]
    assert xiaoan(args) == 0
    capsys.readouterr()
    assert "王小明" in text_of(out.read_bytes(), tmp_path)  # printed as the principal
    assert xiaoan(["verify-pdf", "--data-dir", str(workspace.data_dir), str(out)]) == 0
    assert capsys.readouterr().out.startswith("matches")


def test_times_are_beijing_time_on_a_machine_set_to_utc(
    workspace, principal, incident, tmp_path, utc_machine
):
    assert datetime.fromtimestamp(FOUND.timestamp()).hour == 2  # the machine says UTC
    text = text_of(
        print_form(workspace, principal, "incident", str(incident), sign=False).pdf, tmp_path
    )
    assert "2026-11-20 10:15" in text  # discovered
    assert "2026-11-20 10:10" in text  # occurred
    assert "2026-11-20 10:35" in text  # phone report made
    assert "2026-11-21 10:15" in text  # closed
    assert "2026-11-20 02:15" not in text


def test_the_inspection_form_also_prints_beijing_time_on_a_utc_machine(
    workspace, principal, tmp_path, utc_machine
):
    from app.inspections.service import start_inspection

    iid = start_inspection(
        workspace, principal, "daily_patrol", ["daily_patrol"], place="教学楼", started_at=FOUND
    )
    text = text_of(
        print_form(workspace, principal, "inspection", str(iid), sign=False).pdf, tmp_path
    )
    assert "2026-11-20 10:15" in text and "2026-11-20 02:15" not in text
