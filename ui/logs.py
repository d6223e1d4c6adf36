"""The GUI's log file: ``<data folder>/logs/xiaoan.log``, rotating.

Unexpected errors are written here with their traceback; the user sees a
short message that points here. Safe to call from any thread (Python logging
is thread-safe).
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

LOGGER_NAME = "xiaoan"
_MAX_BYTES = 1_000_000
_BACKUPS = 5

log = logging.getLogger(LOGGER_NAME)


def log_path(data_dir: Path) -> Path:
    return Path(data_dir) / "logs" / "xiaoan.log"


def setup_logging(data_dir: Path) -> Path | None:
    """Send the ``xiaoan`` logger to the data folder's rotating log; None if it can't be written.

    Writes nothing if the folder does not exist yet or cannot be written: a
    refused data folder must stay untouched.
    """
    path = log_path(data_dir)
    for handler in list(log.handlers):
        if isinstance(handler, logging.handlers.RotatingFileHandler):
            log.removeHandler(handler)
            handler.close()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=_MAX_BYTES, backupCount=_BACKUPS, encoding="utf-8", delay=True
        )
    except OSError:
        return None
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s")
    )
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    return path


def current_log_path() -> Path | None:
    for handler in log.handlers:
        if isinstance(handler, logging.handlers.RotatingFileHandler):
            return Path(handler.baseFilename)
    return None
