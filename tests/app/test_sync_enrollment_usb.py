"""A school without internet enrolls by USB: its registration request travels with its
bundles, the bureau registers it and answers with a return file that marks the PC
registered. Bundles made before the bureau knew the device wait and are taken once
it registers."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from app.bureau.cli import main as bureau_main
from app.bureau.enrollment import register_device
from app.sync import keys as sync_keys
from app.sync.enrollment import TOKEN_SECRET, current_enrollment, import_enrollment, register
from app.sync.service import export_usb, import_usb, sync_pass
from app.sync.transport import HttpTransport
from db.models import BureauBundle, StaffMember, SyncBundle
from tests.app.test_sync_e2e import FAST, rows_of
from tests.sync_support import running_bureau


@pytest.fixture(autouse=True)
def _keyring(memory_keyring):
    yield


def _bureau(bureau, *args) -> int:
    return bureau_main(["--key-dir", str(bureau.key_dir), "--db", bureau.db_url, *args])


def _states(ws) -> set[str]:
    with ws.read() as s:
        return {b.state for b in s.scalars(select(SyncBundle))}


def test_a_school_without_internet_enrolls_and_syncs_by_usb(
    workspace, principal, postgres_url, tmp_path, capsys
):
    ws = workspace
    with running_bureau(postgres_url, tmp_path / "keys") as bureau:
        import_enrollment(ws, bureau.enroll(tmp_path))
        with ws.action(principal, "edit") as s:
            s.scalar(select(StaffMember)).phone = "13800000001"
        stick = tmp_path / "stick"
        bundles = export_usb(ws, stick)
        request = stick / f"{ws.device_id}.register"
        assert bundles and request.is_file() and request not in bundles
        assert oct(request.stat().st_mode & 0o777) == "0o600" and request.stat().st_size < 4096
        sent = json.loads(request.read_text())
        assert sent["format"] == "xiaoan-registration/1"
        assert sent["device_id"] == str(ws.device_id) and sent["school_id"] == str(ws.school_id)

        capsys.readouterr()
        assert _bureau(bureau, "import-usb", str(stick)) == 0
        out = capsys.readouterr().out
        assert f"{ws.device_id}.register: registered" in out and "applied" in out
        assert rows_of(bureau.engine, ws.school_id) == rows_of(ws.db.engine, ws.school_id)
        replies = tmp_path / "replies"
        assert _bureau(bureau, "export-returns", str(replies), "--school-code", "220105-0012") == 0

        assert current_enrollment(ws).registered_at is None
        report = import_usb(ws, replies)
        assert report.applied == 1 and not report.problems
        assert current_enrollment(ws).registered_at is not None
        assert sync_keys.load_secret(ws.device_id, TOKEN_SECRET) is None  # spent, forgotten
        assert _states(ws) == {"acked"}

        # A second round: no request any more (an old one on the stick is removed).
        with ws.action(principal, "edit") as s:
            s.scalar(select(StaffMember)).phone = "13800000002"
        assert len(export_usb(ws, stick)) == 1 and not request.exists()
        assert _bureau(bureau, "import-usb", str(stick)) == 0
        assert _bureau(bureau, "export-returns", str(replies), "--school-code", "220105-0012") == 0
        assert import_usb(ws, replies).applied == 1
        assert _states(ws) == {"acked"}
        assert rows_of(bureau.engine, ws.school_id) == rows_of(ws.db.engine, ws.school_id)
        # The same stick again changes nothing.
        assert _bureau(bureau, "import-usb", str(stick)) == 0


def test_bundles_that_came_before_the_registration_are_taken_when_it_comes(
    workspace, principal, postgres_url, tmp_path, capsys
):
    ws = workspace
    with running_bureau(postgres_url, tmp_path / "keys") as bureau:
        import_enrollment(ws, bureau.enroll(tmp_path))
        stick = tmp_path / "stick"
        export_usb(ws, stick)
        request = stick / f"{ws.device_id}.register"
        request.rename(tmp_path / "request.json")

        # The bundles alone: the bureau does not know the device yet; they wait, visibly.
        assert _bureau(bureau, "import-usb", str(stick)) == 1
        capsys.readouterr()
        assert _bureau(bureau, "status") == 0
        out = capsys.readouterr().out
        assert f"device {ws.device_id}: 1 file(s)" in out and "not registered" in out
        with bureau.engine.connect() as conn:
            row = conn.execute(select(BureauBundle)).one()
        assert (row.state, row.reason, row.device_id) == ("quarantined", "unknown_device", None)

        # Registered, but the step after it was lost (the bureau stopped): the same
        # bytes again are looked at afresh, not answered "duplicate".
        payload = json.loads((tmp_path / "request.json").read_text())
        payload.pop("format")
        register_device(bureau.engine, payload)
        # Known now, nothing applied yet: a return file is made for it all the same,
        # and it tells the PC it is registered.
        replies = tmp_path / "replies"
        assert _bureau(bureau, "export-returns", str(replies), "--school-code", "220105-0012") == 0
        assert import_usb(ws, replies).applied == 1
        assert current_enrollment(ws).registered_at is not None
        assert current_enrollment(ws).acked_seq == 0
        capsys.readouterr()
        assert _bureau(bureau, "import-usb", str(stick)) == 0
        assert "applied" in capsys.readouterr().out
        assert rows_of(bureau.engine, ws.school_id) == rows_of(ws.db.engine, ws.school_id)

        # Then it syncs over HTTP as usual.
        transport = HttpTransport(bureau.url, policy=FAST)
        report = sync_pass(ws, transport=transport)
        assert report.problem == "" and not report.anything_left
        assert rows_of(bureau.engine, ws.school_id) == rows_of(ws.db.engine, ws.school_id)


def test_an_http_registration_takes_the_bundles_that_waited_for_it(
    workspace, principal, postgres_url, tmp_path, capsys
):
    ws = workspace
    with running_bureau(postgres_url, tmp_path / "keys") as bureau:
        import_enrollment(ws, bureau.enroll(tmp_path))
        with ws.action(principal, "edit") as s:
            s.scalar(select(StaffMember)).phone = "13800000004"
        stick = tmp_path / "stick"
        export_usb(ws, stick)
        (stick / f"{ws.device_id}.register").unlink()
        # Requests from outside: a big one is not read, a malformed one is refused.
        (stick / "big.register").write_bytes(b"{" + b" " * 5000 + b"}")
        (stick / "odd.register").write_text('{"format": "xiaoan-registration/1", "token": 5}')
        (stick / "list.register").write_text("[1, 2]")
        capsys.readouterr()
        assert _bureau(bureau, "import-usb", str(stick)) == 1  # waiting: device unknown
        out = capsys.readouterr().out
        assert "big.register: skipped too_large" in out
        assert (
            "odd.register: refused malformed" in out and "list.register: refused malformed" in out
        )
        transport = HttpTransport(bureau.url, policy=FAST)
        assert register(ws, transport).registered
        with bureau.engine.connect() as conn:
            states = conn.execute(select(BureauBundle.state)).scalars().all()
        assert states and set(states) == {"applied"}
        assert rows_of(bureau.engine, ws.school_id) == rows_of(ws.db.engine, ws.school_id)
        report = sync_pass(ws, transport=transport)
        assert report.problem == "" and not report.anything_left
