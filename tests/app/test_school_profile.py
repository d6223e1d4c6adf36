"""Editing the school profile after the wizard: the principal's, checked, audited and synced."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import select

from app.accounts.service import own_secret_kind
from app.errors import PermissionDenied, UserError
from app.school.service import get_profile, update_profile
from db.models import AuditEntry, OutboxEntry, SyncEnrollment
from tests.helpers import make_user


def enroll_as(ws, code: str) -> None:
    with ws.db.write(actor_id=None) as s:
        s.add(
            SyncEnrollment(
                id=1, bureau_url="https://bureau.example", school_code=code, school_name="",
                bureau_signing_key="k", recipients=["age1x"], bureau_fingerprint="1",
                device_fingerprint="2",
            )
        )  # fmt: skip


def test_the_principal_renames_the_school_and_the_change_is_audited_and_synced(
    workspace, principal
):
    profile = dataclasses.replace(get_profile(workspace), name="东风镇中心学校", boarding=False)
    saved = update_profile(workspace, principal, profile)
    assert saved.name == "东风镇中心学校" and get_profile(workspace).boarding is False
    with workspace.read() as s:
        last = s.scalar(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(1))
        change = s.scalar(
            select(OutboxEntry).where(OutboxEntry.table_name == "school").order_by(OutboxEntry.seq.desc()).limit(1)
        )  # fmt: skip
    assert last.action == "school.update" and last.targets[0]["table"] == "school"
    assert change.op == "update" and change.changes["name"] == "东风镇中心学校"


def test_once_enrolled_the_school_code_is_the_enrollments(workspace, principal):
    enroll_as(workspace, "220105-0012")
    profile = get_profile(workspace)
    with pytest.raises(UserError) as refused:
        update_profile(workspace, principal, dataclasses.replace(profile, code="220105-0099"))
    assert "as school 220105-0012" in str(refused.value)
    assert get_profile(workspace).code == "220105-0012"
    # The name may still change under the enrolled code.
    update_profile(workspace, principal, dataclasses.replace(profile, name="东风镇中心学校"))
    assert get_profile(workspace).name == "东风镇中心学校"


def test_before_enrollment_the_code_can_be_corrected(workspace, principal):
    profile = dataclasses.replace(get_profile(workspace), code="220105-0013")
    assert update_profile(workspace, principal, profile).code == "220105-0013"


def test_only_the_principal_edits_the_profile(workspace, principal):
    officer = make_user(workspace, principal, "zhaomin", "safety_officer").actor()
    with pytest.raises(PermissionDenied):
        update_profile(workspace, officer, dataclasses.replace(get_profile(workspace), name="x"))


def test_own_secret_kind(workspace, principal):
    guard = make_user(workspace, principal, "zhoujun", "guard").actor()
    assert own_secret_kind(workspace, principal) == "password"
    assert own_secret_kind(workspace, guard) == "pin"
