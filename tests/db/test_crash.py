"""Kill a writing process at random moments: the file stays sound and no committed write is lost.

Each round starts a child that commits writes as fast as it can and reports
each commit on stdout; the child is SIGKILLed after a random delay. After
every kill the database must pass ``PRAGMA integrity_check``, and every
write the child reported as committed must be there with its outbox row and
an intact audit chain.
"""

from __future__ import annotations

import os
import random
import select
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

from app.integrity import check_data_dir
from app.paths import DB_FILENAME
from tests.helpers import PRINCIPAL_PASSWORD, open_db  # noqa: F401  (keeps the fixture module loaded)

ROOT = Path(__file__).resolve().parents[2]
ROUNDS = 30


def _run_round(data_dir: Path, prefix: str, delay: float) -> list[tuple[str, str]]:
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.db.crash_writer", str(data_dir), prefix],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=dict(os.environ, PYTHONUNBUFFERED="1"),
    )
    committed: list[tuple[str, str]] = []
    buffer = b""
    first_commit_at = None
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        ready, _, _ = select.select([child.stdout], [], [], 0.005)
        if ready:
            chunk = os.read(child.stdout.fileno(), 65536)
            if not chunk:
                break
            buffer += chunk
            if first_commit_at is None and b"\n" in buffer:
                first_commit_at = time.monotonic()
        if first_commit_at is not None and time.monotonic() - first_commit_at >= delay:
            child.send_signal(signal.SIGKILL)
            break
    child.wait()
    # Whatever the child flushed before dying was reported after a commit returned.
    buffer += child.stdout.read()
    err = child.stderr.read().decode(errors="replace")
    assert child.returncode == -signal.SIGKILL, f"child ended on its own: {err}"
    for line in buffer.decode().splitlines():
        if line.startswith("committed "):
            _, name, row_id = line.split()
            committed.append((name, row_id))
    return committed


def test_sigkill_at_random_moments_loses_no_committed_write(workspace):
    data_dir = workspace.data_dir
    workspace.close()
    rng = random.Random(int(os.environ.get("XIAOAN_CRASH_SEED", "20261123")))
    reported: list[tuple[str, str]] = []
    for round_no in range(ROUNDS):
        delay = rng.uniform(0.0, 0.25)
        reported += _run_round(data_dir, f"r{round_no}", delay)

        conn = open_db(data_dir / DB_FILENAME)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            users = {r[0] for r in conn.execute("SELECT username FROM user_account")}
            captured = {
                uuid.UUID(r[0]).hex
                for r in conn.execute(
                    "SELECT row_id FROM outbox WHERE table_name='user_account' AND op='insert'"
                )
            }
        finally:
            conn.close()
        missing = [name for name, _ in reported if name not in users]
        assert not missing, f"round {round_no}: committed writes lost: {missing[:5]}"
        no_outbox = [name for name, rid in reported if uuid.UUID(rid).hex not in captured]
        assert not no_outbox, f"round {round_no}: writes without outbox rows: {no_outbox[:5]}"

    assert len(reported) > ROUNDS  # the child really was writing when killed
    report = check_data_dir(data_dir)
    assert report.sound, (report.integrity, [p.describe("en") for p in report.chain])
