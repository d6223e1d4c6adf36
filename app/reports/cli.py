"""``xiaoan print`` and ``xiaoan verify-pdf``."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.main import command, data_dir_of, fail, say
from app.i18n import QT_TRANSLATE_NOOP


def _print_args(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "form", help="inspection, hazard-notice, recheck, ledger, drill, handover, placard, monthly"
    )
    p.add_argument("--record", default="latest", help="record id, or 'latest'")
    p.add_argument("-o", "--output", type=Path, required=True, help="PDF file to write")
    p.add_argument("--user", default=None, help="print as this user (default: the first principal)")


def _signing_actor(ws, username: str | None):
    from sqlalchemy import select

    from app.actor import Actor
    from db.models import UserAccount

    with ws.read() as s:
        q = select(UserAccount).where(
            UserAccount.active.is_(True), UserAccount.deleted_at.is_(None)
        )
        q = (
            q.where(UserAccount.username == username)
            if username
            else q.where(UserAccount.role == "principal")
        )
        user = s.scalar(q.order_by(UserAccount.created_at).limit(1))
    return Actor(user.id, user.display_name, user.role) if user else None


@command("print", "print a form to a signed PDF", _print_args)
def print_cmd(args: argparse.Namespace) -> int:
    from app.reports.forms import print_form
    from app.workspace import Workspace

    ws = Workspace.open(data_dir_of(args))
    try:
        actor = _signing_actor(ws, args.user)
        if actor is None:
            return fail(QT_TRANSLATE_NOOP("cli", "No such active user."))
        rendered = print_form(ws, actor, args.form, args.record)
        args.output.write_bytes(rendered.pdf)
        say(
            QT_TRANSLATE_NOOP("cli", "Wrote {path} (record {id})."),
            path=args.output,
            id=rendered.stamp.record_id,
        )
        return 0
    finally:
        ws.close()


def _verify_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", type=Path)


@command("verify-pdf", "check a printed form against the database", _verify_args)
def verify_cmd(args: argparse.Namespace) -> int:
    from app.reports.forms import load_forms
    from app.reports.verify import Verdict, verify_pdf
    from app.workspace import Workspace

    if not args.file.is_file():
        return fail(QT_TRANSLATE_NOOP("cli", "{path} does not exist."), path=args.file)
    load_forms()
    ws = Workspace.open(data_dir_of(args))
    try:
        verdict, stamp = verify_pdf(ws, args.file)
    finally:
        ws.close()
    messages = {
        Verdict.MATCHES: QT_TRANSLATE_NOOP(
            "cli", "matches: record {id} is unchanged since printing."
        ),
        Verdict.CHANGED: QT_TRANSLATE_NOOP(
            "cli", "record changed since printing: record {id} now differs from this paper."
        ),
        Verdict.UNKNOWN: QT_TRANSLATE_NOOP("cli", "unknown record: {id} is not in this database."),
        Verdict.NO_FOOTER: QT_TRANSLATE_NOOP(
            "cli", "no verification footer: this PDF was not printed by xiaoan."
        ),
    }
    text = messages[verdict]
    say(text, id=stamp.record_id if stamp else "-")
    return 0 if verdict is Verdict.MATCHES else 1
