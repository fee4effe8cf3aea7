"""Booklet as a print-ready A4 PDF, laid out by WeasyPrint from templates/booklet/print.html,
tagged (PDF/UA-1) so that screen readers get its structure.

The fonts are the DejaVu files shipped in static/fonts, loaded through @font-face,
so the PDF looks the same whatever fonts the server has.  WeasyPrint may read
those files and nothing else: no network access, no other local file.
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse
from urllib.request import url2pathname

from weasyprint import HTML
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


def render(s: Synthesis) -> bytes:
    source = render_template("booklet/print.html", s, variant="print",
                             fonts_url=FONTS_DIR.as_uri(),
                             annex_cards_elsewhere=len(booklet.printed_cards(s))
                             > PDF_ANNEX_CARD_LIMIT)
    # Tagged PDF/UA: document language (html lang="fr"), headings, lists and table headers
    # reach screen readers.
    return HTML(string=source, url_fetcher=_FontsOnlyFetcher()).write_pdf(
        pdf_variant="pdf/ua-1", custom_metadata=False, font_config=_FONTS)
