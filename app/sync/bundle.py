"""The bundle file (format 2): members in a ustar archive, zstd, a signed envelope, age.

Layers, outside in:

* age v1 to the bureau's recipients (X25519 only);
* the signed envelope (:mod:`app.sync.envelope`): a 56-byte header naming the
  format, kind, device, school, seq and payload length, the payload, and the
  device's Ed25519 signature of everything before it;
* the payload: one zstd frame of a plain ustar archive (:mod:`app.sync.container`);
* members, in this order:

  * ``manifest.json`` — canonical JSON (sorted keys, no spaces, UTF-8) with
    the format version, bundle id, school, device, seq (equal to the
    envelope's), the previous bundle's SHA-256, HLC range, change count,
    schema revision, app version, the recipients' fingerprints, every other
    member's SHA-256 and size, the photo map and the device's audit head;
  * ``changes.jsonl`` — one canonical JSON change per line;
  * ``blobs/<sha256>`` — photo sync copies, stored as they are (already JPEG),
    named by the SHA-256 of these bytes; the manifest's ``blobs`` maps each
    to the SHA-256 of the photo's original (what the ``photo`` row names).

Compressing the whole archive (not only the changes) makes its 512-byte
headers and padding nearly free, which matters on GPRS links. By hand::

    age -d -i bureau.age FILE | tail -c +57 | head -c -64 | zstd -d | tar t

:func:`read_bundle` authenticates before it parses: nothing but the fixed
envelope header is looked at before the signature verified, and after it
the manifest and every change line are checked for shape and type, so a
reader only ever raises :class:`BundleError` with a named reason.

The file name is ``{school}.{device}.{seq:08d}.bundle``; the bytes are the same
over HTTP or on a USB stick.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import math
import re
import uuid
from collections.abc import Callable
from typing import Any

from app.sync.container import write_members
from app.sync.envelope import (
    KIND_BUNDLE,
    MAX_BUNDLE_BYTES,
    MAX_FILE_BYTES,
    MAX_SEQ,
    MAX_UNPACKED_BYTES,
    ZSTD_MAGIC,
    Header,
    open_envelope,
    seal,
    unpack,
)
from app.sync.errors import BundleError
from app.sync.keys import AgeIdentity, SigningKey, age_fingerprint

__all__ = [
    "MAX_BUNDLE_BYTES",
    "MAX_FILE_BYTES",
    "MAX_UNPACKED_BYTES",
    "ZSTD_MAGIC",
    "Bundle",
    "BundleError",
    "build_bundle",
    "bundle_name",
    "read_bundle",
]

FORMAT_VERSION = 2
ZSTD_LEVEL = 19
# Photos are JPEG already: a fast level keeps a 16 MiB bundle from costing seconds.
ZSTD_LEVEL_WITH_PHOTOS = 3
MAX_MANIFEST_BYTES = 1 << 20
MAX_CHANGES = 50_000
MAX_DEPTH = 32
MAX_HLC = 2**63
OPS = ("insert", "update", "delete")
CHANGE_KEYS = frozenset({"table", "row", "op", "hlc", "device", "changes"})
HEX64 = re.compile(r"[0-9a-f]{64}")
BLOB_MEMBER = re.compile(r"blobs/([0-9a-f]{64})")


def canonical_json(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode(
        "utf-8"
    )


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def bundle_name(school_id: uuid.UUID, device_id: uuid.UUID, seq: int) -> str:
    return f"{school_id}.{device_id}.{seq:08d}.bundle"


# -- strict JSON -------------------------------------------------------------------------


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _int(text: str) -> int:
    if len(text.lstrip("-")) > 19:
        raise ValueError("integer too long")
    return int(text)


def _float(text: str) -> float:
    value = float(text)
    if len(text) > 40 or not math.isfinite(value):
        raise ValueError("number out of range")
    return value


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):
        raise ValueError("a key appears twice")
    return out


def strict_json(raw: bytes) -> Any:
    """JSON without NaN/Infinity, huge numbers or repeated keys. Raises ValueError."""
    try:
        return json.loads(
            raw.decode("utf-8"),
            parse_constant=_refuse_constant,
            parse_int=_int,
            parse_float=_float,
            object_pairs_hook=_object,
        )
    except RecursionError:
        raise ValueError("nested too deeply") from None


def _depth_ok(value: Any, limit: int) -> bool:
    stack = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if depth > limit:
            return False
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)
    return True


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_hlc(value: Any) -> bool:
    return _is_int(value) and 0 < value < MAX_HLC


def _short_str(value: Any, limit: int = 64) -> bool:
    return isinstance(value, str) and len(value) <= limit


# -- the bundle ----------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Bundle:
    manifest: dict[str, Any]
    changes: list[dict[str, Any]]
    blobs: dict[str, bytes]

    @property
    def seq(self) -> int:
        return int(self.manifest["seq"])

    @property
    def device_id(self) -> uuid.UUID:
        return uuid.UUID(self.manifest["device"])

    @property
    def school_id(self) -> uuid.UUID:
        return uuid.UUID(self.manifest["school"])


def encode_changes(changes: list[dict[str, Any]]) -> bytes:
    return b"".join(canonical_json(c) + b"\n" for c in changes)


def build_bundle(
    *,
    school_id: uuid.UUID,
    device_id: uuid.UUID,
    seq: int,
    prev_sha256: str,
    changes: list[dict[str, Any]],
    blobs: dict[str, bytes],
    schema_revision: str,
    app_version: str,
    signing_key: SigningKey,
    recipients: list[str],
    created_at: str,
    bundle_id: uuid.UUID | None = None,
    blob_photos: dict[str, str] | None = None,
    audit_head: dict[str, Any] | None = None,
    received: dict[str, int] | None = None,
) -> bytes:
    """Pack, sign and encrypt one bundle. Returns the file's bytes.

    ``blobs`` maps each photo sync copy's SHA-256 to its bytes;
    ``blob_photos`` maps the same SHA-256 to the original's (the ``photo``
    rows' ``sha256``) and goes into the manifest as ``blobs``. ``audit_head``
    is the device's audit chain head when packed (seq, SHA-256 and MAC), kept
    by the bureau as it arrives.
    """
    import zstandard

    from db.base import new_id

    members: list[tuple[str, bytes]] = [("changes.jsonl", encode_changes(changes))]
    members += [(f"blobs/{digest}", blobs[digest]) for digest in sorted(blobs)]
    hlcs = [int(c["hlc"]) for c in changes]
    manifest = {
        "format": FORMAT_VERSION,
        "bundle_id": str(bundle_id or new_id()),
        "school": str(school_id),
        "device": str(device_id),
        "seq": seq,
        "prev_sha256": prev_sha256,
        "hlc_min": min(hlcs) if hlcs else None,
        "hlc_max": max(hlcs) if hlcs else None,
        "change_count": len(changes),
        "schema_revision": schema_revision,
        "app_version": app_version,
        "created_at": created_at,
        "recipients": sorted(age_fingerprint(r) for r in recipients),
        "blobs": {digest: (blob_photos or {}).get(digest, "") for digest in sorted(blobs)},
        "members": {
            name: {"sha256": sha256_hex(data), "size": len(data)} for name, data in members
        },
        "audit_head": audit_head,
    }
    if received is not None:
        manifest["received"] = received
    archive = write_members([("manifest.json", canonical_json(manifest)), *members])
    level = ZSTD_LEVEL_WITH_PHOTOS if blobs else ZSTD_LEVEL
    packed = zstandard.ZstdCompressor(level=level, write_content_size=True).compress(archive)
    return seal(
        kind=KIND_BUNDLE,
        device_id=device_id,
        school_id=school_id,
        seq=seq,
        payload=packed,
        signing_key=signing_key,
        recipients=recipients,
    )


DeviceKey = Callable[[uuid.UUID, uuid.UUID], "bytes | None"]


def read_bundle(data: bytes, identities: list[AgeIdentity], device_public_key: DeviceKey) -> Bundle:
    """Decrypt, authenticate, unpack and check a bundle, or raise BundleError with a reason.

    ``device_public_key(device_id, school_id)`` (the envelope's ids, read
    before anything is parsed) returns the enrolled, non-revoked Ed25519
    public key of that device of that school, or None (``unknown_device``).
    Errors found after the signature verified have ``settled`` set.
    """

    def signer(header: Header) -> bytes | None:
        if header.school_id is None:
            return None
        return device_public_key(header.device_id, header.school_id)

    header, payload = open_envelope(data, identities, KIND_BUNDLE, signer)
    try:
        return _contents(header, unpack(payload, header))
    except BundleError as e:
        e.settled, e.header = True, header
        raise
    except Exception as e:  # noqa: BLE001 - a signed file still never escapes as a crash
        raise BundleError(
            "bad_manifest", f"{type(e).__name__}: {e}"[:200], settled=True, header=header
        ) from None


def _contents(header: Header, members: list[tuple[str, bytes]]) -> Bundle:
    if not members or members[0][0] != "manifest.json":
        raise BundleError("bad_manifest", "the first member is not manifest.json")
    raw = members[0][1]
    if len(raw) > MAX_MANIFEST_BYTES:
        raise BundleError("bad_manifest", "manifest too large")
    try:
        manifest = strict_json(raw)
    except ValueError as e:
        raise BundleError("bad_manifest", str(e)[:200]) from None
    check_manifest(manifest, header)
    files = dict(members[1:])
    if set(files) != set(manifest["members"]):
        raise BundleError("bad_manifest", "members do not match the manifest")
    for name, meta in manifest["members"].items():
        if sha256_hex(files[name]) != meta["sha256"] or len(files[name]) != meta["size"]:
            raise BundleError("member_hash_mismatch", name)
    blobs: dict[str, bytes] = {}
    for name, body in files.items():
        match = BLOB_MEMBER.fullmatch(name)
        if match:
            blobs[match.group(1)] = body
        elif name != "changes.jsonl":
            raise BundleError("bad_manifest", f"unknown member {name}")
    for digest, body in blobs.items():
        if sha256_hex(body) != digest:
            raise BundleError("member_hash_mismatch", f"blobs/{digest}")
    if set(blobs) != set(manifest.get("blobs") or {}):
        raise BundleError("bad_manifest", "photo map does not match the photos")
    changes = parse_changes(files.get("changes.jsonl", b""))
    if len(changes) != manifest["change_count"]:
        raise BundleError("bad_manifest", "change_count does not match the changes")
    hlcs = [c["hlc"] for c in changes]
    if (manifest["hlc_min"], manifest["hlc_max"]) != (
        (min(hlcs), max(hlcs)) if hlcs else (None, None)
    ):
        raise BundleError("bad_manifest", "hlc_min/hlc_max do not match the changes")
    return Bundle(manifest, changes, blobs)


def _members_ok(value: Any) -> bool:
    return isinstance(value, dict) and all(
        isinstance(meta, dict)
        and set(meta) == {"sha256", "size"}
        and isinstance(meta["sha256"], str)
        and HEX64.fullmatch(meta["sha256"]) is not None
        and _is_int(meta["size"])
        and 0 <= meta["size"] <= MAX_UNPACKED_BYTES
        for meta in value.values()
    )


def check_manifest(manifest: Any, header: Header) -> None:
    """Shape, types and ranges of a bundle manifest, and its agreement with the envelope."""
    from db.schema import REVISIONS

    def bad(detail: str) -> BundleError:
        return BundleError("bad_manifest", detail)

    if not isinstance(manifest, dict):
        raise bad(f"manifest is a {type(manifest).__name__}, not an object")
    required = {
        "format", "bundle_id", "school", "device", "seq", "prev_sha256", "hlc_min", "hlc_max",
        "change_count", "schema_revision", "app_version", "created_at", "recipients", "members",
    }  # fmt: skip
    missing = required - set(manifest)
    extra = set(manifest) - required - {"blobs", "audit_head", "received"}
    if missing or extra:
        raise bad(f"fields missing {sorted(missing)} or unknown {sorted(extra)[:5]}")
    m = manifest
    if not _is_int(m["format"]) or m["format"] != FORMAT_VERSION:
        raise bad(f"format {m['format']!r} in a format-2 envelope")
    if m["device"] != str(header.device_id) or m["school"] != str(header.school_id):
        raise bad("device or school differs from the envelope")
    if not _is_int(m["seq"]) or not 1 <= m["seq"] <= MAX_SEQ or m["seq"] != header.seq:
        raise bad("seq differs from the envelope or is out of range")
    if not isinstance(m["prev_sha256"], str) or (
        m["prev_sha256"] and not HEX64.fullmatch(m["prev_sha256"])
    ):
        raise bad("prev_sha256 is not a SHA-256")
    if not _is_int(m["change_count"]) or not 0 <= m["change_count"] <= MAX_CHANGES:
        raise bad("change_count out of range")
    for key in ("hlc_min", "hlc_max"):
        if m[key] is not None and not _is_hlc(m[key]):
            raise bad(f"{key} is not a positive 63-bit integer")
    for key in ("bundle_id", "schema_revision", "app_version", "created_at"):
        if not _short_str(m[key]):
            raise bad(f"{key} is not a short string")
    if (
        not isinstance(m["recipients"], list)
        or len(m["recipients"]) > 100
        or not all(_short_str(r) for r in m["recipients"])
    ):
        raise bad("recipients is not a list of fingerprints")
    if not _members_ok(m["members"]):
        raise bad("members is not a map of SHA-256 and size")
    blobs = m.get("blobs", {})
    if not isinstance(blobs, dict) or not all(
        HEX64.fullmatch(k) and isinstance(v, str) and (not v or HEX64.fullmatch(v))
        for k, v in blobs.items()
    ):
        raise bad("blobs is not a map of SHA-256 to SHA-256")
    head = m.get("audit_head")
    if head is not None and (
        not isinstance(head, dict) or not _depth_ok(head, 4) or len(canonical_json(head)) > 4096
    ):
        raise bad("audit_head is not a small object")
    received = m.get("received")
    if received is not None and not (
        isinstance(received, dict)
        and set(received) == {"changes", "content"}
        and all(_is_int(v) and 0 <= v < 2**62 for v in received.values())
    ):
        raise bad("received is not {changes, content} positions")
    if m["schema_revision"] not in REVISIONS:
        raise BundleError("unknown_schema", m["schema_revision"][:64])


def check_change(change: Any) -> str | None:
    """What is wrong with one change line's shape, or None. Values are the merge's business."""
    if not isinstance(change, dict):
        return f"a {type(change).__name__}, not an object"
    if set(change) != CHANGE_KEYS:
        return f"fields {sorted(change)[:8]}"
    if not _short_str(change["table"]) or not change["table"]:
        return "table is not a name"
    if not _short_str(change["row"]) or not _short_str(change["device"]):
        return "row or device is not a short string"
    if change["op"] not in OPS:
        return f"op {str(change['op'])[:20]!r}"
    if not _is_hlc(change["hlc"]):
        return f"hlc {str(change['hlc'])[:30]!r} is not a positive 63-bit integer"
    if not isinstance(change["changes"], dict) or not _depth_ok(change["changes"], MAX_DEPTH):
        return "changes is not an object (or is nested too deeply)"
    return None


def parse_changes(raw: bytes) -> list[dict[str, Any]]:
    """The change lines of ``changes.jsonl``; BundleError ``bad_change`` at the first bad one."""
    if raw and not raw.endswith(b"\n"):
        raise BundleError("bad_change", "changes.jsonl does not end with a newline")
    changes: list[dict[str, Any]] = []
    for number, line in enumerate(raw.split(b"\n")[:-1], start=1):
        if len(changes) >= MAX_CHANGES:
            raise BundleError("bad_change", f"more than {MAX_CHANGES} changes")
        try:
            change = strict_json(line)
        except ValueError as e:
            raise BundleError("bad_change", f"line {number}: {e}"[:200]) from None
        problem = check_change(change)
        if problem:
            raise BundleError("bad_change", f"line {number}: {problem}"[:200])
        changes.append(change)
    return changes
