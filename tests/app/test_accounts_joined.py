"""The first sign-in on a PC that joined its school: the principal claims it, once.

A real bureau on loopback (PostgreSQL): the office PC sets up the school, adds
a safety officer and syncs; a second PC joins from an empty data folder with
the enrollment file and receives the accounts without anybody's secret.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.accounts import joined
from app.accounts.service import authenticate, login_choices
from app.errors import UserError
from app.sync.service import sync_pass
from db.models import AuditEntry, LocalCredential, UserAccount
from tests.helpers import make_user
from tests.sync_support import running_bureau
from tests.two_way_support import enroll, join

PIN = "582914"


@pytest.fixture(autouse=True)
def _no_real_keyring(memory_keyring):
    yield


@pytest.fixture
def bureau(postgres_url, tmp_path):
    with running_bureau(postgres_url, tmp_path / "keys") as b:
        yield b


@pytest.fixture
def joined_pc(workspace, principal, bureau, tmp_path):
    make_user(workspace, principal, "lianq", "safety_officer")
    office_net = enroll(workspace, bureau, tmp_path / "e1")
    assert sync_pass(workspace, transport=office_net).problem == ""
    pc, pc_net = join(tmp_path / "second", bureau, tmp_path / "e2")
    assert joined.join_stage(pc) == joined.JOIN  # enrolled, nothing received yet
    assert sync_pass(pc, transport=pc_net).problem == ""
    yield pc
    pc.close()


def _user(ws, username: str) -> UserAccount:
    with ws.read() as s:
        return s.scalar(select(UserAccount).where(UserAccount.username == username))


def test_the_principal_claims_a_joined_pc_once_and_then_signs_in_as_usual(joined_pc):
    assert joined.join_stage(joined_pc) == joined.CLAIM
    assert login_choices(joined_pc) == []  # nobody could sign in here yet
    choices = joined.claim_choices(joined_pc)
    assert [(c.username, c.role) for c in choices] == [("zhangli", "principal")]

    actor = joined.claim_on_joined_pc(joined_pc, choices[0].user_id, "pin", PIN)
    assert actor.role == "principal" and actor.name == "张丽"
    assert joined.join_stage(joined_pc) is None
    assert authenticate(joined_pc, "zhangli", PIN).user_id == actor.user_id
    with joined_pc.read() as s:
        entry = s.scalar(select(AuditEntry).where(AuditEntry.action == "user.claim_on_pc"))
    assert entry is not None and entry.actor_id == actor.user_id and entry.detail == "pin"

    # Once anybody has a secret here, nobody can claim again, the principal neither.
    with pytest.raises(UserError) as err:
        joined.claim_on_joined_pc(joined_pc, actor.user_id, "pin", "771234")
    assert "already signs in" in str(err.value.message)
    assert joined.claim_choices(joined_pc) == []
    assert authenticate(joined_pc, "zhangli", PIN).role == "principal"


def test_a_safety_officer_may_not_claim_a_joined_pc(joined_pc):
    officer = _user(joined_pc, "lianq")
    assert officer is not None and officer.role == "safety_officer"
    with pytest.raises(UserError) as err:
        joined.claim_on_joined_pc(joined_pc, officer.id, "pin", PIN)
    assert "Only the principal" in str(err.value.message)
    with joined_pc.read() as s:
        assert s.scalar(select(LocalCredential.user_id)) is None
        assert s.scalar(select(AuditEntry).where(AuditEntry.action == "user.claim_on_pc")) is None
    assert joined.join_stage(joined_pc) == joined.CLAIM


def test_a_bad_secret_is_refused_and_changes_nothing(joined_pc):
    principal_id = joined.claim_choices(joined_pc)[0].user_id
    with pytest.raises(UserError):
        joined.claim_on_joined_pc(joined_pc, principal_id, "pin", "12")
    assert joined.join_stage(joined_pc) == joined.CLAIM


def test_a_pc_that_set_up_its_own_school_has_nothing_to_claim(workspace, principal):
    assert joined.join_stage(workspace) is None
    assert joined.claim_choices(workspace) == []
    with pytest.raises(UserError):
        joined.claim_on_joined_pc(workspace, principal.user_id, "pin", PIN)


def test_an_empty_folder_is_new(empty_workspace):
    assert joined.join_stage(empty_workspace) == joined.NEW
