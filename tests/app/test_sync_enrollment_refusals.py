"""A registration the bureau refuses is said in words (never "offline") and not retried;
an operator's enrollment reset lets a locked-out school in again, its records kept."""

from __future__ import annotations

import json
import threading
import uuid

import pytest
import requests
from sqlalchemy import select, update

from app.bureau.cli import main as bureau_main
from app.errors import UserError
from app.sync import keys as sync_keys
from app.sync import problems
from app.sync.enrollment import enroll_from_file, import_enrollment, register
from app.sync.service import sync_pass
from app.sync.transport import HttpTransport, Refused, RetryPolicy
from db.models import BureauBundle, BureauDevice, StaffMember, SyncEnrollment
from tests.app.test_sync_e2e import FAST, enroll, rows_of
from tests.sync_support import running_bureau

# A retried refusal would show as more than one request (and, with the default
# policy, as a minute of "cannot reach the bureau").
PATIENT = RetryPolicy(attempts=5, timeout=60, wait_initial=0.01, wait_max=0.02, wait_jitter=0.0)


@pytest.fixture(autouse=True)
def _keyring(memory_keyring):
    yield


class CountRegistrations:
    """ASGI wrapper counting POST /v1/devices."""

    def __init__(self, app) -> None:
        self.app, self.count, self._lock = app, 0, threading.Lock()

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and scope["path"] == "/v1/devices":
            with self._lock:
                self.count += 1
        await self.app(scope, receive, send)


def _bureau(bureau, *args) -> int:
    return bureau_main(["--key-dir", str(bureau.key_dir), "--db", bureau.db_url, *args])


def _register_elsewhere(bureau, enrollment, *, device_id=None, school_id=None) -> None:
    """Spend an enrollment file's token as another PC (or this PC's id with other keys)."""
    other = sync_keys.create_device_keys(uuid.uuid4())
    HttpTransport(bureau.url, policy=FAST).register(
        {
            "token": json.loads(enrollment.read_text())["token"],
            "school_code": "220105-0012",
            "school_id": str(school_id or uuid.uuid4()),
            "device_id": str(device_id or other.device_id),
            "signing_key": other.signing_public_b64,
            "recipient": other.receiving.recipient,
        }
    )


def test_each_refusal_is_its_own_message_and_is_asked_once(workspace, postgres_url, tmp_path):
    ws = workspace
    counter = {}

    def wrap(app):
        counter["w"] = CountRegistrations(app)
        return counter["w"]

    def attempt(path) -> str:
        before = counter["w"].count
        info, code = enroll_from_file(
            ws, path, transport_factory=lambda url: HttpTransport(url, policy=PATIENT)
        )
        assert counter["w"].count - before == 1  # refused at once, never retried
        assert not info.registered
        return code

    with running_bureau(postgres_url, tmp_path / "keys", wrap=wrap) as bureau:
        # A file whose token another PC used already.
        used = bureau.enroll(tmp_path / "used")
        _register_elsewhere(bureau, used, school_id=ws.school_id)
        assert attempt(used) == problems.REGISTRATION_REFUSED
        assert "new enrollment file" in problems.message(problems.REGISTRATION_REFUSED)
        # A token the bureau never issued.
        forged = tmp_path / "forged.enroll.json"
        doc = json.loads(used.read_text())
        forged.write_text(json.dumps({**doc, "token": "x" * 43}))
        assert attempt(forged) == problems.REGISTRATION_REFUSED

        # The school code is bound to another school's id: the file is for another school.
        other_code = "220105-0099"
        taken = bureau.enroll(tmp_path / "taken", code=other_code)
        mine = bureau.enroll(tmp_path / "mine", code=other_code)
        HttpTransport(bureau.url, policy=FAST).register(
            {
                "token": json.loads(taken.read_text())["token"],
                "school_code": other_code,
                "school_id": str(uuid.uuid4()),
                **_keys_payload(uuid.uuid4()),
            }
        )
        got = requests.post(
            f"{bureau.url}/v1/devices",
            json={
                "token": json.loads(mine.read_text())["token"],
                "school_code": other_code,
                "school_id": str(ws.school_id),
                **_keys_payload(uuid.uuid4()),
            },
            timeout=10,
        )
        # Machine-readable, in the body and in a header.
        assert got.status_code == 409 and got.json()["reason"] == "school_bound"
        assert got.headers["x-xiaoan-reason"] == "school_bound"
        # This PC holds school 220105-0012's records: it refuses the file itself,
        # in words, before asking the bureau anything; the bureau's own refusal
        # (another PC with another school's records) is its own message.
        before = counter["w"].count
        with pytest.raises(UserError, match="220105-0099"):
            enroll_from_file(ws, mine)
        assert counter["w"].count == before
        refusal = Refused(409, got.json()["detail"], got.json()["reason"])
        assert problems.classify(refusal, registering=True) == problems.OTHER_SCHOOL
        assert "enrollment file is for another school" in problems.message(problems.OTHER_SCHOOL)

        # This PC's device id is registered with keys it does not have (a first
        # registration whose answer was lost, then keys made again).
        first = bureau.enroll(tmp_path / "first")
        _register_elsewhere(bureau, first, device_id=ws.device_id, school_id=ws.school_id)
        second = bureau.enroll(tmp_path / "second")
        assert attempt(second) == problems.OTHER_KEYS
        assert "reset the school's enrollment" in problems.message(problems.OTHER_KEYS)
        # A sync pass says the same, not "offline".
        report = sync_pass(ws, transport=HttpTransport(bureau.url, policy=PATIENT))
        assert report.problem == problems.OTHER_KEYS

        # The bureau resets the school's enrollment; the fresh file lets this PC in.
        fresh = tmp_path / "fresh.enroll.json"
        assert (
            _bureau(bureau, "reset-enrollment", "--school-code", "220105-0012", "--out", str(fresh))
            == 0
        )
        info, code = enroll_from_file(
            ws, fresh, transport_factory=lambda url: HttpTransport(url, policy=PATIENT)
        )
        assert (code, info.registered) == ("", True)
        transport = HttpTransport(bureau.url, policy=FAST)
        report = sync_pass(ws, transport=transport)
        assert report.problem == "" and not report.anything_left
        assert rows_of(bureau.engine, ws.school_id) == rows_of(ws.db.engine, ws.school_id)


def _keys_payload(device_id: uuid.UUID) -> dict[str, str]:
    keys = sync_keys.create_device_keys(device_id)
    return {
        "device_id": str(device_id),
        "signing_key": keys.signing_public_b64,
        "recipient": keys.receiving.recipient,
    }


def test_reset_retires_the_device_keeps_the_records_and_a_new_file_enrolls(
    workspace, principal, postgres_url, tmp_path, capsys
):
    ws = workspace
    with running_bureau(postgres_url, tmp_path / "keys") as bureau:
        transport = enroll(ws, bureau, tmp_path)
        assert sync_pass(ws, transport=transport).problem == ""
        spare = bureau.enroll(tmp_path / "spare")  # an unused file of the school
        with bureau.engine.connect() as conn:
            bundles = conn.execute(select(BureauBundle.sha256)).scalars().all()
        fresh = tmp_path / "fresh.enroll.json"
        capsys.readouterr()
        assert (
            _bureau(bureau, "reset-enrollment", "--school-code", "220105-0012", "--out", str(fresh))
            == 0
        )
        out = capsys.readouterr().out
        assert f"Device {ws.device_id} retired" in out and "1 unused enrollment file" in out
        assert oct(fresh.stat().st_mode & 0o777) == "0o600"

        # The retired device's uploads are turned away; what it sent stays at the bureau.
        with ws.action(principal, "edit") as s:
            s.scalar(select(StaffMember)).phone = "13812345678"
        report = sync_pass(ws, transport=transport)
        assert report.problem == problems.REFUSED and report.anything_left
        with bureau.engine.connect() as conn:
            assert conn.execute(select(BureauBundle.sha256)).scalars().all() == bundles
            assert conn.execute(select(BureauDevice.revoked_at)).scalar_one() is not None
        assert rows_of(bureau.engine, ws.school_id) != rows_of(ws.db.engine, ws.school_id)
        # The school's spare file stopped working.
        got = requests.post(
            f"{bureau.url}/v1/devices",
            json={
                "token": json.loads(spare.read_text())["token"],
                "school_code": "220105-0012",
                "school_id": str(ws.school_id),
                **_keys_payload(uuid.uuid4()),
            },
            timeout=10,
        )
        assert got.status_code == 403 and got.json()["reason"] == "token_expired"

        # The PC is enrolled again with the fresh file (as one restored from before its
        # registration would be): it registers and its records arrive, nothing lost.
        with ws.db.write(actor_id=None) as s:
            s.execute(update(SyncEnrollment).values(registered_at=None))
        import_enrollment(ws, fresh)
        transport = HttpTransport(bureau.url, policy=FAST)
        assert register(ws, transport).registered
        report = sync_pass(ws, transport=transport)
        assert report.problem == "" and not report.anything_left
        assert rows_of(bureau.engine, ws.school_id) == rows_of(ws.db.engine, ws.school_id)
