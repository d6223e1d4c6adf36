"""``xiaoan-bureau``: init, enroll, reset-enrollment, serve, import (import-usb),
export-returns, status, quarantine, revoke-device, unbind-device, verify-pdf, and the
publications (app/bureau/publications.py): notice, supervise, escalations,
answer-escalation, publish-template, publish-rules, supervision-orders, notice-reads.

Every command finds the bureau's keys and settings in ``--key-dir`` (default
``$XIAOAN_BUREAU_HOME`` or ``./xiaoan-bureau``); ``--db`` overrides the
database URL stored there by ``init``. Operator messages are English.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import uuid
from pathlib import Path

from app.bureau.config import ConfigError, init_key_dir, load_config


def _day(value: str):
    from datetime import date

    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date YYYY-MM-DD") from None


def _audience_args(p: argparse.ArgumentParser, *, single_school: bool) -> None:
    group = p.add_mutually_exclusive_group(required=True)
    if single_school:
        group.add_argument("--to", "--school-code", dest="to", help="one school's code")
    group.add_argument("--all", action="store_true", help="every school")
    group.add_argument("--school-type", help="every school of this kind (primary, …)")


def _default_key_dir() -> Path:
    return Path(os.environ.get("XIAOAN_BUREAU_HOME", "xiaoan-bureau"))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="xiaoan-bureau", description="校安 bureau server")
    parser.add_argument("--key-dir", type=Path, default=None, help="keys and settings (0700)")
    parser.add_argument("--db", default=None, help="database URL (postgresql+psycopg://…)")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("init", help="migrate the database and create the bureau keys")
    p.add_argument(
        "--public-url",
        default="http://127.0.0.1:8700",
        help="the URL schools reach this server at (goes into enrollment files)",
    )
    p.add_argument("--escrow-recipient", default=None, help="optional age recipient for escrow")
    p = sub.add_parser("enroll", help="issue an enrollment file for a school")
    p.add_argument("--school-code", required=True)
    p.add_argument("--name", required=True)
    p.add_argument(
        "--out", type=Path, default=None, help="file to write (default CODE.enroll.json)"
    )
    p.add_argument("--valid-days", type=int, default=14)
    p.add_argument(
        "--revoke-unused",
        action="store_true",
        help="the school's earlier enrollment files that were not used stop working",
    )
    p = sub.add_parser(
        "reset-enrollment",
        help="retire a school's device(s), revoke its unused enrollment files, issue a fresh one",
    )
    p.add_argument("--school-code", required=True)
    p.add_argument("--out", type=Path, required=True, help="the fresh enrollment file to write")
    p.add_argument("--device", type=uuid.UUID, default=None, help="retire only this device")
    p.add_argument("--valid-days", type=int, default=14)
    p = sub.add_parser("serve", help="run the HTTP API")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8700)
    for name in ("import", "import-usb"):
        p = sub.add_parser(
            name, help="register the PCs' registration requests, then ingest bundle files (USB)"
        )
        p.add_argument("folder", type=Path)
    p = sub.add_parser(
        "export-returns", help="write return bundles into a folder (a school's USB stick)"
    )
    p.add_argument("folder", type=Path)
    p.add_argument("--school-code", help="only this school's devices (a stick goes to one school)")
    p = sub.add_parser(
        "status",
        help="schools, devices, last bundle, contiguous seq, quarantine; and what is waiting",
    )
    p.add_argument(
        "--silent-days", type=int, default=7, help="list devices silent for this many days"
    )
    p = sub.add_parser("quarantine", help="list, release or reject quarantined bundles")
    q = p.add_subparsers(dest="action", required=True)
    q.add_parser("list", help="every quarantined bundle with its reason")
    for action, text in (
        ("release", "run a bundle again (re-ingest, or apply a settled one)"),
        ("reject", "refuse a bundle for good and tell its device"),
    ):
        r = q.add_parser(action, help=text)
        r.add_argument("bundle", help="number from 'quarantine list' or a SHA-256 prefix")
    p = sub.add_parser(
        "notice", help="publish a notice to a school, all schools or a school type (sync page)"
    )
    _audience_args(p, single_school=True)
    p.add_argument("--text", dest="text_option", default=None, help="the notice")
    p.add_argument("text", nargs="?", default=None, help=argparse.SUPPRESS)
    p.add_argument(
        "--ack-required", action="store_true", help="the school is asked to acknowledge it"
    )
    p = sub.add_parser(
        "supervise", help="a supervision order (督办) to one school, with a deadline"
    )
    p.add_argument("--school-code", required=True)
    about = p.add_mutually_exclusive_group(required=True)
    about.add_argument("--hazard", type=uuid.UUID, help="one of the school's hazards (its id)")
    about.add_argument("--duty", help="the overdue duty, e.g. 'daily_patrol 2026-11'")
    p.add_argument("--deadline", type=_day, required=True, help="YYYY-MM-DD")
    p.add_argument("--text", required=True)
    sub.add_parser("escalations", help="hazards the schools escalated, with the bureau's answer")
    p = sub.add_parser("answer-escalation", help="answer a hazard a school escalated")
    p.add_argument("--hazard", type=uuid.UUID, required=True)
    p.add_argument("--text", required=True)
    for name, what in (("publish-template", "a checklist template (.jsonl)"),
                       ("publish-rules", "a compliance rules file (rules-vN.json)")):  # fmt: skip
        p = sub.add_parser(name, help=f"publish {what} to all schools or one school type")
        p.add_argument("file", type=Path)
        p.add_argument("--school-type", default=None, help="only schools of this kind")
    sub.add_parser(
        "supervision-orders", help="every supervision order: school, subject, deadline, state"
    )
    p = sub.add_parser("notice-reads", help="who read a notice when; which schools have not")
    p.add_argument("--notice", type=uuid.UUID, required=True)
    p = sub.add_parser("revoke-device", help="refuse a device's bundles from now on")
    p.add_argument("device_id", type=uuid.UUID)
    p = sub.add_parser(
        "unbind-device",
        help="undo a wrong enrollment: revoke the device and free its school for the genuine PC",
    )
    p.add_argument("device_id", type=uuid.UUID)
    p = sub.add_parser(
        "audit-anchors",
        help="each PC's audit head from its bundles, checked against the bureau's copy",
    )
    p.add_argument("--school-code")
    p = sub.add_parser(
        "verify-pdf", help="check a printed form's signature: which school's which person signed it"
    )
    p.add_argument("file", type=Path)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    key_dir = args.key_dir or _default_key_dir()
    try:
        if args.command == "init":
            return _init(args, key_dir)
        config = load_config(key_dir, db_url=args.db)
    except ConfigError as e:
        print(f"xiaoan-bureau: {e}", file=sys.stderr)
        return 2
    from db.session import make_engine

    if args.command == "serve":
        from app.bureau.server import serve

        serve(config, host=args.host, port=args.port)
        return 0
    engine = make_engine(config.db_url)
    try:
        return COMMANDS[args.command](args, config, engine)
    finally:
        engine.dispose()


def _init(args, key_dir: Path) -> int:
    if not args.db:
        print("xiaoan-bureau init: --db URL is required", file=sys.stderr)
        return 2
    from db import schema
    from db.session import make_engine

    engine = make_engine(args.db)
    try:
        schema.upgrade(engine)
    finally:
        engine.dispose()
    config = init_key_dir(
        key_dir, db_url=args.db, public_url=args.public_url, escrow_recipient=args.escrow_recipient
    )
    print(f"Database at schema {schema.HEAD}; keys in {key_dir} (mode 0600).")
    print(f"Bureau fingerprint: {config.fingerprint}")
    return 0


def _enroll(args, config, engine) -> int:
    from app.bureau.enrollment import issue_enrollment

    doc = issue_enrollment(
        engine,
        config,
        school_code=args.school_code,
        name=args.name,
        valid_days=args.valid_days,
        revoke_unused=args.revoke_unused,
    )
    out = args.out or Path(f"{args.school_code}.enroll.json")
    _write_enrollment(out, doc)
    print(f"Wrote {out} for {args.name} ({args.school_code}); valid {args.valid_days} days.")
    print(f"Bureau fingerprint: {config.fingerprint}")
    return 0


def _write_enrollment(out: Path, doc: dict) -> None:
    fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)  # holds a one-time token
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=2)


def _reset_enrollment(args, config, engine) -> int:
    from app.bureau import operator

    try:
        done = operator.reset_enrollment(
            engine,
            config,
            args.school_code,
            device_id=args.device,
            valid_days=args.valid_days,
        )
    except operator.OperatorError as e:
        print(f"xiaoan-bureau reset-enrollment: {e}", file=sys.stderr)
        return 2
    _write_enrollment(args.out, done.enrollment)
    for device in done.devices:
        print(f"Device {device} retired: its bundles are refused until it enrolls again.")
    print(f"{done.tokens_revoked} unused enrollment file(s) of {done.school_code} no longer work.")
    print(f"Wrote {args.out} (valid {args.valid_days} days); the school's records are kept.")
    print(f"Bureau fingerprint: {config.fingerprint}")
    return 0


def _import(args, config, engine) -> int:
    """Exit 0 when every bundle file was taken (applied, held or a duplicate), else 1."""
    from app.bureau.ingest import Ingestor
    from app.bureau.usb import GOOD, import_folder

    folder = Path(args.folder)
    if not folder.is_dir():
        print(f"xiaoan-bureau {args.command}: {folder} is not a folder", file=sys.stderr)
        return 2
    ingestor = Ingestor(engine, config)
    ingestor.resume_held()  # what a crash left stored but unsettled, before the new files
    report = import_folder(ingestor, folder)
    for name, outcome, reason in report.files:
        print(f"{name}: {outcome} {reason}".rstrip())
    print(f"Imported {report.summary()}.")
    return 0 if report.count(*GOOD) == len(report.files) else 1


def _export_returns(args, config, engine) -> int:
    from sqlalchemy import select

    from app.bureau.ingest import Ingestor
    from app.sync.returns import return_name
    from db.models import BureauDevice

    folder = Path(args.folder)
    folder.mkdir(parents=True, exist_ok=True)
    ingestor = Ingestor(engine, config)
    query = select(BureauDevice.device_id).where(BureauDevice.revoked_at.is_(None))
    if args.school_code:
        query = query.where(BureauDevice.school_code == args.school_code)
    with engine.connect() as conn:
        devices = conn.execute(query).scalars().all()
    if args.school_code and not devices:
        print(f"xiaoan-bureau export-returns: no device of {args.school_code}", file=sys.stderr)
        return 2
    written = 0
    for device_id in devices:
        for seq, data in ingestor.usb_returns(uuid.UUID(str(device_id))):
            (folder / return_name(device_id, seq)).write_bytes(data)
            written += 1
    print(f"Wrote {written} return bundles for {len(devices)} devices to {folder}.")
    return 0


def _status(args, config, engine) -> int:
    from app.bureau.status import school_status, waiting_devices

    rows = school_status(engine)
    header = ("school", "name", "devices", "last bundle", "contiguous seq", "quarantined")
    table = [header] + [
        (
            r.code,
            r.name,
            str(r.devices),
            r.last_bundle or "-",
            str(r.contiguous),
            str(r.quarantined),
        )
        for r in rows
    ]
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    for row in table:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
    waiting = waiting_devices(engine, silent_after_days=args.silent_days)
    if waiting:
        print("\nWaiting:")
    for w in waiting:
        if w.held:
            seqs = ", ".join(str(s) for s in w.held[:10]) + (" …" if len(w.held) > 10 else "")
            print(
                f"  {w.school_code} device {w.device_id}: bundle {w.missing} missing, "
                f"{len(w.held)} held behind it ({seqs}); ask the school to sync or bring a USB copy"
            )
        if w.silent_days is not None:
            print(
                f"  {w.school_code} device {w.device_id}: nothing received for {w.silent_days} days"
            )
    from app.bureau.operator import waiting_for_registration

    unregistered = waiting_for_registration(engine)
    if unregistered:
        print("\nWaiting for a device to register (taken when it does; see 'quarantine list'):")
    for u in unregistered:
        print(
            f"  device {u.claimed_device_id}: {u.files} file(s) since "
            f"{u.first_received_at:%Y-%m-%d %H:%M}, device not registered (or retired)"
        )
    return 0


def _quarantine(args, config, engine) -> int:
    from app.bureau import operator
    from app.bureau.ingest import Ingestor

    if args.action == "list":
        rows = operator.quarantine_list(engine)
        if not rows:
            print("Nothing is quarantined.")
        for r in rows:
            settled = "settled" if r.settled else "unsettled"
            if r.claimed_device_id and r.reason == "unknown_device":
                settled += f", waits for device {r.claimed_device_id} to register"
            print(
                f"{r.id:>5}  {r.sha256[:16]}  device {r.device_id or '-'}  seq {r.seq or '-'}"
                f"  {r.reason} ({settled})  {r.detail}".rstrip()
            )
        return 0
    try:
        if args.action == "release":
            result = operator.release(Ingestor(engine, config), args.bundle)
            print(f"{result.sha256[:16]}: {result.state} {result.reason}".rstrip())
            return 0 if result.state != "quarantined" else 1
        sha = operator.reject(engine, args.bundle)
        print(f"{sha[:16]}: rejected; its device is told at its next sync.")
        return 0
    except operator.OperatorError as e:
        print(f"xiaoan-bureau quarantine: {e}", file=sys.stderr)
        return 2


def _revoke(args, config, engine) -> int:
    from app.bureau import operator

    try:
        operator.revoke_device(engine, args.device_id)
    except operator.OperatorError as e:
        print(f"xiaoan-bureau revoke-device: {e}", file=sys.stderr)
        return 2
    print(f"Device {args.device_id} revoked: its bundles are refused from now on.")
    return 0


def _unbind(args, config, engine) -> int:
    from app.bureau import operator

    try:
        done = operator.unbind_device(engine, args.device_id)
    except operator.OperatorError as e:
        print(f"xiaoan-bureau unbind-device: {e}", file=sys.stderr)
        return 2
    print(f"Device {args.device_id} revoked; {done.tokens_revoked} unused enrollment file(s) of")
    print(f"{done.school_code} no longer work.")
    if done.school_freed:
        print(f"{done.school_code} is free: issue a new enrollment file (enroll) for its PC.")
    else:
        print(f"{done.school_code} keeps its other PCs and their school id.")
    return 0


def _operator() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


def _published(command: str, done) -> int:
    print(f"{command}: published #{done.seq} {done.id} to {done.audience}.")
    print("The schools' PCs get it at their next sync.")
    return 0


def _refused(command: str, e: Exception) -> int:
    print(f"xiaoan-bureau {command}: {e}", file=sys.stderr)
    return 2


def _notice(args, config, engine) -> int:
    from app.bureau import publications as pub

    text = args.text_option if args.text_option is not None else args.text
    if text is None or (args.text_option is not None and args.text is not None):
        return _refused("notice", ValueError("give the notice's text once, with --text"))
    try:
        done = pub.publish_notice(
            engine,
            text_=text,
            school_code=args.to,
            all_schools=args.all,
            school_type=args.school_type,
            ack_required=args.ack_required,
            published_by=_operator(),
        )
    except pub.PublicationError as e:
        return _refused("notice", e)
    return _published("notice", done)


def _supervise(args, config, engine) -> int:
    from app.bureau import publications as pub

    try:
        done = pub.supervise(
            engine,
            school_code=args.school_code,
            deadline=args.deadline,
            text_=args.text,
            hazard_id=args.hazard,
            duty=args.duty,
            published_by=_operator(),
        )
    except pub.PublicationError as e:
        return _refused("supervise", e)
    return _published("supervise", done)


def _when(at) -> str:
    return f"{at:%Y-%m-%d %H:%M}" if at is not None else "-"


def _escalations(args, config, engine) -> int:
    from app.bureau import publications as pub

    found = pub.escalations(engine)
    if not found:
        print("No school has escalated a hazard.")
    for e in found:
        print(f"{e.school_code}  {e.hazard_id}  {e.ref}  {e.title}  [{e.status}]")
        print(f"    escalated {_when(e.escalated_at)}: {e.note}")
        if e.answer:
            print(f"    answered {_when(e.answered_at)}: {e.answer}")
        else:
            print("    not answered yet")
    return 0


def _answer_escalation(args, config, engine) -> int:
    from app.bureau import publications as pub

    try:
        done = pub.answer_escalation(
            engine, hazard_id=args.hazard, text_=args.text, published_by=_operator()
        )
    except pub.PublicationError as e:
        return _refused("answer-escalation", e)
    return _published("answer-escalation", done)


def _publish_file(args, config, engine) -> int:
    from app.bureau import publications as pub

    publish = pub.publish_template if args.command == "publish-template" else pub.publish_rules
    try:
        done = publish(engine, args.file, school_type=args.school_type, published_by=_operator())
    except pub.PublicationError as e:
        return _refused(args.command, e)
    return _published(args.command, done)


def _supervision_orders(args, config, engine) -> int:
    from app.bureau import publications as pub

    orders = pub.supervision_orders(engine)
    if not orders:
        print("No supervision order yet.")
    for o in orders:
        print(f"{o.school_code}  {o.id}  {o.subject}  deadline {o.deadline}  {o.state}")
        print(f"    order: {o.text}")
        if o.reply:
            print(f"    reply by {o.replied_by or '-'} {_when(o.replied_at)}: {o.reply}")
    return 0


def _notice_reads(args, config, engine) -> int:
    from app.bureau import publications as pub

    try:
        reads = pub.notice_reads(engine, args.notice)
    except pub.PublicationError as e:
        return _refused("notice-reads", e)
    ack = " (acknowledgement asked)" if reads.ack_required else ""
    print(f"Notice {reads.notice_id}{ack}: {reads.text}")
    for s in reads.read:
        for person, at in s.reads:
            print(f"  read    {s.school_code}  {s.name}  {person or '-'}  {_when(at)}")
    for s in reads.not_read:
        print(f"  unread  {s.school_code}  {s.name}")
    print(f"{len(reads.read)} school(s) read it, {len(reads.not_read)} not yet.")
    return 0


def _verify_pdf(args, config, engine) -> int:
    """Exit 0: a signature that verifies with a registry certificate, over a page showing the
    record; 1 otherwise (app/bureau/pdf_check.py)."""
    from app.bureau.pdf_check import verify_pdf_at_bureau

    path = Path(args.file)
    if not path.is_file():
        print(f"xiaoan-bureau verify-pdf: {path} does not exist", file=sys.stderr)
        return 2
    verdict = verify_pdf_at_bureau(path, engine)
    for line in verdict.lines:
        print(line)
    return 0 if verdict.ok else 1


def _audit_anchors(args, config, engine) -> int:
    from app.bureau.audit_anchor import anchors

    found = anchors(engine, args.school_code)
    if not found:
        print("No bundle with an audit head yet.")
        return 0
    print("school        device                                bundle  entry  hash          state")
    trouble = False
    for a in found:
        print(
            f"{a.school_code:<13} {a.device_id}  {a.bundle_seq:>6}  {a.head_seq:>5}  "
            f"{a.head_hash[:12]}  {a.state}"
        )
        for line in a.went_back:
            print(f"    went back: {line}")
        trouble = trouble or a.state == "differs" or bool(a.went_back)
    return 1 if trouble else 0


COMMANDS = {
    "audit-anchors": _audit_anchors,
    "verify-pdf": _verify_pdf,
    "notice": _notice,
    "supervise": _supervise,
    "escalations": _escalations,
    "answer-escalation": _answer_escalation,
    "publish-template": _publish_file,
    "publish-rules": _publish_file,
    "supervision-orders": _supervision_orders,
    "notice-reads": _notice_reads,
    "quarantine": _quarantine,
    "revoke-device": _revoke,
    "unbind-device": _unbind,
    "enroll": _enroll,
    "reset-enrollment": _reset_enrollment,
    "import": _import,
    "import-usb": _import,
    "export-returns": _export_returns,
    "status": _status,
}


if __name__ == "__main__":
    sys.exit(main())
