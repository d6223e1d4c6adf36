"""Times on screen are the school's (Beijing) whatever the PC's timezone is set to."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest

from ui.formatting import format_time


@pytest.fixture
def machine_on_utc(monkeypatch):
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_a_pc_left_on_utc_still_shows_beijing_time(machine_on_utc):
    signed = datetime(2026, 11, 22, 22, 5, tzinfo=UTC)  # 06:05 next morning at the school
    assert format_time(signed) == "2026-11-23 06:05"
