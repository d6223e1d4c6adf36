"""The signed envelope inside a bundle's age encryption (format 2), and opening it.

Byte layout of the decrypted plaintext (all integers big-endian)::

    offset  size  field
         0     6  magic  b"XIAOAN"
         6     1  format 2
         7     1  kind   0 = bundle (device -> bureau), 1 = return (bureau -> device)
         8    16  device id (UUID bytes)
        24    16  school id (UUID bytes; all zero in a return for a device of no school)
        40     8  seq    (bundle seq, or return_seq), 1 .. 2**31 - 1
        48     8  payload length L, at most MAX_PAYLOAD_BYTES
        56     L  payload: zstd data (one frame) of a ustar archive (app.sync.container)
    56 + L    64  Ed25519 signature of bytes 0 .. 56 + L - 1 (device key; bureau key
                  for returns)

The plaintext is exactly ``56 + L + 64`` bytes. A reader checks, in this
order and before it parses anything: the file size (``too_large``), age
(``not_a_bundle``, ``wrong_recipient``, ``corrupt``), the magic, format,
kind and lengths (``unsupported_format`` for format 1 or any other format,
``bad_envelope``), the signer's key looked up by the header's ids
(``unknown_device``), the signature (``bad_signature``). Only a verified
payload is decompressed, as a stream, never beyond ``MAX_UNPACKED_BYTES``
whatever the zstd frame header declares (``too_large``), with a window of at
most 8 MiB (``bad_container``). Errors after the signature are *settled*.
"""

from __future__ import annotations

import dataclasses
import io
import struct
import uuid
from collections.abc import Callable

from app.sync.container import read_members
from app.sync.errors import BundleError
from app.sync.keys import AgeIdentity, SigningKey, verify_signature

MAGIC = b"XIAOAN"
FORMAT = 2
KIND_BUNDLE, KIND_RETURN = 0, 1
HEADER = struct.Struct(">6sBB16s16sQQ")
SIGNATURE_BYTES = 64
MAX_BUNDLE_BYTES = 16 * 1024 * 1024
# The largest file a reader takes: a full bundle plus age's and the envelope's framing.
MAX_FILE_BYTES = MAX_BUNDLE_BYTES + 1024 * 1024
MAX_PAYLOAD_BYTES = MAX_FILE_BYTES
# Nothing unpacks to more than this: the packer fills a bundle up to 16 MiB of
# uncompressed changes and photos, so twice that leaves room and bounds memory.
MAX_UNPACKED_BYTES = 2 * MAX_BUNDLE_BYTES
MAX_WINDOW_BYTES = 1 << 23  # zstd level 19 uses 8 MiB at most
MAX_SEQ = 2**31 - 1
AGE_MAGIC = b"age-encryption.org/v1\n"
ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
ZERO_ID = uuid.UUID(int=0)


@dataclasses.dataclass(frozen=True)
class Header:
    kind: int
    device_id: uuid.UUID
    school_id: uuid.UUID | None
    seq: int
    payload_length: int


def seal(
    *,
    kind: int,
    device_id: uuid.UUID,
    school_id: uuid.UUID | None,
    seq: int,
    payload: bytes,
    signing_key: SigningKey,
    recipients: list[str],
) -> bytes:
    """Sign ``payload`` in an envelope and encrypt it with age to ``recipients``."""
    import pyrage
    from pyrage import x25519

    if not 1 <= seq <= MAX_SEQ:
        raise ValueError(f"seq {seq} out of range")
    head = HEADER.pack(
        MAGIC, FORMAT, kind, device_id.bytes, (school_id or ZERO_ID).bytes, seq, len(payload)
    )
    body = head + payload
    plain = body + signing_key.sign(body)
    return pyrage.encrypt(plain, [x25519.Recipient.from_str(r) for r in recipients])


def decrypt(data: bytes, identities: list[AgeIdentity]) -> bytes:
    """The age layer: size cap, then decryption. Unsettled errors only."""
    import pyrage
    from pyrage import x25519

    if len(data) > MAX_FILE_BYTES:
        raise BundleError("too_large", f"{len(data)} bytes")
    if not data.startswith(AGE_MAGIC):
        raise BundleError("not_a_bundle", "not an age v1 file")
    try:
        return pyrage.decrypt(data, [x25519.Identity.from_str(i.secret) for i in identities])
    except pyrage.DecryptError as e:
        # age tells a file for someone else apart from a damaged one (a flipped
        # byte fails the payload MAC; a cut file fails the last chunk).
        reason = "wrong_recipient" if "no matching keys" in str(e).lower() else "corrupt"
        raise BundleError(reason, str(e)[:200]) from None
    except Exception as e:  # noqa: BLE001 - pyrage raises other errors on odd headers
        raise BundleError("corrupt", f"{type(e).__name__}: {e}"[:200]) from None


def parse_header(plain: bytes, kind: int) -> Header:
    """Check the envelope's fixed fields against the plaintext's real size."""
    if plain.startswith(ZSTD_MAGIC):
        raise BundleError("unsupported_format", "format 1 (zstd tar without an envelope)")
    if len(plain) < HEADER.size + SIGNATURE_BYTES:
        raise BundleError("bad_envelope", "shorter than an envelope")
    magic, fmt, got_kind, device, school, seq, length = HEADER.unpack_from(plain)
    if magic != MAGIC:
        raise BundleError("bad_envelope", "no envelope magic")
    if fmt != FORMAT:
        raise BundleError("unsupported_format", f"format {fmt}")
    if got_kind != kind:
        raise BundleError("bad_envelope", f"kind {got_kind}, expected {kind}")
    if length > MAX_PAYLOAD_BYTES:
        raise BundleError("too_large", f"payload of {length} bytes")
    if HEADER.size + length + SIGNATURE_BYTES != len(plain):
        raise BundleError("bad_envelope", "payload length does not match the file")
    if not 1 <= seq <= MAX_SEQ:
        raise BundleError("bad_envelope", f"seq {seq} out of range")
    school_id = uuid.UUID(bytes=school)
    return Header(
        got_kind,
        uuid.UUID(bytes=device),
        None if school_id == ZERO_ID else school_id,
        seq,
        length,
    )


def open_envelope(
    data: bytes,
    identities: list[AgeIdentity],
    kind: int,
    signer_key: Callable[[Header], bytes | None],
) -> tuple[Header, bytes]:
    """Decrypt, check and verify; returns the header and the (still packed) payload.

    ``signer_key(header)`` gives the Ed25519 public key that must have signed
    it, or None (``unknown_device``); it may raise BundleError itself.
    """
    plain = decrypt(data, identities)
    header = parse_header(plain, kind)
    public = signer_key(header)
    if public is None:
        raise BundleError("unknown_device", str(header.device_id))
    end = len(plain) - SIGNATURE_BYTES
    if not verify_signature(public, plain[end:], plain[:end]):
        raise BundleError("bad_signature", str(header.device_id))
    return header, plain[HEADER.size : end]


def unpack(payload: bytes, header: Header) -> list[tuple[str, bytes]]:
    """Decompress a verified payload as a stream into its members, within the caps."""
    import zstandard

    if not payload.startswith(ZSTD_MAGIC):
        raise BundleError("bad_container", "payload is not zstd", settled=True, header=header)
    reader = zstandard.ZstdDecompressor(max_window_size=MAX_WINDOW_BYTES).stream_reader(
        io.BytesIO(payload), read_size=1 << 16
    )
    try:
        return read_members(reader.read, MAX_UNPACKED_BYTES)
    except BundleError as e:
        e.header = header
        raise
    except zstandard.ZstdError as e:
        raise BundleError(
            "bad_container", f"zstd: {e}"[:200], settled=True, header=header
        ) from None
