"""Render a synthesis in a child process, so that a long export never holds the server.

    python -m exports.worker FORMAT < synthesis.json > file

The server (threads sharing one GIL, or gevent greenlets sharing one thread) would
slow down or freeze while WeasyPrint lays out 2,000 cards; a child process does not.
``render_isolated()`` is the server side of it.
"""
from __future__ import annotations

import json
import math
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .synthesis import Synthesis

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 600
BEAT_EVERY = 2  # seconds between two `beat(percent)` calls while the child renders


class RenderError(RuntimeError):
    """The child process failed; the message is its last error line."""


def render_isolated(fmt: str, synthesis: Synthesis, beat=None) -> bytes:
    """``exports.render(fmt, synthesis)[0]``, computed in a child process.

    ``beat(percent)`` is called every couple of seconds while the child works, with an
    estimate that grows from 40 towards 95 (the layout gives no progress of its own): the
    job's heartbeat, which tells a running job from one whose worker died."""
    # The synthesis goes through a file, not a pipe: `communicate(input, timeout)` retried
    # after a timeout stops sending the input, and a child still reading it would wait for
    # the rest for ever (tests/test_export_worker.py).
    with tempfile.TemporaryFile() as payload:
        payload.write(json.dumps(synthesis.to_dict(), ensure_ascii=False).encode("utf-8"))
        payload.seek(0)
        child = subprocess.Popen([sys.executable, "-m", "exports.worker", fmt], cwd=ROOT,
                                 stdin=payload, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    started = time.monotonic()
    while True:
        try:
            stdout, stderr = child.communicate(timeout=BEAT_EVERY)
            break
        except subprocess.TimeoutExpired:
            elapsed = time.monotonic() - started
            if elapsed > TIMEOUT:
                child.kill()
                child.communicate()
                raise RenderError(f"la mise en page a dépassé {TIMEOUT} s") from None
            if beat:
                beat(round(40 + 55 * (1 - math.exp(-elapsed / 4))))
    if child.returncode != 0:
        lines = stderr.decode("utf-8", "replace").strip().splitlines()
        if child.returncode < 0 or not lines:
            raise RenderError("la mise en page s'est arrêtée avant la fin (processus "
                              f"interrompu, code {child.returncode}) : relancez l'export")
        raise RenderError(lines[-1])
    return stdout


def main() -> None:
    from . import render

    synthesis = Synthesis.from_dict(json.loads(sys.stdin.buffer.read().decode("utf-8")))
    data, _content_type, _extension = render(sys.argv[1], synthesis)
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


if __name__ == "__main__":
    main()
