"""Importing many drill photos at once: stored once, bad files named, good files kept."""

from __future__ import annotations

from sqlalchemy import func, select

from app.drills.photos import import_photos
from db.models import Photo
from tests.app.inspection_helpers import jpeg


def _photos(ws) -> int:
    with ws.read() as s:
        return s.scalar(select(func.count()).select_from(Photo))


def test_importing_the_same_photo_twice_stores_it_once(workspace, principal, tmp_path):
    a = jpeg(tmp_path / "card" / "DSC0001.JPG")
    first = import_photos(workspace, principal, [a])
    again = import_photos(workspace, principal, [tmp_path / "card"])
    assert first.added[0].id == again.added[0].id
    assert _photos(workspace) == 1
    assert len(list((workspace.data_dir / "photos").rglob("*.jpg"))) == 1


def test_a_bad_file_is_refused_by_name_and_the_others_are_kept(workspace, principal, tmp_path):
    card = tmp_path / "card"
    jpeg(card / "1.jpg", color=(250, 0, 0))
    (card / "2.jpg").write_bytes(b"\xff\xd8\xff\xe0 this card lost power while writing")
    jpeg(card / "3.jpg", color=(0, 250, 0))
    notes = tmp_path / "notes.txt"
    notes.write_text("not a photo")

    result = import_photos(workspace, principal, [card, notes])

    assert [r.original_name for r in result.added] == ["1.jpg", "3.jpg"]
    assert [r.path.name for r in result.refused] == ["2.jpg", "notes.txt"]
    assert "2.jpg" in result.refused[0].message
    assert "JPEG" in result.refused[0].message or "照片" in result.refused[0].message
    assert _photos(workspace) == 2
