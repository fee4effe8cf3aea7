"""The seed booklet with an organisation's identity, looked at page by page (PDF, and the
DOCX as LibreOffice lays it out): what a federation would not have sent, each defect seen
on the pages and checked here where it can be (text, DOCX XML)."""
from __future__ import annotations

import base64
import dataclasses
import io
import re
import subprocess

import docx as python_docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Pt
from PIL import Image

import exports.docx
import exports.pdf
from exports import booklet
from exports.typography import fr
from exports.synthesis import Image as ImageData
from exports.synthesis import Lever, Partner, Recommendation, TargetSection, ThemeSection
from tests.fixtures import load_seed_synthesis

ACCENT = "#8a1c4a"


def _png(colour) -> ImageData:
    out = io.BytesIO()
    Image.new("RGB", (300, 120), colour).save(out, "PNG")
    return ImageData(media_type="image/png", data=base64.b64encode(out.getvalue()).decode())


@pytest.fixture(scope="module")
def seed():
    """The seed booklet as an organisation would send it: its logo, colour and partners."""
    return dataclasses.replace(
        load_seed_synthesis(), logo=_png((26, 158, 60)), accent_colour=ACCENT,
        partners=[Partner(name="Fondation Abbé Pierre", logo=_png((200, 30, 30))),
                  Partner(name="Métropole de Lyon")])


@pytest.fixture(scope="module")
def document(seed):
    return python_docx.Document(io.BytesIO(exports.docx.render(seed)))


def test_docx_counts_never_leave_their_dash_at_the_end_of_a_line(document):
    """Seen in LibreOffice: « …d'urgence ? — » then « 9 soutiens » on the next line (and
    « — / 7 gommettes »); the PDF keeps them in one unbreakable span."""
    counts = [run.text for paragraph in document.paragraphs for run in paragraph.runs
              if re.search(r"\d+\s(soutiens?|gommettes?)", run.text)]
    assert len(counts) > 50
    assert all(text.startswith(" —\u00a0") for text in counts), counts[:3]


def test_docx_table_headers_take_the_organisations_colour(seed, document):
    """Seen: every table's header was Ensemble's teal tint on a burgundy booklet, where
    the PDF's are the organisation's colour lightened."""
    fills = {shading.get(qn("w:fill")) for table in document.tables[1:]
             for shading in table.rows[0]._tr.iter(qn("w:shd"))}
    assert fills == {booklet.tint(ACCENT, 0.88).lstrip("#").upper()}


def test_docx_annex_recommendations_by_target_and_theme_as_in_the_pdf(seed, document):
    """Seen: the annex repeated a theme of up to 80 characters on every row of a narrow
    column, five lines high per row; the PDF groups them under « target › theme »."""
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 3"
                and "›" in p.text]
    expected = [booklet.target_and_theme(*where) for where, _ in booklet.consecutive_groups(
        seed.annex_recommendations, "target", "theme")]
    assert [h.replace("\u2019", "'") for h in headings] == expected
    tables = [t for t in document.tables
              if t.rows[0].cells[0].text == booklet.RECOMMENDATION_COLUMNS[2]]
    assert len(tables) == len(expected)
    assert all(booklet.RECOMMENDATION_COLUMNS[1] not in (c.text for c in t.rows[0].cells)
               for t in tables)


def test_docx_headings_leave_room_under_them(document):
    """Seen: « Qui était là ? » with « 94 personnes ont participé. » glued under it, every
    day's and theme's title on its first line (the template's headings have no space
    after); the PDF leaves room."""
    for name, room in (("Heading 1", Pt(8)), ("Heading 2", Pt(3)), ("Heading 3", Pt(3))):
        assert document.styles[name].paragraph_format.space_after >= room, name


def test_docx_partners_show_their_logo_or_their_name_as_in_the_pdf(document):
    """Seen: the partner's name printed beside its logo, sitting on the logo's baseline
    far to its right; the PDF shows the logo alone (its name for screen readers)."""
    back = document.paragraphs[-6:]
    with_logo = [p for p in back if p._p.findall(f".//{qn('a:blip')}")]
    assert len(with_logo) == 1
    assert with_logo[0].text == ""
    described = with_logo[0]._p.find(f".//{qn('wp:docPr')}").get("descr")
    assert described == "Fondation Abbé Pierre"
    assert "Métropole de Lyon" in [p.text for p in back]


def test_pdf_annex_labels_are_never_hyphenated(seed):
    """Seen: the annex's small grey labels cut as « Asso-ciation (ac-compagnement, … »."""
    pdf = exports.pdf.render(seed)
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True,
                          check=True).stdout.decode()
    annex = text[text.rindex(booklet.ANNEX_CARDS):]
    as_laid_out = " ".join(annex.split())  # a word cut at a line's end keeps its « ‐ »
    whole = " ".join(annex.replace("\u2010\n", "").split())
    labels = {label for label, _ in seed.attendance.by_type}
    assert sum(whole.count(f"· {label}") for label in labels) > 20
    for label in labels:
        assert as_laid_out.count(f"· {label}") == whole.count(f"· {label}"), label


def test_pdf_lines_ending_on_a_count_break_between_words():
    """Seen on the seed's page 13: « • S'autori‐ » alone on its line, the rest of the
    recommendation and « — 4 gommettes » below (WeasyPrint breaking a line before an inline
    span after a space); and « — 8 gom‐mettes ». Every recommendation and card of the seed,
    cut at every other word so that lines end at every width: no line holds only the first
    syllable of a text, no count is hyphenated."""
    seed = load_seed_synthesis()
    items = []
    for text in (i.text for t in seed.recommendations for th in t.themes for i in th.items):
        words = text.split()
        items += [Recommendation(text=" ".join(words[:cut]), votes=4 + cut % 9)
                  for cut in range(3, len(words) + 1, 2)]
    s = dataclasses.replace(
        seed, annex_cards=[], annex_recommendations=[],
        recommendations=[TargetSection(key="t", title="Cible", themes=[
            ThemeSection(title="Thème", items=items)])],
        axes=[dataclasses.replace(seed.axes[0], other_limits=[], levers=[
            Lever(text=item.text, supports=item.votes) for item in items[:250]])])
    lines = subprocess.run(["pdftotext", "-", "-"], input=exports.pdf.render(s),
                           capture_output=True, check=True).stdout.decode().splitlines()
    assert sum("gommettes" in line for line in lines) > 100
    assert [line for line in lines if line.endswith("\u2010") and len(line.split()) <= 2] == []
    assert [line for line in lines if re.search(r"(gom|sou)\u2010$", line)] == []


def test_docx_contents_dots_start_after_the_title(document):
    """Seen in LibreOffice: « Édito........ » the dots glued to each title's last letter;
    the PDF's start a space after it."""
    entries = [p for p in document.paragraphs if p.style.name in ("toc 1", "toc 2")]
    assert len(entries) > 10
    for entry in entries:
        texts = [t.text for t in entry._p.iter(qn("w:t"))]
        assert texts[0].endswith("\u00a0"), texts


def test_docx_counts_are_tables_as_in_the_pdf(seed, document):
    """Seen: the feedback's scale in the DOCX as « • 1 : 0 (0 %) », « • 4 : 10 (48 %) »
    lines, where the PDF has a table of the answer, its count and its share; the
    attendance table had no share."""
    headers = [tuple(c.text for c in t.rows[0].cells) for t in document.tables]
    assert headers.count(("Réponse", "Nombre", "Part")) == len(
        [q for q in seed.feedback.questions if q.counts]) + len(seed.polls)
    attendance = document.tables[headers.index(("Type de structure", "Personnes", "Part"))]
    assert [c.text for c in attendance.rows[1].cells] == [
        "Association (accompagnement, hébergement)", "46", "49\u202f%"]
    assert not [p.text for p in document.paragraphs if re.match(r"\d : \d+ \(", p.text)]
    # The question under a table stands clear of it, and stays with its own table.
    label = next(p for p in document.paragraphs
                 if p.text.startswith("Souhaitez-vous participer"))
    assert label.paragraph_format.space_before >= Pt(6) and label.paragraph_format.keep_with_next


def test_docx_each_days_sequences_are_numbered_from_one_as_in_the_pdf(seed, document):
    """Seen: the PDF numbers each day's sequences (1. … 5., then 1. … 3.), the DOCX had
    bullets; with Word's List Number alone a second list goes on from the first (6, 7…),
    so each list has its own numbering, started at 1."""
    numbering = document.part.numbering_part.element
    lists = {}
    for paragraph in document.paragraphs:
        if paragraph.style.name == "List Number":
            num_id = paragraph._p.pPr.numPr.numId.val
            lists.setdefault(num_id, []).append(paragraph.text)
    days = [[s.title for s in day.sequences] for day in seed.method.days]
    for texts, titles in zip(lists.values(), days):
        assert len(texts) == len(titles)
        assert all(text.startswith(fr(title)) for text, title in zip(texts, titles))
    assert len(lists) == len(days) + 1  # and « Les priorités de la salle »
    for num_id in lists:
        start = numbering.num_having_numId(num_id).find(f"{qn('w:lvlOverride')}/{qn('w:startOverride')}")
        assert start is not None and start.get(qn("w:val")) == "1"
