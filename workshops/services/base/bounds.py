"""The bounds every input keeps, whatever the door it came in by (REST, Socket.IO, the
archive import): JSON no deeper than `MAX_DEPTH`, integers the database can store, finite
numbers, text that is valid Unicode without control characters.

`loads` parses JSON within those bounds (texts cleaned); `clean` applies them to a value
already parsed (the Socket.IO payload, an archive). Each refusal is a `ServiceError` with
its own code, so the caller answers 400 with a French message instead of failing later in
the database (`OverflowError`), in a renderer (control characters in DOCX/XLSX) or in
Python's recursion limit.
"""
import datetime as dt
import json
import math
import re

from workshops.services.base.errors import ServiceError

MAX_DEPTH = 32
INT_MIN, INT_MAX = -2 ** 63, 2 ** 63 - 1  # a signed 64-bit column (SQLite, PostgreSQL bigint)
# Characters no screen or export can show: C0 controls but tab and line breaks, DEL, the C1
# controls, and the two non-characters XML refuses.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
SURROGATE = re.compile("[\ud800-\udfff]")  # what remains of a surrogate once JSON is decoded
# The dates a workshop may have: far enough for any real programme, near enough that a
# retention period added to them stays a date (services/retention.py).
DATE_MIN, DATE_MAX = dt.date(2000, 1, 1), dt.date(2199, 12, 31)


class TooDeep(ValueError):
    """JSON nested deeper than MAX_DEPTH (a ValueError, so JSON readers treat it as bad
    JSON); `code` is the error it answers."""

    code = "too_deep"


def text(value: str) -> str:
    """The text without control characters; a lone surrogate refused (no database or
    export can encode it)."""
    if SURROGATE.search(value):
        raise ServiceError("invalid_characters")
    return CONTROL.sub("", value)


def number(value):
    """An integer the database stores, a finite float; else `number_out_of_range`."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and not INT_MIN <= value <= INT_MAX:
        raise ServiceError("number_out_of_range")
    if isinstance(value, float) and not math.isfinite(value):
        raise ServiceError("number_out_of_range")
    return value


def date(value: dt.date) -> dt.date:
    """A date within DATE_MIN..DATE_MAX, else `date_out_of_range`."""
    if not DATE_MIN <= value <= DATE_MAX:
        raise ServiceError("date_out_of_range", min=DATE_MIN.year, max=DATE_MAX.year)
    return value


def clean(value, depth: int = 0):
    """The value within bounds: texts cleaned (keys too), numbers checked, depth limited."""
    if isinstance(value, str):
        return text(value)
    if isinstance(value, (int, float)):
        return number(value)
    if isinstance(value, (list, tuple, dict)) and depth >= MAX_DEPTH:
        raise ServiceError(TooDeep.code)
    if isinstance(value, (list, tuple)):
        return [clean(item, depth + 1) for item in value]
    if isinstance(value, dict):
        return {text(str(key)): clean(item, depth + 1) for key, item in value.items()}
    return value


def _refuse_constant(name: str):
    raise ValueError(f"{name} is not a number JSON allows")


def loads(data: str | bytes):
    """JSON → Python within the bounds. Bad JSON (NaN and Infinity included) raises
    ValueError; too deep raises `TooDeep`; out of bounds, the `ServiceError` of `clean`."""
    try:
        parsed = json.loads(data, parse_constant=_refuse_constant)
    except RecursionError:  # the C parser stops at Python's recursion limit
        raise TooDeep("too deep") from None
    try:
        return clean(parsed)
    except ServiceError as error:
        if error.code == TooDeep.code:
            raise TooDeep("too deep") from None
        raise
