"""Column values as they travel in bundles, and back.

The outbox stores changed columns as JSON values (:func:`db.capture.json_value`):
UUIDs and datetimes as ISO strings, bytes as base64, enums by value. Whoever
applies a change (the bureau, or a school PC replaying another PC's changes)
turns them back into Python values by the column's type with :func:`decode_value`.

Decoding is strict and never coerces: a value must have exactly the JSON type
its column travels as (README.md, "Values"), or :func:`decode_value` raises
``ValueError``. A bundle is signed by a device, not trusted by it: ``"false"``
is not a boolean, ``1`` is not ``true``, a list is not a string.
"""

from __future__ import annotations

import base64
import binascii
import decimal
import math
import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    Integer,
    LargeBinary,
    Numeric,
    SmallInteger,
    String,
    Uuid,
)

from db.base import UTCDateTime

INT_RANGES = {SmallInteger: 15, BigInteger: 63, Integer: 31}  # most specific first
JSON_MAX_DEPTH = 32


def canonical_uuid(value: Any) -> uuid.UUID:
    """A UUID written exactly as ``str(uuid.UUID(v))`` writes it (lowercase, hyphenated)."""
    if not isinstance(value, str):
        raise ValueError(f"a UUID must be a string, not {type(value).__name__}")
    try:
        parsed = uuid.UUID(value)
    except ValueError:
        raise ValueError("not a UUID") from None
    if str(parsed) != value:
        raise ValueError("UUID not in canonical form (lowercase, hyphenated)")
    return parsed


def check_text(value: str) -> str:
    """A string PostgreSQL can store: no NUL, no lone surrogate."""
    if "\x00" in value:
        raise ValueError("text contains NUL")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("text is not valid Unicode") from None
    return value


def check_json(value: Any) -> Any:
    """Plain JSON only: finite numbers, string keys, valid text, nested at most 32 deep."""
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        v, depth = stack.pop()
        if depth > JSON_MAX_DEPTH:
            raise ValueError("JSON nested too deep")
        if v is None or isinstance(v, bool | int):
            continue
        if isinstance(v, float):
            if not math.isfinite(v):
                raise ValueError("JSON number not finite")
        elif isinstance(v, str):
            check_text(v)
        elif isinstance(v, list):
            stack.extend((x, depth + 1) for x in v)
        elif isinstance(v, dict):
            for k, x in v.items():
                if not isinstance(k, str):
                    raise ValueError("JSON object key not a string")
                check_text(k)
                stack.append((x, depth + 1))
        else:
            raise ValueError(f"not a JSON value: {type(v).__name__}")
    return value


def _int(column: Column, value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError(f"expected an integer, got {type(value).__name__}")
    bits = next((b for t, b in INT_RANGES.items() if isinstance(column.type, t)), 63)
    if not -(2**bits) <= value < 2**bits:
        raise ValueError(f"integer out of range for a {bits + 1}-bit column")
    return value


def _string(column: Column, value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(f"expected a string, got {type(value).__name__}")
    check_text(value)
    length = getattr(column.type, "length", None)
    if length is not None and len(value) > length:
        raise ValueError(f"string longer than {length}")
    enums = getattr(column.type, "enums", None)
    if enums and value not in enums:
        raise ValueError("not one of the column's values")
    return value


def _iso(value: Any, what: str) -> str:
    if not isinstance(value, str) or not value.isascii() or len(value) > 40:
        raise ValueError(f"expected an ISO 8601 {what} string")
    return value


def decode_value(column: Column, value: Any) -> Any:
    """The Python value for ``column`` from its bundle JSON value. ValueError if malformed."""
    if value is None:
        return None
    kind = column.type
    if isinstance(kind, UTCDateTime | DateTime):
        parsed = datetime.fromisoformat(_iso(value, "datetime"))
        if parsed.tzinfo is None:
            raise ValueError("datetime without a UTC offset")
        return parsed
    if isinstance(kind, Date):
        return date.fromisoformat(_iso(value, "date"))
    if isinstance(kind, Uuid):
        return canonical_uuid(value)
    if isinstance(kind, Boolean):
        if not isinstance(value, bool):
            raise ValueError(f"expected true or false, got {type(value).__name__}")
        return value
    if isinstance(kind, Integer):
        return _int(column, value)
    if isinstance(kind, Float):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(f"expected a number, got {type(value).__name__}")
        if not math.isfinite(value):
            raise ValueError("number not finite")
        return float(value)
    if isinstance(kind, Numeric):
        return _decimal(kind, value)
    if isinstance(kind, LargeBinary):
        if not isinstance(value, str):
            raise ValueError("expected base64 text")
        try:
            return base64.b64decode(value, validate=True)
        except binascii.Error:
            raise ValueError("not base64") from None
    if isinstance(kind, JSON):
        return check_json(value)
    if isinstance(kind, String):  # String, Text, Enum
        return _string(column, value)
    raise ValueError(f"no bundle encoding for column type {type(kind).__name__}")


def _decimal(kind: Numeric, value: Any) -> decimal.Decimal:
    if not isinstance(value, str) or len(value) > 64:
        raise ValueError("expected a decimal number as a string")
    try:
        number = decimal.Decimal(value)
    except decimal.InvalidOperation:
        raise ValueError("not a decimal number") from None
    if not number.is_finite():
        raise ValueError("decimal not finite")
    scale = kind.scale or 0
    if kind.precision is not None:
        if number.as_tuple().exponent < -scale:
            raise ValueError(f"more than {scale} decimal places")
        if abs(number) >= decimal.Decimal(10) ** (kind.precision - scale):
            raise ValueError("decimal out of range")
    return number


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
