"""``xiaoan print`` and ``xiaoan verify-pdf``.

``xiaoan print`` signs as the person printing: ``--user`` (default: the
first principal) signs in with the password or PIN from
``$XIAOAN_SIGN_SECRET`` or asked on the terminal (a wrong one is refused and
counts toward the lock-out, as at the sign-in window), the form is signed
with their key and they are signed out again. ``--plain``, or no terminal and
no secret given, prints a paper form without a digital signature — its
footer says so. ``xiaoan verify-pdf`` checks the paper's record and, when
the PDF carries one, its signature and whether the certificate is on record.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.main import command, data_dir_of, fail, say
from app.i18n import QT_TRANSLATE_NOOP

SECRET_ENV = "XIAOAN_SIGN_SECRET"


def _print_args(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "form", help="inspection, hazard-notice, recheck, ledger, drill, handover, placard, monthly"
    )
    p.add_argument("--record", default="latest", help="record id, or 'latest'")
    p.add_argument("-o", "--output", type=Path, required=True, help="PDF file to write")
    p.add_argument(
        "--user",
        default=None,
        help="who prints and signs (default: the first principal); their password or PIN "
        f"is read from ${SECRET_ENV} or asked for",
    )
    p.add_argument(
        "--plain",
        action="store_true",
        help="a paper print without a digital signature (asks for no password)",
    )


def _printing_user(ws, username: str | None):
    from sqlalchemy import select

    from app.accounts.service import normalize_username
    from db.models import UserAccount

    with ws.read() as s:
        q = select(UserAccount).where(
            UserAccount.active.is_(True), UserAccount.deleted_at.is_(None)
        )
        q = (
            q.where(UserAccount.username == normalize_username(username))
            if username
            else q.where(UserAccount.role == "principal")
        )
        return s.scalar(q.order_by(UserAccount.created_at).limit(1))


def _secret_for(user) -> str | None:
    """The printing person's secret: ``$XIAOAN_SIGN_SECRET``, else asked on the terminal."""
    import getpass
    import os
    import sys

    from app.i18n import translate

    secret = os.environ.get(SECRET_ENV)
    if secret:
        return secret
    if not (sys.stdin and sys.stdin.isatty()):
        return None
    prompt = translate("cli", "Password or PIN of {name} ({username}) to sign: ")
    return getpass.getpass(prompt.format(name=user.display_name, username=user.username))


@command("print", "print a form to a PDF, signed by the person printing", _print_args)
def print_cmd(args: argparse.Namespace) -> int:
    from app.accounts.service import authenticate
    from app.accounts.sessions import end_session
    from app.actor import Actor
    from app.reports.forms import UNSIGNED_NO_KEY, print_form
    from app.workspace import Workspace

    ws = Workspace.open(data_dir_of(args))
    try:
        user = _printing_user(ws, args.user)
        if user is None:
            return fail(QT_TRANSLATE_NOOP("cli", "No such active user."))
        secret = None if args.plain else _secret_for(user)
        if secret is None:
            actor = Actor(user.id, user.display_name, user.role)
            rendered = print_form(ws, actor, args.form, args.record, sign=False)
        else:
            actor = authenticate(ws, user.username, secret)  # a wrong secret stops here
            try:
                rendered = print_form(ws, actor, args.form, args.record)
            finally:
                end_session(ws, actor)
        args.output.write_bytes(rendered.pdf)
        if rendered.signed:
            say(
                QT_TRANSLATE_NOOP(
                    "cli", "Wrote {path} (record {id}), digitally signed by {signer}."
                ),
                path=args.output,
                id=rendered.stamp.record_id,
                signer=rendered.signed_by,
            )
            return 0
        say(
            QT_TRANSLATE_NOOP(
                "cli", "Wrote {path} (record {id}): a paper print without a digital signature."
            ),
            path=args.output,
            id=rendered.stamp.record_id,
        )
        if rendered.unsigned_reason == UNSIGNED_NO_KEY:
            say(
                QT_TRANSLATE_NOOP("cli", "{name} has no signing key on this computer."),
                name=user.display_name,
            )
        elif not args.plain:
            say(
                QT_TRANSLATE_NOOP(
                    "cli",
                    "To sign it, run the command in a terminal (it asks for the password or PIN) "
                    "or set {env}.",
                ),
                env=SECRET_ENV,
            )
        return 0
    finally:
        ws.close()


def _verify_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", type=Path)


@command("verify-pdf", "check a printed form against the database and its signature", _verify_args)
def verify_cmd(args: argparse.Namespace) -> int:
    from app.reports.authenticity import registry_certificate, signature_problem
    from app.reports.forms import load_forms
    from app.reports.verify import Verdict, verify_pdf_page
    from app.signing.verify import certificate_on_record, read_signature
    from app.workspace import Workspace

    if not args.file.is_file():
        return fail(QT_TRANSLATE_NOOP("cli", "{path} does not exist."), path=args.file)
    load_forms()
    signature = read_signature(args.file.read_bytes())
    ws = Workspace.open(data_dir_of(args))
    try:
        verdict, stamp, lacking = verify_pdf_page(ws, args.file)
        on_record, problem = None, None
        if signature is not None:
            with ws.read() as s:
                on_record = certificate_on_record(s, signature.fingerprint)
                pem = registry_certificate(s, signature.fingerprint) if on_record else None
            if pem is not None:
                # Verified with the registry's certificate, not the one the file carries.
                problem = signature_problem(args.file.read_bytes(), pem)
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
        Verdict.PAGE_DIFFERS: QT_TRANSLATE_NOOP(
            "cli",
            "refused: the footer names record {id}, but the page does not show that record "
            "({lacking}). The footer was copied onto another page.",
        ),
    }
    text = messages[verdict]
    say(text, id=stamp.record_id if stamp else "-", lacking=lacking)
    if signature is None:
        say(
            QT_TRANSLATE_NOOP(
                "cli",
                "No digital signature: this is a plain paper print; "
                "the handwritten signatures on it count.",
            )
        )
        return 0 if verdict is Verdict.MATCHES else 1
    who = f"{signature.signer}（{signature.title}），{signature.organization}"
    if not signature.valid or problem in ("broken", "not_whole_file", "other_certificate"):
        say(
            QT_TRANSLATE_NOOP(
                "cli",
                "Digital signature broken: the file was changed after {signer} signed it.",
            ),
            signer=who,
        )
        return 1
    if on_record is None:
        say(
            QT_TRANSLATE_NOOP(
                "cli",
                "Digitally signed by {signer}; the signature is intact, but its certificate "
                "is not on record in this database.",
            ),
            signer=who,
        )
        return 1
    say(
        QT_TRANSLATE_NOOP(
            "cli",
            "Digitally signed by {signer}; the signature is intact and its certificate is on "
            "record here.",
        ),
        signer=who,
    )
    return 0 if verdict is Verdict.MATCHES else 1
