"""docs/realtime.md's event tables, written from the declarations.

`python -m workshops.operations.docs` rewrites each block between
`<!-- events: <module> -->` and `<!-- end events -->` from that module's operations (client
→ server), and each block between `<!-- room events: <domain> -->` and
`<!-- end room events -->` from the room events of that domain (server → room,
`operations/room_events.py`); `tests/test_operations.py` fails when the document is behind.
"""
import re
import sys
import types
import typing
from pathlib import Path

from pydantic import BaseModel

from workshops.operations import ACCOUNT, PARTICIPANT, PROJECTION, PUBLIC, STAFF, Operation
from workshops.operations.room_events import ROOM_EVENTS
from workshops.operations.table import OPERATIONS

DOC = Path(__file__).resolve().parents[2] / "docs" / "realtime.md"
BLOCK = re.compile(r"(<!-- events: (\w+) -->\n).*?(<!-- end events -->)", re.S)
ROOM_BLOCK = re.compile(r"(<!-- room events: (\w+) -->\n).*?(<!-- end room events -->)", re.S)


def who(operation: Operation) -> str:
    roles = set(operation.allow)
    if PUBLIC in roles:
        return "anyone"
    words = []
    if PARTICIPANT in roles:
        words.append("participant")
    if PROJECTION in roles:
        words.append("projection")
    if STAFF <= roles:
        words.append("staff")
    else:
        words += sorted(roles & (STAFF | {ACCOUNT}))
    return "any" if len(words) == 3 and "staff" in words else ", ".join(words)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def table(module: str) -> str:
    rows = ["| event (client → server) | who | data | ack |", "|---|---|---|---|"]
    for operation in OPERATIONS:
        if operation.run.__module__ != f"workshops.operations.{module}":
            continue
        for event in operation.events:
            fields = [name for name in operation.input.model_fields if name not in event.fixed]
            data = event.data or "`{" + ", ".join(fields) + "}`"
            rows.append(f"| `{event.name}` | {who(operation)} | {_cell(data)} | "
                        f"{_cell(event.doc)} |")
    return "\n".join(rows) + "\n"


def shape(model: type[BaseModel]) -> str:
    """`{a, b?, c: [{d, e}]}`: the fields, `?` when they may be absent, nested models
    spelt out."""
    fields = []
    for name, info in model.model_fields.items():
        nested = _nested(info.annotation) or _values(info.annotation)
        text = name + ("" if info.is_required() else "?")
        fields.append(f"{text}: {nested}" if nested else text)
    return "{" + ", ".join(fields) + "}"


def _values(annotation) -> str:
    """`"a"|"b"` for a field that takes only these strings (maybe null), else ""."""
    args = typing.get_args(annotation)
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return next((found for found in map(_values, args) if found), "")
    if typing.get_origin(annotation) is typing.Literal:
        return "|".join(f'"{value}"' for value in args)
    return ""


def _nested(annotation) -> str:
    """The shape of a field holding a model (or a list of them, maybe null), else ""."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return shape(annotation)
    args = typing.get_args(annotation)
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return next((found for found in map(_nested, args) if found), "")
    if typing.get_origin(annotation) is list and args:
        inner = _nested(args[0])
        return f"[{inner}]" if inner else ""
    return ""


def _described(model: type[BaseModel]) -> str:
    """The fields that carry a description, as « name: description »."""
    return "; ".join(f"`{name}`: {info.description}" for name, info in model.model_fields.items()
                     if info.description and name != "seq")


def room_table(domain: str) -> str:
    rows = ["| event type (server → room) | audience | data |", "|---|---|---|"]
    for event in ROOM_EVENTS:
        if event.domain == domain:
            notes = "; ".join(filter(None, (event.doc, _described(event.data))))
            rows.append(f"| `{event.type}` | {event.audience} | `{_cell(shape(event.data))}`"
                        f"{' — ' + _cell(notes) if notes else ''} |")
    return "\n".join(rows) + "\n"


def updated(text: str) -> str:
    text = BLOCK.sub(lambda m: m.group(1) + table(m.group(2)) + m.group(3), text)
    return ROOM_BLOCK.sub(lambda m: m.group(1) + room_table(m.group(2)) + m.group(3), text)


if __name__ == "__main__":
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DOC
    path.write_text(updated(path.read_text(encoding="utf-8")), encoding="utf-8")
