"""Return bundles: the bureau's signed, encrypted answer to one device.

A return bundle is the same kind of file as a bundle (format 2): age v1 to the
device's recipient, around the signed envelope of :mod:`app.sync.envelope`
with kind 1 (return), the device's id, its school's id (zero if the bureau
knows none), ``return_seq`` in the seq field, signed by the bureau's Ed25519
key; the payload is one zstd frame of a ustar archive holding
``manifest.json`` (``format`` 2, ``kind: "return"``, ``device``, ``school``,
``return_seq``, ``created_at``, ``members``), then ``acks.json``::

    {"contiguous_seq": 7,            # every seq <= 7 is settled at the bureau
     "held": [9, 10],                # stored, waiting for seq 8
     "quarantined": [{"seq": 3, "sha256": "…", "reason": "clock_skew", "settled": true}]}

``settled`` is true when the quarantined bundle's signature verified, so it
used up its seq (its changes wait for an operator); false when the file could
not be trusted (damaged, wrong key…), so the device should send that seq again.
and, when the bureau has any for the school, ``notices.json``: the newest
notices (at most :data:`MAX_NOTICES`), ``[{"id": uuid, "text": "…",
"created_at": ISO 8601}]``, every time (the device keeps each id once).
Return bundles are numbered per device (``return_seq``); a device ignores any
return bundle not newer than the last one it applied.

The device reads one in the bundle reader's order: size, age, envelope
header (kind, device, lengths), the bureau's signature, and only then the
streamed, capped decompression and the strict JSON of its members.
"""

from __future__ import annotations

import dataclasses
import uuid
from typing import Any

from app.sync.bundle import canonical_json, sha256_hex, strict_json
from app.sync.container import write_members
from app.sync.envelope import KIND_RETURN, Header, open_envelope, seal, unpack
from app.sync.errors import BundleError
from app.sync.keys import AgeIdentity, SigningKey

RETURN_FORMAT = 2
MAX_NOTICES = 50
RETURN_MEMBERS = {"acks.json", "notices.json"}


@dataclasses.dataclass(frozen=True)
class Acks:
    contiguous_seq: int
    held: list[int]
    quarantined: list[dict[str, Any]]

    def as_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclasses.dataclass(frozen=True)
class ReturnBundle:
    manifest: dict[str, Any]
    acks: Acks
    notices: tuple[dict[str, Any], ...] = ()

    @property
    def return_seq(self) -> int:
        return int(self.manifest["return_seq"])


def return_name(device_id: uuid.UUID, return_seq: int) -> str:
    return f"{device_id}.{return_seq:08d}.return"


def build_return(
    *,
    device_id: uuid.UUID,
    school_id: uuid.UUID | None,
    return_seq: int,
    acks: Acks,
    signing_key: SigningKey,
    recipient: str,
    created_at: str,
    notices: list[dict[str, Any]] | None = None,
) -> bytes:
    import zstandard

    members = [("acks.json", canonical_json(acks.as_json()))]
    if notices:
        members.append(("notices.json", canonical_json(list(notices)[:MAX_NOTICES])))
    manifest = {
        "format": RETURN_FORMAT,
        "kind": "return",
        "device": str(device_id),
        "school": str(school_id) if school_id else None,
        "return_seq": return_seq,
        "created_at": created_at,
        "members": {
            name: {"sha256": sha256_hex(body), "size": len(body)} for name, body in members
        },
    }
    archive = write_members([("manifest.json", canonical_json(manifest)), *members])
    return seal(
        kind=KIND_RETURN,
        device_id=device_id,
        school_id=school_id,
        seq=return_seq,
        payload=zstandard.ZstdCompressor(level=19, write_content_size=True).compress(archive),
        signing_key=signing_key,
        recipients=[recipient],
    )


def read_return(
    data: bytes, identity: AgeIdentity, bureau_public_key: bytes, device_id: uuid.UUID
) -> ReturnBundle:
    """Decrypt and verify a return bundle meant for ``device_id``, or raise BundleError."""

    def signer(header: Header) -> bytes:
        if header.device_id != device_id:
            raise BundleError("wrong_recipient", "return bundle for another device")
        return bureau_public_key

    header, payload = open_envelope(data, [identity], KIND_RETURN, signer)
    try:
        return _contents(header, unpack(payload, header))
    except BundleError:
        raise
    except Exception as e:  # noqa: BLE001 - a malformed reply is refused, never a crash
        raise BundleError("bad_manifest", f"{type(e).__name__}: {e}"[:200]) from None


def _contents(header: Header, members: list[tuple[str, bytes]]) -> ReturnBundle:
    if not members or members[0][0] != "manifest.json":
        raise BundleError("bad_manifest", "the first member is not manifest.json")
    try:
        manifest = strict_json(members[0][1])
    except ValueError as e:
        raise BundleError("bad_manifest", str(e)[:200]) from None
    if not isinstance(manifest, dict):
        raise BundleError("bad_manifest", "manifest is not an object")
    if manifest.get("format") != RETURN_FORMAT or manifest.get("kind") != "return":
        raise BundleError("unsupported_format", f"format {manifest.get('format')!r}"[:80])
    if manifest.get("device") != str(header.device_id) or manifest.get("return_seq") != header.seq:
        raise BundleError("bad_manifest", "device or return_seq differs from the envelope")
    files = dict(members[1:])
    listed = manifest.get("members")
    if (
        not isinstance(listed, dict)
        or set(listed) != set(files)
        or not set(files) <= (RETURN_MEMBERS)
    ):
        raise BundleError("bad_manifest", "members do not match the manifest")
    for name, body in files.items():
        meta = listed[name]
        if not isinstance(meta, dict) or sha256_hex(body) != meta.get("sha256"):
            raise BundleError("member_hash_mismatch", name)
    try:
        raw = strict_json(files["acks.json"])
        acks = Acks(
            int(raw["contiguous_seq"]),
            [int(s) for s in raw["held"]],
            [
                {
                    "seq": q["seq"],
                    "sha256": str(q["sha256"]),
                    "reason": str(q["reason"]),
                    "settled": bool(q["settled"]),
                }
                for q in raw["quarantined"]
            ],
        )
        notices = tuple(
            {"id": str(n["id"]), "text": str(n["text"]), "created_at": str(n["created_at"])}
            for n in (strict_json(files["notices.json"]) if "notices.json" in files else ())
        )
    except (ValueError, KeyError, TypeError) as e:
        raise BundleError("bad_manifest", f"acks or notices: {e}"[:200]) from None
    return ReturnBundle(manifest, acks, notices)
