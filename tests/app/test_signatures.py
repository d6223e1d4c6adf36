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
