"""Column values as they travel in bundles, and back.

The outbox stores changed columns as JSON values (:func:`db.capture.json_value`):
UUIDs and datetimes as ISO strings, bytes as base64, enums by value. Whoever
applies a change (the bureau, or a school PC replaying another PC's changes)
turns them back into Python values by the column's type with :func:`decode_value`.
"""

from __future__ import annotations

import base64
import decimal
import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    Integer,
    LargeBinary,
    Numeric,
    Uuid,
)

from db.base import UTCDateTime


def decode_value(column: Column, value: Any) -> Any:
    """The Python value for ``column`` from its bundle JSON value. Raises ValueError if malformed."""
    if value is None:
        return None
    kind = column.type
    if isinstance(kind, UTCDateTime | DateTime):
        return datetime.fromisoformat(value)
    if isinstance(kind, Date):
        return date.fromisoformat(value)
    if isinstance(kind, Uuid):
        return uuid.UUID(value)
    if isinstance(kind, Boolean):
        return bool(value)
    if isinstance(kind, Integer):
        return int(value)
    if isinstance(kind, Float):
        return float(value)
    if isinstance(kind, Numeric):
        return decimal.Decimal(value)
    if isinstance(kind, LargeBinary):
        return base64.b64decode(value)
    if isinstance(kind, JSON):
        return value
    return value


def outbox_change(entry) -> dict[str, Any]:
    """One outbox row as a bundle change line (see README.md, "Changes")."""
    return {
        "table": entry.table_name,
        "row": str(entry.row_id),
        "op": entry.op,
        "hlc": int(entry.hlc),
        "device": str(entry.device_id),
        "changes": entry.changes,
    }
