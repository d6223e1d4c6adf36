"""The foundation's commands: ``demo`` and ``check``."""

from __future__ import annotations

import argparse

from app.cli.main import command, data_dir_of, fail, say
from app.i18n import QT_TRANSLATE_NOOP, translate

MAX_RECORD_PROBLEMS = 20


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
        if problem.notice:
            print(problem.describe())
        elif not problem.tampered:
            fail(
                QT_TRANSLATE_NOOP("cli", "The audit trail cannot be verified: {problem}"),
                1,
                problem=problem.describe(),
            )
        else:
            fail(
                QT_TRANSLATE_NOOP("cli", "The audit trail has been tampered with: {problem}"),
                1,
                problem=problem.describe(),
            )
    for problem in report.records[:MAX_RECORD_PROBLEMS]:
        fail(
            QT_TRANSLATE_NOOP("cli", "A record was changed outside xiaoan: {problem}"),
            1,
            problem=problem.describe(),
        )
    if len(report.records) > MAX_RECORD_PROBLEMS:
        fail(
            QT_TRANSLATE_NOOP("cli", "… and {n} more records changed outside xiaoan."),
            1,
            n=len(report.records) - MAX_RECORD_PROBLEMS,
        )
    if report.sound:
        say(
            QT_TRANSLATE_NOOP(
                "cli",
                "Sound: the database file passes the integrity check, all {n} audit entries are "
                "intact and {records} records agree with their last recorded change.",
            ),
            n=report.audit_entries,
            records=report.records_compared,
        )
        return 0
    return 1
