"""Taking in what the bureau published, inside the transaction that applies a return bundle.

:func:`receive` checks every item strictly (shape, types, sizes); an item
that does not pass — an unknown kind, a malformed body — is skipped and
logged, never fatal: the rest of the return bundle still applies. Items are
kept once by their bureau id (``received_publication``, local-only), so the
same item sent again changes nothing. Per kind:

* ``notice`` — also a ``sync_notice`` row (the sync page lists it); the
  工作台 shows one that asks for acknowledgement until someone acknowledges;
* ``supervision`` — at the top of the 工作台 until answered;
* ``hazard_answer`` — on the hazard's detail;
* ``template`` — written to ``<data dir>/templates/<code>-v<version>.jsonl``
  (the loader takes the highest version of each code), checked first with
  the same loader;
* ``rules`` — written to ``<data dir>/compliance/rules-v<N>.json`` (the
  highest N wins), checked first with the same loader.
"""

from __future__ import annotations

import logging
import os
import re
import tempfile
import uuid
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.sync.bundle import canonical_json
from app.sync.codec import canonical_uuid
from db.models import PublicationKind, ReceivedPublication, SyncNotice

log = logging.getLogger("xiaoan.oversight")

ITEM_KEYS = frozenset({"seq", "id", "kind", "published_at", "body"})
MAX_SEQ = 2**63
MAX_BODY_BYTES = 600 * 1024
MAX_TEXT = 2000
MAX_ANSWER = 4000
MAX_FILE_CHARS = 512 * 1024
MAX_ITEMS = 10_000
_CODE = re.compile(r"[A-Za-z0-9_-]{1,64}")


class Refused(ValueError):
    """An item that does not pass; the message says why (logged, in English)."""


# -- checks ---------------------------------------------------------------------------


def _str(body: dict, key: str, limit: int, *, empty: bool = False) -> str:
    value = body.get(key)
    if not isinstance(value, str) or len(value) > limit or (not empty and not value.strip()):
        raise Refused(f"{key}: text of 1 to {limit} characters expected")
    return value


def _int(value: Any, low: int, high: int, what: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value < high:
        raise Refused(f"{what}: a whole number from {low} expected")
    return value


def _keys(body: dict, required: set[str], optional: set[str] = frozenset()) -> None:
    missing = required - body.keys()
    extra = body.keys() - required - optional
    if missing or extra:
        raise Refused(f"body keys: missing {sorted(missing)}, unknown {sorted(extra)}")


def _uuid_text(value: Any, what: str) -> str:
    try:
        return str(canonical_uuid(value))
    except ValueError as e:
        raise Refused(f"{what}: {e}") from None


def _check_notice(body: dict) -> None:
    _keys(body, {"text", "ack_required"})
    _str(body, "text", MAX_TEXT)
    if not isinstance(body["ack_required"], bool):
        raise Refused("ack_required: true or false expected")


def _check_supervision(body: dict) -> None:
    subject = body.get("subject")
    if subject == "hazard":
        _keys(body, {"subject", "deadline", "text", "hazard_id", "hazard_ref", "hazard_title"})
        _uuid_text(body["hazard_id"], "hazard_id")
        _str(body, "hazard_ref", 32)
        _str(body, "hazard_title", 200, empty=True)
    elif subject == "duty":
        _keys(body, {"subject", "deadline", "text", "duty"})
        _str(body, "duty", 200)
    else:
        raise Refused("subject: hazard or duty expected")
    _str(body, "text", MAX_TEXT)
    deadline = _str(body, "deadline", 10)
    try:
        date.fromisoformat(deadline)
    except ValueError:
        raise Refused("deadline: a date YYYY-MM-DD expected") from None
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", deadline):
        raise Refused("deadline: a date YYYY-MM-DD expected")


def _check_hazard_answer(body: dict) -> None:
    _keys(body, {"hazard_id", "hazard_ref", "text"})
    _uuid_text(body["hazard_id"], "hazard_id")
    _str(body, "hazard_ref", 32)
    _str(body, "text", MAX_ANSWER)


def _check_template(body: dict) -> None:
    _keys(body, {"code", "version", "title", "text"})
    code = _str(body, "code", 64)
    if not _CODE.fullmatch(code):
        raise Refused("code: letters, digits, _ and - expected")
    _int(body["version"], 1, 10**9, "version")
    _str(body, "title", 200)
    _str(body, "text", MAX_FILE_CHARS)


def _check_rules(body: dict) -> None:
    _keys(body, {"number", "version", "text"})
    _int(body["number"], 1, 10**6, "number")
    _str(body, "version", 64)
    _str(body, "text", MAX_FILE_CHARS)


CHECKS = {
    PublicationKind.NOTICE: _check_notice,
    PublicationKind.SUPERVISION: _check_supervision,
    PublicationKind.HAZARD_ANSWER: _check_hazard_answer,
    PublicationKind.TEMPLATE: _check_template,
    PublicationKind.RULES: _check_rules,
}


class UnknownKind(Refused):
    pass


def check_item(item: Any) -> tuple[int, uuid.UUID, str, datetime, dict]:
    """An item's (seq, id, kind, published_at, body); raises Refused (UnknownKind)."""
    if not isinstance(item, dict) or set(item) != ITEM_KEYS:
        raise Refused("an item is an object with exactly seq, id, kind, published_at, body")
    seq = _int(item["seq"], 1, MAX_SEQ, "seq")
    pid = canonical_uuid(item["id"]) if isinstance(item["id"], str) else None
    if pid is None:
        raise Refused("id: a UUID expected")
    kind = item["kind"]
    if not isinstance(kind, str) or len(kind) > 32:
        raise Refused("kind: a short text expected")
    at = item["published_at"]
    try:
        if not isinstance(at, str) or len(at) > 40:
            raise ValueError
        published_at = datetime.fromisoformat(at)
    except ValueError:
        raise Refused("published_at: ISO 8601 with a UTC offset expected") from None
    if published_at.tzinfo is None:
        raise Refused("published_at: ISO 8601 with a UTC offset expected")
    body = item["body"]
    if not isinstance(body, dict):
        raise Refused("body: an object expected")
    if len(canonical_json(body)) > MAX_BODY_BYTES:
        raise Refused(f"body larger than {MAX_BODY_BYTES} bytes")
    check = CHECKS.get(kind)
    if check is None:
        raise UnknownKind(f"unknown kind {kind!r}")
    check(body)
    return seq, pid, kind, published_at, body


# -- effects ----------------------------------------------------------------------------


def data_dir_of(s: Session) -> Path | None:
    """The data folder of the session's database file (None for a database in memory)."""
    database = s.get_bind().url.database
    if not database or database == ":memory:":
        return None
    return Path(database).resolve().parent


def _write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".incoming-", suffix=".part")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _install_template(data_dir: Path, body: dict) -> None:
    """Check the JSON Lines with the loader, then put it where the loader finds it."""
    from app.inspections import templates

    folder = data_dir / templates.BUREAU_DIRNAME
    name = f"{body['code']}-v{body['version']}.jsonl"
    with tempfile.TemporaryDirectory() as tmp:
        probe = Path(tmp) / name
        probe.write_text(body["text"], encoding="utf-8")
        try:
            parsed = templates.parse_template(probe)
        except templates._Bad as bad:
            problem = bad.message.format(**dict(bad.params))
            raise Refused(f"template line {bad.line}: {problem}") from None
    if parsed.code != body["code"] or parsed.version != body["version"]:
        raise Refused("template: code or version differ from the file's header")
    _write_atomic(folder / name, body["text"])
    templates.forget_loaded()


def _install_rules(data_dir: Path, body: dict) -> None:
    from app.compliance import rules
    from app.errors import UserError

    path = data_dir / rules.BUREAU_DIRNAME / f"rules-v{body['number']}.json"
    try:
        parsed = rules.parse_rules(path, body["text"])
    except UserError as e:
        raise Refused(f"rules: {e}") from None
    if parsed.version != body["version"]:
        raise Refused("rules: version differs from the file's")
    _write_atomic(path, body["text"])


def _apply(
    s: Session, kind: str, pid: uuid.UUID, published_at: datetime, body: dict, data_dir
) -> None:
    if kind == PublicationKind.NOTICE:
        if s.get(SyncNotice, pid) is None:
            s.add(SyncNotice(id=pid, text=body["text"], created_at=published_at))
    elif kind in (PublicationKind.TEMPLATE, PublicationKind.RULES):
        if data_dir is None:
            raise Refused("no data folder to keep the file in")
        install = _install_template if kind == PublicationKind.TEMPLATE else _install_rules
        install(data_dir, body)


def receive(s: Session, items: list, now: datetime, data_dir: Path | None = None) -> int:
    """Keep the bureau's publications this PC has not seen; returns how many were new.

    Runs inside the caller's transaction (the return bundle's). Never raises
    for a bad item: it is skipped and logged. ``data_dir``: where templates and
    rules files go (default: the folder of the session's database file).
    """
    data_dir = data_dir if data_dir is not None else data_dir_of(s)
    if not isinstance(items, list):
        log.warning("bureau publications skipped: not a list")
        return 0
    if len(items) > MAX_ITEMS:
        log.warning("bureau publications: only the first %d of %d read", MAX_ITEMS, len(items))
        items = items[:MAX_ITEMS]
    checked = []
    for index, item in enumerate(items):
        try:
            checked.append(check_item(item))
        except UnknownKind as e:
            log.info("bureau publication %d skipped: %s (a newer app reads it)", index, e)
        except (Refused, ValueError) as e:
            log.warning("bureau publication %d skipped: %s", index, str(e)[:200])
    if not checked:
        return 0
    ids = {c[1] for c in checked}
    known = set(s.scalars(select(ReceivedPublication.id).where(ReceivedPublication.id.in_(ids))))
    new = 0
    for seq, pid, kind, published_at, body in checked:
        if pid in known:
            continue
        try:
            with s.begin_nested():
                _apply(s, kind, pid, published_at, body, data_dir)
                s.add(
                    ReceivedPublication(
                        id=pid,
                        seq=seq,
                        kind=kind,
                        body=body,
                        published_at=published_at,
                        received_at=now,
                    )
                )
                s.flush()
        except (Refused, OSError) as e:
            log.warning("bureau publication %s (%s) skipped: %s", pid, kind, str(e)[:200])
            continue
        known.add(pid)
        new += 1
    return new
