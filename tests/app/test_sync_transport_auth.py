"""Only an enrolled device's signed requests reach the bureau; floods and oversized bodies
are cut off; abandoned uploads expire; registration refuses broken keys; a wrong
enrollment can be undone."""

from __future__ import annotations

import base64
import hashlib
import json
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from sqlalchemy import func, select

from app.bureau.device_auth import DeviceAuth
from app.bureau.enrollment import register_device
from app.bureau.limits import Limits
from app.sync import keys as sync_keys
from app.sync.bundle import bundle_name
from app.sync.enrollment import import_enrollment, register
from app.sync.service import sync_pass
from app.sync.transport import DeviceSigner, HttpTransport, Refused
from db.models import BureauBundle, BureauDevice
from tests.app.test_sync_e2e import FAST, enroll
from tests.sync_support import running_bureau


@pytest.fixture(autouse=True)
def _keyring(memory_keyring):
    yield


def _trace(bureau) -> tuple:
    """Everything an accepted request could leave behind."""
    with bureau.engine.connect() as conn:
        bundles = conn.execute(select(func.count()).select_from(BureauBundle)).scalar()
        seqs = conn.execute(select(BureauDevice.device_id, BureauDevice.return_seq)).all()
    spool = bureau.config.spool_dir
    files = sorted(p.name for p in spool.rglob("*") if p.is_file())
    return bundles, sorted(seqs), files


def _second_device(bureau, ws, tmp_path) -> uuid.UUID:
    """Another PC of the same school, registered with its own keys and token."""
    device_id = uuid.uuid4()
    keys = sync_keys.create_device_keys(device_id)
    token = json.loads(bureau.enroll(tmp_path / "b").read_text())["token"]
    register_device(
        bureau.engine,
        {
            "token": token,
            "school_code": "220105-0012",
            "school_id": str(ws.school_id),
            "device_id": str(device_id),
            "signing_key": keys.signing_public_b64,
            "recipient": keys.receiving.recipient,
        },
    )
    return device_id


def _signer(bureau, device_id) -> DeviceSigner:
    return DeviceSigner(bureau.url, device_id, sync_keys.device_keys(device_id).signing)


def _create(bureau, signer, name: str, length: int = 100) -> requests.Response:
    url = f"{bureau.url}/tus/"
    meta = "name " + base64.b64encode(name.encode()).decode()
    headers = {"Tus-Resumable": "1.0.0", "Upload-Length": str(length), "Upload-Metadata": meta}
    if signer is not None:
        headers["Authorization"] = signer.header("POST", url, headers)
    return requests.post(url, headers=headers, timeout=10)


def _patch(url, signer, body, offset=0, *, checksum_of=None) -> requests.Response:
    digest = base64.b64encode(hashlib.sha256(checksum_of or b"").digest()).decode()
    headers = {
        "Tus-Resumable": "1.0.0",
        "Content-Type": "application/offset+octet-stream",
        "Upload-Offset": str(offset),
        "Upload-Checksum": f"sha256 {digest}",
    }
    if signer is not None:
        headers["Authorization"] = signer.header("PATCH", url, headers)
    return requests.patch(url, data=body, headers=headers, timeout=30)


def _patch_with_two_checksums(url: str, signer: DeviceSigner) -> int:
    import http.client
    from urllib.parse import urlsplit

    body, other = b"a" * 100, b"b" * 100
    digests = [base64.b64encode(hashlib.sha256(b).digest()).decode() for b in (body, other)]
    headers = {
        "Content-Type": "application/offset+octet-stream",
        "Upload-Offset": "0",
        "Upload-Checksum": f"sha256 {digests[0]}",
    }
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    conn.putrequest("PATCH", parts.path)
    conn.putheader("Upload-Checksum", f"sha256 {digests[1]}")
    for name, value in headers.items():
        conn.putheader(name, value)
    conn.putheader("Authorization", signer.header("PATCH", url, headers))
    conn.putheader("Content-Length", str(len(other)))
    conn.endheaders(other)
    status = conn.getresponse().status
    conn.close()
    return status


def test_unsigned_or_forged_requests_get_401_and_leave_no_trace(workspace, postgres_url, tmp_path):
    ws = workspace
    with running_bureau(postgres_url, tmp_path / "keys") as bureau:
        transport = enroll(ws, bureau, tmp_path)
        assert sync_pass(ws, transport=transport).problem == ""
        name = bundle_name(ws.school_id, ws.device_id, 2)
        upload_url = _create(bureau, _signer(bureau, ws.device_id), name).headers["location"]
        before = _trace(bureau)

        stranger = DeviceSigner(bureau.url, ws.device_id, sync_keys.SigningKey.generate())
        unknown = DeviceSigner(bureau.url, uuid.uuid4(), sync_keys.SigningKey.generate())
        own = _signer(bureau, ws.device_id)
        bad_challenge = own.header("GET", "/x", {}).replace('challenge="1.', 'challenge="1.9')
        for signer in (None, stranger, unknown):
            answer = _create(bureau, signer, name)
            assert answer.status_code == 401 and answer.json()["detail"]
            assert requests.head(upload_url, timeout=5).status_code == 401
            assert _patch(upload_url, signer, b"x" * 100, checksum_of=b"x" * 100).status_code == 401
        answer = requests.post(
            f"{bureau.url}/tus/", headers={"Authorization": bad_challenge}, timeout=5
        )
        assert answer.status_code == 401 and answer.json()["detail"] == "bad_challenge"

        # A genuinely signed PATCH with a second, unsigned checksum (for other bytes).
        assert _patch_with_two_checksums(upload_url, own) == 401

        # The return bundle: the same answer whether the device exists or not.
        answers = set()
        for device_id in (ws.device_id, uuid.uuid4()):
            url = f"{bureau.url}/v1/devices/{device_id}/return"
            for signer in (None, DeviceSigner(bureau.url, device_id, stranger.key)):
                headers = {"Authorization": signer.header("GET", url, {})} if signer else {}
                got = requests.get(url, headers=headers, timeout=5)
                answers.add((got.status_code, got.text))
        # Two kinds of refusal (no signature, a wrong one), each the same for both ids.
        assert {status for status, _ in answers} == {401} and len(answers) == 2
        assert _trace(bureau) == before


def test_a_device_cannot_touch_another_devices_upload_or_speak_for_it(
    workspace, postgres_url, tmp_path
):
    ws = workspace
    with running_bureau(postgres_url, tmp_path / "keys") as bureau:
        enroll(ws, bureau, tmp_path)
        other = _second_device(bureau, ws, tmp_path)
        a, b = _signer(bureau, ws.device_id), _signer(bureau, other)
        b_name = bundle_name(ws.school_id, other, 1)
        b_url = _create(bureau, b, b_name).headers["location"]
        head = {"Authorization": a.header("HEAD", b_url, {})}
        assert requests.head(b_url, headers=head, timeout=5).status_code == 404
        assert _patch(b_url, a, b"j" * 100, checksum_of=b"j" * 100).status_code == 404
        assert _create(bureau, a, b_name).status_code == 403
        other_school = bundle_name(uuid.uuid4(), ws.device_id, 1)
        assert _create(bureau, a, other_school).status_code == 403

        # Junk A uploads under its own name is held against A alone.
        junk = b"not a bundle at all " * 5
        a_url = _create(bureau, a, bundle_name(ws.school_id, ws.device_id, 1)).headers["location"]
        done = _patch(a_url, a, junk, checksum_of=junk)
        assert done.status_code == 204 and done.headers["x-xiaoan-state"] == "quarantined"
        with bureau.engine.connect() as conn:
            row = conn.execute(select(BureauBundle)).one()
        assert row.device_id == ws.device_id and row.reason == "not_a_bundle"
        assert bureau.ingestor.acks(other).quarantined == []


def test_a_flood_from_one_address_is_cut_off_without_filling_the_disk(
    workspace, postgres_url, tmp_path
):
    ws = workspace
    with running_bureau(postgres_url, tmp_path / "keys") as bureau:
        enroll(ws, bureau, tmp_path)
        own = _signer(bureau, ws.device_id)
        name = bundle_name(ws.school_id, ws.device_id, 5)
        url = f"{bureau.url}/tus/"
        meta = "name " + base64.b64encode(name.encode()).decode()

        def flood(n: int) -> list[int]:
            with requests.Session() as session:
                out = []
                for _ in range(n):
                    headers = {"Upload-Length": str(17 * 1024 * 1024), "Upload-Metadata": meta}
                    headers["Authorization"] = own.header("POST", url, headers)
                    out.append(session.post(url, headers=headers, timeout=10).status_code)
                return out

        started = time.monotonic()
        with ThreadPoolExecutor(4) as pool:  # 4 connections from one address, 2,000 uploads
            statuses = [s for part in pool.map(flood, [500] * 4) for s in part]
        elapsed = time.monotonic() - started
        limits = Limits()
        assert set(statuses) == {201, 429}
        assert statuses.count(201) <= limits.device_burst + limits.device_per_s * elapsed + 1
        uploads = list((bureau.config.spool_dir / "uploads").glob("*.part"))
        assert len(uploads) <= Limits().uploads_per_device

        # Right after the flood the PC is still refused, and told when to come back
        # (the bucket refills 30 a second: on a loaded machine the first few may pass).
        after = [_create(bureau, own, name) for _ in range(60)]
        refusal = next(r for r in after if r.status_code == 429)
        assert int(refusal.headers["retry-after"]) >= 1

        # Junk without a valid signature is cut off sooner still.
        started = time.monotonic()
        refused = [_create(bureau, None, name).status_code for _ in range(60)]
        elapsed = time.monotonic() - started
        assert set(refused) <= {401, 429} and 429 in refused
        # At most the burst, and what the bucket refilled meanwhile on a slow machine.
        assert refused.count(401) <= limits.failures_burst + limits.failures_per_s * elapsed + 1


def test_a_patch_longer_than_the_upload_is_refused_before_it_is_read(
    workspace, postgres_url, tmp_path
):
    ws = workspace
    with running_bureau(postgres_url, tmp_path / "keys") as bureau:
        enroll(ws, bureau, tmp_path)
        own = _signer(bureau, ws.device_id)
        url = _create(bureau, own, bundle_name(ws.school_id, ws.device_id, 1), 1000).headers[
            "location"
        ]
        uid = url.rsplit("/", 1)[1]
        big = b"\0" * (8 * 1024 * 1024)
        try:
            status = _patch(url, own, big, checksum_of=big).status_code  # declared length
        except requests.ConnectionError:
            status = 413  # the bureau answered and closed while the client still sent
        assert status == 413

        def stream():
            for _ in range(64):
                yield b"\0" * (1024 * 1024)

        try:
            status = _patch(url, own, stream(), checksum_of=b"").status_code
        except requests.ConnectionError:
            status = 413  # the bureau answered and closed while the client still sent
        assert status == 413
        info = bureau.app.state.uploads.load(uid)
        assert info["offset"] == 0 and info["received"] <= 1000 + 1024 * 1024
        assert (bureau.config.spool_dir / "uploads" / f"{uid}.part").stat().st_size == 0


def test_abandoned_uploads_expire_with_their_files(workspace, postgres_url, tmp_path):
    from app.bureau.tus import UploadStore

    ws = workspace
    with running_bureau(postgres_url, tmp_path / "keys") as bureau:
        enroll(ws, bureau, tmp_path)
        own = _signer(bureau, ws.device_id)
        url = _create(bureau, own, bundle_name(ws.school_id, ws.device_id, 1)).headers["location"]
        uid = url.rsplit("/", 1)[1]
        store = bureau.app.state.uploads

        def abandon(uid: str) -> None:
            info = store.load(uid)
            info["touched"] -= Limits().upload_expiry_s + 1
            store.save(uid, info)

        # Every creation sweeps them...
        abandon(uid)
        name2 = bundle_name(ws.school_id, ws.device_id, 2)
        url2 = _create(bureau, own, name2).headers["location"]
        assert sorted(p.stem for p in store.root.iterdir()) == [url2.rsplit("/", 1)[1]] * 2
        # ... and so does a bureau starting up.
        abandon(url2.rsplit("/", 1)[1])
        UploadStore(store.root)
        assert not list(store.root.iterdir())
        head = {"Authorization": own.header("HEAD", url, {})}
        assert requests.head(url, headers=head, timeout=5).status_code == 404


MALFORMED = [
    ("recipient", "age1notarecipient"),
    ("recipient", "age1" + "q" * 200),
    ("signing_key", base64.b64encode(b"k" * 31).decode()),
    ("signing_key", "not base64!"),
    ("device_name", "名" * 500),
    ("school_code", "../220105"),
]


def test_registration_refuses_malformed_keys_keeps_the_token_and_can_be_repeated(
    workspace, postgres_url, tmp_path
):
    with running_bureau(postgres_url, tmp_path / "keys") as bureau:
        token = json.loads(bureau.enroll(tmp_path).read_text())["token"]
        keys = sync_keys.create_device_keys(uuid.uuid4())
        payload = {
            "token": token,
            "school_code": "220105-0012",
            "school_id": str(workspace.school_id),
            "device_id": str(keys.device_id),
            "signing_key": keys.signing_public_b64,
            "recipient": keys.receiving.recipient,
        }
        url = f"{bureau.url}/v1/devices"
        for field, value in MALFORMED:
            got = requests.post(url, json={**payload, field: value}, timeout=5)
            assert got.status_code in (400, 422) and got.json()["detail"], field
        first = requests.post(url, json=payload, timeout=5)
        assert first.status_code == 201
        # The answer lost on the line: the same registration again gets the same answer.
        again = requests.post(url, json=payload, timeout=5)
        assert (again.status_code, again.json()) == (201, first.json())
        # The spent token with other keys, or for another device, is still refused.
        other = sync_keys.create_device_keys(uuid.uuid4())
        for changed in (
            {"signing_key": other.signing_public_b64, "recipient": other.receiving.recipient},
            {"device_id": str(other.device_id)},
        ):
            got = requests.post(url, json={**payload, **changed}, timeout=5)
            assert got.status_code == 403 and "already used" in got.json()["detail"]


def test_a_stale_challenge_is_fetched_again(workspace, postgres_url, tmp_path):
    ws = workspace
    with running_bureau(postgres_url, tmp_path / "keys") as bureau:
        transport = enroll(ws, bureau, tmp_path)
        assert sync_pass(ws, transport=transport).problem == ""
        old = DeviceAuth(bureau.engine, bureau.config.key_dir, clock=lambda: 1_000_000.0)
        transport.signer._challenge = old.challenge()  # valid once, long expired
        transport.signer._fresh_until = float("inf")
        assert transport.fetch_return(ws.device_id)  # 401, a fresh challenge, then 200


def test_unbind_frees_a_school_taken_with_a_stolen_enrollment_file(
    workspace, postgres_url, tmp_path, capsys
):
    from app.bureau.cli import main as bureau_main

    ws = workspace
    with running_bureau(postgres_url, tmp_path / "keys") as bureau:
        stolen = bureau.enroll(tmp_path)
        spare = json.loads(bureau.enroll(tmp_path / "spare").read_text())["token"]
        thief = sync_keys.create_device_keys(uuid.uuid4())
        HttpTransport(bureau.url, policy=FAST).register(
            {
                "token": json.loads(stolen.read_text())["token"],
                "school_code": "220105-0012",
                "school_id": str(uuid.uuid4()),
                "device_id": str(thief.device_id),
                "signing_key": thief.signing_public_b64,
                "recipient": thief.receiving.recipient,
            }
        )
        import_enrollment(ws, stolen)
        with pytest.raises(Refused):
            register(ws, HttpTransport(bureau.url, policy=FAST))
        import_enrollment(ws, tmp_path / "spare" / "220105-0012.enroll.json")
        with pytest.raises(Refused) as refused:
            register(ws, HttpTransport(bureau.url, policy=FAST))
        # The school is bound to the thief's school id.
        assert (refused.value.status, refused.value.reason) == (409, "school_bound")

        keys = ["--key-dir", str(bureau.key_dir)]
        assert bureau_main([*keys, "unbind-device", str(thief.device_id)]) == 0
        assert "is free" in capsys.readouterr().out
        with pytest.raises(Refused) as refused:  # the spare file was unused: it stops working
            register(ws, HttpTransport(bureau.url, policy=FAST))
        assert refused.value.status == 403 and spare
        fresh = bureau.enroll(tmp_path / "fresh")
        import_enrollment(ws, fresh)
        transport = HttpTransport(bureau.url, policy=FAST)
        assert register(ws, transport).registered
        assert sync_pass(ws, transport=transport).problem == ""
        thief_signer = DeviceSigner(bureau.url, thief.device_id, thief.signing)
        url = f"{bureau.url}/v1/devices/{thief.device_id}/return"
        got = requests.get(url, headers={"Authorization": thief_signer.header("GET", url, {})})
        assert got.status_code == 401
