"""Signatures any form can reuse.

A form's service calls :func:`add_signature` inside its own write action,
after checking who may sign; the signature row is immutable from then on,
except that the PNG the UI renders from the strokes can be attached once
(:func:`attach_png`). :func:`content_hash` gives the SHA-256 a signature
binds to, so a verifier can tell whether the record changed after signing.

Strokes are a list of strokes, each a list of ``(x, y, t)`` points: x and y
in pad pixels, t in milliseconds since the pad was first touched. They are
stored (and synced) packed — whole pixels, each point as the difference from
the one before, see :func:`pack_strokes` — because a signature is most of a
school day's bytes on the wire otherwise; :func:`unpack_strokes` reads both
that and the plain list of points written before.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import math
import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.actor import Actor
from app.errors import UserError
from app.i18n import QT_TRANSLATE_NOOP
from app.workspace import Workspace
from db.base import utcnow
from db.models import Signature

MAX_POINTS = 20_000
MAX_PNG_BYTES = 512 * 1024
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"

Strokes = Sequence[Sequence[Sequence[float]]]


@dataclasses.dataclass(frozen=True)
class SignatureView:
    id: uuid.UUID
    signer_name: str
    signer_staff_id: uuid.UUID | None
    signer_user_id: uuid.UUID | None
    purpose: str
    record_table: str
    record_id: uuid.UUID
    signed_at: datetime
    strokes: tuple[tuple[tuple[float, float, int], ...], ...]
    content_sha256: str
    has_png: bool


PACKED_FORMAT = 2


def pack_strokes(strokes: Strokes) -> dict[str, Any]:
    """``{"v": 2, "d": [[x0, y0, t0, dx1, dy1, dt1, ...], ...]}`` in whole pixels.

    A pad pixel is finer than any printed signature needs; small differences
    compress to a third of the plain points.
    """
    packed = []
    for stroke in strokes:
        flat: list[int] = []
        px = py = pt = 0
        for x, y, t in stroke:
            ix, iy, it = round(x), round(y), int(t)
            flat += [ix - px, iy - py, it - pt]
            px, py, pt = ix, iy, it
        if flat:
            packed.append(flat)
    return {"v": PACKED_FORMAT, "d": packed}


def unpack_strokes(stored: Any) -> list[list[tuple[float, float, int]]]:
    """Points from :func:`pack_strokes`'s form, or from the plain list of points."""
    if isinstance(stored, dict) and stored.get("v") == PACKED_FORMAT:
        out = []
        for flat in stored["d"]:
            x = y = t = 0
            points = []
            for i in range(0, len(flat) - 2, 3):
                x, y, t = x + flat[i], y + flat[i + 1], t + flat[i + 2]
                points.append((float(x), float(y), int(t)))
            out.append(points)
        return out
    return [[(float(x), float(y), int(t)) for x, y, t in stroke] for stroke in stored]


def signature_view(sig: Signature) -> SignatureView:
    strokes = tuple(tuple(st) for st in unpack_strokes(sig.strokes))
    return SignatureView(
        id=sig.id,
        signer_name=sig.signer_name,
        signer_staff_id=sig.signer_staff_id,
        signer_user_id=sig.signer_user_id,
        purpose=sig.purpose,
        record_table=sig.record_table,
        record_id=sig.record_id,
        signed_at=sig.signed_at,
        strokes=strokes,
        content_sha256=sig.content_sha256,
        has_png=sig.png is not None,
    )


def content_hash(content: Any) -> str:
    """SHA-256 of a canonical JSON of ``content`` (values must be JSON-able, or str()-able)."""
    canonical = json.dumps(
        content, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def validate_strokes(strokes: Strokes) -> list[list[list[float | int]]]:
    """Checked, normalised strokes (``[[x, y, t], ...]`` per stroke) or a UserError.

    An empty pad, or a pad with only a dot, is not a signature.
    """
    bad = UserError(QT_TRANSLATE_NOOP("app", "The signature could not be read. Sign again."))
    try:
        out: list[list[list[float | int]]] = []
        total = 0
        for stroke in strokes:
            points = []
            for point in stroke:
                x, y, t = point
                x, y, t = float(x), float(y), int(t)
                if not (math.isfinite(x) and math.isfinite(y)) or t < 0:
                    raise bad
                points.append([round(x, 1), round(y, 1), t])
            if points:
                out.append(points)
                total += len(points)
    except (TypeError, ValueError):
        raise bad from None
    if total < 2:
        raise UserError(QT_TRANSLATE_NOOP("app", "Sign on the pad first."))
    if total > MAX_POINTS:
        raise UserError(
            QT_TRANSLATE_NOOP("app", "The signature is too long. Clear the pad and sign again.")
        )
    return out


def _check_png(png: bytes) -> str:
    if not png.startswith(PNG_MAGIC) or len(png) > MAX_PNG_BYTES:
        raise UserError(
            QT_TRANSLATE_NOOP("app", "The signature picture must be a PNG of at most 512 KB.")
        )
    return hashlib.sha256(png).hexdigest()


def add_signature(
    s: Session,
    *,
    signer_name: str,
    purpose: str,
    record_table: str,
    record_id: uuid.UUID,
    strokes: Strokes,
    content_sha256: str,
    signer_staff_id: uuid.UUID | None = None,
    signer_user_id: uuid.UUID | None = None,
    png: bytes | None = None,
) -> Signature:
    """Insert a signature inside the caller's write action (who may sign is the caller's check)."""
    clean = validate_strokes(strokes)
    png_sha = _check_png(png) if png is not None else None
    sig = Signature(
        signer_name=signer_name,
        signer_staff_id=signer_staff_id,
        signer_user_id=signer_user_id,
        purpose=purpose,
        record_table=record_table,
        record_id=record_id,
        signed_at=utcnow(),
        strokes=pack_strokes(clean),
        content_sha256=content_sha256,
        png=png,
        png_sha256=png_sha,
    )
    s.add(sig)
    s.flush()
    return sig


def attach_png(ws: Workspace, actor: Actor, signature_id: uuid.UUID, png: bytes) -> None:
    """Store the picture the UI rendered from the strokes; only once, then it is fixed.

    The picture adds nothing the strokes do not already hold, so any signed-in
    user (in practice the PC the signature was made on) may attach it; a
    second picture is refused, so a signature's look cannot be swapped later.
    """
    png_sha = _check_png(png)
    with ws.action(actor, "signature.attach_png") as s:
        sig = s.get(Signature, signature_id)
        if sig is None or sig.deleted_at is not None:
            raise UserError(QT_TRANSLATE_NOOP("app", "This signature no longer exists."))
        if sig.png is not None:
            raise UserError(
                QT_TRANSLATE_NOOP(
                    "app", "This signature already has its picture; it cannot change."
                )
            )
        sig.png = png
        sig.png_sha256 = png_sha


def get_signature(ws: Workspace, signature_id: uuid.UUID) -> SignatureView | None:
    with ws.read() as s:
        sig = s.get(Signature, signature_id)
        return signature_view(sig) if sig is not None and sig.deleted_at is None else None


def signature_png(ws: Workspace, signature_id: uuid.UUID) -> bytes | None:
    with ws.read() as s:
        sig = s.get(Signature, signature_id)
        return sig.png if sig is not None else None


def signatures_for(ws: Workspace, record_table: str, record_id: uuid.UUID) -> list[SignatureView]:
    """Every signature on one record, oldest first."""
    with ws.read() as s:
        rows = s.scalars(
            select(Signature)
            .where(
                Signature.record_table == record_table,
                Signature.record_id == record_id,
                Signature.deleted_at.is_(None),
            )
            .order_by(Signature.signed_at)
        )
        return [signature_view(r) for r in rows]
