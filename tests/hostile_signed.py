"""Hostile bundles signed by the genuine device: each is a settled quarantine.

The second half of the corpus of :mod:`tests.hostile_bundles`: tar tricks
inside a signed payload, zstd bombs (frames written by hand where a
compressor would refuse), odd manifests, odd change lines and changes the
merge refuses. :func:`corpus` puts both halves together.
"""

from __future__ import annotations

import hashlib
import random
import uuid
from collections.abc import Callable
from typing import Any

from app.sync.bundle import build_bundle, canonical_json, encode_changes
from app.sync.container import write_members
from db import schema
from db.hlc import pack
from tests.hostile_bundles import (
    HLC,
    MERGE_REFUSALS,
    Case,
    Make,
    Parties,
    _case,
    _pax_tar,
    _tar_of,
    change,
    envelope,
    legit,
    manifest_of,
    mutations,
    outsiders,
    plaintext_mutations,
    raw_member,
    signed,
    signed_payload,
    zstd,
)


def tar_tricks(p: Parties, out: list[Case]) -> None:
    def make_with(build: Callable[[bytes, bytes], bytes]) -> Make:
        def make(seq: int, prev: str) -> bytes:
            lines = encode_changes([change(p, seq)])
            m = canonical_json(manifest_of(p, seq, prev, lines, 1, [HLC + seq]))
            return envelope(p, seq, zstd(build(m, lines)))

        return make

    def plain(m: bytes, lines: bytes) -> list[bytes]:
        return [raw_member("manifest.json", m), raw_member("changes.jsonl", lines)]

    digits = b"2" * 200_000
    tricks: dict[str, Callable[[bytes, bytes], bytes]] = {
        "pax-200000-digits": lambda m, c: _tar_of(raw_member("x", digits, b"x"), *plain(m, c)),
        "pax-record": lambda m, c: _tar_of(
            raw_member("PaxHeaders/m", b"30 path=changes.jsonl\n", b"x"), *plain(m, c)
        ),
        "pax-global": lambda m, c: _tar_of(
            raw_member("g", b"20 comment=abcdefg\n", b"g"), *plain(m, c)
        ),
        "gnu-longname": lambda m, c: _tar_of(
            raw_member("././@LongLink", b"a" * 300, b"L"), *plain(m, c)
        ),
        "gnu-longlink": lambda m, c: _tar_of(
            raw_member("././@LongLink", b"a" * 300, b"K"), *plain(m, c)
        ),
        "gnu-sparse": lambda m, c: _tar_of(
            *plain(m, c),
            raw_member("blobs/" + "a" * 64, b"", b"S", magic=b"ustar  \x00", size=1 << 33),
        ),
        "gnu-magic": lambda m, c: _tar_of(raw_member("manifest.json", m, magic=b"ustar  \x00")),
        "symlink": lambda m, c: _tar_of(
            *plain(m, c), raw_member("blobs/x", b"", b"2", linkname=b"/etc/passwd")
        ),
        "hardlink": lambda m, c: _tar_of(
            *plain(m, c), raw_member("link", b"", b"1", linkname=b"manifest.json")
        ),
        "directory": lambda m, c: _tar_of(raw_member("blobs/", b"", b"5"), *plain(m, c)),
        "fifo": lambda m, c: _tar_of(*plain(m, c), raw_member("fifo", b"", b"6")),
        "char-device": lambda m, c: _tar_of(*plain(m, c), raw_member("zero", b"", b"3")),
        "dotdot": lambda m, c: _tar_of(*plain(m, c), raw_member("../evil", b"x")),
        "dotdot-inside": lambda m, c: _tar_of(*plain(m, c), raw_member("blobs/../../evil", b"x")),
        "absolute": lambda m, c: _tar_of(*plain(m, c), raw_member("/etc/cron.d/x", b"x")),
        "nul-in-name": lambda m, c: _tar_of(
            raw_member(b"manifest.json\x00evil", m), raw_member("changes.jsonl", c)
        ),
        "non-ascii-name": lambda m, c: _tar_of(
            *plain(m, c), raw_member("blobs/照片".encode(), b"x")
        ),
        "duplicate-manifest": lambda m, c: _tar_of(*plain(m, c), raw_member("manifest.json", m)),
        "duplicate-changes": lambda m, c: _tar_of(*plain(m, c), raw_member("changes.jsonl", c)),
        "bad-checksum": lambda m, c: _tar_of(
            raw_member("manifest.json", m, checksum_delta=1), raw_member("changes.jsonl", c)
        ),
        "base256-size": lambda m, c: _tar_of(
            raw_member(
                "manifest.json", m, size_field=b"\x80" + bytes(7) + len(m).to_bytes(4, "big")
            ),
            raw_member("changes.jsonl", c),
        ),
        "size-not-octal": lambda m, c: _tar_of(
            raw_member("manifest.json", m, size_field=b"0000000009x\x00")
        ),
        "prefix-set": lambda m, c: _tar_of(
            raw_member("manifest.json", m, prefix=b"../.."), raw_member("changes.jsonl", c)
        ),
        "dirty-padding": lambda m, c: _tar_of(
            raw_member("manifest.json", m, padding=b"\x01" * (-len(m) % 512)),
            raw_member("changes.jsonl", c),
        ),
        "trailing-garbage": lambda m, c: _tar_of(*plain(m, c), end=bytes(1024) + b"junk"),
        "one-end-block": lambda m, c: _tar_of(*plain(m, c), end=bytes(512)),
        "no-end": lambda m, c: _tar_of(*plain(m, c), end=b""),
        "cut-member": lambda m, c: _tar_of(*plain(m, c))[:700],
        "member-declares-more": lambda m, c: _tar_of(
            raw_member("manifest.json", m, size=len(m) + 4096)
        ),
    }
    for name, build in tricks.items():
        _case(out, f"tar-{name}", "tar trick", make_with(build), "bad_container", settled=True)
    # tarfile's own PAX output for a name longer than ustar holds.
    longname = _pax_tar(name="blobs/" + "a" * 200)
    _case(
        out, "tar-tarfile-pax-longname", "tar trick",
        signed_payload(p, lambda seq, prev: zstd(longname)), "bad_container", settled=True,
    )  # fmt: skip


# -- settled: signed by the genuine device, so each uses up its seq -------------------------


def _frame(blocks: list[bytes], *, window_byte: int = 0x50, content_size: int | None = None):
    """A zstd frame written by hand: header, then the given blocks (last one flagged)."""
    if content_size is None:
        head = b"\x28\xb5\x2f\xfd" + bytes([0x00, window_byte])
    else:
        head = b"\x28\xb5\x2f\xfd" + bytes([0xC0, window_byte]) + content_size.to_bytes(8, "little")
    body = b"".join(blocks[:-1]) + bytes([blocks[-1][0] | 1]) + blocks[-1][1:]
    return head + body


def _raw_block(data: bytes) -> bytes:
    return ((len(data) << 3) | 0).to_bytes(3, "little") + data


def _rle_block(byte: int, n: int) -> bytes:
    return ((n << 3) | (1 << 1)).to_bytes(3, "little") + bytes([byte])


GIB_OF_ZEROS = [_rle_block(0, 1 << 17)] * 8192  # 1 GiB unpacked from 32 KiB


def bombs(p: Parties, out: list[Case]) -> None:
    def archive(seq: int, prev: str) -> bytes:
        lines = encode_changes([change(p, seq)])
        m = canonical_json(manifest_of(p, seq, prev, lines, 1, [HLC + seq]))
        return write_members([("manifest.json", m), ("changes.jsonl", lines)])

    def split(data: bytes) -> list[bytes]:
        return [_raw_block(data[i : i + 65536]) for i in range(0, len(data), 65536)]

    cases: dict[str, tuple[Callable[[int, str], bytes], str]] = {
        # A frame whose header declares 1 TiB: decompress() would allocate it up front.
        "declares-1TiB": (
            lambda seq, prev: _frame(split(archive(seq, prev)), content_size=1 << 40),
            "bad_container",
        ),
        "declares-256MiB-of-zeros": (
            lambda seq, prev: _frame(GIB_OF_ZEROS[:2048], content_size=256 << 20),
            "bad_container",
        ),
        "member-of-1GiB-zeros": (
            lambda seq, prev: _frame(
                [_raw_block(raw_member("changes.jsonl", b"", size=1 << 30)[:512]), *GIB_OF_ZEROS],
                content_size=512 + (1 << 30),
            ),
            "too_large",
        ),
        "1GiB-stream-after-manifest": (
            lambda seq, prev: _frame(
                [
                    *split(archive(seq, prev)[:-1024]),
                    *GIB_OF_ZEROS[:1],
                    _raw_block(b"\x01"),
                    *GIB_OF_ZEROS,
                ]
            ),
            "bad_container",
        ),
        "many-1MiB-members": (
            lambda seq, prev: zstd(
                write_members([(f"blobs/{n:064x}", bytes(1 << 20)) for n in range(40)])
            ),
            "too_large",
        ),
        "window-2GiB": (
            lambda seq, prev: _frame(split(archive(seq, prev)), window_byte=0xA8),
            "bad_container",
        ),
        "manifest-20MiB-of-spaces": (
            lambda seq, prev: zstd(write_members([("manifest.json", b" " * (20 << 20))])),
            "bad_manifest",
        ),
        "not-zstd": (lambda seq, prev: archive(seq, prev), "bad_container"),
        "empty-payload": (lambda seq, prev: b"", "bad_container"),
        "two-frames": (
            lambda seq, prev: zstd(archive(seq, prev)) + zstd(b"x" * 100),
            "bad_container",
        ),
    }
    for name, (payload, reason) in cases.items():
        _case(out, f"bomb-{name}", "zstd bomb", signed_payload(p, payload), reason, settled=True)


def manifests(p: Parties, out: list[Case]) -> None:
    def add(name: str, reason: str = "bad_manifest", **kw: Any) -> None:
        _case(out, f"manifest-{name}", "manifest", signed(p, **kw), reason, settled=True)

    for name, raw in {
        "list": b"[]", "one": b"1", "null": b"null", "string": b'"x"', "true": b"true",
        "empty-object": b"{}", "nested-lists": b"[" * 100_000,
        "nested-closed": b"[" * 100_000 + b"]" * 100_000, "nested-objects": b'{"a":' * 100_000,
        "nan": b'{"format":NaN}', "infinity": b'{"format":Infinity}', "minus-inf": b'{"x":-Infinity}',
        "huge-int": b'{"seq":1' + b"0" * 4000 + b"}", "bad-utf8": b'{"app_version":"\xff"}',
        "duplicate-key": b'{"seq":1,"seq":2}', "empty": b"", "truncated": b'{"format":2,',
    }.items():  # fmt: skip
        add(name, manifest=raw)
    edits: dict[str, Any] = {
        "seq-2**31": {"seq": 2**31}, "seq-2**63": {"seq": 2**63}, "seq-string": {"seq": "1"},
        "seq-bool": {"seq": True}, "seq-float": {"seq": 1.0},
        "device-other": {"device": str(uuid.uuid4())}, "school-other": {"school": str(uuid.uuid4())},
        "format-1": {"format": 1}, "format-string": {"format": "2"}, "format-bool": {"format": True}, "format-float": {"format": 2.0},
        "hlc-min-0": {"hlc_min": 0}, "hlc-min-negative": {"hlc_min": -1},
        "hlc-min-string": {"hlc_min": "abc"}, "hlc-min-float": {"hlc_min": 1.5},
        "hlc-max-bool": {"hlc_max": True}, "hlc-max-wrong": {"hlc_max": HLC + 10**6},
        "change-count-2": {"change_count": 2}, "change-count-negative": {"change_count": -1},
        "change-count-string": {"change_count": "1"}, "extra-field": {"x": 1},
        "prev-not-hex": {"prev_sha256": "xyz"}, "schema-number": {"schema_revision": 5},
        "app-version-long": {"app_version": "v" * 1000}, "recipients-object": {"recipients": {}},
        "audit-head-list": {"audit_head": []}, "audit-head-deep": {"audit_head": {"a": {"b": {"c": {"d": {"e": {}}}}}}},
        "audit-head-big": {"audit_head": {"x": "y" * 10_000}}, "blobs-list": {"blobs": []},
        "members-list": {"members": []}, "members-extra": {"members": {"changes.jsonl": {"sha256": "0" * 64, "size": 1}, "blobs/" + "0" * 64: {"sha256": "0" * 64, "size": 1}}},
    }  # fmt: skip
    for name, over in edits.items():
        add(name, manifest=over)
    add("missing-members", manifest=lambda m: m.pop("members"))
    add("missing-seq", manifest=lambda m: m.pop("seq"))
    add("future-schema", "unknown_schema", manifest={"schema_revision": "9999_future"})
    add("changes-sha-wrong", "member_hash_mismatch",
        manifest=lambda m: m["members"]["changes.jsonl"].update(sha256="0" * 64))  # fmt: skip
    add("changes-size-wrong", "member_hash_mismatch",
        manifest=lambda m: m["members"]["changes.jsonl"].update(size=3))  # fmt: skip

    def blob_named_wrongly(seq: int, prev: str) -> bytes:
        lines = encode_changes([change(p, seq)])
        photo, name = b"\xff\xd8\xff" + b"jpeg" * 50, "blobs/" + "ab" * 32
        m = manifest_of(p, seq, prev, lines, 1, [HLC + seq])
        m["members"][name] = {"sha256": hashlib.sha256(photo).hexdigest(), "size": len(photo)}
        m["blobs"] = {"ab" * 32: ""}
        members = [("manifest.json", canonical_json(m)), ("changes.jsonl", lines), (name, photo)]
        return envelope(p, seq, zstd(write_members(members)))

    _case(out, "manifest-blob-named-wrongly", "manifest", blob_named_wrongly,
          "member_hash_mismatch", settled=True)  # fmt: skip

    def changes_first(seq: int, prev: str) -> bytes:
        lines = encode_changes([change(p, seq)])
        m = canonical_json(manifest_of(p, seq, prev, lines, 1, [HLC + seq]))
        return envelope(
            p, seq, zstd(write_members([("changes.jsonl", lines), ("manifest.json", m)]))
        )

    _case(out, "manifest-not-first", "manifest", changes_first, "bad_manifest", settled=True)


def _nested(depth: int) -> Any:
    value: Any = 1
    for _ in range(depth):
        value = [value]
    return value


def change_lines(p: Parties, out: list[Case]) -> None:
    def line_with(text: bytes, field: str = "hlc") -> Callable[[int], bytes]:
        def build(seq: int) -> bytes:
            marker = "@@@"
            c = change(p, seq, **{field: marker})
            return canonical_json(c).replace(b'"@@@"', text) + b"\n"

        return build

    def add(name: str, build: Callable[[int], bytes]) -> None:
        def make(seq: int, prev: str) -> bytes:
            return signed(p, lines=build(seq))(seq, prev)

        _case(out, f"change-{name}", "change line", make, "bad_change", settled=True)

    for name, text in {
        "nan": b"NaN", "infinity": b"Infinity", "minus-infinity": b"-Infinity", "abc": b'"abc"',
        "null": b"null", "10**4000": b"1" + b"0" * 4000, "zero": b"0", "negative": b"-5",
        "float": b"1.5", "true": b"true", "2**63": str(2**63).encode(), "1e400": b"1e400",
        "string-number": b'"123"', "list": b"[1]",
    }.items():  # fmt: skip
        add(f"hlc-{name}", line_with(text))
    for name, text in {"list": b"[]", "number": b"1", "string": b'"x"', "null": b"null",
                       "true": b"true", "pair": b"[1,2]"}.items():  # fmt: skip
        add(f"line-{name}", lambda seq, t=text: t + b"\n")
    odd_fields: dict[str, Any] = {
        "op-drop": {"op": "drop"}, "op-number": {"op": 1}, "table-number": {"table": 5},
        "table-empty": {"table": ""}, "row-number": {"row": 5}, "device-null": {"device": None},
        "changes-list": {"changes": []}, "changes-string": {"changes": "x"}, "extra-key": {"x": 1},
        "deep-changes": {"changes": {"a": _nested(40)}},
    }  # fmt: skip
    for name, over in odd_fields.items():
        add(name, lambda seq, o=over: canonical_json(change(p, seq, **o)) + b"\n")
    add("missing-device", lambda seq: canonical_json(
        {k: v for k, v in change(p, seq).items() if k != "device"}) + b"\n")  # fmt: skip
    add("value-nan", line_with(b"NaN", "row"))
    add("value-10**4000", lambda seq: canonical_json(change(p, seq)).replace(
        b'"active":true', b'"active":1' + b"0" * 4000) + b"\n")  # fmt: skip
    add("not-json", lambda seq: b"{\n")
    add("bad-utf8", lambda seq: b'{"table":"\xff"}\n')
    add("empty-line", lambda seq: canonical_json(change(p, seq)) + b"\n\n")
    add("no-newline", lambda seq: canonical_json(change(p, seq)))
    add("duplicate-key", lambda seq: canonical_json(change(p, seq))[:-1] + b',"op":"delete"}\n')


def refused_by_merge(p: Parties, out: list[Case]) -> None:
    """Well-formed lines the merge must refuse; the device goes on afterwards."""

    def with_change(**over: Any) -> Make:
        def make(seq: int, prev: str) -> bytes:
            c = change(p, seq, **over)
            if "changes" not in over:
                c["changes"]["id"] = c["row"]
            return build_bundle(
                school_id=p.school, device_id=p.device, seq=seq, prev_sha256=prev, changes=[c],
                blobs={}, schema_revision=schema.HEAD, app_version="0.1.0", signing_key=p.key,
                recipients=[p.bureau.recipient], created_at="2026-11-23T06:00:00+00:00",
            )  # fmt: skip

        return make

    other_school_row = {**change(p, 0)["changes"], "school_id": str(p.other_school)}
    for name, make in {
        "unknown-table": with_change(table="no_such_table"),
        "other-school-insert": with_change(changes=other_school_row),
        "row-not-uuid": with_change(row="not-a-uuid"),
        "school-id-number": with_change(changes={**change(p, 0)["changes"], "school_id": 5}),
    }.items():
        _case(out, f"merge-{name}", "merge", make, *MERGE_REFUSALS, settled=True)

    def skewed(seq: int, prev: str) -> bytes:
        import time

        future = pack(int(time.time() * 1000) + 3 * 86_400_000)
        return with_change(hlc=future)(seq, prev)

    _case(out, "clock-skew", "merge", skewed, "clock_skew", settled=True)
    _case(out, "broken-chain", "merge", lambda seq, prev: legit(p, seq, "0" * 64),
          "broken_chain", settled=True)  # fmt: skip


def corpus(p: Parties, seed: int = 13) -> list[Case]:
    """Every case, unsettled ones first, in a fixed order for a given seed."""
    rng = random.Random(seed)
    out: list[Case] = []
    mutations(p, rng, out)
    plaintext_mutations(p, rng, out)
    outsiders(p, rng, out)
    tar_tricks(p, out)
    bombs(p, out)
    manifests(p, out)
    change_lines(p, out)
    refused_by_merge(p, out)
    return out
