"""A generated corpus of hostile bundle files, each with the reason the bureau must give.

:func:`corpus` returns :class:`Case` objects for one genuine device (and a
second device of another school, a stranger's key, another bureau's
recipient). A case's ``make(seq, prev)`` builds the file: *unsettled* cases
(nothing verified, or signed by someone else) ignore both; *settled* cases
are signed by the genuine device, so they must carry the device's next seq
and use it up. :func:`legit` builds the genuine device's next good bundle.

Classes: random mutation of a valid file (bit flips, cuts, extensions), of
its signed plaintext (re-encrypted), wrong recipient, not age, format 1,
unknown device, another device's signature, header fields, oversized files,
zstd bombs, odd manifests, odd change lines, tar tricks, member hashes, and
changes the merge refuses (those signed by the genuine device are in
:mod:`tests.hostile_signed`, which also assembles the corpus). Tar tricks are written with Python's ``tarfile``
(writing is harmless; only reading untrusted tar is not).
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import random
import struct
import tarfile
import uuid
from collections.abc import Callable
from typing import Any

import pyrage
import zstandard
from pyrage import x25519

from app.sync.bundle import build_bundle, canonical_json, encode_changes
from app.sync.container import write_members
from app.sync.envelope import HEADER, MAX_FILE_BYTES, MAX_PAYLOAD_BYTES, MAX_SEQ
from app.sync.keys import AgeIdentity, SigningKey
from db import schema
from db.hlc import pack

HLC = pack(1_790_000_000_000)
MERGE_REFUSALS = frozenset(
    {"apply_failed", "bad_change", "bad_value", "foreign_row", "unknown_table", "unknown_column"}
)
Make = Callable[[int, str], bytes]


@dataclasses.dataclass(frozen=True)
class Parties:
    device: uuid.UUID
    school: uuid.UUID
    key: SigningKey
    other_device: uuid.UUID
    other_school: uuid.UUID
    other_key: SigningKey
    bureau: AgeIdentity

    @classmethod
    def generate(cls, bureau: AgeIdentity) -> Parties:
        return cls(
            uuid.uuid4(), uuid.uuid4(), SigningKey.generate(),
            uuid.uuid4(), uuid.uuid4(), SigningKey.generate(), bureau,
        )  # fmt: skip


@dataclasses.dataclass(frozen=True)
class Case:
    name: str
    cls: str
    make: Make
    reasons: frozenset[str]
    settled: bool = False
    sender: str | None = None  # "device" | "other": receive(..., sender=...)
    # Refused before anything is stored (no bureau_bundle row; HTTP 413).
    unstored: bool = False


def change(p: Parties, n: int, **over: Any) -> dict[str, Any]:
    row = str(uuid.uuid5(p.device, f"row-{n}"))
    body = {
        "id": row,
        "school_id": str(p.school),
        "username": f"u{n}-{row[:6]}",
        "role": "staff",
        "active": True,
        "hlc": HLC + n,
        "origin_device": str(p.device),
        "created_at": "2026-11-23T06:00:00+00:00",
        "updated_at": "2026-11-23T06:00:00+00:00",
        "deleted_at": None,
    }
    line = {
        "table": "user_account",
        "row": row,
        "op": "insert",
        "hlc": HLC + n,
        "device": str(p.device),
        "changes": body,
    }
    return {**line, **over}


def legit(p: Parties, seq: int, prev: str, n: int | None = None) -> bytes:
    return build_bundle(
        school_id=p.school,
        device_id=p.device,
        seq=seq,
        prev_sha256=prev,
        changes=[change(p, seq if n is None else n)],
        blobs={},
        schema_revision=schema.HEAD,
        app_version="0.1.0",
        signing_key=p.key,
        recipients=[p.bureau.recipient],
        created_at="2026-11-23T06:00:00+00:00",
    )


def encrypt(plain: bytes, recipient: str) -> bytes:
    return pyrage.encrypt(plain, [x25519.Recipient.from_str(recipient)])


def envelope(
    p: Parties,
    seq: int,
    payload: bytes,
    *,
    key: SigningKey | None = None,
    device: uuid.UUID | None = None,
    school: uuid.UUID | None = None,
    kind: int = 0,
    fmt: int = 2,
    magic: bytes = b"XIAOAN",
    length: int | None = None,
    recipient: str | None = None,
) -> bytes:
    head = HEADER.pack(
        magic, fmt, kind, (device or p.device).bytes, (school or p.school).bytes,
        seq, len(payload) if length is None else length,
    )  # fmt: skip
    body = head + payload
    return encrypt(body + (key or p.key).sign(body), recipient or p.bureau.recipient)


def zstd(data: bytes, **kw: Any) -> bytes:
    return zstandard.ZstdCompressor(level=3, write_content_size=True, **kw).compress(data)


def manifest_of(p: Parties, seq: int, prev: str, lines: bytes, count: int, hlcs: list[int]):
    return {
        "format": 2,
        "bundle_id": str(uuid.uuid4()),
        "school": str(p.school),
        "device": str(p.device),
        "seq": seq,
        "prev_sha256": prev,
        "hlc_min": min(hlcs) if hlcs else None,
        "hlc_max": max(hlcs) if hlcs else None,
        "change_count": count,
        "schema_revision": schema.HEAD,
        "app_version": "0.1.0",
        "created_at": "2026-11-23T06:00:00+00:00",
        "recipients": [],
        "blobs": {},
        "members": {
            "changes.jsonl": {"sha256": hashlib.sha256(lines).hexdigest(), "size": len(lines)}
        },
        "audit_head": None,
    }


def signed(p: Parties, *, manifest: Any = None, lines: bytes | None = None, **over) -> Make:
    """A settled case: the genuine device signs a payload built from parts, some of them odd.

    ``manifest`` may be a dict of fields to override, a callable editing the
    manifest dict, or raw bytes for the whole manifest member.
    """

    def make(seq: int, prev: str) -> bytes:
        body = encode_changes([change(p, seq)]) if lines is None else lines
        m = manifest_of(p, seq, prev, body, 1, [HLC + seq])
        if lines is not None:  # odd lines: the manifest still counts them honestly
            m["change_count"] = max(1, body.count(b"\n"))
            m["hlc_min"] = m["hlc_max"] = HLC + seq
        if callable(manifest):
            manifest(m)
            raw = canonical_json(m)
        elif isinstance(manifest, dict):
            m.update(manifest)
            raw = canonical_json(m)
        else:
            raw = manifest if manifest is not None else canonical_json(m)
        return envelope(
            p, seq, zstd(write_members([("manifest.json", raw), ("changes.jsonl", body)])), **over
        )

    return make


def signed_payload(p: Parties, payload: Callable[[int, str], bytes]) -> Make:
    return lambda seq, prev: envelope(p, seq, payload(seq, prev))


def fixed(data: bytes) -> Make:
    return lambda _seq, _prev: data


def _case(out, name, cls, make, *reasons, settled=False, **kw):
    out.append(Case(name, cls, make, frozenset(reasons), settled, **kw))


# -- unsettled: nothing the bureau can attribute to the genuine device ---------------------


def mutations(p: Parties, rng: random.Random, out: list[Case]) -> None:
    base = legit(p, 999_999, "")
    seen: set[bytes] = set()
    age_errors = ("corrupt", "not_a_bundle", "wrong_recipient")

    def add(name: str, data: bytes) -> None:
        if data not in seen:
            seen.add(data)
            _case(out, name, "mutation", fixed(data), *age_errors)

    while len(seen) < 250:
        data = bytearray(base)
        for _ in range(rng.choice((1, 1, 1, 2, 8))):
            i = rng.randrange(len(data))
            data[i] ^= 1 << rng.randrange(8)
        add(f"flip-{len(seen)}", bytes(data))
    for cut in sorted(rng.sample(range(22, len(base)), 58)) + [1, 21]:
        add(f"cut-{cut}", base[:cut])
    for n in range(30):
        add(f"extend-{n}", base + rng.randbytes(rng.choice((1, 16, 64, 1000, 70_000))))


def plaintext_mutations(p: Parties, rng: random.Random, out: list[Case]) -> None:
    """Bit flips in the signed plaintext, encrypted again: each is refused at its field."""
    plain = pyrage.decrypt(legit(p, 1000, ""), [x25519.Identity.from_str(p.bureau.secret)])
    payload_end = len(plain) - 64
    offsets = rng.sample(range(56), 28) + rng.sample(range(56, payload_end), 52)
    offsets += rng.sample(range(payload_end, len(plain)), 20)
    for i in offsets:
        data = bytearray(plain)
        data[i] ^= 1 << rng.randrange(8)
        seq, length = struct.unpack_from(">QQ", data, 40)
        if i < 6 or i == 7:
            reason = "bad_envelope"
        elif i == 6:
            reason = "unsupported_format"
        elif i < 40:
            reason = "unknown_device"
        elif i < 48:
            reason = "bad_signature" if 1 <= seq <= MAX_SEQ else "bad_envelope"
        elif i < 56:
            reason = "too_large" if length > MAX_PAYLOAD_BYTES else "bad_envelope"
        else:
            reason = "bad_signature"
        data = encrypt(bytes(data), p.bureau.recipient)
        _case(out, f"plain-flip-{i}", "plaintext mutation", fixed(data), reason)


def _v1(p: Parties, members: bytes) -> bytes:
    return encrypt(zstandard.ZstdCompressor().compress(members), p.bureau.recipient)


def _pax_tar(pax: dict[str, str] | None = None, name: str = "manifest.json") -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as tar:
        info = tarfile.TarInfo(name)
        info.size = 2
        if pax:
            info.pax_headers = pax
        tar.addfile(info, io.BytesIO(b"{}"))
    return buf.getvalue()


def outsiders(p: Parties, rng: random.Random, out: list[Case]) -> None:
    good = legit(p, 1001, "")
    plain = pyrage.decrypt(good, [x25519.Identity.from_str(p.bureau.secret)])
    payload = plain[56:-64]
    for n in range(10):
        others = [AgeIdentity.generate().recipient for _ in range(1 + n % 3)]
        data = pyrage.encrypt(plain, [x25519.Recipient.from_str(r) for r in others])
        _case(out, f"wrong-recipient-{n}", "wrong recipient", fixed(data), "wrong_recipient")
    not_age = {
        "empty": b"",
        "text": b"hello bureau",
        "random": rng.randbytes(4000),
        "json": canonical_json({"format": 2, "seq": 1}),
        "zstd": zstd(b"x" * 1000),
        "tar": _pax_tar(),
        "plain-envelope": plain,
        "armored": b"-----BEGIN AGE ENCRYPTED FILE-----\nYWdl\n-----END AGE ENCRYPTED FILE-----\n",
        "age-v2": b"age-encryption.org/v2\n" + good[22:],
        "gzip": b"\x1f\x8b\x08\x00" + rng.randbytes(100),
    }
    for name, data in not_age.items():
        _case(out, f"not-age-{name}", "not age", fixed(data), "not_a_bundle")
    digits = "2" * 200_000
    v1 = {
        "plain-tar": _pax_tar(),
        "pax-200000-digits": _pax_tar({"comment": digits}),
        "raw-pax-record": raw_member("PaxHeader", digits.encode(), b"x"),
        "gnu-sparse": raw_member("sparse", b"", b"S", magic=b"ustar  \x00", size=1 << 40),
        "long-name": _pax_tar(name="a" * 300),
        "garbage": rng.randbytes(3000),
        "empty": b"",
        "zero-blocks": bytes(1024),
        "manifest-sig": _pax_tar() + _pax_tar(name="manifest.sig"),
        "big-zeros": bytes(1 << 20),
    }
    for name, members in v1.items():
        _case(out, f"v1-{name}", "format 1", fixed(_v1(p, members)), "unsupported_format")
    for fmt in (0, 1, 3, 255):
        data = envelope(p, 1, payload, fmt=fmt)
        _case(out, f"format-byte-{fmt}", "format 1", fixed(data), "unsupported_format")

    stranger = SigningKey.generate()
    for n in range(5):
        data = envelope(p, 1, payload, key=stranger, device=uuid.uuid4())
        _case(out, f"unknown-device-{n}", "unknown device", fixed(data), "unknown_device")
    by_other = {
        "other-device-claims-our-school": dict(key=p.other_key, device=p.other_device),
        "our-device-other-school": dict(school=p.other_school),
        "our-device-no-school": dict(school=uuid.UUID(int=0)),
        "other-device-other-school-our-key": dict(device=p.other_device, school=p.other_school),
    }
    for name, over in by_other.items():
        reason = "bad_signature" if name.endswith("our-key") else "unknown_device"
        _case(out, name, "unknown device", fixed(envelope(p, 1, payload, **over)), reason)
    for n in range(3):
        data = envelope(p, 1 + n, payload, key=p.other_key)
        _case(out, f"signed-by-other-device-{n}", "signature", fixed(data), "bad_signature")
        data = envelope(p, 1 + n, payload, key=SigningKey.generate())
        _case(out, f"signed-by-stranger-{n}", "signature", fixed(data), "bad_signature")
    zeroed = encrypt(plain[:-64] + bytes(64), p.bureau.recipient)
    _case(out, "signature-zeroed", "signature", fixed(zeroed), "bad_signature")
    swapped = encrypt(plain[:-64] + p.key.sign(b"something else"), p.bureau.recipient)
    _case(out, "signature-of-other-bytes", "signature", fixed(swapped), "bad_signature")

    header = {
        "kind-return": (dict(kind=1), "bad_envelope"),
        "magic": (dict(magic=b"XIAOAX"), "bad_envelope"),
        "length-plus-1": (dict(length=len(payload) + 1), "bad_envelope"),
        "length-minus-1": (dict(length=len(payload) - 1), "bad_envelope"),
        "length-2**63": (dict(length=2**63), "too_large"),
        "length-cap+1": (dict(length=MAX_PAYLOAD_BYTES + 1), "too_large"),
    }
    for name, (over, reason) in header.items():
        _case(out, f"header-{name}", "header", fixed(envelope(p, 1, payload, **over)), reason)
    for seq in (0, 2**31, 2**32 + 1, 2**63, 2**64 - 1):
        data = envelope(p, seq, payload)
        _case(out, f"header-seq-{seq}", "header", fixed(data), "bad_envelope")
    short = encrypt(b"XIAOAN\x02\x00" + bytes(40), p.bureau.recipient)
    _case(out, "header-short", "header", fixed(short), "bad_envelope")

    big = MAX_FILE_BYTES + 1
    for name, data in {
        "zeros": bytes(big),
        "age-magic": b"age-encryption.org/v1\n" + bytes(big),
        "padded-bundle": good + bytes(big - len(good)),
    }.items():
        _case(out, f"oversized-{name}", "oversized", fixed(data), "too_large", unstored=True)

    other_bundle = envelope(
        p, 1, payload, key=p.other_key, device=p.other_device, school=p.other_school
    )
    _case(out, "sent-by-other", "wrong sender", fixed(good), "wrong_sender", sender="other")
    _case(
        out, "other-sent-by-device", "wrong sender", fixed(other_bundle), "wrong_sender",
        sender="device",
    )  # fmt: skip


# -- tar tricks --------------------------------------------------------------------------


def raw_member(
    name: str | bytes,
    data: bytes,
    typeflag: bytes = b"0",
    *,
    magic: bytes = b"ustar\x0000",
    size: int | None = None,
    size_field: bytes | None = None,
    linkname: bytes = b"",
    prefix: bytes = b"",
    checksum_delta: int = 0,
    padding: bytes | None = None,
) -> bytes:
    """One tar member written byte by byte, however odd."""
    raw = name.encode() if isinstance(name, str) else name
    head = bytearray(512)
    head[0 : len(raw[:100])] = raw[:100]
    head[100:108] = b"0000644\x00"
    head[108:124] = b"0000000\x000000000\x00"
    declared = min(len(data) if size is None else size, 0o77777777777)
    head[124:136] = size_field or b"%011o\x00" % declared
    head[136:148] = b"00000000000\x00"
    head[148:156] = b" " * 8
    head[156:157] = typeflag
    head[157 : 157 + len(linkname)] = linkname
    head[257 : 257 + len(magic)] = magic
    head[345 : 345 + len(prefix)] = prefix
    head[148:156] = b"%06o\x00 " % (sum(head) + checksum_delta)
    pad = padding if padding is not None else bytes(-len(data) % 512)
    return bytes(head) + data + pad


def _tar_of(*members: bytes, end: bytes = bytes(1024)) -> bytes:
    return b"".join(members) + end
