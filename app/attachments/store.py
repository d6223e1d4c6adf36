"""The photo store shared by every record area.

Files live under ``<data dir>/photos/``, named by the SHA-256 of the
original's bytes::

    photos/ab/abcdef….jpg          the original, byte for byte (evidence)
    photos/thumbs/ab/abcdef….jpg   upright thumbnail, long edge ≤ 320 px
    photos/sync/ab/abcdef….jpg     upright copy, long edge ≤ 1600 px (what syncs)

Adding a picture hashes it, copies it in once (the same picture added twice
is stored once and gets one row), and records its upright size. The
derived copies are made by :func:`make_derivatives`, which touches only
files (no database) so the UI can run it in the background; it is
idempotent and safe to run twice at once (atomic renames).

Pillow is imported inside functions: start-up does not pay for it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import shutil
import uuid
from collections.abc import Iterable
from pathlib import Path

from sqlalchemy import select

from app.accounts.roles import Permission, require
from app.actor import Actor
from app.errors import UserError
from app.i18n import QT_TRANSLATE_NOOP
from app.workspace import Workspace
from db.models import Photo

PHOTO_DIRNAME = "photos"
THUMB_EDGE = 320
SYNC_EDGE = 1600
SUFFIXES = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png"}
_EXT = {"image/jpeg": ".jpg", "image/png": ".png"}


@dataclasses.dataclass(frozen=True)
class PhotoRef:
    id: uuid.UUID
    sha256: str
    width: int
    height: int
    media_type: str
    original_name: str


def _ref(p: Photo) -> PhotoRef:
    return PhotoRef(p.id, p.sha256, p.width, p.height, p.media_type, p.original_name)


def _sharded(root: Path, sha: str, ext: str) -> Path:
    return root / sha[:2] / f"{sha}{ext}"


def original_path(data_dir: Path, sha: str, media_type: str = "image/jpeg") -> Path:
    return _sharded(Path(data_dir) / PHOTO_DIRNAME, sha, _EXT.get(media_type, ".jpg"))


def viewable_path(data_dir: Path, sha: str, media_type: str = "image/jpeg") -> Path:
    """The original if this PC has it, else the sync copy another PC's photo came as."""
    original = original_path(data_dir, sha, media_type)
    return original if original.exists() else sync_copy_path(data_dir, sha)


def thumbnail_path(data_dir: Path, sha: str) -> Path:
    return _sharded(Path(data_dir) / PHOTO_DIRNAME / "thumbs", sha, ".jpg")


def sync_copy_path(data_dir: Path, sha: str) -> Path:
    return _sharded(Path(data_dir) / PHOTO_DIRNAME / "sync", sha, ".jpg")


@dataclasses.dataclass(frozen=True)
class _Probe:
    sha256: str
    media_type: str
    width: int
    height: int
    size: int


def _probe(path: Path) -> _Probe:
    """Hash and measure a picture without decoding its pixels; UserError if it is not one."""
    from PIL import Image, UnidentifiedImageError

    media_type = SUFFIXES.get(path.suffix.lower())
    try:
        data = path.read_bytes()
        with Image.open(path) as im:
            fmt = im.format
            width, height = im.size
            orientation = im.getexif().get(0x0112, 1)
    except (OSError, UnidentifiedImageError):
        raise UserError(
            QT_TRANSLATE_NOOP("app", "{path} is not a photo that can be read (JPEG or PNG)."),
            path=str(path),
        ) from None
    if fmt not in ("JPEG", "PNG") or media_type is None:
        raise UserError(
            QT_TRANSLATE_NOOP("app", "{path} is not a photo that can be read (JPEG or PNG)."),
            path=str(path),
        )
    media_type = "image/jpeg" if fmt == "JPEG" else "image/png"
    # Orientations 5–8 turn the picture a quarter: the upright size is swapped.
    if orientation in (5, 6, 7, 8):
        width, height = height, width
    return _Probe(hashlib.sha256(data).hexdigest(), media_type, width, height, len(data))


def _copy_in(src: Path, dest: Path) -> None:
    if dest.exists():
        return
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(f".{dest.name}.{uuid.uuid4().hex}.part")
    shutil.copyfile(src, tmp)
    os.chmod(tmp, 0o600)  # photos are plain files: the user's alone, like the database
    os.replace(tmp, dest)


def add_photos(ws: Workspace, actor: Actor, paths: Iterable[Path | str]) -> list[PhotoRef]:
    """Add pictures (one action); returns one ref per path, in order.

    A picture already in the store (same bytes) returns the existing row and
    is neither copied nor recorded again. Every path is checked before
    anything is saved: one unreadable file refuses the whole batch.
    """
    require(actor, Permission.ADD_PHOTOS)
    probes = [(Path(p), _probe(Path(p))) for p in paths]
    if not probes:
        return []
    for path, probe in probes:
        _copy_in(path, original_path(ws.data_dir, probe.sha256, probe.media_type))
    refs: list[PhotoRef] = []
    with ws.action(actor, "photo.add") as s:
        by_sha: dict[str, Photo] = {}
        shas = {probe.sha256 for _, probe in probes}
        for existing in s.scalars(
            select(Photo).where(Photo.sha256.in_(shas), Photo.deleted_at.is_(None))
        ):
            by_sha.setdefault(existing.sha256, existing)
        for path, probe in probes:
            photo = by_sha.get(probe.sha256)
            if photo is None:
                photo = Photo(
                    sha256=probe.sha256,
                    media_type=probe.media_type,
                    byte_size=probe.size,
                    width=probe.width,
                    height=probe.height,
                    original_name=path.name[:200],
                    added_by=actor.user_id,
                )
                s.add(photo)
                by_sha[probe.sha256] = photo
            refs.append(photo)
        s.flush()
        refs = [_ref(p) for p in refs]
    return refs


def add_photo(ws: Workspace, actor: Actor, path: Path | str) -> PhotoRef:
    return add_photos(ws, actor, [path])[0]


def photos_in_folder(folder: Path | str) -> list[Path]:
    """The pictures directly in ``folder`` (by suffix), in name order."""
    folder = Path(folder)
    if not folder.is_dir():
        raise UserError(QT_TRANSLATE_NOOP("app", "{path} is not a folder."), path=str(folder))
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES)


def add_folder(ws: Workspace, actor: Actor, folder: Path | str) -> list[PhotoRef]:
    return add_photos(ws, actor, photos_in_folder(folder))


def _save_upright(src: Path, dest: Path, edge: int, quality: int) -> None:
    from PIL import Image, ImageOps

    with Image.open(src) as im:
        upright = ImageOps.exif_transpose(im)
        upright.thumbnail((edge, edge), Image.Resampling.LANCZOS)
        if upright.mode not in ("RGB", "L"):
            upright = upright.convert("RGB")
        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp = dest.with_name(f".{dest.name}.{uuid.uuid4().hex}.part")
        # No EXIF is written: the pixels are already upright, and GPS stays local.
        upright.save(tmp, "JPEG", quality=quality, optimize=True)
    os.chmod(tmp, 0o600)
    os.replace(tmp, dest)


@dataclasses.dataclass(frozen=True)
class Derivatives:
    thumbnail: Path
    sync_copy: Path


def make_derivatives(data_dir: Path, sha: str, media_type: str = "image/jpeg") -> Derivatives:
    """Make the upright thumbnail and sync copy of one stored picture, if missing.

    Files only, no database: safe to run in a worker thread. Raises
    FileNotFoundError if neither the original nor a received sync copy is in
    the store.
    """
    src = original_path(data_dir, sha, media_type)
    out = Derivatives(thumbnail_path(data_dir, sha), sync_copy_path(data_dir, sha))
    if not src.exists():
        # A photo another PC of the school took: only its sync copy came (in a
        # return bundle); the thumbnail is made from that.
        if not out.sync_copy.exists():
            raise FileNotFoundError(src)
        src = out.sync_copy
    if not out.sync_copy.exists():
        _save_upright(src, out.sync_copy, SYNC_EDGE, 85)
    if not out.thumbnail.exists():
        _save_upright(src, out.thumbnail, THUMB_EDGE, 80)
    return out


def pending_derivatives(ws: Workspace, limit: int = 200) -> list[tuple[str, str]]:
    """(sha256, media type) of stored pictures whose derived copies are missing."""
    out: list[tuple[str, str]] = []
    with ws.read() as s:
        rows = s.execute(
            select(Photo.sha256, Photo.media_type).where(Photo.deleted_at.is_(None)).distinct()
        ).all()
    for sha, media_type in rows:
        if not (
            sync_copy_path(ws.data_dir, sha).exists() and thumbnail_path(ws.data_dir, sha).exists()
        ):
            out.append((sha, media_type))
            if len(out) >= limit:
                break
    return out


def get_photos(ws: Workspace, ids: Iterable[uuid.UUID]) -> list[PhotoRef]:
    ids = list(ids)
    if not ids:
        return []
    with ws.read() as s:
        rows = {p.id: p for p in s.scalars(select(Photo).where(Photo.id.in_(ids)))}
    return [_ref(rows[i]) for i in ids if i in rows]
