"""The photo store: one copy per picture, upright derived copies, originals kept."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import func, select

from app.attachments.store import (
    add_folder,
    add_photo,
    make_derivatives,
    original_path,
    pending_derivatives,
)
from app.errors import UserError
from db.models import Photo
from tests.app.inspection_helpers import jpeg, outbox_count


def _photo_rows(ws) -> int:
    with ws.read() as s:
        return s.scalar(select(func.count()).select_from(Photo))


def test_the_same_picture_is_stored_once(workspace, principal, tmp_path):
    first = jpeg(tmp_path / "a.jpg")
    copy = tmp_path / "same-bytes-other-name.jpg"
    copy.write_bytes(first.read_bytes())
    a = add_photo(workspace, principal, first)
    b = add_photo(workspace, principal, copy)
    assert a.id == b.id
    assert _photo_rows(workspace) == 1
    stored = original_path(workspace.data_dir, a.sha256)
    assert stored.read_bytes() == first.read_bytes(), "the original is kept byte for byte"
    assert stored.name == f"{hashlib.sha256(first.read_bytes()).hexdigest()}.jpg"
    assert stored.parent.name == a.sha256[:2]
    assert len(list((workspace.data_dir / "photos").rglob("*.jpg"))) == 1


def test_exif_orientation_is_applied_to_the_derived_copies(workspace, principal, tmp_path):
    from PIL import Image

    # Stored 40×20 with "rotate 90° clockwise to view" (orientation 6).
    ref = add_photo(
        workspace, principal, jpeg(tmp_path / "phone.jpg", size=(40, 20), orientation=6)
    )
    assert (ref.width, ref.height) == (20, 40)
    out = make_derivatives(workspace.data_dir, ref.sha256)
    with Image.open(out.sync_copy) as im:
        assert im.size == (20, 40)
        assert im.getexif().get(0x0112) in (None, 1)
        # The red left half of the sensor image is on top once upright.
        top = im.convert("RGB").getpixel((10, 5))
        bottom = im.convert("RGB").getpixel((10, 35))
    assert top[0] > 150 and top[2] < 100
    assert bottom[2] > 150 and bottom[0] < 100
    assert out.thumbnail.exists()


def test_a_big_picture_gets_a_sync_copy_of_at_most_1600_px(workspace, principal, tmp_path):
    from PIL import Image

    ref = add_photo(workspace, principal, jpeg(tmp_path / "big.jpg", size=(4000, 3000)))
    assert pending_derivatives(workspace) == [(ref.sha256, "image/jpeg")]
    out = make_derivatives(workspace.data_dir, ref.sha256)
    with Image.open(out.sync_copy) as im:
        assert max(im.size) == 1600
    with Image.open(out.thumbnail) as im:
        assert max(im.size) <= 320
    assert pending_derivatives(workspace) == []


def test_adding_a_folder_adds_its_pictures_and_a_bad_file_refuses_the_batch(
    workspace, principal, tmp_path
):
    folder = tmp_path / "camera"
    jpeg(folder / "1.jpg", color=(10, 200, 10))
    jpeg(folder / "2.JPG", color=(200, 200, 10))
    (folder / "notes.txt").write_text("not a photo")
    refs = add_folder(workspace, principal, folder)
    assert len({r.sha256 for r in refs}) == 2

    (folder / "3.jpg").write_text("this is not a jpeg")
    before = outbox_count(workspace)
    with pytest.raises(UserError) as err:
        add_folder(workspace, principal, folder)
    assert "3.jpg" in str(err.value)
    assert outbox_count(workspace) == before
    assert _photo_rows(workspace) == 2
