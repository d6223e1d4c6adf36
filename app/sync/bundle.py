"""The bundle file: a deterministic tar, zstd-compressed as a whole, inside age v1.

``age -d -i key FILE | zstd -d | tar x`` opens one with standard tools.
Compressing the whole tar (not only the changes) makes its 512-byte headers
and padding nearly free: a school day's bundle shrank from ~12.6 KB to
~9.5 KB, which matters on GPRS links.

Members, in this order:

* ``manifest.json`` — canonical JSON (sorted keys, no spaces, UTF-8) with the
  format version, bundle id, school, device, seq, the previous bundle's
  SHA-256, HLC range, schema revision, app version, the recipients'
  fingerprints and every other member's SHA-256 and size;
* ``manifest.sig`` — the Ed25519 signature of ``manifest.json`` by the device key;
* ``changes.jsonl`` — one canonical JSON change per line;
* ``blobs/<sha256>`` — photo sync copies, stored as they are (already JPEG),
  named by the SHA-256 of these bytes; the manifest's ``blobs`` maps each to
  the SHA-256 of the photo's original (what the ``photo`` row names).

The file name is ``{school}.{device}.{seq:08d}.bundle``; the bytes are the same
over HTTP or on a USB stick.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import tarfile
import uuid
from collections.abc import Callable, Iterable
from typing import Any

from app.sync.keys import AgeIdentity, SigningKey, age_fingerprint, verify_signature

FORMAT_VERSION = 1
MAX_BUNDLE_BYTES = 16 * 1024 * 1024
ZSTD_LEVEL = 19
# Photos are JPEG already: a fast level keeps a 16 MiB bundle from costing seconds.
ZSTD_LEVEL_WITH_PHOTOS = 3
ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
# A bundle never unpacks to more than this (guards against a decompression bomb).
MAX_UNPACKED_BYTES = 4 * MAX_BUNDLE_BYTES


class BundleError(Exception):
    """A bundle that cannot be accepted. ``reason`` is a stable code the bureau reports."""

    def __init__(self, reason: str, detail: str = "") -> None:
        self.reason = reason
        self.detail = detail
        super().__init__(f"{reason}: {detail}" if detail else reason)


def canonical_json(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode(
        "utf-8"
    )


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def bundle_name(school_id: uuid.UUID, device_id: uuid.UUID, seq: int) -> str:
    return f"{school_id}.{device_id}.{seq:08d}.bundle"


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


def _tar(members: Iterable[tuple[str, bytes]]) -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for name, data in members:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mtime = 0
            info.mode = 0o644
            tar.addfile(info, io.BytesIO(data))
        end = tar.offset + 2 * tarfile.BLOCKSIZE
    # tarfile pads the archive to a 10 KiB record; the two zero blocks that end
    # it are all a reader needs, and the padding would double a day's bundle.
    return out.getvalue()[:end]


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
    audit_head: dict | None = None,
) -> bytes:
    """Pack, sign and encrypt one bundle. Returns the file's bytes.

    ``audit_head`` (the device's audit chain head when packed: seq, SHA-256
    and MAC) goes into the signed manifest so the bureau keeps a copy.

    ``blobs`` maps each photo sync copy's SHA-256 to its bytes;
    ``blob_photos`` maps the same SHA-256 to the original's (the ``photo``
    rows' ``sha256``) and goes into the manifest as ``blobs``.
    """
    import pyrage
    import zstandard
    from pyrage import x25519

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
    }
    if audit_head is not None:
        manifest["audit_head"] = audit_head
    manifest_bytes = canonical_json(manifest)
    tar = _tar(
        [("manifest.json", manifest_bytes), ("manifest.sig", signing_key.sign(manifest_bytes))]
        + members
    )
    level = ZSTD_LEVEL_WITH_PHOTOS if blobs else ZSTD_LEVEL
    packed = zstandard.ZstdCompressor(level=level, write_content_size=True).compress(tar)
    return pyrage.encrypt(packed, [x25519.Recipient.from_str(r) for r in recipients])


def read_bundle(
    data: bytes,
    identities: list[AgeIdentity],
    device_public_key: Callable[[dict[str, Any]], bytes | None],
) -> Bundle:
    """Decrypt, verify and unpack a bundle, or raise BundleError with a reason.

    ``device_public_key(manifest)`` returns the enrolled, non-revoked Ed25519
    public key of the manifest's device, or None when the device is unknown.
    """
    import pyrage
    import zstandard
    from pyrage import x25519

    if not data.startswith(b"age-encryption.org/v1\n"):
        raise BundleError("not_a_bundle", "not an age v1 file")
    try:
        packed = pyrage.decrypt(data, [x25519.Identity.from_str(i.secret) for i in identities])
    except pyrage.DecryptError as e:
        # age tells a bundle for someone else apart from a damaged one (a
        # flipped byte fails the payload MAC; a cut file fails the last chunk).
        reason = "wrong_recipient" if "no matching keys" in str(e).lower() else "corrupt"
        raise BundleError(reason, str(e)) from None
    if not packed.startswith(ZSTD_MAGIC):
        raise BundleError("corrupt", "not a zstd frame inside the encryption")
    try:
        tar_bytes = zstandard.ZstdDecompressor().decompress(
            packed, max_output_size=MAX_UNPACKED_BYTES
        )
    except zstandard.ZstdError as e:
        raise BundleError("corrupt", str(e)) from None
    try:
        with tarfile.open(fileobj=io.BytesIO(tar_bytes), mode="r:") as tar:
            files = {
                m.name: tar.extractfile(m).read()  # type: ignore[union-attr]
                for m in tar.getmembers()
                if m.isfile()
            }
    except (tarfile.TarError, OSError) as e:
        raise BundleError("corrupt", str(e)) from None
    try:
        manifest_bytes, signature = files["manifest.json"], files["manifest.sig"]
        manifest = json.loads(manifest_bytes)
    except (KeyError, ValueError) as e:
        raise BundleError("bad_manifest", str(e)) from None
    if manifest.get("format") != FORMAT_VERSION:
        raise BundleError("unknown_format", f"format {manifest.get('format')!r}")
    public = device_public_key(manifest)
    if public is None:
        raise BundleError("unknown_device", str(manifest.get("device")))
    if not verify_signature(public, signature, manifest_bytes):
        raise BundleError("bad_signature")
    members = manifest.get("members", {})
    if set(members) != set(files) - {"manifest.json", "manifest.sig"}:
        raise BundleError("bad_manifest", "members do not match the manifest")
    for name, meta in members.items():
        if sha256_hex(files[name]) != meta["sha256"] or len(files[name]) != meta["size"]:
            raise BundleError("member_hash_mismatch", name)
    try:
        changes = [json.loads(line) for line in files["changes.jsonl"].splitlines() if line]
    except (KeyError, ValueError) as e:
        raise BundleError("bad_manifest", f"changes: {e}") from None
    blobs = {
        name.removeprefix("blobs/"): data
        for name, data in files.items()
        if name.startswith("blobs/")
    }
    for digest, blob in blobs.items():
        if sha256_hex(blob) != digest:
            raise BundleError("member_hash_mismatch", f"blobs/{digest}")
    return Bundle(manifest, changes, blobs)
