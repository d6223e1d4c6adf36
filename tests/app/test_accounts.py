"""Sign-in, lock-out and permissions, enforced in the services."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from app.accounts import service as accounts
from app.errors import PermissionDenied, UserError
from db.base import utcnow
from db.models import AuditEntry, LocalCredential, OutboxEntry, UserAccount
from tests.helpers import PRINCIPAL_PASSWORD, make_user


def test_principal_signs_in_with_password_and_staff_with_pin(workspace, principal):
    assert principal.role == "principal"
    make_user(workspace, principal, "wangqiang", "staff", pin="482913")
    actor = accounts.authenticate(workspace, "WangQiang ", "482913")
    assert actor.name == "wangqiang-name" and actor.role == "staff"


def test_secrets_are_stored_as_argon2id_hashes_never_in_clear(workspace, principal):
    make_user(workspace, principal, "wangqiang", "staff", pin="482913")
    with workspace.read() as s:
        hashes = list(s.scalars(select(LocalCredential.secret_hash)))
        outbox_text = str([o.changes for o in s.scalars(select(OutboxEntry))])
    assert all(h.startswith("$argon2id$") for h in hashes)
    assert "482913" not in str(hashes) and PRINCIPAL_PASSWORD not in str(hashes)
    # Secrets never enter the sync outbox (credentials are local to the PC).
    assert "argon2" not in outbox_text


def test_wrong_secret_says_how_many_attempts_are_left(workspace, principal):
    make_user(workspace, principal, "wangqiang", "staff")
    with pytest.raises(UserError) as err:
        accounts.authenticate(workspace, "wangqiang", "999999")
    assert err.value.params["left"] == 4


def test_five_wrong_attempts_lock_the_account_even_for_the_right_pin(workspace, principal):
    make_user(workspace, principal, "wangqiang", "staff", pin="482913")
    for _ in range(5):
        with pytest.raises(UserError):
            accounts.authenticate(workspace, "wangqiang", "000001")
    with pytest.raises(UserError) as err:
        accounts.authenticate(workspace, "wangqiang", "482913")
    assert "locked" in err.value.message
    users = {u.username: u for u in accounts.list_users(workspace, principal)}
    assert users["wangqiang"].locked_until is not None

    accounts.unlock(workspace, principal, users["wangqiang"].id)
    assert accounts.authenticate(workspace, "wangqiang", "482913").role == "staff"


def test_lock_expires(workspace, principal):
    user = make_user(workspace, principal, "wangqiang", "staff", pin="482913")
    with workspace.db.write(actor_id=None) as s:
        s.get(LocalCredential, user.id).locked_until = utcnow() - timedelta(seconds=1)
    assert accounts.authenticate(workspace, "wangqiang", "482913")


def test_unknown_and_deactivated_users_cannot_sign_in(workspace, principal):
    user = make_user(workspace, principal, "wangqiang", "staff", pin="482913")
    with pytest.raises(UserError):
        accounts.authenticate(workspace, "nobody", "482913")
    accounts.set_active(workspace, principal, user.id, False)
    with pytest.raises(UserError):
        accounts.authenticate(workspace, "wangqiang", "482913")


def test_unknown_and_inactive_names_cost_the_same_argon2_check_and_read_the_same(
    workspace, principal, monkeypatch
):
    """No name can be told apart: every sign-in runs one Argon2id verification with the
    parameters real accounts use, and unknown and inactive names read the same refusal."""
    from app.accounts import secrets

    user = make_user(workspace, principal, "wangqiang", "staff", pin="482913")
    accounts.set_active(workspace, principal, user.id, False)
    with workspace.read() as s:
        real_hash = s.get(LocalCredential, principal.user_id).secret_hash
    real = secrets._hasher()
    checked: list[str] = []

    class Spy:
        def verify(self, stored_hash, secret):
            checked.append(stored_hash)
            return real.verify(stored_hash, secret)

        def __getattr__(self, name):
            return getattr(real, name)

    monkeypatch.setattr(secrets, "_hasher", Spy)
    messages = []
    for name in ("nobody", "wangqiang", "zhangli"):
        with pytest.raises(UserError) as refused:
            accounts.authenticate(workspace, name, "482913")
        messages.append(refused.value.localized())
    assert len(checked) == 3, "one Argon2 verification per attempt, known name or not"
    params = real_hash.split("$")[1:4]  # argon2id, v=19, m=…,t=…,p=…
    assert all(h.split("$")[1:4] == params for h in checked)
    assert messages[0] == messages[1], "unknown and inactive names read the same"
    assert messages[2] != messages[0]  # a known name counts its attempts (the lock-out)


def test_a_staff_user_calling_a_principal_only_service_gets_permission_error(workspace, principal):
    staff = make_user(workspace, principal, "wangqiang", "staff").actor()
    with workspace.read() as s:
        users_before = s.scalars(select(UserAccount)).all()
    with pytest.raises(PermissionError) as err:
        accounts.create_user(
            workspace,
            staff,
            username="intruder",
            display_name="x",
            role="principal",
            secret_kind="pin",
            secret="482913",
        )
    assert isinstance(err.value, PermissionDenied)
    with pytest.raises(PermissionError):
        accounts.list_users(workspace, staff)
    with pytest.raises(PermissionError):
        accounts.set_active(workspace, staff, principal.user_id, False)
    with workspace.read() as s:
        assert len(s.scalars(select(UserAccount)).all()) == len(users_before)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"username": "a b"}, "user name"),
        ({"display_name": "  "}, "name"),
        ({"secret": "12345"}, "6 digits"),
        ({"secret": "111111"}, "easy to guess"),
        ({"secret_kind": "password", "secret": "short"}, "at least"),
        ({"username": "zhangli"}, "already taken"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_saved(workspace, principal, fields, message):
    with workspace.read() as s:
        outbox_before = len(s.scalars(select(OutboxEntry)).all())
        audit_before = len(s.scalars(select(AuditEntry)).all())
    args = {
        "username": "newuser",
        "display_name": "新用户",
        "role": "staff",
        "secret_kind": "pin",
        "secret": "482913",
    } | fields
    with pytest.raises(UserError, match=message):
        accounts.create_user(workspace, principal, **args)
    with workspace.read() as s:
        assert len(s.scalars(select(OutboxEntry)).all()) == outbox_before
        assert len(s.scalars(select(AuditEntry)).all()) == audit_before


def test_the_last_principal_cannot_be_deactivated_or_demoted(workspace, principal):
    other = make_user(workspace, principal, "deputy", "safety_officer")
    with pytest.raises(UserError, match="You cannot deactivate your own"):
        accounts.set_active(workspace, principal, principal.user_id, False)
    with pytest.raises(UserError, match="at least one active principal"):
        accounts.update_user(
            workspace, principal, principal.user_id, display_name="张丽", role="staff"
        )
    accounts.update_user(workspace, principal, other.id, display_name="副校长", role="principal")
    accounts.update_user(workspace, principal, principal.user_id, display_name="张丽", role="staff")


def test_changing_own_pin_needs_the_current_one(workspace, principal):
    staff = make_user(workspace, principal, "wangqiang", "staff", pin="482913").actor()
    with pytest.raises(UserError, match="current password"):
        accounts.change_own_secret(
            workspace, staff, current="000000", secret_kind="pin", secret="736291"
        )
    accounts.change_own_secret(
        workspace, staff, current="482913", secret_kind="pin", secret="736291"
    )
    assert accounts.authenticate(workspace, "wangqiang", "736291")


def test_login_choices_list_only_active_users_with_a_secret_here(workspace, principal):
    user = make_user(workspace, principal, "wangqiang", "staff")
    names = {c.username for c in accounts.login_choices(workspace)}
    assert names == {"zhangli", "wangqiang"}
    accounts.set_active(workspace, principal, user.id, False)
    assert {c.username for c in accounts.login_choices(workspace)} == {"zhangli"}


def test_a_hash_made_with_other_parameters_still_verifies_and_is_upgraded(workspace, principal):
    from argon2 import PasswordHasher

    user = make_user(workspace, principal, "wangqiang", "staff", pin="482913")
    old = PasswordHasher(time_cost=1, memory_cost=8 * 1024, parallelism=2).hash("482913")
    with workspace.db.write(actor_id=None) as s:
        s.get(LocalCredential, user.id).secret_hash = old
    assert accounts.authenticate(workspace, "wangqiang", "482913")
    with workspace.read() as s:
        upgraded = s.get(LocalCredential, user.id).secret_hash
    assert upgraded != old and "m=19456,t=2,p=1" in upgraded
    assert accounts.authenticate(workspace, "wangqiang", "482913")
