"""Child process for the crash test: commits writes forever and reports each one.

Usage: python -m tests.db.crash_writer DATA_DIR PREFIX
Prints one line ``committed <username> <row id>`` after each commit returns.
"""

from __future__ import annotations

import sys

from app.actor import Actor
from app.workspace import Workspace
from db.models import UserAccount


def main() -> None:
    data_dir, prefix = sys.argv[1], sys.argv[2]
    ws = Workspace.open(data_dir)
    actor = Actor.system("crash-test")
    n = 0
    previous = None
    while True:
        n += 1
        name = f"{prefix}-{n}"
        with ws.action(actor, "crash.write") as s:
            user = UserAccount(username=name, role="staff")
            s.add(user)
            if previous is not None:
                # An update in the same transaction, to crash between more kinds of writes.
                s.get(UserAccount, previous).role = "guard"
        previous = user.id
        sys.stdout.write(f"committed {name} {user.id}\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
