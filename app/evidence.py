"""Records that count towards a cadence, as every area reports them.

The compliance rules, the dashboard and the monthly report ask each record
area the same question — "which of your records satisfy this, between these
days?" — through an :data:`EvidenceSource`: a function
``(session, school_id, start, end, params) -> list[Evidence]`` found by its
``"module:function"`` name (``app.drills.compliance:evidence``, say), so an
area plugs in without the rules engine importing it.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session


@dataclasses.dataclass(frozen=True, order=True)
class Evidence:
    when: datetime  # when the work was done (local wall time of the school)
    record_table: str
    record_id: uuid.UUID
    label: str  # short text naming the record (its own data: a title, a kind)
    kind: str = ""  # the area's sub-kind, e.g. a drill type or inspection kind


EvidenceSource = Callable[[Session, uuid.UUID, date, date, Mapping[str, Any]], list[Evidence]]


def load_source(name: str) -> EvidenceSource:
    """``"module:function"`` → the function. Raises LookupError naming what is missing."""
    import importlib

    module_name, _, attr = name.partition(":")
    try:
        return getattr(importlib.import_module(module_name), attr)
    except (ImportError, AttributeError) as exc:
        raise LookupError(f"evidence source {name!r} not found: {exc}") from exc
