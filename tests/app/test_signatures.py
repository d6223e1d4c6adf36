"""Signatures: stroke data checked, bound to content, picture attached once."""

from __future__ import annotations

import uuid

import pytest

from app.errors import UserError
from app.signatures.service import (
    add_signature,
    attach_png,
    content_hash,
    get_signature,
    signature_png,
    validate_strokes,
)

STROKES = [[(1, 2, 0), (3, 4, 16), (5, 6, 33)]]
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32


def test_strokes_are_normalised_and_empty_pads_refused():
    assert validate_strokes(STROKES) == [[[1.0, 2.0, 0], [3.0, 4.0, 16], [5.0, 6.0, 33]]]
    with pytest.raises(UserError, match="Sign on the pad"):
        validate_strokes([])
    with pytest.raises(UserError, match="could not be read"):
        validate_strokes([[("x", 1, 0)]])
    with pytest.raises(UserError, match="could not be read"):
        validate_strokes([[(float("nan"), 1, 0), (1, 1, 1)]])


def test_content_hash_is_canonical():
    assert content_hash({"a": 1, "b": [2]}) == content_hash({"b": [2], "a": 1})
    assert content_hash({"a": 1}) != content_hash({"a": 2})


def test_a_signature_gets_its_picture_once(workspace, principal):
    record = uuid.uuid4()
    with workspace.action(principal, "test.sign") as s:
        sig_id = add_signature(
            s, signer_name="张丽", purpose="test", record_table="t", record_id=record,
            strokes=STROKES, content_sha256=content_hash({"x": 1}),
        ).id  # fmt: skip
    view = get_signature(workspace, sig_id)
    assert view.strokes[0][1] == (3.0, 4.0, 16) and not view.has_png
    with pytest.raises(UserError, match="PNG"):
        attach_png(workspace, principal, sig_id, b"GIF89a")
    attach_png(workspace, principal, sig_id, PNG)
    assert signature_png(workspace, sig_id) == PNG
    with pytest.raises(UserError, match="already has its picture"):
        attach_png(workspace, principal, sig_id, PNG)


def test_the_picture_stays_on_this_pc_and_the_strokes_travel(workspace, principal):
    """The rendered PNG is a local cache: it never enters the outbox (GPRS links)."""
    from sqlalchemy import select

    from db.models import OutboxEntry

    with workspace.action(principal, "test.sign") as s:
        sig_id = add_signature(
            s, signer_name="张丽", purpose="test", record_table="t", record_id=uuid.uuid4(),
            strokes=STROKES, content_sha256=content_hash({"x": 1}), png=PNG,
        ).id  # fmt: skip
    with workspace.read() as s:
        (insert,) = s.scalars(select(OutboxEntry).where(OutboxEntry.row_id == sig_id)).all()
    assert "strokes" in insert.changes
    assert "png" not in insert.changes and "png_sha256" not in insert.changes
    assert signature_png(workspace, sig_id) == PNG  # kept here for printing


def test_attaching_the_picture_later_sends_nothing(workspace, principal):
    from sqlalchemy import func, select

    from db.models import OutboxEntry

    with workspace.action(principal, "test.sign") as s:
        sig_id = add_signature(
            s, signer_name="张丽", purpose="test", record_table="t", record_id=uuid.uuid4(),
            strokes=STROKES, content_sha256=content_hash({"x": 1}),
        ).id  # fmt: skip
    with workspace.read() as s:
        before = s.scalar(select(func.count()).select_from(OutboxEntry))
    attach_png(workspace, principal, sig_id, PNG)
    with workspace.read() as s:
        assert s.scalar(select(func.count()).select_from(OutboxEntry)) == before


def test_strokes_are_stored_packed_and_read_back_in_whole_pixels(workspace, principal):
    from app.signatures.service import pack_strokes, unpack_strokes
    from db.models import Signature

    strokes = [[(10.4, 20.6, 0), (12.0, 19.2, 16), (15.5, 18.0, 33)], [(40.0, 50.0, 300)]]
    assert unpack_strokes(pack_strokes(strokes)) == [
        [(10.0, 21.0, 0), (12.0, 19.0, 16), (16.0, 18.0, 33)],
        [(40.0, 50.0, 300)],
    ]
    assert unpack_strokes([[[1, 2, 0], [3, 4, 16]]]) == [[(1.0, 2.0, 0), (3.0, 4.0, 16)]]
    with workspace.action(principal, "test.sign") as s:
        sig_id = add_signature(
            s, signer_name="张丽", purpose="test", record_table="t", record_id=uuid.uuid4(),
            strokes=strokes, content_sha256=content_hash({"x": 1}),
        ).id  # fmt: skip
    with workspace.read() as s:
        assert s.get(Signature, sig_id).strokes["v"] == 2
    assert get_signature(workspace, sig_id).strokes[1] == ((40.0, 50.0, 300),)
