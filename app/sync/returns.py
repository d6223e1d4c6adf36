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

Two-way sync adds (all optional, absent in a return from an older bureau):

* ``changes.jsonl`` — the school's rows other devices wrote, past the
  device's cursor: change lines exactly as in a bundle (each with its own
  ``hlc`` and ``device``), applied by the PC through the same merge;
* ``blobs/<sha256>`` — photo sync copies those rows need, with the manifest's
  ``blobs`` map (sync copy → original), as in a bundle;
* ``content.json`` — the bureau's publications past the device's content
  cursor (:mod:`app.bureau.publications`), a list of objects;
* manifest ``changes_from`` / ``changes_through`` (the stream positions the
  slice starts after and reaches), ``more`` (rows are left: ask again) and
  ``content_through``, and ``changes_end`` (the stream's end when it was
  made: how far there is to go, for a progress bar). The PC applies a slice only if it starts at or before
  what it holds (``changes_from`` ≤ its own ``changes_through``), so slices
  taken in any order never leave a hole.

The device reads one in the bundle reader's order: size, age, envelope
header (kind, device, lengths), the bureau's signature, and only then the
streamed, capped decompression and the strict JSON of its members.
"""

from __future__ import annotations

import dataclasses
import re
import uuid
from typing import Any

from app.sync.bundle import canonical_json, encode_changes, parse_changes, sha256_hex, strict_json
from app.sync.container import write_members
from app.sync.envelope import KIND_RETURN, Header, open_envelope, seal, unpack
from app.sync.errors import BundleError
from app.sync.keys import AgeIdentity, SigningKey

RETURN_FORMAT = 2
MAX_NOTICES = 50
RETURN_MEMBERS = {"acks.json", "notices.json", "changes.jsonl", "content.json"}
BLOB_MEMBER = re.compile(r"blobs/([0-9a-f]{64})")
SHA256 = re.compile(r"[0-9a-f]{64}")
MAX_POSITION = 2**62
# A day's return (a few KiB) is compressed at zstd's strongest level: every byte counts
# on a rural line. A catch-up of many MiB at level 9: a fraction of the bureau's time
# for a few per cent more bytes (16 MiB of change lines took ~7 s at level 19).
SMALL_RETURN = 1024 * 1024


@dataclasses.dataclass(frozen=True)
class Acks:
    contiguous_seq: int
    held: list[int]
    quarantined: list[dict[str, Any]]

    def as_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclasses.dataclass(frozen=True)
class Downstream:
    """What a return bundle brings besides acks: other devices' changes and publications."""

    changes: list[dict[str, Any]] = dataclasses.field(default_factory=list)
    # sha256 of the sync copy -> (sha256 of the original, bytes)
    blobs: dict[str, tuple[str, bytes]] = dataclasses.field(default_factory=dict)
    changes_from: int = 0
    changes_through: int = 0
    more: bool = False
    changes_end: int = 0  # the stream's last position when the return was made (for progress)
    content: list[Any] = dataclasses.field(default_factory=list)
    content_through: int = 0


@dataclasses.dataclass(frozen=True)
class ReturnBundle:
    manifest: dict[str, Any]
    acks: Acks
    notices: tuple[dict[str, Any], ...] = ()
    down: Downstream | None = None

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
    down: Downstream | None = None,
) -> bytes:
    import zstandard

    members = [("acks.json", canonical_json(acks.as_json()))]
    if notices:
        members.append(("notices.json", canonical_json(list(notices)[:MAX_NOTICES])))
    extra: dict[str, Any] = {}
    if down is not None:
        if down.changes:
            members.append(("changes.jsonl", encode_changes(down.changes)))
        if down.content:
            members.append(("content.json", canonical_json(down.content)))
        for digest in sorted(down.blobs):
            members.append((f"blobs/{digest}", down.blobs[digest][1]))
        extra = {
            "changes_from": down.changes_from,
            "changes_through": down.changes_through,
            "more": down.more,
            "changes_end": down.changes_end,
            "content_through": down.content_through,
        }
        if down.blobs:
            extra["blobs"] = {d: o for d, (o, _b) in sorted(down.blobs.items())}
    manifest = {
        **extra,
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
        payload=zstandard.ZstdCompressor(
            level=19 if len(archive) <= SMALL_RETURN else 9, write_content_size=True
        ).compress(archive),
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
        or not all(n in RETURN_MEMBERS or BLOB_MEMBER.fullmatch(n) for n in files)
    ):
        raise BundleError("bad_manifest", "members do not match the manifest")
    for name, body in files.items():
        meta = listed[name]
        if not isinstance(meta, dict) or sha256_hex(body) != meta.get("sha256"):
            raise BundleError("member_hash_mismatch", name)
    down = _downstream(manifest, files)
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
    return ReturnBundle(manifest, acks, notices, down)


def _position(manifest: dict[str, Any], key: str) -> int:
    value = manifest.get(key, 0)
    if type(value) is not int or not 0 <= value < MAX_POSITION:
        raise BundleError("bad_manifest", f"{key} is not a position")
    return value


def _downstream(manifest: dict[str, Any], files: dict[str, bytes]) -> Downstream | None:
    """The changes, photos and publications of a two-way return, checked; None if it has none."""
    if "changes_through" not in manifest:
        if "changes.jsonl" in files or "content.json" in files or len(files) > 2:
            raise BundleError("bad_manifest", "changes without their positions")
        return None
    start, through = _position(manifest, "changes_from"), _position(manifest, "changes_through")
    if through < start or not isinstance(manifest.get("more"), bool):
        raise BundleError("bad_manifest", "changes_from/changes_through/more")
    blob_map = manifest.get("blobs") or {}
    blobs: dict[str, tuple[str, bytes]] = {}
    for name, body in files.items():
        match = BLOB_MEMBER.fullmatch(name)
        if not match:
            continue
        digest = match.group(1)
        original = blob_map.get(digest) if isinstance(blob_map, dict) else None
        if sha256_hex(body) != digest:
            raise BundleError("member_hash_mismatch", name)
        if not isinstance(original, str) or not SHA256.fullmatch(original):
            raise BundleError("bad_manifest", f"no original named for {name}")
        blobs[digest] = (original, body)
    if not isinstance(blob_map, dict) or set(blob_map) != set(blobs):
        raise BundleError("bad_manifest", "photo map does not match the photos")
    content: Any = []
    if "content.json" in files:
        try:
            content = strict_json(files["content.json"])
        except ValueError as e:
            raise BundleError("bad_manifest", f"content.json: {e}"[:200]) from None
        if not isinstance(content, list):
            raise BundleError("bad_manifest", "content.json is not a list")
    return Downstream(
        changes=parse_changes(files.get("changes.jsonl", b"")),
        blobs=blobs,
        changes_from=start,
        changes_through=through,
        more=manifest["more"],
        changes_end=max(through, _position(manifest, "changes_end")),
        content=content,
        content_through=_position(manifest, "content_through"),
    )
