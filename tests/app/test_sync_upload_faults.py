"""Uploads over lines that drop often, and a bureau that dies or damages a copy mid-upload.

A school's PC syncs a bundle of about 10 MiB (drill photos) with a real
bureau on loopback into PostgreSQL, through a proxy that cuts connections.
"""

from __future__ import annotations

import hashlib
import shutil

import pytest
from PIL import Image
from sqlalchemy import select

from app.attachments.store import add_photos
from app.bureau.tus import UploadStore
from app.sync.bundle import bundle_name
from app.sync.keys import load_or_create_device_keys
from app.sync.outgoing import outgoing_dir, pack_pending
from app.sync.service import _upload, sync_pass
from app.sync.transport import DeviceSigner, HttpTransport, RetryPolicy, UploadOutcome
from app.workspace import Workspace
from db.models import BureauBundle, SyncBundle
from tests.app.test_sync_e2e import enroll, rows_of
from tests.sync_support import CuttingProxy, running_bureau, tus_upload

KiB, MiB = 1024, 1024 * 1024
QUICK = RetryPolicy(attempts=8, timeout=60, wait_initial=0.01, wait_max=0.05, wait_jitter=0.01)
ONE_TRY = RetryPolicy(attempts=1, timeout=10, wait_initial=0.01, wait_max=0.01, wait_jitter=0)


@pytest.fixture(autouse=True)
def _keyring(memory_keyring):
    yield


@pytest.fixture(scope="module")
def photo_school(tmp_path_factory):
    """A school with drill photos whose sync copies make one bundle of 10-12 MiB;
    each test gets its own copy of the data folder (and of the device keys)."""
    import keyring

    from app.school.service import SchoolProfile, set_up_school
    from tests.helpers import MemoryKeyring

    previous, keys = keyring.get_keyring(), MemoryKeyring()
    keyring.set_keyring(keys)  # the school's data key, handed to each test's keyring
    root = tmp_path_factory.mktemp("photo-school")
    ws = Workspace.open(root / "school")
    principal = set_up_school(
        ws,
        SchoolProfile(name="东风乡中心学校", code="220105-0012", kind="nine_year"),
        principal_name="张丽",
        username="zhangli",
        secret_kind="password",
        secret="xiaoan-demo-2026",
    )
    pictures = []
    for seed in range(9):  # about 1.3 MB each as sync copies
        pictures.append(root / f"drill{seed}.jpg")
        noise = [Image.effect_noise((1600, 1200), 70 + seed + c) for c in range(3)]
        Image.merge("RGB", noise).save(pictures[-1], "JPEG", quality=95)
    add_photos(ws, principal, pictures)
    ws.close()
    keyring.set_keyring(previous)
    return root / "school", keys.store


@pytest.fixture
def school(photo_school, memory_keyring, tmp_path):
    folder, keys = photo_school
    memory_keyring.store.update(keys)
    shutil.copytree(folder, tmp_path / "school")
    ws = Workspace.open(tmp_path / "school")
    yield ws
    ws.close()


def _packed(ws) -> SyncBundle:
    pack_pending(ws, load_or_create_device_keys(ws.device_id))
    with ws.read() as s:
        bundles = list(s.scalars(select(SyncBundle)))
    assert len(bundles) == 1 and 10 * MiB <= bundles[0].size <= 12 * MiB
    return bundles[0]


def _bureau_states(bureau) -> dict[str, tuple[str, str]]:
    with bureau.engine.connect() as conn:
        rows = conn.execute(select(BureauBundle.sha256, BureauBundle.state, BureauBundle.reason))
        return {r.sha256: (r.state, r.reason) for r in rows}


def _client_states(ws) -> set[str]:
    with ws.read() as s:
        return {b.state for b in s.scalars(select(SyncBundle))}


def _arrived_whole(ws, bureau, bundle) -> None:
    """The bureau applied exactly the PC's bundle, nothing is quarantined, no row is lost."""
    assert _bureau_states(bureau) == {bundle.sha256: ("applied", "")}
    assert _client_states(ws) == {"acked"}
    assert rows_of(bureau.engine, ws.school_id) == rows_of(ws.db.engine, ws.school_id)


@pytest.mark.parametrize("every", [64 * KiB, 1 * MiB], ids=["64KiB", "1MiB"])
def test_a_line_that_drops_every_n_bytes_still_moves_a_10_mib_bundle(
    school, postgres_url, tmp_path, every
):
    with running_bureau(postgres_url, tmp_path / "keys") as bureau:
        enroll(school, bureau, tmp_path)
        bundle = _packed(school)
        proxy = CuttingProxy(bureau.port)
        proxy.cut_every(every)
        try:
            report = sync_pass(school, transport=HttpTransport(proxy.url, policy=QUICK))
        finally:
            proxy.close()
        assert report.problem == "" and not report.anything_left
        assert proxy.cuts >= 2  # the line really dropped, again and again
        _arrived_whole(school, bureau, bundle)


def _cut_off_half_way(ws, proxy) -> tuple[SyncBundle, str]:
    """Sync until the line dies part-way through the bundle; the upload's id at the bureau."""
    bundle = _packed(ws)
    proxy.arm(cut_after=3 * MiB, stay_down=True)
    report = sync_pass(ws, transport=HttpTransport(proxy.url, policy=ONE_TRY))
    proxy.heal()
    assert report.problem
    with ws.read() as s:
        b = s.get(SyncBundle, bundle.seq)
    assert b.state == "uploading" and 0 < b.bytes_sent < b.size
    return bundle, b.upload_url.rsplit("/", 1)[1]


def test_bytes_stored_but_never_recorded_do_not_count_and_the_bundle_arrives_whole(
    school, postgres_url, tmp_path
):
    with running_bureau(postgres_url, tmp_path / "keys") as bureau:
        enroll(school, bureau, tmp_path)
        proxy = CuttingProxy(bureau.port)
        bundle, uid = _cut_off_half_way(school, proxy)
        uploads = bureau.config.spool_dir / "uploads"
        part = uploads / f"{uid}.part"
        offset = bureau.app.state.uploads.load(uid)["offset"]
        assert part.stat().st_size == offset
        # The bureau died after writing the next chunk and before saving its offset:
        # the chunk's bytes are in the file, the offset does not know them.
        genuine = (outgoing_dir(school) / bundle.file_name).read_bytes()
        with open(part, "ab") as f:
            f.write(genuine[offset : offset + 256 * KiB])
        UploadStore(uploads)  # start-up cuts the file back to the recorded offset
        assert part.stat().st_size == offset
        with open(part, "ab") as f:  # and it happens again, with no restart this time
            f.write(genuine[offset : offset + 100 * KiB])

        report = sync_pass(school, transport=HttpTransport(proxy.url, policy=QUICK))
        proxy.close()
        assert report.problem == "" and not report.anything_left
        _arrived_whole(school, bureau, bundle)


def test_a_copy_damaged_at_the_bureau_is_dropped_and_the_genuine_bundle_sent_again(
    school, postgres_url, tmp_path
):
    with running_bureau(postgres_url, tmp_path / "keys") as bureau:
        enroll(school, bureau, tmp_path)
        proxy = CuttingProxy(bureau.port)
        bundle, uid = _cut_off_half_way(school, proxy)
        part = bureau.config.spool_dir / "uploads" / f"{uid}.part"
        damaged = bytearray(part.read_bytes())
        damaged[len(damaged) // 2] ^= 0x01  # a bit flipped on the bureau's disk
        part.write_bytes(bytes(damaged))

        report = sync_pass(school, transport=HttpTransport(proxy.url, policy=QUICK))
        proxy.close()
        assert report.problem == "" and not report.anything_left
        assert not (part.exists() or part.with_suffix(".json").exists())  # discarded
        _arrived_whole(school, bureau, bundle)


def test_a_file_that_is_not_what_its_metadata_names_is_discarded_not_ingested(
    school, postgres_url, tmp_path
):
    with running_bureau(postgres_url, tmp_path / "keys") as bureau:
        enroll(school, bureau, tmp_path)
        signer = DeviceSigner(
            bureau.url, school.device_id, load_or_create_device_keys(school.device_id).signing
        )
        data, name = b"not a bundle" * 100, bundle_name(school.school_id, school.device_id, 1)
        wrong = hashlib.sha256(b"another file").hexdigest()
        assert tus_upload(bureau.url, data, name, signer=signer, sha256=wrong) == (
            460,
            "",
            "damaged_copy",
        )
        assert _bureau_states(bureau) == {}  # never ingested
        assert list((bureau.config.spool_dir / "uploads").iterdir()) == []
        # Its own SHA-256 named: the same bytes are ingested (and refused as junk).
        assert tus_upload(bureau.url, data, name, signer=signer)[:2] == (204, "quarantined")


class VerdictAboutOtherBytes:
    """ASGI wrapper: the first completing PATCH is answered "quarantined" about other bytes."""

    def __init__(self, app) -> None:
        self.app, self.rewritten = app, 0

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "PATCH" or self.rewritten:
            return await self.app(scope, receive, send)

        async def rewrite(message):
            names = {k.lower() for k, _ in message.get("headers", [])}
            if message["type"] == "http.response.start" and b"x-xiaoan-state" in names:
                self.rewritten += 1
                keep = [
                    (k, v)
                    for k, v in message["headers"]
                    if k.lower() not in (b"x-xiaoan-state", b"x-xiaoan-reason", b"x-xiaoan-sha256")
                ]
                other = hashlib.sha256(b"some other bytes").hexdigest().encode()
                message = {
                    **message,
                    "headers": keep
                    + [
                        (b"x-xiaoan-state", b"quarantined"),
                        (b"x-xiaoan-reason", b"corrupt"),
                        (b"x-xiaoan-sha256", other),
                    ],
                }
            await send(message)

        await self.app(scope, receive, rewrite)


def test_a_verdict_about_other_bytes_never_quarantines_the_pcs_bundle(
    workspace, postgres_url, tmp_path
):
    school = workspace  # a small bundle will do
    holder = {}

    def wrap(app):
        holder["mw"] = VerdictAboutOtherBytes(app)
        return holder["mw"]

    with running_bureau(postgres_url, tmp_path / "keys", wrap=wrap) as bureau:
        enroll(school, bureau, tmp_path)
        pack_pending(school, load_or_create_device_keys(school.device_id))
        with school.read() as s:
            (bundle,) = s.scalars(select(SyncBundle))
        path = outgoing_dir(school) / bundle.file_name
        transport = bureau.device_transport(school.device_id, policy=QUICK)
        outcome = transport.upload(path, {"name": path.name}, url=None, on_url=lambda _u: None)
        assert holder["mw"].rewritten == 1
        # Sent again as a new upload; the bureau already had it from the first.
        assert outcome == UploadOutcome("duplicate", "", bundle.sha256)

    # Whatever a transport says, a verdict about other bytes leaves the bundle to be sent.
    class SaysQuarantinedAboutOtherBytes:
        def upload(self, path, metadata, **_kw):
            return UploadOutcome("quarantined", "corrupt", hashlib.sha256(b"x").hexdigest())

    _upload(school, SaysQuarantinedAboutOtherBytes(), bundle)
    assert _client_states(school) == {"sent"}
