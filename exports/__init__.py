"""Exports of a workshop synthesis: the restitution booklet and its raw data.

Each renderer module turns a ``synthesis.Synthesis`` into bytes; ``FILE_TYPES`` says each
format's content type and file extension::

    data, content_type, extension = render("pdf", synthesis)

Renderers only turn plain data into bytes: nothing here reads the database
(tests/test_exports_are_pure.py). The JSON archive that restores a whole workshop
is the database content, so it is a service: ``workshops.services.archive``.
``exports.worker`` runs a renderer in a child process for the server.
"""
from __future__ import annotations

import importlib
import re
import unicodedata
from collections.abc import Mapping
from datetime import datetime
from types import ModuleType
from typing import NamedTuple

from .synthesis import Synthesis


class FileType(NamedTuple):
    content_type: str
    extension: str


# Here rather than in each renderer: naming or serving a PDF must not import WeasyPrint into
# the server (1.5 s of a first export's time, the event loop stopped meanwhile); the
# renderer child imports it (exports/worker.py).
FILE_TYPES = {
    "docx": FileType("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                     "docx"),
    "pdf": FileType("application/pdf", "pdf"),
    "html": FileType("text/html; charset=utf-8", "html"),
    "md": FileType("text/markdown; charset=utf-8", "md"),
    "xlsx": FileType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
}


class _Renderers(Mapping):
    """Format → renderer module, imported on first use: WeasyPrint alone takes 1.5 s to
    import, which `python app.py` need not pay before answering (the server renders PDF
    and DOCX in a child process anyway)."""

    _modules = {"docx": "docx", "pdf": "pdf", "html": "html", "md": "markdown", "xlsx": "xlsx"}

    def __getitem__(self, fmt: str) -> ModuleType:
        return importlib.import_module(f"{__name__}.{self._modules[fmt]}")

    def __iter__(self):
        return iter(self._modules)

    def __len__(self) -> int:
        return len(self._modules)


RENDERERS: Mapping[str, ModuleType] = _Renderers()


def render(fmt: str, synthesis: Synthesis) -> tuple[bytes, str, str]:
    """Render ``synthesis`` as ``fmt``: (bytes, content type, file extension)."""
    data = _renderer(fmt).render(synthesis)
    return data, *file_type(fmt)


def export_filename(title: str, fmt: str, when: datetime) -> str:
    """ASCII file name, e.g. « livret-l-accompagnement-dans-tous-ses-etats-2026-11-22-1430.docx »."""
    return f"livret-{slug(title)}-{when:%Y-%m-%d-%H%M}.{file_type(fmt).extension}"


def file_type(fmt: str) -> FileType:
    try:
        return FILE_TYPES[fmt]
    except KeyError:
        raise _unknown(fmt) from None


def _renderer(fmt: str) -> ModuleType:
    try:
        return RENDERERS[fmt]
    except KeyError:
        raise _unknown(fmt) from None


def _unknown(fmt: str) -> ValueError:
    return ValueError(f"Unknown export format {fmt!r}; expected one of {', '.join(FILE_TYPES)}")


_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"})


def slug(text: str, max_length: int = 60) -> str:
    """ASCII lower-case words joined by « - », for file names."""
    ascii_text = (unicodedata.normalize("NFKD", text.translate(_LIGATURES))
                  .encode("ascii", "ignore").decode())
    result = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(result) > max_length:
        result = result[:max_length].rsplit("-", 1)[0]
    return result or "atelier"
