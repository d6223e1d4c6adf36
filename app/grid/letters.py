"""Responsibility letters (安全责任书), signed level by level (004 (一)1).

A letter records who issued it, who signed it, for which year and on which
day. A photo or scan of the signed paper (JPEG or PNG) goes into the shared
photo store like every other photo — one copy by content hash, an upright
thumbnail and a sync copy — and is linked to the letter (``purpose="scan"``);
the letter keeps its SHA-256. A scan the photo store cannot hold (a PDF) is
referenced by its SHA-256 and the path it was read from: the hash proves which
file was meant even if the file moves.
"""

from __future__ import annotations

import dataclasses
import hashlib
import uuid
from datetime import date
from pathlib import Path

from sqlalchemy import select

from app.accounts.roles import Permission, require
from app.actor import Actor
from app.attachments.links import link_photos, linked_photos
from app.attachments.store import SUFFIXES, PhotoRef, add_photo, make_derivatives
from app.errors import UserError
from app.i18n import QT_TRANSLATE_NOOP
from app.staff.service import get_staff, school_of
from app.workspace import Workspace
from db.models import ResponsibilityLetter, StaffMember

TABLE = "responsibility_letter"
SCAN = "scan"


def is_picture(path: Path | str) -> bool:
    return Path(path).suffix.lower() in SUFFIXES


def _store_scan(ws: Workspace, actor: Actor, scan: Path | str | None) -> PhotoRef | None:
    """Put a picture scan into the photo store (its own action) with its thumbnail and sync copy."""
    if scan is None or not is_picture(scan):
        return None
    ref = add_photo(ws, actor, Path(scan).expanduser())
    make_derivatives(ws.data_dir, ref.sha256, ref.media_type)
    return ref


def _attach_scan(s, letter: ResponsibilityLetter, photo: PhotoRef | None, sha: str | None,
                 path: str | None) -> None:  # fmt: skip
    if photo is not None:
        link_photos(s, TABLE, letter.id, [photo.id], SCAN)
        letter.scan_sha256, letter.scan_path = photo.sha256, None
    elif sha is not None:
        letter.scan_sha256, letter.scan_path = sha, path


def scan_reference(path: Path | str | None) -> tuple[str | None, str | None]:
    """(SHA-256, absolute path) of a scan file, or a UserError if it cannot be read."""
    if path is None:
        return None, None
    path = Path(path).expanduser().resolve()
    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        raise UserError(
            QT_TRANSLATE_NOOP("app", "The scan {path} cannot be read."), path=str(path)
        ) from None
    return digest, str(path)[:500]


@dataclasses.dataclass(frozen=True)
class LetterView:
    id: uuid.UUID
    year: int
    title: str
    issuer_id: uuid.UUID
    issuer_name: str
    signer_id: uuid.UUID
    signer_name: str
    signed_on: date | None
    scan_sha256: str | None
    scan_path: str | None  # a file outside the store (a PDF); None for a stored photo
    scan_photo: PhotoRef | None = None


def record_letter(
    ws: Workspace,
    actor: Actor,
    *,
    year: int,
    title: str,
    issuer_id: uuid.UUID,
    signer_id: uuid.UUID,
    signed_on: date | None = None,
    scan: Path | str | None = None,
) -> uuid.UUID:
    """Record a letter (signed, or prepared and not yet signed when ``signed_on`` is None)."""
    require(actor, Permission.EDIT_GRID)
    school_of(ws)
    title = title.strip()
    if not title:
        raise UserError(QT_TRANSLATE_NOOP("app", "Enter the letter's title."))
    if len(title) > 200:
        raise UserError(QT_TRANSLATE_NOOP("app", "A title can have at most 200 characters."))
    if not 2000 <= year <= 2100:
        raise UserError(QT_TRANSLATE_NOOP("app", "Enter the year the letter is for."))
    if issuer_id == signer_id:
        raise UserError(
            QT_TRANSLATE_NOOP(
                "app", "A responsibility letter is signed between two different people."
            )
        )
    if signed_on is not None and abs(signed_on.year - year) > 1:
        raise UserError(
            QT_TRANSLATE_NOOP("app", "The signing date does not fit the letter's year {year}."),
            year=year,
        )
    scan_sha, scan_path = scan_reference(scan)
    with ws.read() as s:  # refuse before the scan is stored
        get_staff(s, issuer_id)
        get_staff(s, signer_id)
    photo = _store_scan(ws, actor, scan)
    with ws.action(actor, "grid.letter.record") as s:
        get_staff(s, issuer_id)
        get_staff(s, signer_id)
        letter = ResponsibilityLetter(
            year=year, title=title, issuer_id=issuer_id, signer_id=signer_id, signed_on=signed_on,
        )  # fmt: skip
        s.add(letter)
        s.flush()
        _attach_scan(s, letter, photo, scan_sha, scan_path)
        return letter.id


def mark_signed(
    ws: Workspace,
    actor: Actor,
    letter_id: uuid.UUID,
    signed_on: date,
    scan: Path | str | None = None,
) -> None:
    """Record the signing day of a prepared letter and attach its scan."""
    require(actor, Permission.EDIT_GRID)
    scan_sha, scan_path = scan_reference(scan)

    def check(s) -> ResponsibilityLetter:
        letter = s.get(ResponsibilityLetter, letter_id)
        if letter is None or letter.deleted_at is not None:
            raise UserError(QT_TRANSLATE_NOOP("app", "This record no longer exists."))
        if letter.signed_on is not None:
            raise UserError(
                QT_TRANSLATE_NOOP("app", "This letter was already signed on {date}."),
                date=letter.signed_on.isoformat(),
            )
        return letter

    with ws.read() as s:  # refuse before the scan is stored
        check(s)
    photo = _store_scan(ws, actor, scan)
    with ws.action(actor, "grid.letter.signed") as s:
        letter = check(s)
        letter.signed_on = signed_on
        _attach_scan(s, letter, photo, scan_sha, scan_path)


def list_letters(ws: Workspace, year: int | None = None) -> list[LetterView]:
    """Letters (of one year, or all), newest year first, then by signer."""
    with ws.read() as s:
        q = select(ResponsibilityLetter).where(ResponsibilityLetter.deleted_at.is_(None))
        if year is not None:
            q = q.where(ResponsibilityLetter.year == year)
        letters = list(s.scalars(q.order_by(ResponsibilityLetter.year.desc())))
        names = {m.id: m.name for m in s.scalars(select(StaffMember))}
        scans = {
            owner: next((ref for purpose, ref in refs if purpose == SCAN), None)
            for owner, refs in linked_photos(s, TABLE, [x.id for x in letters]).items()
        }
        out = [
            LetterView(
                x.id,
                x.year,
                x.title,
                x.issuer_id,
                names.get(x.issuer_id, ""),
                x.signer_id,
                names.get(x.signer_id, ""),
                x.signed_on,
                x.scan_sha256,
                x.scan_path,
                scans.get(x.id),
            )  # fmt: skip
            for x in letters
        ]
    return sorted(out, key=lambda v: (-v.year, v.signer_name))


def unsigned_staff(ws: Workspace, year: int) -> list[str]:
    """Names of active staff with no signed letter for ``year`` (层层签订: everyone signs)."""
    signed = {v.signer_id for v in list_letters(ws, year) if v.signed_on is not None}
    with ws.read() as s:
        rows = s.scalars(
            select(StaffMember).where(
                StaffMember.deleted_at.is_(None), StaffMember.active.is_(True)
            )
        )
        return sorted(m.name for m in rows if m.id not in signed)
