"""The bureau never lets one bad bundle block the queue; merge rules; enrollment; USB; CLI."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from app.sync import keys as sync_keys
from app.sync.bundle import build_bundle, bundle_name, sha256_hex
from app.sync.enrollment import import_enrollment, register
from app.sync.service import sync_pass
from app.sync.transport import HttpTransport, Refused
from db import schema
from db.hlc import pack
from db.models import BureauBundle, BureauDevice, StaffMember, SyncBundle, UserAccount
from tests.app.test_sync_e2e import FAST, enroll, rows_of
from tests.sync_support import running_bureau


@pytest.fixture(autouse=True)
def _keyring(memory_keyring):
    yield


@pytest.fixture
def school(workspace):
    return workspace


def upload(bureau, tmp_path, data: bytes, name: str):
    """Upload as the device the file name names (its keys are in the keystore)."""
    path = tmp_path / name
    path.write_bytes(data)
    sender = uuid.UUID(name.split(".")[1])
    return bureau.device_transport(sender, policy=FAST).upload(
        path, {"name": name}, url=None, on_url=lambda _u: None
    )


def forge(ws, bureau, *, seq, prev, hlc, signing=None, device_id=None, changes=None):
    keys = sync_keys.load_device_keys(ws.device_id)
    device_id = device_id or ws.device_id
    row = str(uuid.uuid4())
    changes = changes or [
        {
            "table": "user_account",
            "row": row,
            "op": "insert",
            "hlc": hlc,
            "device": str(device_id),
            "changes": {
                "id": row,
                "school_id": str(ws.school_id),
                "username": f"u{seq}-{row[:6]}",
                "role": "staff",
                "active": True,
                "hlc": hlc,
                "origin_device": str(device_id),
                "created_at": "2026-11-23T06:00:00+00:00",
                "updated_at": "2026-11-23T06:00:00+00:00",
                "deleted_at": None,
            },
        }
    ]
    data = build_bundle(
        school_id=ws.school_id,
        device_id=device_id,
        seq=seq,
        prev_sha256=prev,
        changes=changes,
        blobs={},
        schema_revision=schema.HEAD,
        app_version="0.1.0",
        signing_key=signing or keys.signing,
        recipients=[bureau.config.age.recipient],
        created_at=datetime.now(UTC).isoformat(),
    )
    return data, bundle_name(ws.school_id, device_id, seq)


def bureau_state(bureau, sha):
    with bureau.engine.connect() as conn:
        row = conn.execute(select(BureauBundle).where(BureauBundle.sha256 == sha)).one()
    return row.state, row.reason


def test_bad_bundles_are_quarantined_by_reason_and_good_ones_keep_flowing(
    school, principal, postgres_url, tmp_path
):
    with running_bureau(postgres_url, tmp_path / "keys") as bureau:
        transport = enroll(school, bureau, tmp_path)
        assert not sync_pass(school, transport=transport).anything_left  # bundle 1
        with school.action(principal, "edit") as s:
            s.scalar(select(StaffMember)).phone = "13812345678"
        from app.sync.outgoing import outgoing_dir, pack_pending

        pack_pending(school, sync_keys.load_device_keys(school.device_id))
        with school.read() as s:
            two = s.scalar(select(SyncBundle).where(SyncBundle.seq == 2))
        good = (outgoing_dir(school) / two.file_name).read_bytes()

        tampered = bytearray(good)
        tampered[len(tampered) // 2] ^= 0x01
        assert upload(bureau, tmp_path, bytes(tampered), two.file_name).state == "quarantined"
        assert bureau_state(bureau, sha256_hex(bytes(tampered))) == ("quarantined", "corrupt")

        stranger = sync_keys.SigningKey.generate()
        data, name = forge(
            school,
            bureau,
            seq=1,
            prev="",
            hlc=pack(1_790_000_000_000),
            signing=stranger,
            device_id=uuid.uuid4(),
        )
        # Sent by this PC (the only party that can upload as it): another device's
        # file from it is wrong_sender, recorded against this PC.
        upload(bureau, tmp_path, data, bundle_name(school.school_id, school.device_id, 9))
        assert bureau_state(bureau, sha256_hex(data)) == ("quarantined", "wrong_sender")

        # An old seq replayed with other content (say, a PC restored from a backup).
        data, name = forge(school, bureau, seq=1, prev="", hlc=pack(1_790_000_000_000))
        outcome = upload(bureau, tmp_path, data, name)
        assert (outcome.state, outcome.reason) == ("quarantined", "seq_conflict")  # HTTP 409

        # The genuine bundle 2 still applies.
        report = sync_pass(school, transport=transport)
        assert report.error == "" and not report.anything_left and report.acked_seq == 2
        assert rows_of(bureau.engine, school.school_id) == rows_of(
            school.db.engine, school.school_id
        )

        # A PC clock two days ahead: quarantined, and the next bundle still applies.
        future = pack(int(datetime.now(UTC).timestamp() * 1000) + 2 * 86_400_000)
        skewed, name3 = forge(school, bureau, seq=3, prev=two.sha256, hlc=future)
        upload(bureau, tmp_path, skewed, name3)
        assert bureau_state(bureau, sha256_hex(skewed)) == ("quarantined", "clock_skew")
        normal, name4 = forge(
            school, bureau, seq=4, prev=sha256_hex(skewed), hlc=pack(1_790_000_000_000)
        )
        upload(bureau, tmp_path, normal, name4)
        assert bureau_state(bureau, sha256_hex(normal)) == ("applied", "")
        acks = bureau.ingestor.acks(school.device_id)
        assert acks.contiguous_seq == 4
        assert {q["reason"] for q in acks.quarantined} == {
            "corrupt",
            "wrong_sender",  # the stranger's file, sent by this PC
            "seq_conflict",
            "clock_skew",
        }


def test_a_gap_holds_later_bundles_until_it_is_filled(school, postgres_url, tmp_path):
    with running_bureau(postgres_url, tmp_path / "keys") as bureau:
        enroll(school, bureau, tmp_path)
        b1, n1 = forge(school, bureau, seq=1, prev="", hlc=pack(1_790_000_000_000))
        b2, n2 = forge(school, bureau, seq=2, prev=sha256_hex(b1), hlc=pack(1_790_000_000_001))
        assert upload(bureau, tmp_path, b2, n2).state == "held"
        assert bureau.ingestor.acks(school.device_id).held == [2]
        assert upload(bureau, tmp_path, b1, n1).state == "applied"
        assert bureau_state(bureau, sha256_hex(b2)) == ("applied", "")
        # A broken hash chain is named.
        b3, n3 = forge(school, bureau, seq=3, prev="0" * 64, hlc=pack(1_790_000_000_002))
        upload(bureau, tmp_path, b3, n3)
        assert bureau_state(bureau, sha256_hex(b3)) == ("quarantined", "broken_chain")


def test_fields_merge_last_writer_wins_per_field(school, postgres_url, tmp_path):
    with running_bureau(postgres_url, tmp_path / "keys") as bureau:
        enroll(school, bureau, tmp_path)
        row = str(uuid.uuid4())
        insert, _ = forge(school, bureau, seq=1, prev="", hlc=pack(1_790_000_000_000))
        # Rebuild: one insert, then two updates of different fields with crossing clocks.
        base = json.loads(json.dumps(_changes_of(bureau, insert)))
        base[0]["row"] = base[0]["changes"]["id"] = row
        upd_new = {
            "table": "user_account",
            "row": row,
            "op": "update",
            "hlc": pack(1_790_000_000_009),
            "device": str(school.device_id),
            "changes": {"role": "guard"},
        }
        upd_old = {
            "table": "user_account",
            "row": row,
            "op": "update",
            "hlc": pack(1_790_000_000_005),
            "device": str(school.device_id),
            "changes": {"role": "staff", "username": "menwei"},
        }
        b1, n1 = forge(school, bureau, seq=1, prev="", hlc=0, changes=base + [upd_new])
        b2, n2 = forge(school, bureau, seq=2, prev=sha256_hex(b1), hlc=0, changes=[upd_old])
        upload(bureau, tmp_path, b1, n1)
        upload(bureau, tmp_path, b2, n2)
        with bureau.engine.connect() as conn:
            got = conn.execute(
                select(UserAccount.role, UserAccount.username, UserAccount.hlc).where(
                    UserAccount.id == uuid.UUID(row)
                )
            ).one()
        assert got.role == "guard" and got.username == "menwei"
        assert got.hlc == pack(1_790_000_000_009)


def _changes_of(bureau, data):
    from app.sync.bundle import read_bundle

    return read_bundle(data, [bureau.config.age], lambda d, s: _any_key(bureau, d)).changes


def _any_key(bureau, device_id):
    import base64

    with bureau.engine.connect() as conn:
        key = conn.execute(
            select(BureauDevice.signing_key).where(BureauDevice.device_id == device_id)
        ).scalar()
    return base64.b64decode(key)


def test_an_enrollment_token_works_once(school, workspace, postgres_url, tmp_path):
    with running_bureau(postgres_url, tmp_path / "keys") as bureau:
        path = bureau.enroll(tmp_path)
        import_enrollment(school, path)
        register(school, HttpTransport(bureau.url, policy=FAST))
        token = json.loads(path.read_text())["token"]
        with pytest.raises(Refused) as err:
            HttpTransport(bureau.url, policy=FAST).register(
                {
                    "token": token,
                    "school_code": "220105-0012",
                    "school_id": str(school.school_id),
                    "device_id": str(uuid.uuid4()),
                    "signing_key": sync_keys.SigningKey.generate().public.hex()[:44],
                    "recipient": sync_keys.AgeIdentity.generate().recipient,
                }
            )
        assert err.value.status in (400, 403)
        with bureau.engine.connect() as conn:
            from db.models import EnrollmentToken

            stored = conn.execute(select(EnrollmentToken.token_sha256)).scalars().all()
        assert token not in stored and len(stored) == 1


def test_usb_round_trip_with_the_command_lines(school, postgres_url, tmp_path, capsys):
    from app.bureau.cli import main as bureau_main
    from app.cli.main import build_parser, run_command

    def xiaoan(*argv):
        args = build_parser().parse_args([*argv[:1], "--data-dir", str(school.data_dir), *argv[1:]])
        return run_command(args)

    with running_bureau(postgres_url, tmp_path / "keys") as bureau:
        path = bureau.enroll(tmp_path)
        import_enrollment(school, path)
        register(school, HttpTransport(bureau.url, policy=FAST))
        usb = tmp_path / "usb"
        assert xiaoan("export-usb", str(usb)) == 0
        assert len(list(usb.glob("*.bundle"))) == 1
        keys = ["--key-dir", str(tmp_path / "keys")]
        assert bureau_main([*keys, "import", str(usb)]) == 0
        assert bureau_main([*keys, "export-returns", str(usb)]) == 0
        assert xiaoan("import-usb", str(usb)) == 0
        with school.read() as s:
            assert {b.state for b in s.scalars(select(SyncBundle))} == {"acked"}
        assert rows_of(bureau.engine, school.school_id) == rows_of(
            school.db.engine, school.school_id
        )
        capsys.readouterr()
        assert bureau_main([*keys, "status"]) == 0
        out = capsys.readouterr().out
        assert "220105-0012" in out and "contiguous seq" in out
        assert xiaoan("sync") == 0  # nothing left


def test_the_served_api_runs_as_its_own_process(school, postgres_url, tmp_path):
    """``xiaoan-bureau serve`` as an operator runs it: a separate process on loopback."""
    import requests

    from tests.sync_support import BureauUnderTest, bureau_process

    bureau = BureauUnderTest(postgres_url, tmp_path / "keys")  # init + keys, not started
    try:
        with bureau_process(tmp_path / "keys") as (_proc, url):
            paths = requests.get(f"{url}/openapi.json", timeout=5).json()["paths"]
            assert {"/tus/", "/tus/{uid}", "/v1/devices", "/v1/devices/{device_id}/return"} <= (
                set(paths)
            )
            import_enrollment(school, bureau.enroll(tmp_path))
            transport = HttpTransport(url, policy=FAST)
            report = sync_pass(school, transport=transport)
            assert report.error == "" and not report.anything_left
            assert rows_of(bureau.engine, school.school_id) == rows_of(
                school.db.engine, school.school_id
            )
    finally:
        bureau.stop()
