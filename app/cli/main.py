"""The ``xiaoan`` command line. Without a subcommand the launcher opens the GUI.

Each record area adds its subcommands through :data:`COMMANDS`: a name, a
function that adds its arguments, and a function that runs it and returns
the exit code. Messages go through the same translation catalog as the UI.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from app.errors import UserError
from app.i18n import QT_TRANSLATE_NOOP, translate

if TYPE_CHECKING:
    from app.workspace import Workspace

# Modules that register commands with @command, one per record area.
COMMAND_MODULES: tuple[str, ...] = (
    "app.cli.foundation",
    "app.reports.cli",
    "app.hazards.cli",
    "app.sync.cli",
    "app.duty.cli",
    "app.drills.cli",
    "app.compliance.cli",
    "app.monthly.cli",
    "app.incidents.cli",
    "app.backup.cli",
)

# name -> (help, add_arguments(parser), run(args) -> exit code)
COMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None], Callable]] = {}


def command(name: str, help_text: str, add_arguments: Callable[[argparse.ArgumentParser], None]):
    def register(fn: Callable[[argparse.Namespace], int]):
        COMMANDS[name] = (help_text, add_arguments, fn)
        return fn

    return register


def add_data_dir(p: argparse.ArgumentParser) -> None:
    p.add_argument("--data-dir", type=Path, default=None, help="the school's data folder")


def data_dir_of(args: argparse.Namespace) -> Path:
    from app.paths import default_data_dir

    return args.data_dir or default_data_dir()


class CliError(UserError):
    """A command's refusal, worded in the "cli" catalog; printed like any UserError."""

    context = "cli"


@contextlib.contextmanager
def existing_workspace(args: argparse.Namespace) -> Iterator[Workspace]:
    """The school's workspace for a reading command, closed afterwards.

    A mistyped ``--data-dir`` is refused rather than given a new, empty database.
    """
    from app.paths import DB_FILENAME
    from app.workspace import Workspace

    data_dir = data_dir_of(args)
    if not (data_dir / DB_FILENAME).exists():
        raise CliError(
            QT_TRANSLATE_NOOP("cli", "There is no xiaoan database in {path}."), path=data_dir
        )
    ws = Workspace.open(data_dir)
    try:
        yield ws
    finally:
        ws.close()


def build_parser() -> argparse.ArgumentParser:
    import importlib

    for module in COMMAND_MODULES:
        importlib.import_module(module)

    parser = argparse.ArgumentParser(prog="xiaoan", description="校安 school safety records")
    add_data_dir(parser)
    parser.add_argument("--bench-startup", action="store_true", help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command")
    for name, (help_text, add_arguments, _fn) in COMMANDS.items():
        p = sub.add_parser(name, help=help_text)
        add_data_dir(p)
        add_arguments(p)
    return parser


def say(text: str, **params) -> None:
    print(translate("cli", text).format(**params) if params else translate("cli", text))


def fail(text: str, code: int = 2, **params) -> int:
    msg = translate("cli", text).format(**params) if params else translate("cli", text)
    print(msg, file=sys.stderr)
    return code


def run_command(args: argparse.Namespace) -> int:
    _help, _add, fn = COMMANDS[args.command]
    try:
        return fn(args)
    except UserError as e:
        print(e.localized(), file=sys.stderr)
        return 2
