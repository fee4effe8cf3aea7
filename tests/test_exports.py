"""Export layer: every renderer on the seed 000 booklet, plus escaping and typography."""
from __future__ import annotations

import base64
import dataclasses
import io
import json
import re
import shutil
import subprocess
from datetime import date, datetime, timezone
from html.parser import HTMLParser

import docx as python_docx
import openpyxl
import pytest
from docx.oxml.ns import qn
from fontTools.ttLib import TTFont
from PIL import Image

import exports
import exports.docx
import exports.html
import exports.markdown
import exports.pdf  # (the app imports renderers lazily: a test run alone must import them)
from exports import booklet, xlsx
from exports.synthesis import (
    AnnexCard, AxisSection, Lever, Limit, Link, PollResult, Synthesis)
from exports.synthesis import Image as ImageData
from exports.typography import NNBSP, format_date, format_dates, format_datetime, fr
from tests.fixtures import load_seed_synthesis

EVIL_IMG = "<img src=x onerror=alert(1)>"
EVIL_SCRIPT = '<script>alert("x")</script>'
EVIL_FORMULA = '=HYPERLINK("http://evil.example","clic")'

PART_TITLES = [
    "Édito",
    "Le Logement d'Abord ? Mais qu'est-ce que c'est ?",
    "Méthode des rencontres",
    "Qui était là ?",
    "Les 10 axes pour mettre en place le Logement d'Abord",
    "Les recommandations",
    "Et après ?",
    "Liens utiles",
    "Annexe",
]


def plain(text: str) -> str:
    """Text with no-break spaces as spaces, straight apostrophes and white space collapsed,
    for comparisons of content (the typography has its own tests)."""
    return " ".join(text.replace(NNBSP, " ").replace("\u00a0", " ").replace("’", "'").split())


@pytest.fixture(scope="module")
def seed() -> Synthesis:
    return load_seed_synthesis()


@pytest.fixture(scope="module")
def hostile(seed) -> Synthesis:
    """The seed with cards that try to inject HTML and spreadsheet formulas."""
    axes = list(seed.axes)
    axes[0] = dataclasses.replace(axes[0], levers=[
        Lever(text=EVIL_IMG, supports=3), *axes[0].levers])
    axes[1] = dataclasses.replace(axes[1], other_limits=[
        Limit(text=EVIL_SCRIPT), *axes[1].other_limits])
    cards = [AnnexCard(axis_or_question="Axe 1", kind_label="Levier", text=text, supports=1,
                       author_type="@autre") for text in (EVIL_FORMULA, EVIL_IMG)]
    links = [*seed.links, Link(label="Piège", url="javascript:alert(1)")]
    return dataclasses.replace(seed, axes=axes, annex_cards=cards + seed.annex_cards,
                               links=links)


# Synthesis and registry --------------------------------------------------------------

def test_seed_fixture_carries_the_booklet(seed):
    assert [axis.number for axis in seed.axes] == list(range(1, 11))
    assert seed.axes[7].title == "Permettre un accès sans délai au logement : mobilisation du parc privé"
    assert 35 <= len(seed.annex_cards) <= 45
    assert 40 <= len(seed.annex_recommendations) <= 55
    assert [t.key for t in seed.recommendations] == [
        "professionnel", "structure", "partenaires", "institutions"]
    verbatims = [c for a in seed.axes for c in [*a.levers, *a.other_limits] if c.verbatim]
    assert 2 <= len(verbatims) <= 3
    assert sum(count for _, count in seed.attendance.by_type) == seed.attendance.total
    assert [day.attendance for day in seed.method.days] == [62, 58]


def test_synthesis_round_trips_through_json(seed):
    data = json.loads(json.dumps(seed.to_dict()))
    assert data["dates"] == ["2021-12-14", "2022-02-10"]
    assert Synthesis.from_dict(data) == seed


def test_render_dispatch_and_unknown_format(seed):
    assert set(exports.RENDERERS) == set(exports.FILE_TYPES) == {"docx", "pdf", "html", "md",
                                                                 "xlsx"}
    data, content_type, extension = exports.render("md", seed)
    assert data.startswith(b"# ") and content_type.startswith("text/markdown")
    assert extension == "md"
    with pytest.raises(ValueError):
        exports.render("odt", seed)


def test_export_filename_is_an_ascii_slug():
    when = datetime(2026, 11, 22, 14, 30)
    assert (exports.export_filename("L'accompagnement dans tous ses états", "docx", when)
            == "livret-l-accompagnement-dans-tous-ses-etats-2026-11-22-1430.docx")
    name = exports.export_filename("Œuvres « communes » : 2ᵉ édition ?", "xlsx", when)
    assert name == "livret-oeuvres-communes-2e-edition-2026-11-22-1430.xlsx"
    assert exports.export_filename("« ? »", "pdf", when) == "livret-atelier-2026-11-22-1430.pdf"
    with pytest.raises(ValueError):
        exports.export_filename("x", "exe", when)


# Typography ---------------------------------------------------------------------------

@pytest.mark.parametrize("raw, expected", [
    ("Quoi ?", f"Quoi{NNBSP}?"),
    ("Quoi?", f"Quoi{NNBSP}?"),
    ("Oui?!", f"Oui{NNBSP}?!"),
    ("Attention : départ", f"Attention{NNBSP}: départ"),
    ("Attention: départ", f"Attention{NNBSP}: départ"),
    ("Un ; deux", f"Un{NNBSP}; deux"),
    ("« bonjour »", f"«{NNBSP}bonjour{NNBSP}»"),
    ("«bonjour»", f"«{NNBSP}bonjour{NNBSP}»"),
    ("« bonjour »", f"«{NNBSP}bonjour{NNBSP}»"),
    ("Rendez-vous à 10:30 !", f"Rendez-vous à 10:30{NNBSP}!"),
    ("Voir https://exemple.org/?a=1&b=2 !", f"Voir https://exemple.org/?a=1&b=2{NNBSP}!"),
    ("Site : www.exemple.org:8080/x", f"Site{NNBSP}: www.exemple.org:8080/x"),
    ("Écrire à contact@exemple.org", "Écrire à contact@exemple.org"),
    ("bip\x07 \x00ok", "bip ok"),
    ("", ""),
    # Issue 12: apostrophe, ellipsis, quotes within quotes, thousands.
    ("l'habiter, aujourd'hui", "l’habiter, aujourd’hui"),
    ("Chefs de services, ...", "Chefs de services, …"),
    ("« « l'habiter » »", f"«{NNBSP}“l’habiter”{NNBSP}»"),
    ('il dit "non"', f"il dit «{NNBSP}non{NNBSP}»"),
    ("2000 personnes, 12500 cartes", f"2{NNBSP}000 personnes, 12{NNBSP}500 cartes"),
    ("Lancée en 2017, le 14 décembre 2021 et", "Lancée en 2017, le 14 décembre 2021 et"),
    ("69003 Lyon, 04 78 00 00 00, 0478000000", "69003 Lyon, 04 78 00 00 00, 0478000000"),
])
def test_french_typography(raw, expected):
    assert fr(raw) == expected


def test_french_typography_is_idempotent(seed):
    texts = [seed.edito, seed.et_apres, *(card.text for card in seed.annex_cards),
             "« a » ; b ! c ? d : e", "«x»?", "https://x.org/a?b=c:d !"]
    for text in texts:
        once = fr(text)
        assert fr(once) == once


def test_one_typography_for_every_format(seed, seed_pdf):
    """The defect: 257 straight apostrophes and « ... » in the seed's booklet."""
    html = re.sub(r"<[^>]*>", " ", exports.html.render(seed).decode().split("<body>")[1])
    documents = {"md": exports.markdown.render(seed).decode(), "html": html,
                 "docx": "\n".join(p.text for p in _docx(seed).paragraphs),
                 "pdf": _pdftotext(seed_pdf)}
    for name, document in documents.items():
        assert not re.findall(r"\w(?:'|&#39;)\w", document), name
        assert not re.search(r"(?<![.\s])\.\.\.(?!\.)", document), name  # (not leaders)
        assert "d’Abord" in document, name


def test_identical_feedback_answers_are_grouped():
    from exports.synthesis import FeedbackQuestion, FeedbackSummary

    s = Synthesis(title="Retours", feedback=FeedbackSummary(answers_count=6, questions=[
        FeedbackQuestion(label="Le plus utile ?", kind="text",
                         texts=["Les échanges", "les échanges.", "Les  échanges", "Le café",
                                "Les échanges", "Les échanges"])]))
    md = exports.markdown.render(s).decode()
    assert "× 5" in md and md.count("changes") == 1
    html = exports.html.render(s).decode()
    assert "× 5" in html and html.count("Les échanges") == 1
    docx_text = "\n".join(p.text for p in _docx(s).paragraphs)
    assert "× 5" in docx_text and docx_text.count("échanges") == 1


def test_french_dates_without_system_locale():
    assert format_date(date(2021, 12, 14)) == "14 décembre 2021"
    assert format_date(date(2021, 12, 14), weekday=True) == "mardi 14 décembre 2021"
    assert format_date(date(2022, 3, 1)) == "1er mars 2022"
    assert format_dates([date(2021, 12, 14), date(2022, 2, 10)]) == (
        "14 décembre 2021 et 10 février 2022")
    assert format_dates([date(2022, 2, 1), date(2022, 2, 10)]) == "1er et 10 février 2022"
    assert format_dates([]) == ""
    assert format_datetime(datetime(2026, 11, 22, 14, 5)) == "22 novembre 2026 à 14\u00a0h\u00a005"


# DOCX --------------------------------------------------------------------------------

def _docx(synthesis) -> python_docx.document.Document:
    return python_docx.Document(io.BytesIO(exports.docx.render(synthesis)))


def _outline(document):
    """(heading 1, heading 2, heading 3, paragraph) for every body paragraph."""
    h1 = h2 = h3 = None
    for paragraph in document.paragraphs:
        style = paragraph.style.name
        text = plain(paragraph.text)
        if style == "Heading 1":
            h1, h2, h3 = text, None, None
        elif style == "Heading 2":
            h2, h3 = text, None
        elif style == "Heading 3":
            h3 = text
        yield h1, h2, h3, paragraph


def test_docx_parts_are_heading_1_in_booklet_order(seed):
    document = _docx(seed)
    titles = [plain(p.text) for p in document.paragraphs if p.style.name == "Heading 1"]
    assert titles == PART_TITLES
    cover = document.tables[0].cell(0, 0).paragraphs
    assert [plain(p.text) for p in cover if p.style.name == "Title"] == [seed.title]
    axes = [plain(p.text) for p in document.paragraphs if p.style.name == "Heading 2"
            and re.match(r"\d+\. ", p.text)]
    assert axes == [plain(f"{a.number}. {a.title}") for a in seed.axes]


def test_docx_cover_then_page_break_and_properties(seed):
    document = _docx(seed)
    body = document.element.body.xml
    cover_end = body.index('w:type="page"')
    for text in ("Collectif Logement Rhône", "14 décembre 2021 et 10 février 2022", "Lyon"):
        assert body.index(text) < cover_end
    assert document.core_properties.title == seed.title
    assert document.core_properties.language == "fr-FR"
    assert 'w:val="fr-FR"' in document.styles.element.xml
    assert document.sections[0].different_first_page_header_footer
    assert round(document.sections[0].page_width.cm, 1) == 21.0


def test_docx_cover_names_the_organisation_once_and_has_no_header(seed):
    """QA #20: without a logo, « Collectif Logement Rhône » was printed above the cover's
    block and again inside it; the page header stays off the cover."""
    for logo in (None, ImageData(media_type="image/png", data=_logo_png())):
        document = _docx(dataclasses.replace(seed, logo=logo))
        body = document.element.body.xml
        cover = body[:body.index('w:type="page"')]
        assert cover.count(">Collectif Logement Rhône</w:t>") == 1  # (the subtitle names it too)
        section = document.sections[0]
        assert section.different_first_page_header_footer
        first = section.first_page_header
        assert first.is_linked_to_previous or not "".join(p.text for p in first.paragraphs)


def test_docx_each_card_is_under_its_axis(seed):
    outline = list(_outline(_docx(seed)))
    for axis in seed.axes:
        heading = plain(f"{axis.number}. {axis.title}")
        under_axis = [(h3, p) for _, h2, h3, p in outline if h2 == heading]
        texts = [plain(p.text) for _, p in under_axis]
        for lever in axis.levers:
            index = next(i for i, t in enumerate(texts) if plain(fr(lever.text)) in t)
            assert under_axis[index][0] == booklet.LEVERS
            expected_style = "Quote" if lever.verbatim else "List Bullet"
            assert under_axis[index][1].style.name == expected_style
            for offset, answer in enumerate(lever.answers, 1):
                h3, paragraph = under_axis[index + offset]
                assert paragraph.style.name == "Oui mais"
                assert paragraph.text.startswith("Oui, mais…")
                assert plain(fr(answer.text)) in plain(paragraph.text)
        for limit in axis.other_limits:
            shown = booklet.quoted(limit.text) if limit.verbatim else limit.text
            matches = [(h3, p) for h3, p in under_axis if plain(fr(shown)) in plain(p.text)]
            assert matches and matches[0][0] == booklet.LIMITS
            if limit.verbatim:
                assert matches[0][1].style.name == "Quote"
                assert matches[0][1].text.startswith("«")


def test_docx_each_recommendation_is_under_its_target_and_theme(seed):
    outline = list(_outline(_docx(seed)))
    found = {(h2, h3, re.sub(r" — \d+ gommettes?$", "", plain(p.text)))  # the room's dots
             for h1, h2, h3, p in outline
             if h1 == "Les recommandations" and p.style.name == "List Bullet"}
    expected = {(plain(fr(target.title)), plain(fr(theme.title)), plain(fr(item.text)))
                for target in seed.recommendations for theme in target.themes
                for item in theme.items}
    assert found == expected
    heading_styles = {p.style.name for h1, _, _, p in outline if h1 == "Les recommandations"}
    assert {"Heading 2", "Heading 3"} <= heading_styles


def test_docx_contents_are_there_on_opening_with_linked_entries(seed):
    """The defect: the DOCX opened on « Sommaire à générer : clic droit puis… »."""
    document = _docx(seed)
    body = document.element.body.xml
    assert "Sommaire à générer" not in body
    entries = [p for p in document.paragraphs if p.style.name in ("toc 1", "toc 2")]
    assert [plain(p.text) for p in entries if p.style.name == "toc 1"] == PART_TITLES
    assert len([p for p in entries if p.style.name == "toc 2"]) == (
        len(seed.axes) + len(seed.recommendations))
    anchors = re.findall(r'w:anchor="(_Toc\d+)"', body)
    assert len(anchors) == len(entries)
    for anchor in anchors:
        assert f'w:name="{anchor}"' in body and f"PAGEREF {anchor}" in body
    assert "updateFields" in document.settings.element.xml
    footer = document.sections[0].footer._element.xml
    assert " PAGE " in footer and " NUMPAGES " in footer
    assert "<w:sz " not in footer  # one font size: the Footer style's
    assert fr(seed.title) in document.sections[0].header._element.xml


def test_docx_theme_properties_and_parts_that_follow_on(seed):
    """The defects: generic Calibri/Cambria theme, « Microsoft Macintosh Word » 2013, every
    part on a new page."""
    document = _docx(seed)
    styles = document.styles.element.xml
    assert 'w:ascii="DejaVu Sans"' in styles and 'w:ascii="DejaVu Sans Condensed"' in styles
    assert "Calibri" not in styles and "Cambria" not in styles
    props = document.core_properties
    assert props.author == seed.organiser and props.title == seed.title
    assert props.created == seed.generated_at.astimezone(timezone.utc)
    assert props.last_modified_by == "Ensemble" and props.modified == props.created
    app = next(p for p in document.part.package.iter_parts()
               if str(p.partname) == "/docProps/app.xml").blob.decode()
    assert "<Application>Ensemble</Application>" in app and "Microsoft" not in app
    breaks = {plain(p.text) for p in document.paragraphs
              if p.style.name == "Heading 1" and p.paragraph_format.page_break_before}
    assert breaks == {"Les 10 axes pour mettre en place le Logement d'Abord",
                      "Les recommandations", "Annexe"}


def test_docx_annex_tables_per_axis_with_repeated_headers_and_whole_rows(seed):
    """The defects: the full axis title on every row, rows split across pages."""
    document = _docx(seed)
    cards = [t for t in document.tables if t.rows[0].cells[0].text == booklet.CARD_COLUMNS[1]]
    recs = [t for t in document.tables
            if tuple(c.text for c in t.rows[0].cells) == booklet.RECOMMENDATION_COLUMNS[2:]]
    assert len(cards) == len({c.axis_or_question for c in seed.annex_cards})
    assert sum(len(t.rows) - 1 for t in cards) == len(seed.annex_cards)
    assert sum(len(t.rows) - 1 for t in recs) == len(seed.annex_recommendations)
    for table in cards + recs:
        assert "tblHeader" in table.rows[0]._tr.xml
        assert all("cantSplit" in row._tr.xml for row in table.rows)
    assert not any(seed.axes[0].title in cell.text for t in cards for cell in t._cells)


def test_docx_cover_title_has_no_stray_rule(seed):
    """The defect: a blue line (the template's Title style border) under the cover's title."""
    title = _docx(seed).styles["Title"].element
    assert title.find(f"{qn('w:pPr')}/{qn('w:pBdr')}") is None


def test_docx_annex_headers_and_short_values_fit_their_columns_whole(seed):
    """The defect: the annex header broke as « Soutie/ns » (a word wider than its column is
    cut between two letters by Word and LibreOffice). Each header, in bold, and each label
    of a narrow column (type, profile, theme, status: « (accompagnement, » was cut too) fits
    its column's width less the cell margins, with room to spare for the word processor's
    rounding."""
    bold = TTFont(exports.pdf.FONTS_DIR / "DejaVuSans-Bold.ttf")
    regular = TTFont(exports.pdf.FONTS_DIR / "DejaVuSans.ttf")

    def cm(font, text, size=8.5):
        advances, cmap = font["hmtx"], font.getBestCmap()
        units = sum(advances[cmap[ord(char)]][0] for char in text)
        return units / font["head"].unitsPerEm * size / 72 * 2.54

    margins, spare = 2 * 0.19, 0.1  # Word's default cell margins (108 twips a side)
    document = _docx(seed)
    assert document.tables[1:]
    for table in document.tables[1:]:  # the first is the cover's block
        grid = table._tbl.tblGrid.findall(qn("w:gridCol"))
        widths = [int(col.get(qn("w:w"))) / 1440 * 2.54 for col in grid]
        for column, width in enumerate(widths):
            cells = [row.cells[column].text for row in table.rows]
            room = width - margins - spare
            assert cm(bold, cells[0]) <= room, (cells[0], width)
            if width < 4:  # a narrow column: no word of its values is cut either
                for word in " ".join(cells[1:]).split():
                    assert cm(regular, word) <= room, (word, width)


def test_docx_keeps_hostile_text_literal(hostile):
    texts = [p.text for p in _docx(hostile).paragraphs]
    assert any(EVIL_IMG in text for text in texts)
    assert any(fr(EVIL_SCRIPT) in text for text in texts)


LOGO_RGB = (26, 158, 60)


def _logo_png() -> str:
    image = Image.new("RGB", (400, 160), "white")
    image.paste(Image.new("RGB", (150, 150), LOGO_RGB), (5, 5))
    out = io.BytesIO()
    image.save(out, "PNG")
    return base64.b64encode(out.getvalue()).decode()


def _has_logo(png) -> bool:
    """Whether the page shows a block of the logo's green in its upper half."""
    image = Image.open(png).convert("RGB")
    top = image.crop((0, 0, image.width, image.height // 2))
    near = sum(1 for pixel in top.get_flattened_data()
               if all(abs(a - b) < 40 for a, b in zip(pixel, LOGO_RGB)))
    return near > 100


def _svg_logo(size: str = 'viewBox="0 0 300 120"') -> ImageData:
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" {size}><rect x="0" y="0" width="120" '
           f'height="120" fill="rgb{LOGO_RGB}"/></svg>')
    return ImageData(media_type="image/svg+xml", data=base64.b64encode(svg.encode()).decode())


def _cover_pictures(document) -> list[Image.Image]:
    """The images drawn in the cover's first paragraph (the logo's place)."""
    first = document.paragraphs[0]._p
    ids = [blip.get(qn("r:embed")) for blip in first.iter(qn("a:blip"))]
    return [Image.open(io.BytesIO(document.part.related_parts[i].blob)) for i in ids]


@pytest.mark.parametrize("size", ['viewBox="0 0 300 120"', 'width="30mm" height="12mm"', ""])
def test_docx_cover_shows_an_svg_logo_as_a_picture(seed, size):
    """The defect: an SVG logo (accepted on upload, shown on the PDF and HTML covers) was
    missing from the DOCX, which python-docx cannot give an SVG: it is drawn as a PNG."""
    document = _docx(dataclasses.replace(seed, logo=_svg_logo(size)))
    pictures = _cover_pictures(document)
    assert len(pictures) == 1 and pictures[0].format == "PNG"
    assert pictures[0].height >= 300  # sharp when printed at 2.6 cm
    green = [p for p in pictures[0].convert("RGB").get_flattened_data()
             if all(abs(a - b) < 40 for a, b in zip(p, LOGO_RGB))]
    assert len(green) > 1000
    assert seed.organiser not in document.paragraphs[0].text  # the logo, not the name


def test_docx_cover_shows_the_name_when_an_svg_logo_draws_nothing(seed):
    document = _docx(dataclasses.replace(seed, logo=_svg_logo('width="0" height="0"')))
    assert not _cover_pictures(document)
    block = document.tables[0].cell(0, 0).paragraphs
    assert plain(fr(seed.organiser)) in [plain(p.text) for p in block]  # once, as without a logo


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_docx_converted_by_libreoffice_looks_like_the_pdf(seed, tmp_path):
    """Issue 12: the DOCX as good as the PDF. Both rendered to PNG: close page counts, the
    logo on both covers, the contents' page numbers computed on opening."""
    s = dataclasses.replace(seed, logo=ImageData(media_type="image/png", data=_logo_png()),
                            accent_colour="#8a1c4a")
    source = tmp_path / "livret.docx"
    source.write_bytes(exports.docx.render(s))
    (tmp_path / "export.pdf").write_bytes(exports.pdf.render(s))
    subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
                    "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=180)
    pages = {}
    for name in ("livret", "export"):
        subprocess.run(["pdftoppm", "-r", "30", "-png", str(tmp_path / f"{name}.pdf"),
                        str(tmp_path / name)], check=True)
        pages[name] = sorted(tmp_path.glob(f"{name}-*.png"))
    assert abs(len(pages["livret"]) - len(pages["export"])) <= max(3, len(pages["export"]) // 4)
    assert _has_logo(pages["livret"][0]) and _has_logo(pages["export"][0])
    assert not _has_logo(pages["livret"][1])
    text = plain(_pdftotext(tmp_path / "livret.pdf"))
    assert "Garantir le respect d'un droit fondamental" in text and "Oui, mais…" in text
    # The annex headers are whole words (the defect: « Soutie/ns »).
    assert set(re.findall(r"Souti\S*", text)) == {"Soutiens"}
    contents = plain(_pdftotext(tmp_path / "livret.pdf", "-f", "2", "-l", "2"))
    assert re.search(r"Édito\s*\.{5,}\s*\d+", contents)  # page numbers, no manual step


# PDF ---------------------------------------------------------------------------------

def _pdftotext(path, *options) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", *options, str(path), "-"],
                          check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def seed_pdf(seed, tmp_path_factory):
    path = tmp_path_factory.mktemp("pdf") / "livret.pdf"
    path.write_bytes(exports.pdf.render(seed))
    return path


def test_pdf_contains_every_axis_and_french_text(seed, seed_pdf):
    assert seed_pdf.read_bytes().startswith(b"%PDF")
    text = plain(_pdftotext(seed_pdf))
    for axis in seed.axes:
        assert plain(fr(axis.title)) in text
    for target in seed.recommendations:
        assert plain(fr(target.title)) in text
    for expected in ("L'accompagnement dans tous ses états", "Et après ?", "Oui, mais…",
                     "œuvrant", "« Se réunir est un début", "14 décembre 2021"):
        assert expected in text


def test_pdf_page_count_headers_and_numbers(seed, seed_pdf):
    pages = _pdftotext(seed_pdf).split("\f")[:-1]
    assert 12 <= len(pages) <= 40
    cover = plain(pages[0])
    assert "page 1" not in cover and seed.title in cover
    assert "Lo‐ gement" not in cover and "\u2010" not in cover  # names never hyphenated
    third = plain(pages[2])
    assert third.startswith(seed.title) and f"page 3 / {len(pages)}" in third
    toc = plain(pages[1])
    assert re.search(r"Édito\s*\.{5,}\s*3 ", toc)  # page numbers from target-counter()


def test_pdf_is_tagged_in_french(seed_pdf):
    """The defect: the PDF was untagged; screen readers got no structure."""
    info = subprocess.run(["pdfinfo", str(seed_pdf)], capture_output=True, text=True).stdout
    assert re.search(r"Tagged:\s+yes", info)


def test_pdf_embeds_only_the_shipped_fonts(seed_pdf):
    listing = subprocess.run(["pdffonts", str(seed_pdf)], check=True, capture_output=True,
                             text=True).stdout.splitlines()[2:]
    assert listing
    for line in listing:
        assert "Ensemble-" in line.split()[0]  # our @font-face families, not host fonts
        assert " yes yes yes " in line  # embedded, subset, with a Unicode map


def test_pdf_pages_render_as_images(seed_pdf, tmp_path):
    subprocess.run(["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "3", str(seed_pdf),
                    str(tmp_path / "page")], check=True)
    images = sorted(tmp_path.glob("page-*.png"))
    assert len(images) == 3
    cover = Image.open(images[0]).convert("RGB")
    width, height = cover.size
    assert width < height  # portrait A4
    red, green, blue = cover.getpixel((width // 10, height // 10))
    assert (red, green, blue) == pytest.approx((11, 92, 107), abs=12)  # full-bleed cover
    assert Image.open(images[2]).convert("RGB").getpixel((width // 2, height // 2)) != (
        red, green, blue)


def test_pdf_covers_keep_their_own_colour_one_booklet_after_another(tmp_path):
    """The print style sheet is parsed once per process and reused (exports/pdf.py): a
    booklet laid out next by the same renderer, with another organisation's colour, must
    still get its own cover."""
    for colour, rgb in (("#8a1c4a", (138, 28, 74)), ("#1c4a8a", (28, 74, 138)),
                        ("#8a1c4a", (138, 28, 74))):
        path = tmp_path / "livret.pdf"
        path.write_bytes(exports.pdf.render(Synthesis(title="Atelier", accent_colour=colour)))
        subprocess.run(["pdftoppm", "-r", "20", "-png", "-f", "1", "-l", "1", "-singlefile",
                        str(path), str(tmp_path / "cover")], check=True)
        cover = Image.open(tmp_path / "cover.png").convert("RGB")
        assert cover.getpixel((cover.width // 10, cover.height // 10)) == pytest.approx(
            rgb, abs=12)


def test_pdf_style_sheet_gets_its_variables_resolved():
    css = (":root { --ink: #111; --accent: #222; }\n:root { --accent: #333; }\n"
           "a { color: var(--accent); border: 1px solid var(--ink); }\n"
           "b { color: var(--unknown); background: var(--ink, red); }")
    resolved = exports.pdf.with_variables_resolved(css)
    assert "a { color: #333; border: 1px solid #111; }" in resolved
    assert "b { color: var(--unknown); background: var(--ink, red); }" in resolved


def test_pdf_keeps_hostile_text_literal(tmp_path):
    synthesis = Synthesis(title="Atelier", axes=[AxisSection(
        number=1, title="Axe", levers=[Lever(text=EVIL_IMG)],
        other_limits=[Limit(text=EVIL_SCRIPT)])])
    path = tmp_path / "hostile.pdf"
    path.write_bytes(exports.pdf.render(synthesis))
    text = _pdftotext(path)
    assert EVIL_IMG in text and "<script>" in text


# HTML --------------------------------------------------------------------------------

class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.urls = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        self.urls += [(name, attrs[name]) for name in ("href", "src", "srcset", "action")
                      if name in attrs]


def _parse(data: bytes) -> _Collector:
    collector = _Collector()
    collector.feed(data.decode("utf-8"))
    return collector


def test_html_is_self_contained(seed):
    data = exports.html.render(seed)
    page = _parse(data)
    allowed = {link.url for link in seed.links}
    for name, url in page.urls:
        assert name == "href" and (url.startswith("#") or url in allowed), url
    text = data.decode()
    assert "url(" not in text and "@import" not in text
    assert not any(tag in ("script", "link", "img", "iframe") for tag, _ in page.tags)
    assert text.startswith("<!DOCTYPE html>") and '<html lang="fr">' in text


def test_html_semantics(seed):
    page = _parse(exports.html.render(seed))
    tags = [tag for tag, _ in page.tags]
    assert tags.count("h1") == 1
    assert tags.count("blockquote") >= 3
    assert {"main", "nav", "section", "article", "ul", "table", "th"} <= set(tags)
    headers = [attrs for tag, attrs in page.tags if tag == "th"]
    assert all(attrs.get("scope") in ("col", "row") for attrs in headers)
    internal = {attrs["href"][1:] for tag, attrs in page.tags
                if tag == "a" and attrs.get("href", "").startswith("#")}
    ids = {attrs["id"] for _, attrs in page.tags if "id" in attrs}
    assert internal <= ids


def test_html_escapes_user_text(hostile):
    data = exports.html.render(hostile).decode()
    page = _parse(data.encode())
    assert not any(tag in ("img", "script") for tag, _ in page.tags)
    assert "&lt;img src=x onerror=alert(1)&gt;" in data
    assert "&lt;script&gt;" in data
    assert not any(url.startswith("javascript") for _, url in page.urls)


# Markdown ----------------------------------------------------------------------------

def test_markdown_headings(seed):
    lines = exports.markdown.render(seed).decode().splitlines()
    assert plain(lines[0]) == f"# {seed.title}"
    assert [plain(line[3:]) for line in lines if line.startswith("## ")] == PART_TITLES
    axes = [line for line in lines if line.startswith("### ") and "\\." in line[:9]]
    assert [plain(line[4:]).replace("\\.", ".") for line in axes] == [
        plain(f"{a.number}. {a.title}") for a in seed.axes]
    assert "#### Oui, mais…" in lines and "#### Les leviers" in lines
    assert "[www.collectif-logement-rhone.net](<https://www.collectif-logement-rhone.net>)" in (
        "\n".join(lines))


def test_markdown_escapes_user_text(hostile):
    text = exports.markdown.render(hostile).decode()
    assert "\\<img src=x onerror=alert(1)>" in text
    assert "<img" not in text.replace("\\<img", "")
    assert "javascript:alert(1)" in text and "](<javascript" not in text


# XLSX --------------------------------------------------------------------------------

def _workbook(synthesis):
    return openpyxl.load_workbook(io.BytesIO(exports.xlsx.render(synthesis)))


def test_xlsx_sheets_headers_and_filters(seed):
    polled = dataclasses.replace(seed, polls=[PollResult(
        question="Où en est notre territoire ?", kind="single",
        options=[("Coordination", 12), ("Intégration", 3)], total=15)])
    book = _workbook(polled)
    assert book.sheetnames == ["Cartes", "Recommandations", "Participants par type", "Groupes",
                               "Sondages", "Questionnaire"]
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref.startswith("A1:")
        assert all(cell.font.bold for cell in sheet[1])
    cards = book["Cartes"]
    assert tuple(c.value for c in cards[1]) == xlsx.CARD_COLUMNS
    assert cards.max_row == len(seed.annex_cards) + 1
    assert isinstance(cards["H2"].value, int)  # supports
    assert cards.column_dimensions["E"].width == 60
    assert cards["E2"].alignment.wrap_text
    groups = {row[0]: row[1] for row in book["Groupes"].iter_rows(min_row=2, values_only=True)}
    assert sum(groups.values()) == len(seed.annex_recommendations)
    assert groups["Groupe 1"] == sum(1 for r in seed.annex_recommendations if r.group == "Groupe 1")
    polls = list(book["Sondages"].iter_rows(min_row=2, values_only=True))
    assert polls[0][2:] == ("Coordination", 12, 15)
    assert "Sondages" not in _workbook(seed).sheetnames


def test_xlsx_neutralises_formulas(hostile):
    sheet = _workbook(hostile)["Cartes"]
    cell = sheet["E2"]
    assert cell.value == "'" + EVIL_FORMULA and cell.data_type == "s"
    assert sheet["L2"].value == "'@autre"
    assert sheet["E3"].value == EVIL_IMG


@pytest.mark.parametrize("text", ["=1+1", "+33 6", "-2", "@SUM(A1)", "\tx", "\rx", "＝1+1"])
def test_xlsx_neutralise_triggers(text):
    assert xlsx.neutralise(text).startswith("'")


def test_xlsx_neutralise_leaves_other_values():
    assert xlsx.neutralise("Bonjour") == "Bonjour"
    assert xlsx.neutralise(12) == 12
    assert xlsx.neutralise(None) is None


def test_pdf_annex_of_a_very_large_workshop_points_to_the_spreadsheet(seed, tmp_path):
    from exports import pdf

    many = [dataclasses.replace(seed.annex_cards[0], text=f"Carte brute numéro {i}")
            for i in range(pdf.PDF_ANNEX_CARD_LIMIT + 1)]
    big = dataclasses.replace(seed, annex_cards=many)
    (tmp_path / "big.pdf").write_bytes(pdf.render(big))
    text = plain(_pdftotext(tmp_path / "big.pdf"))
    assert "trop nombreuses pour être imprimées ici" in text
    assert "Carte brute numéro 7 " not in text + " "
    # the seed's 38 cards are listed one by one
    (tmp_path / "seed.pdf").write_bytes(pdf.render(seed))
    assert "trop nombreuses" not in plain(_pdftotext(tmp_path / "seed.pdf"))
    docx_text = "\n".join(p.text for p in _docx(big).paragraphs) + "".join(
        c.text for t in _docx(big).tables for row in t.rows for c in row.cells)
    assert "Carte brute numéro 7" in docx_text  # the DOCX keeps them all
