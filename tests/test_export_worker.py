"""The child that renders a booklet gets all of its synthesis, however slowly it starts.

The defect: the synthesis went through a pipe by `communicate(data, timeout=2)`; when the
child took longer than the timeout to read a large synthesis (a busy server, 2,000 cards),
the retry `communicate(None)` never sent the rest, and the child waited for it for ever:
the export stayed at « rendering » with its heartbeat still beating.
"""
import os
import subprocess
import sys
from pathlib import Path

import pytest

import exports
from exports import worker
from exports.synthesis import AxisSection, Lever, Synthesis

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.timeout(120)
def test_a_large_synthesis_reaches_a_slow_child_whole(monkeypatch):
    levers = [Lever(text=f"Levier numéro {n} : " + "un texte assez long pour peser. " * 6)
              for n in range(2000)]
    synthesis = Synthesis(title="Atelier", axes=[AxisSection(number=1, title="Axe",
                                                             levers=levers)])
    monkeypatch.setattr(worker, "BEAT_EVERY", 0.01)  # times out long before the child reads
    monkeypatch.setattr(worker, "TIMEOUT", 60)
    beats = []
    data = worker.render_isolated("md", synthesis, beat=beats.append)
    assert data.decode().count("Levier numéro") == 2000
    assert beats  # the heartbeat went on while the child worked


@pytest.mark.timeout(180)
def test_the_warm_renderer_serves_export_after_export_and_survives_its_child():
    """The server's warm child renders one export after another without starting again; a
    child that died while waiting is replaced by the next export (one killed while
    rendering fails its export: tests/test_export_jobs.py)."""
    renderer = worker.Renderer()
    synthesis = Synthesis(title="Atelier", axes=[AxisSection(number=1, title="Axe", levers=[
        Lever(text="Un levier qui compte")])])
    try:
        renderer.start()
        first_child = renderer._child
        assert b"Un levier qui compte" in renderer.render("md", synthesis)
        assert renderer.render("pdf", synthesis).startswith(b"%PDF")
        assert renderer._child is first_child  # still the same warm process
        with pytest.raises(worker.RenderError):
            renderer.render("odt", synthesis)  # an error is told, the child goes on
        assert renderer._child is first_child
        first_child.kill()
        first_child.wait()
        assert b"Un levier qui compte" in renderer.render("md", synthesis)
        assert renderer._child is not first_child
    finally:
        renderer.close()
    assert renderer._child is None


def test_naming_and_serving_an_export_leaves_the_renderers_to_the_child():
    """The defect: the server imported WeasyPrint to name a PDF or send it with its content
    type (`RENDERERS[fmt].CONTENT_TYPE`): its first export stopped every request for the
    1.5 s of the import, although the PDF itself is laid out by the renderer child."""
    code = ("import sys\n"
            "from datetime import datetime\n"
            "import exports\n"
            "from workshops.services import exports as service\n"
            "for fmt in ('pdf', 'docx', 'xlsx', 'html', 'md'):\n"
            "    service.content_type(fmt)\n"
            "    exports.export_filename('Atelier', fmt, datetime(2026, 1, 1))\n"
            "print(sorted(m for m in ('weasyprint', 'docx', 'openpyxl') if m in sys.modules))")
    output = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True, check=True).stdout
    assert output.strip() == "[]"
    assert exports.file_type("pdf") == ("application/pdf", "pdf")


@pytest.mark.timeout(120)
def test_an_export_works_in_a_process_holding_more_than_a_thousand_descriptors():
    """The defect: the server watched the child's answer with select(), which refuses a
    descriptor above 1,023; with a thousand phones' sockets open (or a long test run) every
    export failed at once with « filedescriptor out of range in select() »."""
    held = [os.open(os.devnull, os.O_RDONLY) for _ in range(1100)]
    renderer = worker.Renderer()
    try:
        renderer.start()
        assert renderer._child.stdout.fileno() > 1023
        synthesis = Synthesis(title="Atelier", axes=[AxisSection(number=1, title="Axe", levers=[
            Lever(text="Un levier qui compte")])])
        assert b"Un levier qui compte" in renderer.render("md", synthesis)
    finally:
        renderer.close()
        for descriptor in held:
            os.close(descriptor)
