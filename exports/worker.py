"""Render a synthesis in a child process, so that a long export never holds the server.

    python -m exports.worker FORMAT < synthesis.json > file

The server (threads sharing one GIL, or gevent greenlets sharing one thread) would
slow down or freeze while WeasyPrint lays out 2,000 cards; a child process does not.
``render_isolated()`` is the server side of it.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from .synthesis import Synthesis

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 600


class RenderError(RuntimeError):
    """The child process failed; the message is its last error line."""


def render_isolated(fmt: str, synthesis: Synthesis) -> bytes:
    """``exports.render(fmt, synthesis)[0]``, computed in a child process."""
    payload = json.dumps(synthesis.to_dict(), ensure_ascii=False).encode("utf-8")
    done = subprocess.run([sys.executable, "-m", "exports.worker", fmt], input=payload,
                          capture_output=True, cwd=ROOT, timeout=TIMEOUT, check=False)
    if done.returncode != 0:
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RenderError(lines[-1] if lines else f"exit status {done.returncode}")
    return done.stdout


def main() -> None:
    from . import render

    synthesis = Synthesis.from_dict(json.loads(sys.stdin.buffer.read().decode("utf-8")))
    data, _content_type, _extension = render(sys.argv[1], synthesis)
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


if __name__ == "__main__":
    main()
