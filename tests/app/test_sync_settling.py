"""Settling never raises and never wedges a device; return bundles are authenticated first."""

from __future__ import annotations

import hashlib
import uuid

import pytest
from sqlalchemy import select

from app.bureau import ingest as ingest_mod
from app.bureau.ingest import Ingestor
from app.bureau.operator import quarantine_list
from app.sync.bundle import BundleError
from app.sync.envelope import KIND_RETURN
from app.sync.keys import AgeIdentity, SigningKey
from app.sync.returns import Acks, build_return, read_return
from db.models import BureauBundle
from tests.app.test_sync_hostile import register
from tests.hostile_bundles import Parties, envelope, legit, zstd
from tests.sync_support import BureauUnderTest


@pytest.fixture
def bureau(tmp_path, postgres_url):
    b = BureauUnderTest(postgres_url, tmp_path / "keys")
    p = Parties.generate(b.config.age)
    register(b.engine, p)
    yield Ingestor(b.engine, b.config), p
    b.stop()


class Refusal(Exception):
    reason = "foreign_row"


def test_a_failure_while_settling_quarantines_that_bundle_by_its_reason_and_the_next_apply(
    bureau, monkeypatch
):
    ingestor, p = bureau
    one = legit(p, 1, "")
    assert ingestor.receive(one).state == "applied"

    def refuse(*_a, **_k):
        raise Refusal("row of another school")

    monkeypatch.setattr(ingest_mod, "apply_changes", refuse)
    two = legit(p, 2, hashlib.sha256(one).hexdigest())
    result = ingestor.receive(two)
    assert (result.state, result.reason) == ("quarantined", "foreign_row")

    def crash(*_a, **_k):
        raise RuntimeError("no reason given")

    monkeypatch.setattr(ingest_mod, "apply_changes", crash)
    three = legit(p, 3, hashlib.sha256(two).hexdigest())
    result = ingestor.receive(three)
    assert (result.state, result.reason) == ("quarantined", "apply_failed")
    monkeypatch.undo()
    four = legit(p, 4, hashlib.sha256(three).hexdigest())
    assert ingestor.receive(four).state == "applied"
    listed = {(q.seq, q.reason, q.settled) for q in quarantine_list(ingestor.engine)}
    assert listed == {(2, "foreign_row", True), (3, "apply_failed", True)}


def test_a_failure_outside_the_bundle_still_settles_it_and_lists_it(bureau, monkeypatch):
    """Even when reading the held file back fails unexpectedly, the device is not wedged."""
    ingestor, p = bureau
    one = legit(p, 1, "")
    two = legit(p, 2, hashlib.sha256(one).hexdigest())
    assert ingestor.receive(two).state == "held"

    def broken(_path):
        raise MemoryError("spool read failed")

    monkeypatch.setattr(ingestor, "_read_stored", broken)
    assert ingestor.receive(one).state == "applied"  # its own copy is cached
    monkeypatch.undo()
    with ingestor.engine.connect() as conn:
        row = conn.execute(
            select(BureauBundle).where(BureauBundle.sha256 == hashlib.sha256(two).hexdigest())
        ).one()
    assert (row.state, row.reason) == ("quarantined", "apply_failed")
    assert [q.seq for q in quarantine_list(ingestor.engine)] == [2]
    three = legit(p, 3, hashlib.sha256(two).hexdigest())
    assert ingestor.receive(three).state == "applied"


def test_the_audit_head_is_kept_with_the_bundle(bureau):
    from app.sync.bundle import build_bundle
    from db import schema

    ingestor, p = bureau
    head = {"seq": 12, "mac": "ab" * 32}
    data = build_bundle(
        school_id=p.school, device_id=p.device, seq=1, prev_sha256="", changes=[], blobs={},
        schema_revision=schema.HEAD, app_version="0.1.0", signing_key=p.key,
        recipients=[p.bureau.recipient], created_at="2026-11-23T06:00:00+00:00", audit_head=head,
    )  # fmt: skip
    assert ingestor.receive(data).state == "applied"
    with ingestor.engine.connect() as conn:
        stored = conn.execute(select(BureauBundle.audit_head)).scalar()
    assert stored == head


def test_return_bundles_are_authenticated_before_they_are_parsed():
    device, bureau_key, me = uuid.uuid4(), SigningKey.generate(), AgeIdentity.generate()
    acks = Acks(3, [5], [{"seq": 4, "sha256": "a" * 64, "reason": "bad_change", "settled": True}])

    def make(**over):
        args = dict(
            device_id=device, school_id=None, return_seq=7, acks=acks, signing_key=bureau_key,
            recipient=me.recipient, created_at="2026-11-23T06:00:00+00:00",
            notices=[{"id": str(uuid.uuid4()), "text": "通知", "created_at": "2026-11-23T06:00:00+00:00"}],
        )  # fmt: skip
        return build_return(**(args | over))

    ret = read_return(make(), me, bureau_key.public, device)
    assert ret.return_seq == 7 and ret.acks == acks and ret.notices[0]["text"] == "通知"

    def reason(data: bytes, device_id=device) -> str:
        with pytest.raises(BundleError) as err:
            read_return(data, me, bureau_key.public, device_id)
        return err.value.reason

    assert reason(make(signing_key=SigningKey.generate())) == "bad_signature"
    assert reason(make(), device_id=uuid.uuid4()) == "wrong_recipient"
    assert reason(make(recipient=AgeIdentity.generate().recipient)) == "wrong_recipient"
    assert reason(make()[:-10]) == "corrupt"

    p = Parties(device, uuid.uuid4(), bureau_key, uuid.uuid4(), uuid.uuid4(), bureau_key, me)
    # One RLE block: 4 bytes that unpack to 128 KiB of zeros, after the end of the archive.
    bomb = b"\x28\xb5\x2f\xfd\x00\x50" + ((1 << 17) << 3 | 2 | 1).to_bytes(3, "little") + b"\x00"
    signed_bomb = envelope(p, 7, bomb, kind=KIND_RETURN, school=uuid.UUID(int=0))
    assert reason(signed_bomb) == "bad_container"
    unsigned = envelope(p, 7, zstd(b"x"), kind=KIND_RETURN, key=SigningKey.generate())
    assert reason(unsigned) == "bad_signature"
    as_bundle = envelope(p, 7, zstd(b"x"), kind=0)
    assert reason(as_bundle) == "bad_envelope"


class Killed(BaseException):
    """The process dying between two steps of the ingest (nothing below catches it)."""


@pytest.mark.parametrize("recovery", ["same bytes again", "bureau restart", "usb import"])
def test_a_bundle_stored_but_not_settled_when_the_bureau_died_is_settled_later(
    bureau, monkeypatch, tmp_path, recovery
):
    ingestor, p = bureau
    one = legit(p, 1, "")
    assert ingestor.receive(one).state == "applied"
    two = legit(p, 2, hashlib.sha256(one).hexdigest())

    def die(*_a, **_k):
        raise Killed

    monkeypatch.setattr(Ingestor, "advance", die)
    with pytest.raises(Killed):
        ingestor.receive(two)  # recorded as held, then the process died
    monkeypatch.undo()
    with ingestor.engine.connect() as conn:
        assert conn.execute(select(BureauBundle.state).where(BureauBundle.seq == 2)).scalar() == (
            "held"
        )

    fresh = Ingestor(ingestor.engine, ingestor.config)  # a new process
    if recovery == "same bytes again":
        assert fresh.receive(two).state == "duplicate"
    elif recovery == "bureau restart":
        from app.bureau.server import create_app

        create_app(ingestor.config, ingestor.engine)
    else:
        from app.bureau.cli import main as bureau_main

        (tmp_path / "stick").mkdir()
        args = ["--key-dir", str(ingestor.config.key_dir), "import", str(tmp_path / "stick")]
        assert bureau_main(args) == 0
    with ingestor.engine.connect() as conn:
        assert conn.execute(select(BureauBundle.state).where(BureauBundle.seq == 2)).scalar() == (
            "applied"
        )
    assert fresh.acks(p.device).contiguous_seq == 2


def test_status_names_what_each_device_is_waiting_for_and_returns_go_to_one_school(
    bureau, tmp_path, capsys
):
    from app.bureau.cli import main as bureau_main

    ingestor, p = bureau
    one = legit(p, 1, "")
    two = legit(p, 2, hashlib.sha256(one).hexdigest())
    three = legit(p, 3, hashlib.sha256(two).hexdigest())
    assert ingestor.receive(three).state == "held"
    assert ingestor.receive(two).state == "held"
    keys = ["--key-dir", str(ingestor.config.key_dir)]
    assert bureau_main([*keys, "status", "--silent-days", "0"]) == 0
    out = capsys.readouterr().out
    assert f"220105-0012 device {p.device}: bundle 1 missing, 2 held behind it (2, 3)" in out
    assert f"220105-0099 device {p.other_device}: nothing received for 0 days" in out
    assert ingestor.receive(one).state == "applied"
    assert bureau_main([*keys, "status"]) == 0
    assert "Waiting" not in capsys.readouterr().out  # all in, and nobody silent for a week

    stick = tmp_path / "stick"
    assert bureau_main([*keys, "export-returns", str(stick), "--school-code", "220105-0012"]) == 0
    assert [f.name.split(".")[0] for f in stick.iterdir()] == [str(p.device)]
    assert bureau_main([*keys, "export-returns", str(stick), "--school-code", "999"]) == 2
