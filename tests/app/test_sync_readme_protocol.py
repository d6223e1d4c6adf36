"""app/sync/README.md is enough to build a bundle and a return bundle the real code accepts.

Everything on the wire here is made by the code in this file, from the
README's description only, with general libraries (pyrage and the ``age``
binary, cryptography's Ed25519, zstandard, hashlib, json, struct, tarfile as a
writer): no module of ``app.sync`` builds a byte of it. The bundle goes to a
real bureau ingest on PostgreSQL, chained to a bundle the PC packed itself;
the return bundle goes to the PC's reader, which applies its acks.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import shutil
import struct
import subprocess
import tarfile
import time
import uuid
from datetime import UTC, datetime
from typing import Any

import keyring
import pyrage
import pytest
import zstandard
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pyrage import x25519
from sqlalchemy import select

from app.bureau.enrollment import register_device
from app.bureau.ingest import Ingestor
from app.errors import UserError
from app.sync.enrollment import import_enrollment, register
from app.sync.keys import device_keys
from app.sync.outgoing import outgoing_dir, pack_pending
from app.sync.service import apply_return
from db import schema
from db.models import BureauBlob, OutboxEntry, SyncBundle, SyncNotice, UserAccount
from tests.sync_support import BureauUnderTest

# -- the README, written out -----------------------------------------------------------


def canonical(value: Any) -> bytes:
    """Canonical JSON: sorted keys, "," and ":" separators, UTF-8."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def fingerprint(data: bytes) -> str:
    """First 8 bytes of SHA-256 as a big-endian integer mod 10^16, 16 digits in four groups."""
    number = int.from_bytes(hashlib.sha256(data).digest()[:8], "big") % 10**16
    text = f"{number:016d}"
    return " ".join(text[i : i + 4] for i in range(0, 16, 4))


def uuid7() -> uuid.UUID:
    value = (int(time.time() * 1000) << 80) | int.from_bytes(os.urandom(10), "big")
    value = (value & ~(0xF << 76)) | (0x7 << 76)  # version 7
    value = (value & ~(0x3 << 62)) | (0x2 << 62)  # RFC 4122 variant
    return uuid.UUID(int=value)


def ustar_by_hand(members: list[tuple[str, bytes]]) -> bytes:
    """One 512-byte header per member, the bytes, zero padding to 512; two zero blocks."""
    out = bytearray()
    for name, data in members:
        head = bytearray(512)
        head[0 : len(name)] = name.encode("ascii")
        head[124:136] = b"%011o\x00" % len(data)  # size, octal
        head[148:156] = b" " * 8  # the checksum counts its own field as spaces
        head[156:157] = b"0"  # regular file
        head[257:263] = b"ustar\x00"
        head[263:265] = b"00"
        head[148:156] = b"%06o\x00 " % sum(head)
        out += head + data + bytes(-len(data) % 512)
    return bytes(out + bytes(1024))


def ustar_by_tarfile(members: list[tuple[str, bytes]]) -> bytes:
    """Python's tarfile as a writer, in ustar format, cut after its two zero blocks."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        for name, data in members:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
        end = buf.tell() + 1024  # tarfile pads on to a 10 KiB record: those bytes must go
    return buf.getvalue()[:end]


def envelope(kind: int, device: uuid.UUID, school: uuid.UUID | None, seq: int, payload: bytes,
             signing_key: Ed25519PrivateKey) -> bytes:  # fmt: skip
    """magic, format 2, kind, device, school, seq, L, payload, Ed25519 signature."""
    zero = uuid.UUID(int=0)
    head = struct.pack(">6sBB16s16sQQ", b"XIAOAN", 2, kind, device.bytes,
                       (school or zero).bytes, seq, len(payload))  # fmt: skip
    assert len(head) == 56
    body = head + payload
    return body + signing_key.sign(body)


def zstd(archive: bytes) -> bytes:
    return zstandard.ZstdCompressor(level=19, write_content_size=True).compress(archive)


def member_list(members: list[tuple[str, bytes]]) -> dict[str, dict[str, Any]]:
    return {name: {"sha256": hashlib.sha256(d).hexdigest(), "size": len(d)} for name, d in members}


def make_bundle(*, enrollment: dict[str, Any], device: uuid.UUID, school: uuid.UUID, seq: int,
                prev_sha256: str, changes: list[dict[str, Any]], photos: dict[bytes, str],
                signing_key: Ed25519PrivateKey) -> bytes:  # fmt: skip
    """A bundle file as the README's "Bundles" section describes it."""
    lines = b"".join(canonical(c) + b"\n" for c in changes)
    members = [("changes.jsonl", lines)]
    blob_map: dict[str, str] = {}
    for copy, original in photos.items():
        digest = hashlib.sha256(copy).hexdigest()
        members.append((f"blobs/{digest}", copy))
        blob_map[digest] = original
    recipients = list(enrollment["bureau_recipients"])
    if enrollment["escrow_recipient"]:
        recipients.append(enrollment["escrow_recipient"])
    hlcs = [c["hlc"] for c in changes]
    manifest = {
        "format": 2,
        "bundle_id": str(uuid7()),
        "school": str(school),
        "device": str(device),
        "seq": seq,
        "prev_sha256": prev_sha256,
        "hlc_min": min(hlcs),
        "hlc_max": max(hlcs),
        "change_count": len(changes),
        "schema_revision": schema.HEAD,
        "app_version": "readme-1",
        "created_at": datetime.now(UTC).isoformat(),
        "recipients": sorted(fingerprint(r.encode("ascii")) for r in recipients),
        "members": member_list(members),
        "blobs": blob_map,
    }
    archive = ustar_by_hand([("manifest.json", canonical(manifest)), *members])
    plain = envelope(0, device, school, seq, zstd(archive), signing_key)
    return pyrage.encrypt(plain, [x25519.Recipient.from_str(r) for r in recipients])


def make_return(*, device: uuid.UUID, school: uuid.UUID, return_seq: int, acks: dict[str, Any],
                notices: list[dict[str, Any]], bureau_key: Ed25519PrivateKey,
                recipient: str) -> bytes:  # fmt: skip
    """A return bundle as the README's "Return bundles" section describes it, age by the binary."""
    members = [("acks.json", canonical(acks)), ("notices.json", canonical(notices))]
    manifest = {
        "format": 2,
        "kind": "return",
        "device": str(device),
        "school": str(school),
        "return_seq": return_seq,
        "created_at": datetime.now(UTC).isoformat(),
        "members": member_list(members),
    }
    archive = ustar_by_tarfile([("manifest.json", canonical(manifest)), *members])
    plain = envelope(1, device, school, return_seq, zstd(archive), bureau_key)
    done = subprocess.run(
        ["age", "-r", recipient], input=plain, capture_output=True, check=True, timeout=20
    )
    return done.stdout


# -- the test --------------------------------------------------------------------------


class InProcessRegistration:
    """POST /v1/devices without a socket: the bureau's own registration handler."""

    def __init__(self, engine) -> None:
        self.engine = engine

    def register(self, payload: dict[str, Any]) -> dict[str, Any]:
        return register_device(self.engine, payload)


@pytest.mark.skipif(shutil.which("age") is None, reason="needs the age binary")
def test_a_bundle_and_a_return_built_from_the_readme_are_accepted(
    tmp_path, postgres_url, workspace, memory_keyring
):
    ws = workspace
    bureau = BureauUnderTest(postgres_url, tmp_path / "keys")
    try:
        enroll_file = bureau.enroll(tmp_path / "stick")
        enrollment = json.loads(enroll_file.read_text())
        import_enrollment(ws, enroll_file)
        register(ws, InProcessRegistration(bureau.engine))
        ingestor = Ingestor(bureau.engine, bureau.config)

        # The PC packs and the bureau takes its first bundle the usual way.
        pack_pending(ws, device_keys(ws.device_id))
        with ws.read() as s:
            first = s.scalar(select(SyncBundle).where(SyncBundle.seq == 1))
        first_file = (outgoing_dir(ws) / first.file_name).read_bytes()
        assert ingestor.receive(first_file, first.file_name).state == "applied"

        # Seq 2 is ours: the device's key as the README says where it is kept.
        raw = keyring.get_password("xiaoan", f"device:{ws.device_id}:ed25519")
        device_key = Ed25519PrivateKey.from_private_bytes(base64.b64decode(raw))
        row = str(uuid.uuid4())
        hlc = (int(time.time() * 1000) << 16) | 7
        now = datetime.now(UTC).isoformat()
        change = {
            "table": "user_account",
            "row": row,
            "op": "insert",
            "hlc": hlc,
            "device": str(ws.device_id),
            "changes": {
                "id": row, "school_id": str(ws.school_id), "username": "readme",
                "role": "staff", "active": True, "origin_device": str(ws.device_id),
                "created_at": now, "updated_at": now, "deleted_at": None,
            },
        }  # fmt: skip
        copy = b"\xff\xd8\xff\xe0" + os.urandom(3000) + b"\xff\xd9"  # a JPEG's ends, as bytes go
        original = hashlib.sha256(b"the photo as taken").hexdigest()
        second = make_bundle(
            enrollment=enrollment, device=ws.device_id, school=ws.school_id, seq=2,
            prev_sha256=hashlib.sha256(first_file).hexdigest(), changes=[change],
            photos={copy: original}, signing_key=device_key,
        )  # fmt: skip
        name = f"{ws.school_id}.{ws.device_id}.{2:08d}.bundle"
        result = ingestor.receive(second, name, sender=ws.device_id)
        assert (result.state, result.reason) == ("applied", "")
        with bureau.engine.connect() as conn:
            got = conn.execute(
                select(UserAccount.username, UserAccount.school_id).where(UserAccount.id == row)
            ).one()
            blob = conn.execute(select(BureauBlob.photo_sha256, BureauBlob.size)).one()
        assert tuple(got) == ("readme", ws.school_id)
        assert tuple(blob) == (original, len(copy))
        told = ingestor.acks(ws.device_id)
        assert (told.contiguous_seq, told.held, told.quarantined) == (2, [], [])

        # Other signed bytes under seq 2: a seq conflict, unsettled; the first file counts.
        again = make_bundle(
            enrollment=enrollment, device=ws.device_id, school=ws.school_id, seq=2,
            prev_sha256=hashlib.sha256(first_file).hexdigest(), changes=[change], photos={},
            signing_key=device_key,
        )  # fmt: skip
        clash = ingestor.receive(again, name, sender=ws.device_id)
        assert (clash.state, clash.reason, clash.conflict) == ("quarantined", "seq_conflict", True)
        told = ingestor.acks(ws.device_id)
        assert told.contiguous_seq == 2
        assert [(q["seq"], q["reason"], q["settled"]) for q in told.quarantined] == [
            (2, "seq_conflict", False)
        ]

        # The reply, signed with the bureau's key from <key-dir>/bureau.key.
        stored = json.loads((tmp_path / "keys" / "bureau.key").read_text())
        bureau_key = Ed25519PrivateKey.from_private_bytes(base64.b64decode(stored["ed25519"]))
        recipient = x25519.Identity.from_str(
            keyring.get_password("xiaoan", f"device:{ws.device_id}:x25519")
        ).to_public()
        notice = {"id": str(uuid.uuid4()), "text": "周五前报送隐患台账", "created_at": now}
        reply = make_return(
            device=ws.device_id, school=ws.school_id, return_seq=1,
            acks={"contiguous_seq": 2, "held": [], "quarantined": []}, notices=[notice],
            bureau_key=bureau_key, recipient=str(recipient),
        )  # fmt: skip
        # A payload that is a bare tar (no zstd) is refused, and nothing is applied.
        archive = ustar_by_hand([("manifest.json", b"{}")])
        bare = pyrage.encrypt(
            envelope(1, ws.device_id, ws.school_id, 1, archive, bureau_key), [recipient]
        )
        with pytest.raises(UserError, match="bad_container"):
            apply_return(ws, bare)
        acks = apply_return(ws, reply)
        assert acks is not None and acks.contiguous_seq == 2
        with ws.read() as s:
            assert s.get(SyncBundle, 1).state == "acked"
            assert all(e.acked_at for e in s.scalars(select(OutboxEntry)))
            assert [n.text for n in s.scalars(select(SyncNotice))] == [notice["text"]]
        assert not (outgoing_dir(ws) / first.file_name).exists()
        assert apply_return(ws, reply) is None  # the same return_seq again is old
    finally:
        bureau.stop()


def test_the_readme_command_lists_a_bundle_made_from_it_and_one_the_app_made(tmp_path):
    """``age -d -i KEY FILE | tail -c +57 | head -c -64 | zstd -d | tar t``, as printed."""
    from app.sync.bundle import build_bundle
    from app.sync.keys import SigningKey

    if not all(shutil.which(tool) for tool in ("age", "zstd", "tar")):
        pytest.skip("needs age, zstd and tar")
    bureau = x25519.Identity.generate()
    (tmp_path / "bureau.age").write_text(str(bureau) + "\n")
    device, school, key = uuid.uuid4(), uuid.uuid4(), Ed25519PrivateKey.generate()
    hlc = int(time.time() * 1000) << 16
    line = {"table": "t", "row": str(uuid.uuid4()), "op": "insert", "hlc": hlc,
            "device": str(device), "changes": {}}  # fmt: skip
    copy = os.urandom(700)
    ours = make_bundle(
        enrollment={"bureau_recipients": [str(bureau.to_public())], "escrow_recipient": None},
        device=device, school=school, seq=1, prev_sha256="", changes=[line],
        photos={copy: "0" * 64}, signing_key=key,
    )  # fmt: skip
    theirs = build_bundle(
        school_id=school, device_id=device, seq=1, prev_sha256="", changes=[line],
        blobs={hashlib.sha256(copy).hexdigest(): copy},
        blob_photos={hashlib.sha256(copy).hexdigest(): "0" * 64}, schema_revision=schema.HEAD,
        app_version="0", signing_key=SigningKey.generate(), recipients=[str(bureau.to_public())],
        created_at=datetime.now(UTC).isoformat(),
    )  # fmt: skip
    blob = f"blobs/{hashlib.sha256(copy).hexdigest()}"
    for made in (ours, theirs):
        (tmp_path / "FILE").write_bytes(made)
        listed = subprocess.run(
            "age -d -i bureau.age FILE | tail -c +57 | head -c -64 | zstd -d | tar t",
            shell=True, cwd=tmp_path, capture_output=True, check=True, timeout=20,
        )  # fmt: skip
        assert listed.stdout.decode().split() == ["manifest.json", "changes.jsonl", blob]
