"""The ``xiaoan`` console entry point.

``xiaoan`` opens the GUI; ``xiaoan <command>`` runs a headless command without
importing Qt at all (so it works on a server or over SSH).
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from app.cli.main import build_parser, run_command

    args = build_parser().parse_args(argv)
    if args.command:
        return run_command(args)
    from ui.gui import run

    return run(args.data_dir, bench_startup=args.bench_startup)


if __name__ == "__main__":
    sys.exit(main())
