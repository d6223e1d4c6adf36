"""The member container inside a bundle: plain POSIX ustar, written and read here.

Python's ``tarfile`` never reads a bundle: on Python 3.11.7 its pax header
parser is quadratic (CVE-2024-6232: a 363-byte file held the bureau for 41 s)
and it honours GNU sparse maps, which turned 410 bytes into hundreds of MiB.
Instead this module writes, and reads back strictly, the one shape of tar we
make, so ``tar t`` still lists a bundle for a person checking one by hand:

* each member is one 512-byte ustar header (magic ``ustar\\0``, version
  ``00``, type ``0`` = regular file, name ≤ 100 bytes in ``name`` with an
  empty ``prefix`` and ``linkname``, size as octal digits, checksum as the
  standard unsigned byte sum) followed by its bytes, zero-padded to 512;
* two zero blocks end the archive, and nothing may follow them.

The reader refuses anything else — pax (``x``/``g``), GNU long names
(``L``/``K``), sparse (``S``), links, directories, base-256 sizes, a name
with ``..``, ``/`` at the start or characters outside ``[a-z0-9._/-]``, the
same name twice, a bad checksum, non-zero padding, trailing bytes — as
``bad_container``, and a member whose size would take the unpacked total past
the cap as ``too_large``, before reading a byte of it. It reads from a
stream, so a member is only ever held once, and never beyond the cap.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from app.sync.errors import BundleError

BLOCK = 512
MAX_MEMBERS = 4096
NAME = re.compile(r"(?:[a-z0-9_-]+/)?[a-z0-9_-][a-z0-9._-]{0,99}")
_ZERO = bytes(BLOCK)


def _octal(value: int, width: int) -> bytes:
    return b"%0*o\x00" % (width - 1, value)


def _header(name: str, size: int) -> bytes:
    raw = name.encode("ascii")
    if len(raw) > 100 or not NAME.fullmatch(name) or ".." in name:
        raise ValueError(f"member name {name!r} cannot be stored")
    head = bytearray(BLOCK)
    head[0 : len(raw)] = raw
    head[100:108] = _octal(0o644, 8)
    head[108:116] = _octal(0, 8)
    head[116:124] = _octal(0, 8)
    head[124:136] = _octal(size, 12)
    head[136:148] = _octal(0, 12)
    head[148:156] = b" " * 8
    head[156:157] = b"0"
    head[257:263] = b"ustar\x00"
    head[263:265] = b"00"
    head[148:156] = b"%06o\x00 " % sum(head)
    return bytes(head)


def write_members(members: Iterable[tuple[str, bytes]]) -> bytes:
    """A ustar archive of ``members`` (name, bytes), in order."""
    out = bytearray()
    for name, data in members:
        out += _header(name, len(data))
        out += data
        out += bytes(-len(data) % BLOCK)
    out += _ZERO * 2
    return bytes(out)


def _bad(detail: str) -> BundleError:
    return BundleError("bad_container", detail, settled=True)


def _number(field: bytes, what: str) -> int:
    digits = field.rstrip(b"\x00 ")
    if not digits or not re.fullmatch(rb"[0-7]{1,11}", digits) or b"\x00" in digits:
        raise _bad(f"{what} is not plain octal")
    return int(digits, 8)


def _parse_header(head: bytes, seen: set[str]) -> tuple[str, int]:
    stored = _number(head[148:156], "checksum")
    if stored != sum(head[:148]) + 8 * 0x20 + sum(head[156:]):
        raise _bad("header checksum does not match")
    if head[257:265] != b"ustar\x0000":
        raise _bad("not a POSIX ustar header (GNU or pre-POSIX tar)")
    if head[156:157] != b"0":
        raise _bad(f"member type {head[156:157]!r} (only regular files)")
    if head[157:257].strip(b"\x00") or head[345:500].strip(b"\x00"):
        raise _bad("link name or name prefix set")
    raw, _, rest = head[:100].partition(b"\x00")
    if rest.strip(b"\x00"):
        raise _bad("bytes after the name")
    try:
        name = raw.decode("ascii")
    except UnicodeDecodeError:
        raise _bad("member name is not ASCII") from None
    if not NAME.fullmatch(name) or ".." in name:
        raise _bad(f"member name {name[:40]!r}")
    if name in seen:
        raise _bad(f"member {name} twice")
    return name, _number(head[124:136], "size")


def read_members(read: Callable[[int], bytes], cap: int) -> list[tuple[str, bytes]]:
    """Read a ustar archive from ``read(n)`` (≤ n bytes, b"" at the end), at most ``cap`` bytes.

    Raises BundleError ``bad_container`` or ``too_large`` (both settled: only
    ever called on signed payloads).
    """
    used = 0

    def exact(n: int) -> bytes:
        nonlocal used
        if used + n > cap:
            raise BundleError("too_large", f"unpacks to more than {cap} bytes", settled=True)
        parts, left = [], n
        while left:
            chunk = read(min(left, 1 << 20))
            if not chunk:
                raise _bad("archive cut short")
            parts.append(chunk)
            left -= len(chunk)
        used += n
        return b"".join(parts)

    members: list[tuple[str, bytes]] = []
    seen: set[str] = set()
    while True:
        head = exact(BLOCK)
        if head == _ZERO:
            if exact(BLOCK) != _ZERO or read(1):
                raise _bad("bytes after the end of the archive")
            return members
        if len(members) >= MAX_MEMBERS:
            raise _bad(f"more than {MAX_MEMBERS} members")
        name, size = _parse_header(head, seen)
        if used + size > cap:
            raise BundleError("too_large", f"member {name} of {size} bytes", settled=True)
        data = exact(size)
        if exact(-size % BLOCK).strip(b"\x00"):
            raise _bad(f"padding after {name} is not zero")
        seen.add(name)
        members.append((name, data))
