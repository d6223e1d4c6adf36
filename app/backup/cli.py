"""``xiaoan key-show`` and ``xiaoan restore-elsewhere``: a backup on a new computer.

``key-show`` prints the school's recovery code for the principal (who signs
in with the password from ``$XIAOAN_SIGN_SECRET`` or asked on the terminal).
``restore-elsewhere FILE`` puts a backup copied from the old PC into an empty
data folder on this one; the code is read from ``$XIAOAN_RECOVERY_CODE`` or
asked on the terminal (never given on the command line: it would stay in the
shell's history).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from app.cli.main import command, data_dir_of, fail, say
from app.i18n import QT_TRANSLATE_NOOP, translate

CODE_ENV = "XIAOAN_RECOVERY_CODE"


def _key_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--user", default=None, help="the principal's user name (default: the first)")


def _restore_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("backup", type=Path, help="a backup file copied from the old computer")


@command(
    "key-show", "print the recovery code that opens this school's backups elsewhere", _key_args
)
def key_show(args: argparse.Namespace) -> int:
    from app.accounts.service import authenticate
    from app.accounts.sessions import end_session
    from app.backup.elsewhere import recovery_code_for
    from app.cli.main import existing_workspace
    from app.reports.cli import _printing_user, _secret_for

    with existing_workspace(args) as ws:
        user = _printing_user(ws, args.user)
        secret = None if user is None else _secret_for(user)
        if secret is None:
            return fail(QT_TRANSLATE_NOOP("cli", "No such active user."))
        actor = authenticate(ws, user.username, secret)
        try:
            code = recovery_code_for(ws, actor)
        finally:
            end_session(ws, actor)
    say(
        QT_TRANSLATE_NOOP(
            "cli",
            "Recovery code of this school's data (print it and keep it with the school's "
            "records; with it, a backup opens on another computer):",
        )
    )
    print(code)
    return 0


@command(
    "restore-elsewhere", "put a backup from another computer in an empty data folder", _restore_args
)
def restore_elsewhere_cmd(args: argparse.Namespace) -> int:
    from app.backup.elsewhere import restore_elsewhere

    code = os.environ.get(CODE_ENV)
    if not code and sys.stdin and sys.stdin.isatty():
        code = input(translate("cli", "Recovery code: "))
    if not code:
        return fail(QT_TRANSLATE_NOOP("cli", "Type the recovery code to restore the backup."))
    path = restore_elsewhere(args.backup, data_dir_of(args), code)
    say(QT_TRANSLATE_NOOP("cli", "The backup is restored in {path}."), path=path.parent)
    return 0
