"""A USB folder is untrusted: only regular files of bounded size are read, each file on
its own, and a summary says what became of each (issue 13, item 5)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from sqlalchemy import select

from app.sync.service import MAX_RETURN_BYTES, export_usb, import_usb
from app.sync.usbfiles import UnsafeFile, read_file_capped
from db.models import BureauBundle, SyncBundle
from tests.app.test_sync_e2e import enroll
from tests.sync_support import running_bureau

SECRET = b"AGE-SECRET-KEY-1 not for the spool"


@pytest.fixture(autouse=True)
def _keyring(memory_keyring):
    yield


def plant_bad_files(folder: Path, secret: Path, names: dict[str, int | None]) -> None:
    """``names``: symlink/fifo/dir -> None, too-big file -> its size (sparse), garbage -> 0."""
    for name, size in names.items():
        path = folder / name
        if "link" in name:
            path.symlink_to(secret)
        elif "zero" in name:
            path.symlink_to("/dev/zero")
        elif "fifo" in name:
            os.mkfifo(path)
        elif "dir" in name:
            path.mkdir()
        elif size:
            with open(path, "wb") as f:
                f.truncate(size)  # sparse: costs no disk
        else:
            path.write_bytes(os.urandom(700))


def test_usb_folders_with_links_fifos_big_and_garbage_files_import_the_good_ones(
    workspace, postgres_url, tmp_path
):
    school = workspace
    secret = tmp_path / "secret.key"
    secret.write_bytes(SECRET)
    usb = tmp_path / "usb"
    with running_bureau(postgres_url, tmp_path / "keys") as bureau:
        enroll(school, bureau, tmp_path)
        [good] = export_usb(school, usb)
        big = 17 * 1024 * 1024 + 1
        plant_bad_files(
            usb,
            secret,
            {
                "0-junk.bundle": 0,
                "0-link.bundle": None,
                "0-zero.bundle": None,
                "0-fifo.bundle": None,
                "0-dir.bundle": None,
                "0-big.bundle": big,
            },
        )
        keys = ["--key-dir", str(tmp_path / "keys")]
        done = subprocess.run(
            [sys.executable, "-m", "app.bureau.cli", *keys, "import", str(usb)],
            capture_output=True,
            text=True,
            timeout=120,  # a FIFO or /dev/zero read would hang here
            env={**os.environ, "PYTHONPATH": os.getcwd()},
        )
        lines = dict(line.split(": ", 1) for line in done.stdout.splitlines() if ": " in line)
        assert done.returncode == 1, done.stderr
        assert lines[good.name] == "applied"
        assert lines["0-junk.bundle"] == "quarantined not_a_bundle"
        for name in ("0-link.bundle", "0-zero.bundle", "0-fifo.bundle", "0-dir.bundle"):
            assert lines[name] == "skipped not_a_file"
        assert lines["0-big.bundle"] == "skipped too_large"
        assert "Imported 7 files: 1 applied, 1 quarantined, 5 skipped." in done.stdout
        with bureau.engine.connect() as conn:
            received = conn.execute(select(BureauBundle.state)).scalars().all()
        assert sorted(received) == ["applied", "quarantined"]
        spooled = [p for p in bureau.config.spool_dir.rglob("*") if p.is_file()]
        assert spooled and not any(SECRET in p.read_bytes() for p in spooled)

        # The school PC reads the bureau's reply from the same kind of folder.
        back = tmp_path / "back"
        back.mkdir()
        from app.bureau.cli import main as bureau_main

        assert bureau_main([*keys, "export-returns", str(back)]) == 0
        device = school.device_id
        plant_bad_files(
            back,
            secret,
            {
                f"{device}.00000000.return": 0,  # garbage: does not verify
                f"{device}.00000007.return-link": None,
                f"{device}.00000008.return": MAX_RETURN_BYTES + 1,
            },
        )
        (back / f"{device}.00000007.return-link").rename(back / f"{device}.00000007.return")
        os.mkfifo(back / f"{device}.00000009.return")
        os.symlink("/dev/zero", back / f"{device}.00000010.return")
        result: list = []
        reader = threading.Thread(target=lambda: result.append(import_usb(school, back)))
        reader.daemon = True
        reader.start()
        reader.join(60)
        assert not reader.is_alive(), "the import hung on a FIFO or a device"
        [report] = result
        outcomes = {name.split(".")[1]: (o, r) for name, o, r in report.files}
        assert outcomes == {
            "00000000": ("refused", "unverified"),
            "00000001": ("applied", ""),
            "00000007": ("skipped", "not_a_file"),
            "00000008": ("skipped", "too_large"),
            "00000009": ("skipped", "not_a_file"),
            "00000010": ("skipped", "not_a_file"),
        }
        assert report.applied == 1 and len(report.problems) == 5
        with school.read() as s:
            assert {b.state for b in s.scalars(select(SyncBundle))} == {"acked"}


def test_a_file_is_read_only_up_to_its_cap(tmp_path):
    path = tmp_path / "f.bundle"
    path.write_bytes(b"x" * 10)
    assert read_file_capped(path, 10) == b"x" * 10
    with pytest.raises(UnsafeFile) as err:
        read_file_capped(path, 9)
    assert err.value.reason == "too_large"
    with pytest.raises(UnsafeFile) as err:
        read_file_capped(tmp_path / "missing.bundle", 9)
    assert err.value.reason == "unreadable"
