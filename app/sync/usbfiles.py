"""Reading files from a removable drive someone else had in their hands.

A USB folder is untrusted input at both ends (the bureau imports schools'
bundles, a school PC imports the bureau's replies). :func:`folder_files`
lists the candidates by name without following anything, and
:func:`read_file_capped` reads one of them only if it is a regular file
(no symlink, FIFO, socket, device or directory) and not larger than a cap:

* the name is checked with ``os.lstat`` (a symlink is refused, never followed);
* the file is opened with ``O_NOFOLLOW`` (a symlink swapped in meanwhile fails)
  and ``O_NONBLOCK`` (a FIFO swapped in cannot hang the open), and ``fstat`` of
  the open file must again be a regular file, the same one ``lstat`` saw;
* at most ``cap + 1`` bytes are read, so a file that grows (or a device) never
  costs more than the cap in memory.

Each refusal is an :class:`UnsafeFile` with a ``reason`` (``not_a_file``,
``too_large``, ``unreadable``); callers report it and go on with the next file.
"""

from __future__ import annotations

import dataclasses
import fnmatch
import logging
import os
import stat
from collections import Counter
from collections.abc import Callable
from pathlib import Path

log = logging.getLogger(__name__)

OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)
CHUNK = 1024 * 1024


class UnsafeFile(Exception):
    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


def folder_files(folder: Path, pattern: str) -> list[Path]:
    """Entries of ``folder`` whose name matches ``pattern``, in name order, links included
    (as names only: reading them is :func:`read_file_capped`'s decision)."""
    with os.scandir(folder) as entries:
        names = sorted(e.name for e in entries if fnmatch.fnmatchcase(e.name, pattern))
    return [Path(folder) / n for n in names]


def read_file_capped(path: Path, cap: int) -> bytes:
    """The bytes of the regular file ``path`` (at most ``cap``), or UnsafeFile."""
    try:
        before = os.lstat(path)
    except OSError as e:
        raise UnsafeFile("unreadable", e.strerror or str(e)) from None
    if not stat.S_ISREG(before.st_mode):
        raise UnsafeFile("not_a_file", _kind(before.st_mode))
    if before.st_size > cap:
        raise UnsafeFile("too_large", f"{before.st_size} bytes, at most {cap}")
    try:
        fd = os.open(path, OPEN_FLAGS)
    except OSError as e:
        raise UnsafeFile("not_a_file" if _is_link_error(e) else "unreadable", str(e)) from None
    try:
        now = os.fstat(fd)
        if not stat.S_ISREG(now.st_mode) or (now.st_dev, now.st_ino) != (
            before.st_dev,
            before.st_ino,
        ):
            raise UnsafeFile("not_a_file", "replaced while being opened")
        chunks: list[bytes] = []
        size = 0
        while size <= cap:
            try:
                chunk = os.read(fd, min(CHUNK, cap + 1 - size))
            except BlockingIOError:
                raise UnsafeFile("not_a_file", "would block") from None
            except OSError as e:
                raise UnsafeFile("unreadable", e.strerror or str(e)) from None
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > cap:
            raise UnsafeFile("too_large", f"more than {cap} bytes")
        return b"".join(chunks)
    finally:
        os.close(fd)


def _is_link_error(e: OSError) -> bool:
    import errno

    return e.errno in (errno.ELOOP, getattr(errno, "EMLINK", -1))


def _kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISLNK, "a symbolic link"),
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
    ):
        if test(mode):
            return name
    return "not a regular file"


@dataclasses.dataclass
class FolderReport:
    """What became of each file of a USB folder: ``(name, outcome, reason)``, in name order."""

    files: list[tuple[str, str, str]] = dataclasses.field(default_factory=list)

    def add(self, name: str, outcome: str, reason: str = "") -> None:
        self.files.append((name, outcome, reason))

    @property
    def counts(self) -> Counter:
        return Counter(outcome for _n, outcome, _r in self.files)

    def count(self, *outcomes: str) -> int:
        return sum(self.counts[o] for o in outcomes)

    def summary(self) -> str:
        """``3 files: 1 applied, 2 skipped`` (English, for logs and the bureau's operator)."""
        parts = ", ".join(f"{n} {outcome}" for outcome, n in sorted(self.counts.items()))
        return f"{len(self.files)} files" + (f": {parts}" if parts else "")


def take_each(
    folder: Path,
    pattern: str,
    cap: int,
    report: FolderReport,
    take: Callable[[Path, bytes], tuple[str, str]],
) -> None:
    """Read every file of ``folder`` named like ``pattern`` (at most ``cap`` bytes, regular
    files only) and hand it to ``take(path, data)`` -> ``(outcome, reason)``, recorded in
    ``report``. A file that cannot be read safely is ``skipped``; one whose ``take`` raises
    is an ``error``; either way the next file goes on."""
    for path in folder_files(Path(folder), pattern):
        try:
            data = read_file_capped(path, cap)
        except UnsafeFile as e:
            log.warning("USB import: %s skipped (%s)", path.name, e)
            report.add(path.name, "skipped", e.reason)
            continue
        try:
            outcome, reason = take(path, data)
        except Exception as e:  # noqa: BLE001 - one file's failure never stops the folder
            log.exception("USB import: %s failed", path.name)
            report.add(path.name, "error", type(e).__name__)
            continue
        report.add(path.name, outcome, reason)
