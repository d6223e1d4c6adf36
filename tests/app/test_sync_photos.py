"""Photos travel as their sync copies, once; a stalled upload line does not hang a pass."""

from __future__ import annotations

import asyncio
import hashlib
import io

import pytest
from PIL import Image
from sqlalchemy import select

from app.accounts.service import authenticate
from app.attachments.store import add_photos
from app.sync.keys import load_or_create_device_keys
from app.sync.outgoing import pack_pending
from app.sync.service import SyncProgress, sync_pass
from app.sync.transport import HttpTransport
from app.workspace import Workspace
from db.models import BureauBlob, Photo, SyncBundle
from tests.app.test_sync_e2e import FAST, _add_bulk_changes, enroll
from tests.sync_support import running_bureau


@pytest.fixture(autouse=True)
def _no_real_keyring(memory_keyring):
    yield


@pytest.fixture
def school(tmp_path, demo_template):
    demo_template.copy_to(tmp_path / "school")
    ws = Workspace.open(tmp_path / "school")
    yield ws
    ws.close()


def _picture(path, size, seed):
    """A noisy picture (so JPEG cannot shrink it to nothing)."""
    im = Image.effect_noise(size, 60 + seed).convert("RGB")
    im.save(path, "JPEG", quality=92)
    return path


def _principal(ws):
    return authenticate(ws, "zhangli", "xiaoan-demo-2026")


def _blob_rows(bureau):
    with bureau.engine.connect() as conn:
        return {r.sha256: r for r in conn.execute(select(BureauBlob.__table__)).all()}


def test_photos_reach_the_bureau_as_sync_copies_and_are_never_sent_twice(
    school, postgres_url, tmp_path
):
    big = _picture(tmp_path / "corridor.jpg", (2400, 1800), 1)
    small = _picture(tmp_path / "rail.jpg", (640, 480), 2)
    refs = add_photos(school, _principal(school), [big, small])
    with running_bureau(postgres_url, tmp_path / "keys") as bureau:
        transport = enroll(school, bureau, tmp_path)
        seen: list[SyncProgress] = []
        report = sync_pass(school, transport=transport, progress=seen.append)
        assert report.problem == "" and not report.anything_left
        uploads = [p for p in seen if p.stage == "uploading"]
        assert uploads and uploads[-1].sent == uploads[-1].total > 0

        blobs = _blob_rows(bureau)
        with school.read() as s:
            every_photo = set(s.scalars(select(Photo.sha256)))
        assert {r.sha256 for r in refs} <= every_photo  # the demo's photos travel too
        assert {b.photo_sha256 for b in blobs.values()} == every_photo
        for sha, row in blobs.items():
            data = (bureau.config.spool_dir / "blobs" / str(school.school_id) / sha).read_bytes()
            assert hashlib.sha256(data).hexdigest() == sha and row.size == len(data)
            with Image.open(io.BytesIO(data)) as im:
                assert max(im.size) <= 1600
        big_copy = next(b for b in blobs.values() if b.photo_sha256 == refs[0].sha256)
        assert big_copy.size < big.stat().st_size  # the copy, not the original

        # The other PC of the school imports the same picture: a second photo row
        # with the same hash travels, its bytes do not.
        with school.action(_principal(school), "photo.add") as s:
            s.add(
                Photo(
                    sha256=refs[0].sha256,
                    media_type="image/jpeg",
                    byte_size=1,
                    width=2400,
                    height=1800,
                )
            )
        report = sync_pass(school, transport=transport)
        assert report.problem == "" and not report.anything_left
        with school.read() as s:
            last = s.scalar(select(SyncBundle).order_by(SyncBundle.seq.desc()).limit(1))
        assert last.change_count >= 1 and last.blobs == []
        assert _blob_rows(bureau).keys() == blobs.keys()


def test_a_photo_too_big_to_share_a_bundle_goes_alone(school, postgres_url, tmp_path):
    with running_bureau(postgres_url, tmp_path / "keys") as bureau:
        transport = enroll(school, bureau, tmp_path)
        assert sync_pass(school, transport=transport).problem == ""
        photos_before = len(_blob_rows(bureau))
        _add_bulk_changes(school, 30)
        add_photos(school, _principal(school), [_picture(tmp_path / "gate.jpg", (1600, 1200), 3)])
        _add_bulk_changes_named(school, "later", 30)
        keys = load_or_create_device_keys(school.device_id)
        made = pack_pending(school, keys, max_bytes=64 * 1024 + 200 * 1024)
        with school.read() as s:
            bundles = [s.get(SyncBundle, seq) for seq in made]
        with_photo = [b for b in bundles if b.blobs]
        assert len(with_photo) == 1 and with_photo[0].change_count == 1
        assert len(bundles) >= 3
        report = sync_pass(school, transport=transport)
        assert report.problem == "" and not report.anything_left
        assert len(_blob_rows(bureau)) == photos_before + 1


def _add_bulk_changes_named(ws, prefix, n):
    from db.models import UserAccount

    with ws.action(_principal(ws), "bulk") as s:
        for i in range(n):
            s.add(UserAccount(username=f"{prefix}{i}", role="staff"))


class StallFirstPatch:
    """ASGI wrapper: the first tus PATCH is read and then never answered (a dead line)."""

    def __init__(self, app) -> None:
        self.app, self.stalled = app, 0

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and scope["method"] == "PATCH" and not self.stalled:
            self.stalled += 1
            while (await receive()).get("more_body"):
                pass
            while (await receive())["type"] != "http.disconnect":
                await asyncio.sleep(0.01)
            return  # the client gave up; nothing reached the bureau
        await self.app(scope, receive, send)


def test_a_stalled_chunk_times_out_and_the_upload_resumes(school, postgres_url, tmp_path):
    holder = {}

    def wrap(app):
        holder["mw"] = StallFirstPatch(app)
        return holder["mw"]

    with running_bureau(postgres_url, tmp_path / "keys", wrap=wrap) as bureau:
        enroll(school, bureau, tmp_path)
        transport = HttpTransport(bureau.url, policy=FAST, chunk_timeout=0.5)
        report = sync_pass(school, transport=transport)
        assert holder["mw"].stalled == 1
        assert report.problem == "" and not report.anything_left
