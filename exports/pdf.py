"""Booklet as a print-ready A4 PDF, laid out by WeasyPrint from templates/booklet/print.html
and its style sheet templates/booklet/print_sheet.css, tagged (PDF/UA-1) so that screen
readers get its structure.

The fonts are the DejaVu files shipped in static/fonts, loaded through @font-face,
so the PDF looks the same whatever fonts the server has.  WeasyPrint may read
those files and nothing else: no network access, no other local file.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlparse
from urllib.request import url2pathname

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from . import booklet
from .html import render_template
from .synthesis import Synthesis

FONTS_DIR = Path(__file__).resolve().parent.parent / "static" / "fonts"
# Past this many raw cards the PDF annex points to the spreadsheet instead of listing
# them: hundreds of pages nobody prints, and WeasyPrint's layout time grows with them
# (docs/performance.md, "Booklet exports"). DOCX, HTML, Markdown and XLSX keep them all.
PDF_ANNEX_CARD_LIMIT = 500
# One font configuration for every PDF the process lays out: the @font-face files are read
# and registered once, and Pango keeps the fonts it has loaded from one booklet to the next
# (a configuration per booklet cost ~10 % of a seed booklet's time: docs/performance.md).
_FONTS = FontConfiguration()


class _FontsOnlyFetcher(URLFetcher):
    def fetch(self, url, headers=None):
        parsed = urlparse(url)
        if parsed.scheme == "data":  # the logos, embedded by the template
            return super().fetch(url, headers)
        path = Path(url2pathname(parsed.path)).resolve()
        if parsed.scheme != "file" or not path.is_relative_to(FONTS_DIR):
            raise ValueError(f"Resource refused in the PDF booklet: {url}")
        return super().fetch(url, headers)


def with_variables_resolved(css: str) -> str:
    """``css`` with each ``var(--name)`` replaced by the value its ``:root`` rules give
    (the last one wins, as in the cascade); a name they do not define is left as is.

    The booklet's style sheet is shared with the HTML export, which keeps its custom
    properties; WeasyPrint resolves a var() again for every element it styles."""
    values = {}
    for block in re.findall(r":root\s*\{([^}]*)\}", css):
        values.update((name, value.strip())
                      for name, value in re.findall(r"(--[\w-]+)\s*:\s*([^;}]+)", block))
    return re.sub(r"var\((--[\w-]+)\)", lambda m: values.get(m[1], m[0]), css)


@lru_cache(maxsize=8)
def _style_sheet(text: str) -> CSS:
    """The print style sheet parsed once per process and reused by every booklet with the
    same colours (parsing it was ~3 % of a seed booklet's time: docs/performance.md).

    Given to WeasyPrint as a user style sheet: the page holds no other, so the cascade's
    order is the same (only the bars' ``style`` attributes, author origin, outrank it, as
    they did)."""
    return CSS(string=with_variables_resolved(text), url_fetcher=_FontsOnlyFetcher(),
               font_config=_FONTS)


def render(s: Synthesis) -> bytes:
    context = {"variant": "print", "fonts_url": FONTS_DIR.as_uri(),
               "annex_cards_elsewhere": len(booklet.printed_cards(s)) > PDF_ANNEX_CARD_LIMIT}
    source = render_template("booklet/print.html", s, **context)
    sheet = _style_sheet(render_template("booklet/print_sheet.css", s, **context))
    # Tagged PDF/UA: document language (html lang="fr"), headings, lists and table headers
    # reach screen readers.
    return HTML(string=source, url_fetcher=_FontsOnlyFetcher()).write_pdf(
        stylesheets=[sheet], pdf_variant="pdf/ua-1", custom_metadata=False,
        font_config=_FONTS)
