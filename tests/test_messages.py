"""Every error code the services raise has a message for people, written once."""
import ast
import re
from collections import Counter
from pathlib import Path

from workshops.messages import MESSAGES

ROOT = Path(__file__).resolve().parent.parent
RAISED = re.compile(r'\b(?:ServiceError|NotFound|Forbidden|Conflict)\(\s*"([a-z_]+)"')


def test_every_raised_code_has_a_message():
    codes = set()
    for path in (ROOT / "workshops").rglob("*.py"):
        codes |= set(RAISED.findall(path.read_text(encoding="utf-8")))
    assert codes, "no error code found: the pattern is out of date"
    assert sorted(codes - set(MESSAGES)) == []


def test_no_code_is_defined_twice():
    tree = ast.parse((ROOT / "workshops" / "messages.py").read_text(encoding="utf-8"))
    keys = [k.value for node in ast.walk(tree) if isinstance(node, ast.Dict)
            for k in node.keys if isinstance(k, ast.Constant)]
    assert [k for k, n in Counter(keys).items() if n > 1] == []
