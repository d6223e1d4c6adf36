"""Device-signed HTTP requests: the string a device signs and the header it sends.

Both sides use this module: the PC (:mod:`app.sync.transport`) to sign, the
bureau (:mod:`app.bureau.device_auth`) to check. The scheme is described
byte for byte in README.md ("Transport", "Device authentication"):

* the device fetches a challenge from ``GET /v1/challenge`` (made and later
  checked by the bureau alone, carrying the bureau's time, so the PC's clock
  plays no part);
* it signs, with its enrolled Ed25519 key, the lines of :func:`signed_text`
  (method, path, device id, challenge and the tus headers that say what the
  request does);
* it sends ``Authorization: XiaoanDevice device="…", challenge="…",
  signature="…"``.
"""

from __future__ import annotations

import base64
import re
import uuid
from collections.abc import Mapping

SCHEME = "XiaoanDevice"
SIGNED_FORMAT = "xiaoan-request/1"
# Headers whose values are signed, in this order (empty line when absent).
SIGNED_HEADERS = ("upload-length", "upload-metadata", "upload-offset", "upload-checksum")
MAX_HEADER_CHARS = 1024

_PARAM = re.compile(r'\s*([a-z]+)="([^"\\]*)"\s*(?:,|$)')


def signed_text(
    method: str, path: str, device_id: uuid.UUID, challenge: str, headers: Mapping[str, str]
) -> bytes:
    """The exact bytes a device signs for one request (UTF-8, lines joined by LF)."""
    lower = {k.lower(): v for k, v in headers.items()}
    lines = [SIGNED_FORMAT, method.upper(), path, str(device_id), challenge]
    lines += [lower.get(name, "") for name in SIGNED_HEADERS]
    return "\n".join(lines).encode("utf-8")


def authorization(device_id: uuid.UUID, challenge: str, signature: bytes) -> str:
    sig = base64.b64encode(signature).decode("ascii")
    return f'{SCHEME} device="{device_id}", challenge="{challenge}", signature="{sig}"'


class MalformedAuthorization(ValueError):
    pass


def parse_authorization(value: str) -> tuple[uuid.UUID, str, bytes]:
    """``(device id, challenge, signature)`` from an Authorization header, or raise."""
    if len(value) > MAX_HEADER_CHARS:
        raise MalformedAuthorization("header too long")
    scheme, _, rest = value.strip().partition(" ")
    if scheme != SCHEME:
        raise MalformedAuthorization(f"scheme must be {SCHEME}")
    params: dict[str, str] = {}
    pos = 0
    rest = rest.strip()
    while pos < len(rest):
        m = _PARAM.match(rest, pos)
        if m is None or m.group(1) in params:
            raise MalformedAuthorization('parameters must be name="value", each once')
        params[m.group(1)] = m.group(2)
        pos = m.end()
    if set(params) != {"device", "challenge", "signature"}:
        raise MalformedAuthorization("device, challenge and signature are required")
    try:
        device = uuid.UUID(params["device"])
        signature = base64.b64decode(params["signature"], validate=True)
    except ValueError:
        raise MalformedAuthorization("device must be a UUID, signature base64") from None
    if len(signature) != 64 or params["device"] != str(device):
        raise MalformedAuthorization("device must be a lowercase UUID, signature 64 bytes")
    return device, params["challenge"], signature
