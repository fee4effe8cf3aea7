"""Booklet as one self-contained HTML page (inline CSS, no external resource).

The Jinja2 environment defined here is shared with the PDF renderer, which lays
out a print variant of the same template.  User text goes through the ``fr``
filter (French typography) and is then HTML-escaped by autoescaping.
"""
from __future__ import annotations

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from workshops.paths import ROOT

from . import booklet
from .synthesis import Synthesis
from .typography import format_dates, format_datetime, fr, plural

TEMPLATES_DIR = ROOT / "templates"

_environment = Environment(
    loader=FileSystemLoader(TEMPLATES_DIR),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
_environment.filters.update(
    fr=fr,
    dates_fr=format_dates,
    datetime_fr=format_datetime,
    quoted=booklet.quoted,
    supports=booklet.supports,
    dots=booklet.dots,
    people=booklet.people,
    decimal=lambda value: f"{value:.1f}".replace(".", ","),
)
_environment.globals.update(
    labels=booklet,
    consecutive_groups=booklet.consecutive_groups,
    grouped=booklet.grouped,
    paragraphs=booklet.paragraphs,
    percent=booklet.percent,
    plural=plural,
)


def render_template(name: str, s: Synthesis, variant: str = "", **context) -> str:
    """Render ``templates/<name>`` with the synthesis ``s`` and its parts.

    ``variant`` selects alternative part partials, ``<variant>_<part>.html``.
    """
    template = _environment.get_template(name)
    colour = booklet.accent(s)
    return template.render(s=s, parts=booklet.parts(s), variant=variant, accent=colour,
                           accent_light=booklet.tint(colour, 0.88),
                           accent_mid=booklet.tint(colour, 0.62), **context)


def render(s: Synthesis) -> bytes:
    return render_template("booklet/booklet.html", s).encode("utf-8")
