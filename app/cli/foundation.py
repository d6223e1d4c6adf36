"""The foundation's commands: ``demo`` and ``check``."""

from __future__ import annotations

import argparse

from app.cli.main import command, data_dir_of, fail, say
from app.i18n import QT_TRANSLATE_NOOP, translate


def _no_args(_p: argparse.ArgumentParser) -> None:
    pass


@command("demo", "create a sample school in an empty data folder", _no_args)
def demo(args: argparse.Namespace) -> int:
    from app.accounts.roles import ROLE_LABELS
    from app.demo import build_demo

    info = build_demo(data_dir_of(args))
    say(
        QT_TRANSLATE_NOOP("cli", "Created the demo school {name} in {path}."),
        name=info.school_name,
        path=info.data_dir,
    )
    say(
        QT_TRANSLATE_NOOP("cli", "Sign in as the principal: user name {user}, password {secret}"),
        user=info.principal_username,
        secret=info.principal_secret,
    )
    say(QT_TRANSLATE_NOOP("cli", "Other accounts (user name, name, role, PIN):"))
    for user, name, role, pin in info.accounts:
        print(f"  {user:12} {name:6} {translate('app', ROLE_LABELS[role]):10} {pin}")
    return 0


@command("check", "check the database file and the audit trail", _no_args)
def check(args: argparse.Namespace) -> int:
    from app.integrity import check_data_dir

    data_dir = data_dir_of(args)
    try:
        report = check_data_dir(data_dir)
    except FileNotFoundError as e:
        return fail(
            QT_TRANSLATE_NOOP("cli", "There is no xiaoan database in {path}."),
            path=e.args[0].parent,
        )
    except ValueError as e:
        return fail(QT_TRANSLATE_NOOP("cli", "{path} is not a xiaoan database."), path=e.args[0])
    if report.integrity:
        fail(
            QT_TRANSLATE_NOOP("cli", "The database file is damaged: {first}"),
            1,
            first=report.integrity[0],
        )
    for problem in report.chain:
        fail(
            QT_TRANSLATE_NOOP("cli", "The audit trail has been tampered with: {problem}"),
            1,
            problem=problem.describe(),
        )
    if report.sound:
        say(
            QT_TRANSLATE_NOOP(
                "cli",
                "Sound: the database file passes the integrity check and all {n} audit entries are "
                "intact.",
            ),
            n=report.audit_entries,
        )
        return 0
    return 1
