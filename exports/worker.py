"""Render a synthesis in a child process, so that a long export never holds the server.

    python -m exports.worker FORMAT < synthesis.json > file      # one export, then exit
    python -m exports.worker --serve                              # a warm renderer (below)

The server (threads sharing one GIL, or gevent greenlets sharing one thread) would
slow down or freeze while WeasyPrint lays out 2,000 cards; a child process does not.
``render_isolated()`` starts a child for one export. ``Renderer`` keeps one child ready
for the server's export jobs: WeasyPrint and python-docx imported, a small booklet laid
out once (fonts loaded, style sheets parsed), so a job pays only for its own layout —
not the 1.5 s of imports and the ~1 s of a process's first layout (docs/performance.md,
« Booklet exports »).
"""
from __future__ import annotations

import gc
import json
import math
import select
import selectors
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, datetime
from pathlib import Path

from . import render
from .synthesis import AnnexCard, Attendance, AxisSection, Lever, Limit, Link, Synthesis

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 600
BEAT_EVERY = 2  # seconds between two `beat(percent)` calls while the child renders
# A warm child is replaced after this many jobs, or once it holds this much memory
# (a 2,000-card layout leaves Python's heap large): a server does not grow for ever.
JOBS_PER_CHILD = 50
MEMORY_LIMIT = 400 * 1024 * 1024


class RenderError(RuntimeError):
    """The child process failed; the message is its last error line."""


def _interrupted(code) -> RenderError:
    return RenderError("la mise en page s'est arrêtée avant la fin (processus "
                       f"interrompu, code {code}) : relancez l'export")


def _percent(elapsed: float) -> int:
    """An estimate that grows from 40 towards 95 (the layout gives no progress of its own)."""
    return round(40 + 55 * (1 - math.exp(-elapsed / 4)))


def _payload(synthesis: Synthesis) -> bytes:
    return json.dumps(synthesis.to_dict(), ensure_ascii=False).encode("utf-8")


def render_isolated(fmt: str, synthesis: Synthesis, beat=None) -> bytes:
    """``exports.render(fmt, synthesis)[0]``, computed in a child process of its own.

    ``beat(percent)`` is called every couple of seconds while the child works, with an
    estimate that grows from 40 towards 95: the job's heartbeat, which tells a running job
    from one whose worker died."""
    # The synthesis goes through a file, not a pipe: `communicate(input, timeout)` retried
    # after a timeout stops sending the input, and a child still reading it would wait for
    # the rest for ever (tests/test_export_worker.py).
    with tempfile.TemporaryFile() as payload:
        payload.write(_payload(synthesis))
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
                beat(_percent(elapsed))
    if child.returncode != 0:
        lines = stderr.decode("utf-8", "replace").strip().splitlines()
        if child.returncode < 0 or not lines:
            raise _interrupted(child.returncode)
        raise RenderError(lines[-1])
    return stdout


class Renderer:
    """One warm child (``python -m exports.worker --serve``) rendering the server's exports
    one at a time; an export that finds it busy gets a child of its own (render_isolated).

    The child is started by ``start()`` (the server calls it soon after starting, see
    workshops/jobs.py) or by the first export. A child that dies — killed, crashed — fails
    its export with the same « relancez » message, and the next export starts a new one.
    A child exits when the server closes its input (``close()``, or the server's exit)."""

    def __init__(self) -> None:
        self._child: subprocess.Popen | None = None
        self._jobs = 0
        self._busy = threading.Lock()

    def start(self) -> None:
        with self._busy:
            self._ready()

    def close(self) -> None:
        with self._busy:
            self._retire()

    def render(self, fmt: str, synthesis: Synthesis, beat=None) -> bytes:
        if not self._busy.acquire(blocking=False):
            return render_isolated(fmt, synthesis, beat)
        try:
            return self._render(self._ready(), fmt, synthesis, beat)
        finally:
            self._busy.release()

    def _ready(self) -> subprocess.Popen:
        if self._child is None or self._child.poll() is not None:
            self._retire()  # a child that died: its pipes closed
            self._child = subprocess.Popen([sys.executable, "-m", "exports.worker", "--serve"],
                                           cwd=ROOT, stdin=subprocess.PIPE,
                                           stdout=subprocess.PIPE)
            self._jobs = 0
        return self._child

    def _retire(self) -> None:
        """Stop the child, alive or dead, and close our ends of its pipes."""
        child, self._child = self._child, None
        if child is None:
            return
        if child.poll() is None:
            child.stdin.close()  # the child's loop ends at the end of its input
            try:
                child.wait(5)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
        child.stdin.close()
        child.stdout.close()

    def _render(self, child: subprocess.Popen, fmt: str, synthesis: Synthesis, beat) -> bytes:
        with tempfile.TemporaryDirectory(prefix="ensemble-export-") as folder:
            source, target = Path(folder) / "synthesis.json", Path(folder) / "file"
            source.write_bytes(_payload(synthesis))
            try:
                child.stdin.write(f"{fmt}\t{source}\t{target}\n".encode("utf-8"))
                child.stdin.flush()
            except (BrokenPipeError, OSError):
                self._retire()
                raise _interrupted(child.poll()) from None
            reply = self._reply(child, beat)
            self._jobs += 1
            if not reply.startswith("ok"):
                raise RenderError(reply.partition("\t")[2] or reply)
            data = target.read_bytes()
        if self._jobs >= JOBS_PER_CHILD or _memory(child.pid) > MEMORY_LIMIT:
            self._retire()
            self._ready()
        return data

    def _reply(self, child: subprocess.Popen, beat) -> str:
        """The child's answer line, beating meanwhile. Watched by a selector (epoll, or
        gevent's under gevent), not select(), which refuses a descriptor above 1,023: a
        process holding a thousand sockets (phones, or a long test session) failed its
        exports with « filedescriptor out of range in select() »."""
        started = time.monotonic()
        with selectors.DefaultSelector() as watch:
            watch.register(child.stdout, selectors.EVENT_READ)
            while True:
                if watch.select(BEAT_EVERY):
                    line = child.stdout.readline().decode("utf-8", "replace").rstrip("\n")
                    if line:
                        return line
                    self._retire()
                    raise _interrupted(child.returncode)
                elapsed = time.monotonic() - started
                if elapsed > TIMEOUT:
                    child.kill()
                    self._retire()
                    raise RenderError(f"la mise en page a dépassé {TIMEOUT} s")
                if beat:
                    beat(_percent(elapsed))


def _memory(pid: int) -> int:
    """The child's resident memory in bytes (0 where /proc does not tell)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    line = next((line for line in status.splitlines() if line.startswith("VmRSS:")), "")
    return int(line.split()[1]) * 1024 if line else 0


def warm_up_synthesis() -> Synthesis:
    """A small booklet using every font and style of the PDF (cover, contents, an axis with
    a verbatim and a « Oui, mais… », the annex table), laid out once by a warm child."""
    lever = Lever(text="Un levier", supports=2, answers=[Limit(text="Une limite", supports=1)])
    return Synthesis(
        title="Atelier", subtitle="Préparation", organiser="Ensemble", place="Lyon",
        dates=[date(2026, 1, 1)], generated_at=datetime(2026, 1, 1, 12, 0),
        edito="Édito.", attendance=Attendance(total=2, by_type=[("Association", 2)]),
        axes=[AxisSection(number=1, title="Axe", levers=[lever],
                          other_limits=[Limit(text="Citation", verbatim=True)])],
        links=[Link(label="Site", url="https://example.org")],
        annex_cards=[AnnexCard(axis_or_question="Axe 1 : Axe", kind_label="Levier",
                               text="Un levier", supports=2, author_type="Association")])


def serve() -> None:
    """The warm child's loop: one line per job, « FORMAT\\tSYNTHESIS_PATH\\tOUTPUT_PATH »;
    answers « ok » or « error\\tmessage » on one line once the file is written.

    No garbage collection during a job: Python's collector walked the child's whole heap
    (WeasyPrint's modules and caches) again and again, 10 to 20 % of a booklet's layout
    time (docs/performance.md). What the imports and the warm-up made is frozen out of
    collections, and a job's garbage is collected once its answer is sent, while the child
    waits for the next one."""
    for fmt in ("pdf", "docx"):
        if select.select([sys.stdin], [], [], 0)[0]:
            break  # an export is already waiting: it warms the child up itself
        render(fmt, warm_up_synthesis())
    gc.collect()
    gc.freeze()
    gc.disable()
    for line in sys.stdin.buffer:
        fmt, source, target = line.decode("utf-8").rstrip("\n").split("\t")
        try:
            synthesis = Synthesis.from_dict(json.loads(Path(source).read_bytes()))
            Path(target).write_bytes(render(fmt, synthesis)[0])
            reply = "ok"
        except Exception as error:  # noqa: BLE001 — told to the server, the loop goes on
            reply = "error\t" + " ".join(str(error).split())[:300]
        sys.stdout.write(reply + "\n")
        sys.stdout.flush()
        gc.collect()


def main() -> None:
    if sys.argv[1] == "--serve":
        serve()
        return
    gc.disable()  # one export, then the process ends: its memory goes back in one piece
    synthesis = Synthesis.from_dict(json.loads(sys.stdin.buffer.read().decode("utf-8")))
    data, _content_type, _extension = render(sys.argv[1], synthesis)
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


if __name__ == "__main__":
    main()
