"""Workshop formats: the data files that define days, sequences, axes, targets and texts.

A format is a YAML (or JSON) document. `load_format_text` turns it into a frozen `Format`
(`model.py`) or raises `FormatError`, whose message is plain French naming the line at
fault (`reader.py`), so it can be shown as-is to the organiser who imported the file;
`documents.py` reads and writes the text (`dump_format_yaml` exports a format). The
built-in formats live in `builtin/*.yaml`.

This package is plain Python: no Flask, no database.
"""
from __future__ import annotations

import functools
from pathlib import Path

from .documents import MAX_SOURCE_CHARS, FormatError, dump_format_yaml
from .model import Format
from .reader import load_format_data, load_format_text

__all__ = ["MAX_SOURCE_CHARS", "Format", "FormatError", "builtin_formats", "dump_format_yaml",
           "get_builtin", "load_format_data", "load_format_text"]

BUILTIN_DIR = Path(__file__).with_name("builtin")


@functools.cache
def _builtins() -> dict[str, Format]:
    formats = {}
    for path in sorted(BUILTIN_DIR.glob("*.yaml")):
        try:
            fmt = load_format_text(path.read_text(encoding="utf-8"), source=path.name)
        except FormatError as exc:
            raise RuntimeError(f"Format intégré {path.name} invalide : {exc}") from exc
        if fmt.id != path.stem:
            raise RuntimeError(f"Format intégré {path.name} : l'identifiant doit être « {path.stem} ».")
        formats[fmt.id] = fmt
    return formats


def builtin_formats() -> dict[str, Format]:
    """The built-in formats by id, loaded once. A malformed one raises RuntimeError."""
    return dict(_builtins())


def get_builtin(format_id: str) -> Format | None:
    return _builtins().get(format_id)
