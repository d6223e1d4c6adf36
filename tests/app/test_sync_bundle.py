"""Bundles: signed by the device, encrypted to the bureau, readable by standard tools."""

from __future__ import annotations

import base64
import io
import json
import shutil
import subprocess
import tarfile
import uuid

import pytest

from app.sync import keys as sync_keys
from app.sync.bundle import BundleError, build_bundle, bundle_name, read_bundle
from app.sync.keys import AgeIdentity, SigningKey
from db import schema

SCHOOL, DEVICE = uuid.uuid4(), uuid.uuid4()
CHANGES = [
    {
        "table": "school",
        "row": str(SCHOOL),
        "op": "insert",
        "hlc": 100,
        "device": str(DEVICE),
        "changes": {"name": "东风乡中心学校"},
    },
    {
        "table": "staff_member",
        "row": str(uuid.uuid4()),
        "op": "update",
        "hlc": 105,
        "device": str(DEVICE),
        "changes": {"phone": "139"},
    },
]


@pytest.fixture
def device():
    return SigningKey.generate()


@pytest.fixture
def bureau():
    return AgeIdentity.generate()


def make(device, recipients, **over):
    args = (
        dict(
            school_id=SCHOOL,
            device_id=DEVICE,
            seq=1,
            prev_sha256="",
            changes=CHANGES,
            blobs={},
            schema_revision=schema.HEAD,
            app_version="0.1.0",
            signing_key=device,
            recipients=recipients,
            created_at="2026-11-23T06:00:00+00:00",
        )
        | over
    )
    return build_bundle(**args)


def test_round_trip(device, bureau):
    photo = b"\xff\xd8\xff" + b"jpeg" * 100
    import hashlib

    digest = hashlib.sha256(photo).hexdigest()
    data = make(device, [bureau.recipient], blobs={digest: photo})
    bundle = read_bundle(data, [bureau], lambda d, s: device.public)
    assert bundle.changes == CHANGES
    assert bundle.blobs == {digest: photo}
    assert bundle.seq == 1 and bundle.device_id == DEVICE
    assert bundle.manifest["hlc_min"] == 100 and bundle.manifest["hlc_max"] == 105
    assert bundle_name(SCHOOL, DEVICE, 7).endswith(".00000007.bundle")


def test_the_same_input_gives_the_same_plaintext_layout(device, bureau):
    a = read_bundle(
        make(device, [bureau.recipient], bundle_id=DEVICE), [bureau], lambda d, s: device.public
    )
    b = read_bundle(
        make(device, [bureau.recipient], bundle_id=DEVICE), [bureau], lambda d, s: device.public
    )
    assert a.manifest == b.manifest


@pytest.mark.skipif(shutil.which("age") is None, reason="Debian's age is installed by make")
def test_standard_age_tool_decrypts_and_plain_cryptography_verifies(tmp_path, device, bureau):
    """Another team's bureau could read our bundles with nothing of ours."""
    bundle_file = tmp_path / "b.bundle"
    bundle_file.write_bytes(make(device, [bureau.recipient]))
    identity = tmp_path / "bureau.key"
    identity.write_text(bureau.secret + "\n")
    done = subprocess.run(
        ["age", "-d", "-i", str(identity), str(bundle_file)], capture_output=True, check=True
    )
    plain = done.stdout
    assert plain[:8] == b"XIAOAN\x02\x00"
    assert uuid.UUID(bytes=plain[8:24]) == DEVICE and uuid.UUID(bytes=plain[24:40]) == SCHOOL
    assert int.from_bytes(plain[40:48], "big") == 1
    length = int.from_bytes(plain[48:56], "big")
    assert len(plain) == 56 + length + 64

    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    # The signature covers everything before it; raises if bad.
    Ed25519PublicKey.from_public_bytes(device.public).verify(plain[-64:], plain[:-64])
    # Trusted bytes of our own (verified above), so the standard library may list them.
    import zstandard

    tar_bytes = zstandard.ZstdDecompressor().decompress(plain[56:-64])
    with tarfile.open(fileobj=io.BytesIO(tar_bytes)) as tar:
        names = tar.getnames()
        manifest = tar.extractfile("manifest.json").read()
    assert names[:2] == ["manifest.json", "changes.jsonl"]
    if shutil.which("zstd") and shutil.which("tar"):
        listed = subprocess.run(
            f"age -d -i {identity} {bundle_file} | tail -c +57 | head -c -64 | zstd -d | tar t",
            shell=True,
            capture_output=True,
            check=True,
        )
        assert listed.stdout.decode().split() == ["manifest.json", "changes.jsonl"]
    fields = json.loads(manifest)
    assert fields["school"] == str(SCHOOL) and fields["seq"] == 1
    assert base64.b64encode(device.public)  # the key travels as base64 in enrolment


@pytest.mark.parametrize("where", [0.3, 0.6, 0.95])
def test_one_flipped_byte_is_rejected(device, bureau, where):
    data = bytearray(make(device, [bureau.recipient]))
    i = int(len(data) * where)
    data[i] ^= 0x01
    with pytest.raises(BundleError) as err:
        read_bundle(bytes(data), [bureau], lambda d, s: device.public)
    assert err.value.reason in {"corrupt", "not_a_bundle", "wrong_recipient"}


def test_a_truncated_file_is_rejected(device, bureau):
    data = make(device, [bureau.recipient])
    with pytest.raises(BundleError, match="corrupt"):
        read_bundle(data[: len(data) // 2], [bureau], lambda d, s: device.public)


def test_wrong_recipient_unknown_device_and_forged_signature(device, bureau):
    data = make(device, [bureau.recipient])
    with pytest.raises(BundleError) as err:
        read_bundle(data, [AgeIdentity.generate()], lambda d, s: device.public)
    assert err.value.reason == "wrong_recipient"
    with pytest.raises(BundleError) as err:
        read_bundle(data, [bureau], lambda d, s: None)
    assert err.value.reason == "unknown_device"
    impostor = SigningKey.generate()
    with pytest.raises(BundleError) as err:
        read_bundle(make(impostor, [bureau.recipient]), [bureau], lambda d, s: device.public)
    assert err.value.reason == "bad_signature"


def test_a_format_1_bundle_is_refused_after_the_age_layer(device, bureau):
    """Format 1 was a zstd tar right inside age: nothing of it is parsed any more."""
    import pyrage
    import zstandard
    from pyrage import x25519

    v1 = pyrage.encrypt(
        zstandard.ZstdCompressor().compress(b"manifest.json" + bytes(1000)),
        [x25519.Recipient.from_str(bureau.recipient)],
    )
    with pytest.raises(BundleError) as err:
        read_bundle(v1, [bureau], lambda d, s: pytest.fail("no key is looked up"))
    assert (err.value.reason, err.value.settled) == ("unsupported_format", False)


def test_the_manifest_carries_the_audit_head(device, bureau):
    head = {"seq": 41, "mac": "ab" * 32}
    bundle = read_bundle(
        make(device, [bureau.recipient], audit_head=head), [bureau], lambda d, s: device.public
    )
    assert bundle.manifest["audit_head"] == head and bundle.manifest["format"] == 2
    assert bundle.school_id == SCHOOL


def test_device_keys_live_in_the_keyring(memory_keyring):
    device_id = uuid.uuid4()
    keys = sync_keys.load_or_create_device_keys(device_id)
    again = sync_keys.load_or_create_device_keys(device_id)
    assert again == keys
    stored = " ".join(memory_keyring.store.values())
    assert keys.receiving.secret in stored
    assert len(keys.fingerprint.split()) == 4
