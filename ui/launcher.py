"""The ``xiaoan`` console entry point.

``xiaoan`` opens the GUI; ``xiaoan <command>`` runs a headless command without
importing Qt at all (so it works on a server or over SSH).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _gui_arguments(argv: list[str] | None) -> argparse.Namespace | None:
    """The GUI's options when the command line asks for the GUI, else ``None``.

    The full parser imports every area's command module to list its
    subcommands; opening the window does not need them, so a plain
    ``xiaoan [--data-dir DIR]`` is recognised without it. Anything else (a
    subcommand, ``--help``, a mistake) goes to the full parser.
    """
    parser = argparse.ArgumentParser(add_help=False, exit_on_error=False)
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--bench-startup", action="store_true")
    try:
        args, rest = parser.parse_known_args(argv)
    except argparse.ArgumentError:
        return None
    return None if rest else args


def main(argv: list[str] | None = None) -> int:
    args = _gui_arguments(argv)
    if args is None:
        from app.cli.main import build_parser, run_command

        args = build_parser().parse_args(argv)
        if args.command:
            return run_command(args)
    from ui.gui import run

    return run(args.data_dir, bench_startup=args.bench_startup)


if __name__ == "__main__":
    sys.exit(main())
