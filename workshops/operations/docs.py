"""docs/realtime.md's tables of client → server events, written from the operation table.

`python -m workshops.operations.docs` rewrites each block between
`<!-- events: <module> -->` and `<!-- end events -->` from that module's declarations
(`tests/test_operations.py` fails when the document is behind them).
"""
import re
import sys
from pathlib import Path

from workshops.operations import ACCOUNT, PARTICIPANT, PROJECTION, PUBLIC, STAFF, Operation
from workshops.operations.table import OPERATIONS

DOC = Path(__file__).resolve().parents[2] / "docs" / "realtime.md"
BLOCK = re.compile(r"(<!-- events: (\w+) -->\n).*?(<!-- end events -->)", re.S)


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


def updated(text: str) -> str:
    return BLOCK.sub(lambda m: m.group(1) + table(m.group(2)) + m.group(3), text)


if __name__ == "__main__":
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DOC
    path.write_text(updated(path.read_text(encoding="utf-8")), encoding="utf-8")
