"""What the bureau publishes to its schools, and what the schools answered.

Every publication is one ``bureau_publication`` row, numbered by one
bureau-wide ``seq`` (a device's cursor: it gets what is newer than the last
``seq`` it was sent), never edited or deleted. Kinds (``body`` shapes in
app/sync/README.md, "Bureau publications"):

* ``notice`` — a text to one school, all schools or one kind of school,
  optionally asking for acknowledgement (``notice_ack`` rows come back);
* ``supervision`` (督办) — an order to one school about one of its hazards or
  an overdue duty, with a deadline (``supervision_reply`` rows come back);
* ``hazard_answer`` — the bureau's answer to a hazard the school escalated;
* ``template`` — a checklist template version (JSON Lines, checked with the
  PC's own loader; only a version higher than shipped and published);
* ``rules`` — a compliance rules file ``rules-vN.json`` (checked with the
  PC's loader; only an N higher than shipped and published).

Operator messages are English; every refusal raises :class:`PublicationError`
and writes nothing.
"""

from __future__ import annotations

import dataclasses
import re
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, func, select, text

from app.sync.bundle import canonical_json
from db.base import new_id
from db.models import (
    BureauPublication,
    BureauSchool,
    Hazard,
    NoticeAck,
    PublicationKind,
    School,
    SupervisionReply,
)
from db.models.school import SchoolKind

BP = BureauPublication.__table__
MAX_TEXT = 2000
MAX_ANSWER = 4000
MAX_DUTY = 200
MAX_FILE_CHARS = 512 * 1024  # a template or rules file travels whole in a return bundle
SCHOOL_KINDS = tuple(k.value for k in SchoolKind)
ALL = "all"


class PublicationError(Exception):
    """A publication that cannot be made; the message says why. Nothing was written."""


# -- audience ---------------------------------------------------------------------


def audience_school(code: str) -> str:
    return f"school:{code}"


def audience_type(kind: str) -> str:
    return f"type:{kind}"


def check_audience(
    conn: Connection, *, school_code: str | None, all_schools: bool, school_type: str | None
) -> str:
    """The audience string for exactly one of the three choices."""
    if sum((school_code is not None, all_schools, school_type is not None)) != 1:
        raise PublicationError("name exactly one audience: a school code, all, or a school type")
    if all_schools:
        return ALL
    if school_type is not None:
        if school_type not in SCHOOL_KINDS:
            raise PublicationError(
                f"unknown school type {school_type!r}: one of {', '.join(SCHOOL_KINDS)}"
            )
        return audience_type(school_type)
    _school(conn, school_code)
    return audience_school(school_code)


def _school(conn: Connection, code: str):
    row = conn.execute(select(BureauSchool.__table__).where(BureauSchool.code == code)).first()
    if row is None:
        raise PublicationError(f"no school with code {code}")
    return row


def _school_kind(conn: Connection, school_id: uuid.UUID | None) -> str | None:
    if school_id is None:
        return None
    return conn.execute(
        select(School.kind).where(School.id == school_id, School.deleted_at.is_(None)).limit(1)
    ).scalar()


def reaches(audience: str, school_code: str, school_kind: str | None) -> bool:
    """Whether a publication for ``audience`` is meant for this school."""
    if audience == ALL:
        return True
    if audience.startswith("school:"):
        return audience[len("school:") :] == school_code
    if audience.startswith("type:"):
        return school_kind is not None and audience[len("type:") :] == school_kind
    return False


# -- publishing ---------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Published:
    seq: int
    id: uuid.UUID
    audience: str


def publish(
    conn: Connection, kind: str, audience: str, body: dict[str, Any], published_by: str
) -> Published:
    """Write one publication with the next seq.

    The table is locked for the rest of the transaction (PostgreSQL), so seqs
    commit in their order and no device's cursor can pass one still being written.
    """
    if conn.dialect.name == "postgresql":
        conn.execute(text("LOCK TABLE bureau_publication IN EXCLUSIVE MODE"))
    seq = (conn.execute(select(func.max(BP.c.seq))).scalar() or 0) + 1
    pid = new_id()
    conn.execute(
        BP.insert().values(
            seq=seq,
            id=pid,
            kind=kind,
            audience=audience,
            body=body,
            published_at=datetime.now(UTC),
            published_by=published_by[:200],
        )
    )
    return Published(seq, pid, audience)


def _text(value: str, limit: int, what: str = "the text") -> str:
    value = (value or "").strip()
    if not value or len(value) > limit:
        raise PublicationError(f"{what} is 1 to {limit} characters")
    return value


def publish_notice(
    engine: Engine,
    *,
    text_: str,
    school_code: str | None = None,
    all_schools: bool = False,
    school_type: str | None = None,
    ack_required: bool = False,
    published_by: str = "",
) -> Published:
    body_text = _text(text_, MAX_TEXT, "a notice")
    with engine.begin() as conn:
        audience = check_audience(
            conn, school_code=school_code, all_schools=all_schools, school_type=school_type
        )
        return publish(
            conn,
            PublicationKind.NOTICE,
            audience,
            {"text": body_text, "ack_required": bool(ack_required)},
            published_by,
        )


def _bound_school_id(conn: Connection, code: str) -> uuid.UUID:
    school = _school(conn, code)
    if school.school_id is None:
        raise PublicationError(f"{code} has no registered PC yet: none of its records are here")
    return school.school_id


def _hazard_of(conn: Connection, hazard_id: uuid.UUID, school_id: uuid.UUID | None = None):
    row = conn.execute(
        select(Hazard.__table__).where(Hazard.id == hazard_id, Hazard.deleted_at.is_(None))
    ).first()
    if row is None or (school_id is not None and row.school_id != school_id):
        where = "" if school_id is None else " of that school"
        raise PublicationError(f"no hazard {hazard_id}{where} at the bureau")
    return row


def supervise(
    engine: Engine,
    *,
    school_code: str,
    deadline: date,
    text_: str,
    hazard_id: uuid.UUID | None = None,
    duty: str | None = None,
    published_by: str = "",
    today: date | None = None,
) -> Published:
    """A supervision order (督办) to one school, on one of its hazards or an overdue duty."""
    if (hazard_id is None) == (duty is None):
        raise PublicationError("an order is about a hazard (--hazard) or a duty (--duty)")
    body_text = _text(text_, MAX_TEXT, "the order")
    if deadline < (today or datetime.now(UTC).date()):
        raise PublicationError(f"the deadline {deadline.isoformat()} has already passed")
    body: dict[str, Any] = {"deadline": deadline.isoformat(), "text": body_text}
    with engine.begin() as conn:
        if hazard_id is not None:
            school_id = _bound_school_id(conn, school_code)
            h = _hazard_of(conn, hazard_id, school_id)
            body.update(
                subject="hazard", hazard_id=str(h.id), hazard_ref=h.ref, hazard_title=h.title
            )
        else:
            _school(conn, school_code)
            body.update(subject="duty", duty=_text(duty or "", MAX_DUTY, "the duty"))
        return publish(
            conn, PublicationKind.SUPERVISION, audience_school(school_code), body, published_by
        )


def _code_of_school_id(conn: Connection, school_id: uuid.UUID) -> str | None:
    return conn.execute(
        select(BureauSchool.code).where(BureauSchool.school_id == school_id)
    ).scalar()


def answer_escalation(
    engine: Engine, *, hazard_id: uuid.UUID, text_: str, published_by: str = ""
) -> Published:
    """The bureau's answer to a hazard its school escalated; goes to that school only."""
    body_text = _text(text_, MAX_ANSWER, "the answer")
    with engine.begin() as conn:
        h = _hazard_of(conn, hazard_id)
        if not h.needs_escalation:
            raise PublicationError(f"hazard {h.ref} was not escalated by its school")
        code = _code_of_school_id(conn, h.school_id)
        if code is None:
            raise PublicationError(f"hazard {h.ref}'s school is not enrolled here")
        return publish(
            conn,
            PublicationKind.HAZARD_ANSWER,
            audience_school(code),
            {"hazard_id": str(h.id), "hazard_ref": h.ref, "text": body_text},
            published_by,
        )


def _read_file(path: Path) -> str:
    try:
        raw = Path(path).read_bytes()
    except OSError as e:
        raise PublicationError(f"{path} cannot be read: {e.strerror or e}") from None
    if len(raw) > MAX_FILE_CHARS:
        raise PublicationError(f"{path} is larger than {MAX_FILE_CHARS // 1024} KiB")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise PublicationError(f"{path} is not UTF-8 text") from None


def _published_bodies(conn: Connection, kind: str) -> list[dict[str, Any]]:
    return [b for b in conn.execute(select(BP.c.body).where(BP.c.kind == kind)).scalars()]


def _publish_version(
    engine: Engine,
    kind: str,
    school_type: str | None,
    body: dict[str, Any],
    older: Callable[[dict[str, Any]], str | None],
    published_by: str,
) -> Published:
    """Publish a template or rules version to all schools or a type, unless ``older`` finds
    a published body at least as new (its message is the refusal). The table stays locked
    from that check to the write (PostgreSQL), so two operators cannot both pass it."""
    with engine.begin() as conn:
        audience = check_audience(
            conn, school_code=None, all_schools=school_type is None, school_type=school_type
        )
        if conn.dialect.name == "postgresql":
            conn.execute(text("LOCK TABLE bureau_publication IN EXCLUSIVE MODE"))
        for published in _published_bodies(conn, kind):
            refusal = older(published)
            if refusal:
                raise PublicationError(refusal)
        return publish(conn, kind, audience, body, published_by)


def publish_template(
    engine: Engine,
    path: Path,
    *,
    school_type: str | None = None,
    published_by: str = "",
) -> Published:
    """A checklist template version, checked with the PC's loader, for all schools or a type."""
    from app.inspections.templates import _Bad, catalog, parse_template

    content = _read_file(path)
    try:
        template = parse_template(Path(path))
    except _Bad as bad:
        problem = bad.message.format(**dict(bad.params))
        raise PublicationError(f"{path}:{bad.line}: {problem}") from None
    shipped = catalog(None).get(template.code)
    if shipped is not None and template.version <= shipped.version:
        raise PublicationError(
            f"template {template.code} version {template.version} is not higher than "
            f"the version shipped with the app ({shipped.version})"
        )

    def older(body: dict[str, Any]) -> str | None:
        if body.get("code") == template.code and body.get("version", 0) >= template.version:
            return (
                f"template {template.code} version {template.version} is not higher than "
                f"the version already published ({body.get('version')})"
            )
        return None

    return _publish_version(
        engine,
        PublicationKind.TEMPLATE,
        school_type,
        {"code": template.code, "version": template.version, "title": template.title,
         "text": content},
        older,
        published_by,
    )  # fmt: skip


RULES_NAME = re.compile(r"rules-v(\d{1,6})\.json")


def publish_rules(
    engine: Engine,
    path: Path,
    *,
    school_type: str | None = None,
    published_by: str = "",
) -> Published:
    """A compliance rules file ``rules-vN.json``, checked with the PC's loader."""
    from app.compliance.rules import parse_rules, rule_files
    from app.errors import UserError

    path = Path(path)
    m = RULES_NAME.fullmatch(path.name)
    if m is None:
        raise PublicationError(f"{path.name}: a rules file is named rules-vN.json (N its number)")
    number = int(m.group(1))
    content = _read_file(path)
    try:
        ruleset = parse_rules(path, content)
    except UserError as e:
        raise PublicationError(str(e)) from None
    shipped = max((int(RULES_NAME.fullmatch(p.name).group(1)) for p in rule_files()), default=0)
    if number <= shipped:
        raise PublicationError(
            f"rules number {number} is not higher than the rules shipped with the app ({shipped})"
        )

    def older(body: dict[str, Any]) -> str | None:
        if body.get("number", 0) >= number:
            return (
                f"rules number {number} is not higher than the rules already published "
                f"({body.get('number')})"
            )
        return None

    return _publish_version(
        engine,
        PublicationKind.RULES,
        school_type,
        {"number": number, "version": ruleset.version, "text": content},
        older,
        published_by,
    )


# -- what goes down to a device ------------------------------------------------------


def item_of(row) -> dict[str, Any]:
    return {
        "seq": int(row.seq),
        "id": str(row.id),
        "kind": row.kind,
        "published_at": row.published_at.astimezone(UTC).isoformat(),
        "body": row.body,
    }


def for_device(
    conn, *, school_code: str, school_id: uuid.UUID | None, after: int, budget: int
) -> tuple[list[dict], int]:
    """The publications this school's device should get with ``seq > after``, oldest first.

    Stops before the items' canonical JSON (as a list) would pass ``budget``
    bytes, but always gives at least one. Returns the items and the ``seq``
    through which it went (``after`` if none): publications whose audience
    excludes the school are skipped and passed. While the bureau does not know
    the school's kind (no ``school`` row of ``school_id`` yet), it stops before
    the first publication for a school type, which it can only decide later.
    """
    kind = _school_kind(conn, school_id)
    items: list[dict] = []
    size = 2  # "[]"
    through = after
    batch = 200
    while True:
        rows = conn.execute(
            select(BP).where(BP.c.seq > through).order_by(BP.c.seq).limit(batch)
        ).all()
        if not rows:
            return items, through
        for row in rows:
            if kind is None and row.audience.startswith("type:"):
                # The school's own row (its kind) has not reached the bureau yet: hold
                # back here rather than pass a publication that may be meant for it.
                return items, through
            if reaches(row.audience, school_code, kind):
                item = item_of(row)
                cost = len(canonical_json(item)) + (1 if items else 0)
                if items and size + cost > budget:
                    return items, through
                items.append(item)
                size += cost
            through = int(row.seq)


# -- what the operator looks at -------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Escalation:
    school_code: str
    hazard_id: uuid.UUID
    ref: str
    title: str
    status: str
    note: str
    escalated_at: datetime | None
    answer: str = ""
    answered_at: datetime | None = None


def _answers(conn: Connection) -> dict[str, tuple[str, datetime]]:
    """Hazard id -> the bureau's latest answer to it."""
    out: dict[str, tuple[str, datetime]] = {}
    rows = conn.execute(
        select(BP.c.body, BP.c.published_at)
        .where(BP.c.kind == PublicationKind.HAZARD_ANSWER)
        .order_by(BP.c.seq)
    ).all()
    for body, at in rows:
        out[str(body.get("hazard_id"))] = (str(body.get("text", "")), at)
    return out


def escalations(engine: Engine) -> list[Escalation]:
    """Every school's escalated hazards, oldest escalation first, with the bureau's answer."""
    H, S = Hazard.__table__, BureauSchool.__table__
    with engine.connect() as conn:
        rows = conn.execute(
            select(H, S.c.code.label("school_code"))
            .join(S, S.c.school_id == H.c.school_id)
            .where(H.c.needs_escalation.is_(True), H.c.deleted_at.is_(None))
            .order_by(H.c.escalated_at, H.c.ref)
        ).all()
        answers = _answers(conn)
    out = []
    for r in rows:
        answer, at = answers.get(str(r.id), ("", None))
        out.append(
            Escalation(
                r.school_code,
                r.id,
                r.ref,
                r.title,
                r.status,
                r.escalation_note or "",
                r.escalated_at,
                answer,
                at,
            )  # fmt: skip
        )
    return out


@dataclasses.dataclass(frozen=True)
class OrderState:
    id: uuid.UUID
    seq: int
    school_code: str
    subject: str  # "hazard YH… title" or the duty's text
    deadline: date
    text: str
    state: str  # open | answered | overdue
    reply: str = ""
    replied_by: str = ""
    replied_at: datetime | None = None


def supervision_orders(engine: Engine, today: date | None = None) -> list[OrderState]:
    """Every supervision order, oldest first: open, answered (latest reply) or overdue."""
    today = today or datetime.now(UTC).date()
    R = SupervisionReply.__table__
    with engine.connect() as conn:
        orders = conn.execute(
            select(BP).where(BP.c.kind == PublicationKind.SUPERVISION).order_by(BP.c.seq)
        ).all()
        school_ids = dict(
            (r.code, r.school_id)
            for r in conn.execute(select(BureauSchool.code, BureauSchool.school_id))
        )
        # (order, replying school) -> its latest reply: only the addressed school's counts.
        replies: dict[tuple[uuid.UUID, uuid.UUID], Any] = {}
        for r in conn.execute(
            select(R).where(R.c.deleted_at.is_(None)).order_by(R.c.replied_at)
        ).all():
            replies[(r.order_id, r.school_id)] = r
    out = []
    for o in orders:
        body = o.body
        deadline = date.fromisoformat(body["deadline"])
        if body.get("subject") == "hazard":
            subject = f"hazard {body.get('hazard_ref', '')} {body.get('hazard_title', '')}".strip()
        else:
            subject = str(body.get("duty", ""))
        code = o.audience.removeprefix("school:")
        reply = replies.get((o.id, school_ids.get(code)))
        state = "answered" if reply is not None else "overdue" if deadline < today else "open"
        out.append(
            OrderState(
                o.id,
                int(o.seq),
                o.audience.removeprefix("school:"),
                subject,
                deadline,
                str(body.get("text", "")),
                state,
                reply.text if reply is not None else "",
                reply.replier_name if reply is not None else "",
                reply.replied_at if reply is not None else None,
            )  # fmt: skip
        )
    return out


@dataclasses.dataclass(frozen=True)
class SchoolReads:
    school_code: str
    name: str
    reads: tuple[tuple[str, datetime], ...]  # (person, read at), earliest first


@dataclasses.dataclass(frozen=True)
class NoticeReads:
    notice_id: uuid.UUID
    text: str
    ack_required: bool
    read: tuple[SchoolReads, ...]
    not_read: tuple[SchoolReads, ...]


def notice_reads(engine: Engine, notice_id: uuid.UUID) -> NoticeReads:
    """Who read a notice when, per school of its audience, and which schools have not."""
    A, S = NoticeAck.__table__, BureauSchool.__table__
    with engine.connect() as conn:
        notice = conn.execute(
            select(BP).where(BP.c.id == notice_id, BP.c.kind == PublicationKind.NOTICE)
        ).first()
        if notice is None:
            raise PublicationError(f"no notice {notice_id}")
        schools = conn.execute(select(S).order_by(S.c.code)).all()
        acks = conn.execute(
            select(A).where(A.c.notice_id == notice_id, A.c.deleted_at.is_(None))
            .order_by(A.c.read_at)
        ).all()  # fmt: skip
        by_school: dict[uuid.UUID, list[tuple[str, datetime]]] = {}
        for a in acks:
            by_school.setdefault(a.school_id, []).append((a.person_name, a.read_at))
        read, not_read = [], []
        for s in schools:
            kind = _school_kind(conn, s.school_id)
            if not reaches(notice.audience, s.code, kind):
                continue
            entry = SchoolReads(s.code, s.name, tuple(by_school.get(s.school_id, ())))
            (read if entry.reads else not_read).append(entry)
    return NoticeReads(
        notice.id,
        str(notice.body.get("text", "")),
        bool(notice.body.get("ack_required")),
        tuple(read),
        tuple(not_read),
    )
