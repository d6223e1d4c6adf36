"""Return bundles: the bureau's signed, encrypted answer to one device.

A return bundle is the same kind of file as a bundle (age v1 around a tar of
``manifest.json``, ``manifest.sig`` and members) with ``"kind": "return"``;
it is signed by the bureau's Ed25519 key and encrypted to the device's age
recipient. Its members are ``acks.json``::

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
"""

from __future__ import annotations

import dataclasses
import io
import json
import tarfile
import uuid
from typing import Any

from app.sync.bundle import BundleError, _tar, canonical_json, sha256_hex
from app.sync.keys import AgeIdentity, SigningKey, verify_signature

RETURN_FORMAT = 1
MAX_NOTICES = 50


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
    import pyrage
    from pyrage import x25519

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
    manifest_bytes = canonical_json(manifest)
    tar = _tar(
        [
            ("manifest.json", manifest_bytes),
            ("manifest.sig", signing_key.sign(manifest_bytes)),
            *members,
        ]
    )
    return pyrage.encrypt(tar, [x25519.Recipient.from_str(recipient)])


def read_return(
    data: bytes, identity: AgeIdentity, bureau_public_key: bytes, device_id: uuid.UUID
) -> ReturnBundle:
    """Decrypt and verify a return bundle meant for ``device_id``, or raise BundleError."""
    import pyrage
    from pyrage import x25519

    if not data.startswith(b"age-encryption.org/v1\n"):
        raise BundleError("not_a_bundle", "not an age v1 file")
    try:
        tar_bytes = pyrage.decrypt(data, [x25519.Identity.from_str(identity.secret)])
    except pyrage.DecryptError as e:
        reason = "wrong_recipient" if "no matching keys" in str(e).lower() else "corrupt"
        raise BundleError(reason, str(e)) from None
    try:
        with tarfile.open(fileobj=io.BytesIO(tar_bytes), mode="r:") as tar:
            files = {
                m.name: tar.extractfile(m).read()  # type: ignore[union-attr]
                for m in tar.getmembers()
                if m.isfile()
            }
        manifest_bytes, signature = files["manifest.json"], files["manifest.sig"]
        manifest = json.loads(manifest_bytes)
    except (tarfile.TarError, OSError, KeyError, ValueError) as e:
        raise BundleError("bad_manifest", str(e)) from None
    if manifest.get("format") != RETURN_FORMAT or manifest.get("kind") != "return":
        raise BundleError("unknown_format", f"format {manifest.get('format')!r}")
    if not verify_signature(bureau_public_key, signature, manifest_bytes):
        raise BundleError("bad_signature")
    if manifest.get("device") != str(device_id):
        raise BundleError("wrong_recipient", "return bundle for another device")
    body = files.get("acks.json", b"")
    meta = manifest.get("members", {}).get("acks.json", {})
    if sha256_hex(body) != meta.get("sha256"):
        raise BundleError("member_hash_mismatch", "acks.json")
    raw = json.loads(body)
    acks = Acks(int(raw["contiguous_seq"]), list(raw["held"]), list(raw["quarantined"]))
    notices: tuple[dict[str, Any], ...] = ()
    meta = manifest.get("members", {}).get("notices.json")
    if meta is not None:
        body = files.get("notices.json", b"")
        if sha256_hex(body) != meta.get("sha256"):
            raise BundleError("member_hash_mismatch", "notices.json")
        try:
            notices = tuple(
                {"id": str(n["id"]), "text": str(n["text"]), "created_at": str(n["created_at"])}
                for n in json.loads(body)
            )
        except (ValueError, KeyError, TypeError) as e:
            raise BundleError("bad_manifest", f"notices: {e}") from None
    return ReturnBundle(manifest, acks, notices)
