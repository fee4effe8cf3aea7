"""Booklet as an editable Word document (opens in Word and LibreOffice), laid out like
the PDF: a designed cover (logo, the organisation's colour), a contents list visible as
soon as the file opens (entries linked to their headings, page numbers as fields the word
processor refreshes), parts that follow on (only the axes, the recommendations and the
annex open a page), the annex as one table per axis or question whose header row repeats
and whose rows never split.

Built-in styles carry the structure (Title, Heading 1–3, List Bullet, Quote, toc 1–2), so
that the navigation pane, the contents and style changes work as organisers expect; their
fonts are the DejaVu family the app ships (static/fonts). One custom paragraph style,
« Oui, mais… », indents the limits that answer a lever.
"""
from __future__ import annotations

import base64
import io

import cairosvg
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from . import booklet, ooxml
from .synthesis import AxisSection, Lever, Limit, Synthesis
from .typography import fr, format_dates, format_datetime, plural

ANSWER_STYLE = "Oui mais"
BODY_FONT = "DejaVu Sans"
HEADING_FONT = "DejaVu Sans Condensed"
_GREY = RGBColor(0x59, 0x63, 0x6E)
_LIMIT_COLOUR = RGBColor(0xA3, 0x3F, 0x2B)
_TEXT_WIDTH = Cm(16.6)
# Before a count (« — 3 soutiens »): a no-break space after the dash, which else ended a
# line with the count on the next (the PDF keeps the whole in one unbreakable span).
_DASH = " —\u00a0"
# The parts long enough to open a page of their own; the others follow on.
_NEW_PAGE = ("axes", "recommendations", "annex")
_RASTER = ("image/png", "image/jpeg")
SVG = "image/svg+xml"
SVG_HEIGHT_PX = 600  # an SVG logo drawn 600 px high: sharp at the cover's 2.6 cm and in print
# Style name → id, found once: python-docx looks a name up among every style at each
# `add_paragraph(style=…)`, which was most of a 2,000-card booklet's time. The ids are those
# of python-docx's template and of the styles `_setup` adds: the same for every document.
_STYLE_IDS: dict[str, str] = {}


def render(s: Synthesis) -> bytes:
    doc = Document()
    colour = booklet.accent(s).lstrip("#").upper()
    _setup(doc, s, colour)
    _cover(doc, s, colour)
    contents = _Contents(doc)
    for part in booklet.parts(s):
        heading = contents.heading(fr(part.title), 1)
        heading.paragraph_format.page_break_before = part.key in _NEW_PAGE
        _PARTS[part.key](doc, s, contents)
    _back_page(doc, s)
    contents.write()
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# Document set-up -------------------------------------------------------------------

def _setup(doc, s: Synthesis, colour: str) -> None:
    props = doc.core_properties
    props.title = s.title
    props.subject = s.subtitle
    props.author = s.organiser or "Ensemble"
    props.language = "fr-FR"
    props.keywords = "restitution, livret"
    props.comments = f"Livret généré avec Ensemble le {format_datetime(s.generated_at)}"
    ooxml.application_properties(doc, s.organiser, s.generated_at)

    styles = doc.styles
    defaults = styles.element.find(qn("w:docDefaults"))
    default_run = defaults.find(qn("w:rPrDefault"))
    default_run.find(qn("w:rPr")).find(qn("w:lang")).set(qn("w:val"), "fr-FR")
    ooxml.fonts(default_run, BODY_FONT)
    ooxml.theme_fonts(doc, HEADING_FONT, BODY_FONT)
    styles["Normal"].font.size = Pt(10)
    styles["Normal"].paragraph_format.space_after = Pt(5)
    accent = RGBColor.from_string(colour)
    for name, size in (("Title", 30), ("Heading 1", 20), ("Heading 2", 13), ("Heading 3", 11),
                       ("TOC Heading", 20)):
        style = styles[name]
        ooxml.fonts(style.element, HEADING_FONT)
        style.font.size, style.font.bold = Pt(size), True
        style.font.color.rgb = accent if name != "Heading 3" else RGBColor(0x1D, 0x27, 0x33)
        style.paragraph_format.keep_with_next = True
        style.element.get_or_add_pPr().append(ooxml.element("w:suppressAutoHyphens"))
    # The template's Title draws a blue rule under the title: a stray line on the cover.
    title_border = styles["Title"].element.pPr.find(qn("w:pBdr"))
    styles["Title"].element.pPr.remove(title_border)
    styles["Heading 1"].paragraph_format.space_before = Pt(24)
    # The template's headings have no space after: text sat glued under each title, where
    # the PDF leaves room (8 mm under a part's title).
    for name, after in (("Heading 1", 10), ("Heading 2", 4), ("Heading 3", 3)):
        styles[name].paragraph_format.space_after = Pt(after)
    styles["Quote"].font.color.rgb = RGBColor(0x1D, 0x27, 0x33)

    answer = styles.add_style(ANSWER_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    answer.base_style = styles["Normal"]
    answer.paragraph_format.left_indent = Cm(1)
    answer.paragraph_format.space_after = Pt(6)
    answer.font.size = Pt(9.5)
    for level in (1, 2):
        toc = styles.add_style(f"toc {level}", WD_STYLE_TYPE.PARAGRAPH)
        toc.base_style = styles["Normal"]
        toc.font.bold = level == 1
        toc.font.size = Pt(10 if level == 1 else 9)
        toc.paragraph_format.left_indent = Cm(0.6 * (level - 1))
        toc.paragraph_format.space_after = Pt(3 if level == 1 else 1)
        toc.paragraph_format.tab_stops.add_tab_stop(_TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT,
                                                    WD_TAB_LEADER.DOTS)
    styles["Footer"].font.size = Pt(8.5)  # « page », the number, « / » and the total alike
    styles["Footer"].font.color.rgb = _GREY
    styles["Header"].font.size = Pt(8)
    styles["Header"].font.color.rgb = _GREY

    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.2))
    section.top_margin, section.bottom_margin = Cm(2.2), Cm(2)
    section.different_first_page_header_footer = True  # the cover has neither

    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    header.add_run(fr(s.title))

    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("page ")
    footer._p.extend(ooxml.field_runs("PAGE", "1"))
    footer.add_run(" / ")
    footer._p.extend(ooxml.field_runs("NUMPAGES", "1"))

    # Word refreshes the contents' page numbers on opening (LibreOffice computes them).
    # Word rejects settings out of schema order: updateFields goes before w:compat.
    settings = doc.settings.element
    settings.find(qn("w:compat")).addprevious(ooxml.element("w:updateFields", val="true"))
    settings.find(qn("w:themeFontLang")).set(qn("w:val"), "fr-FR")


def _cover(doc, s: Synthesis, colour: str) -> None:
    """The logo on white, then a block of the organisation's colour with its name (once:
    not above the block too when there is no logo) and the title."""
    top = doc.add_paragraph()
    top.paragraph_format.space_after = Pt(18)
    picture = _picture(s.logo)
    if picture:
        top.add_run().add_picture(picture, height=Cm(2.6))
    block = doc.add_table(rows=1, cols=1)
    block.alignment = WD_TABLE_ALIGNMENT.CENTER
    ooxml.no_borders(block)
    row = block.rows[0]
    row.height, row.height_rule = Cm(19.5), WD_ROW_HEIGHT_RULE.EXACTLY
    cell = row.cells[0]
    cell.width = _TEXT_WIDTH
    ooxml.shade(cell, colour)
    white = RGBColor(0xFF, 0xFF, 0xFF)
    first = cell.paragraphs[0]
    first.paragraph_format.space_before = Cm(2)
    if s.organiser:
        _run(first, fr(s.organiser), size=10, bold=True, colour=white).font.all_caps = True
    title = cell.add_paragraph(style="Title")
    title.paragraph_format.left_indent = title.paragraph_format.right_indent = Cm(0.8)
    title.paragraph_format.space_before = Cm(1)
    _run(title, fr(s.title), colour=white)
    for paragraph in (first,):
        paragraph.paragraph_format.left_indent = Cm(0.8)
    if s.subtitle:
        _indented(cell.add_paragraph(), fr(s.subtitle), size=13, colour=white)
    spacer = cell.add_paragraph()
    spacer.paragraph_format.space_before = Cm(6)
    for line, bold in ((format_dates(s.dates), True), (s.place, False)):
        if line:
            _indented(cell.add_paragraph(), fr(line), size=12, colour=white, bold=bold)
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _indented(paragraph, text: str, **formatting) -> None:
    paragraph.paragraph_format.left_indent = Cm(0.8)
    paragraph.paragraph_format.right_indent = Cm(0.8)
    _run(paragraph, text, **formatting)


class _Contents:
    """The contents list: headings are bookmarked as they are written, then the list
    (levels 1 and 2) is written where it belongs, after the cover, inside a TOC field."""

    def __init__(self, doc):
        self.doc = doc
        self.title = doc.add_paragraph(booklet.TOC, style="TOC Heading")
        self.marker = doc.add_paragraph()
        self.entries: list[tuple[int, str, str]] = []

    def heading(self, text: str, level: int):
        paragraph = _heading(self.doc, text, level)
        if level <= 2:
            anchor = f"_Toc{len(self.entries) + 1:05d}"
            ooxml.bookmark(paragraph, anchor, len(self.entries) + 1)
            self.entries.append((level, text, anchor))
        return paragraph

    def write(self) -> None:
        """Each entry links to its heading; its page number is a PAGEREF field, which
        LibreOffice computes from the layout and Word refreshes on opening (updateFields).
        (Inside a TOC field LibreOffice would show the cached numbers only, none here.)"""
        for level, text, anchor in self.entries:
            paragraph = _add(self.doc, f"toc {level}")
            # A no-break space: the dots start a little after the title, as in the PDF.
            ooxml.internal_link(paragraph, anchor, text + "\u00a0", "")
            self.marker._p.addprevious(paragraph._p)
        self.marker.add_run().add_break(WD_BREAK.PAGE)


def _back_page(doc, s: Synthesis) -> None:
    """Partners and credits on a page of their own, as in seed 000."""
    if not (s.partners or s.colophon):
        return
    first = doc.add_paragraph()
    first.paragraph_format.page_break_before = True
    first.paragraph_format.space_before = Cm(14)
    for partner in s.partners:  # a logo, or the name when there is none, as in the PDF
        paragraph = doc.add_paragraph()
        picture = _picture(partner.logo)
        if picture:
            logo = paragraph.add_run().add_picture(picture, height=Cm(1.6))
            logo._inline.docPr.set("descr", fr(partner.name))  # what a screen reader says
        else:
            _run(paragraph, fr(partner.name), size=9, bold=True)
    for text in booklet.paragraphs(s.colophon):
        _paragraph(doc, text, size=9, colour=_GREY)
    _paragraph(doc, f"Livret généré avec Ensemble le {format_datetime(s.generated_at)}.",
               size=8, colour=_GREY)


def _picture(image) -> io.BytesIO | None:
    """A logo as a file python-docx embeds: PNG and JPEG as they are; an SVG (sanitised on
    upload: no script, no external reference) drawn as a PNG by CairoSVG, which reads no
    URL but data: ones (docs/decisions.md: Word and LibreOffice need a PNG beside an SVG,
    python-docx embeds neither)."""
    if image is None:
        return None
    data = base64.b64decode(image.data)
    if image.media_type == SVG:
        try:  # (an SVG without a size is 300 × 150, as in a browser and in the PDF)
            data = cairosvg.svg2png(bytestring=data, output_height=SVG_HEIGHT_PX,
                                    parent_width=300, parent_height=150)
        except ValueError:  # a logo of no size at all draws nothing: the name instead
            return None
    elif image.media_type not in _RASTER:
        return None
    return io.BytesIO(data)


# Parts -------------------------------------------------------------------------------

def _text_part(attribute: str):
    def write(doc, s: Synthesis, _contents) -> None:
        for text in booklet.paragraphs(getattr(s, attribute)):
            _paragraph(doc, text)
    return write


def _method(doc, s: Synthesis, _contents) -> None:
    if s.method.guiding_questions:
        _heading(doc, fr(booklet.GUIDING_QUESTIONS), 2)
        for question in s.method.guiding_questions:
            _paragraph(doc, question, style="List Bullet")
    for day in s.method.days:
        _heading(doc, fr(booklet.day_title(day)), 2)
        if day.objective:
            paragraph = _add(doc)
            _run(paragraph, fr("Objectif : "), bold=True)
            _run(paragraph, fr(day.objective))
        numbering = _new_numbering(doc)  # each day's sequences from 1, as in the PDF
        for sequence in day.sequences:
            paragraph = _numbered(doc, sequence.title, numbering)
            details = booklet.sequence_details(sequence)
            if details:
                _run(paragraph, f" ({fr(details)})", colour=_GREY)
        if day.attendance:
            _paragraph(doc, f"{booklet.people(day.attendance)} présentes.", italic=True)
    if s.feedback:
        _feedback(doc, s)


def _feedback(doc, s: Synthesis) -> None:
    feedback = s.feedback
    _heading(doc, fr(booklet.FEEDBACK), 2)
    _paragraph(doc, plural(feedback.answers_count, "réponse", "réponses") + ".")
    for question in feedback.questions:
        paragraph = _add(doc)
        paragraph.paragraph_format.space_before = Pt(8)  # clear of the table above
        paragraph.paragraph_format.keep_with_next = True
        _run(paragraph, fr(question.label), bold=True)
        if question.average is not None:
            _run(paragraph, fr(f" (moyenne : {question.average:.1f})".replace(".", ",")),
                 colour=_GREY)
        if question.counts:
            _counts(doc, s, question.counts, sum(count for _, count in question.counts))
        for text, count in booklet.grouped(question.texts):
            paragraph = _paragraph(doc, booklet.quoted(text), style="Quote")
            if count > 1:
                _run(paragraph, f" × {count}", colour=_GREY)


def _attendance(doc, s: Synthesis, _contents) -> None:
    attendance = s.attendance
    if attendance.total:
        _paragraph(doc, f"{booklet.people(attendance.total)} ont participé.")
    if attendance.by_type:
        _counts(doc, s, attendance.by_type, sum(count for _, count in attendance.by_type),
                ("Type de structure", "Personnes"))
    if attendance.organisations:
        _heading(doc, "Les structures présentes", 2)
        _paragraph(doc, ", ".join(attendance.organisations) + ".")


def _axes(doc, s: Synthesis, contents) -> None:
    for text in booklet.paragraphs(s.axes_intro):
        _paragraph(doc, text)
    for axis in s.axes:
        _axis(doc, axis, s.empty_axes_note, contents)


def _axis(doc, axis: AxisSection, note: str, contents) -> None:
    contents.heading(fr(f"{axis.number}. {axis.title}"), 2)
    for text in booklet.paragraphs(axis.description):
        _paragraph(doc, text)
    if not axis.levers and not axis.other_limits and note:
        _paragraph(doc, note, italic=True, colour=_GREY)
    if axis.levers:
        _heading(doc, booklet.LEVERS, 3)
        for lever in axis.levers:
            _card(doc, lever)
            for answer in lever.answers:
                paragraph = _add(doc, ANSWER_STYLE)
                _run(paragraph, booklet.LIMITS + " ", bold=True, colour=_LIMIT_COLOUR)
                _card_text(paragraph, answer)
    if axis.other_limits:
        _heading(doc, booklet.LIMITS, 3)
        for limit in axis.other_limits:
            _card(doc, limit)


def _card(doc, card: Lever | Limit) -> None:
    _card_text(_add(doc, "Quote" if card.verbatim else "List Bullet"), card)


def _card_text(paragraph, card: Lever | Limit) -> None:
    text = booklet.quoted(card.text) if card.verbatim else card.text
    _run(paragraph, fr(text))
    if card.supports:
        _run(paragraph, f"{_DASH}{booklet.supports(card.supports)}", size=8, colour=_GREY)


def _questions(doc, s: Synthesis, _contents) -> None:
    for section in s.questions:
        _heading(doc, fr(section.title), 2)
        for answer in section.answers:
            _card(doc, answer)


def _polls(doc, s: Synthesis, _contents) -> None:
    for poll in s.polls:
        _heading(doc, fr(poll.question), 2)
        _counts(doc, s, poll.options, poll.total)
        total = _paragraph(doc, plural(poll.total, "réponse", "réponses") + ".", italic=True)
        total.paragraph_format.space_before = Pt(4)  # clear of the table above


def _recommendations(doc, s: Synthesis, contents) -> None:
    for text in booklet.paragraphs(s.recommendations_intro):
        _paragraph(doc, text)
    priorities = booklet.priorities(s)
    if priorities:
        _heading(doc, booklet.PRIORITIES, 2)
        _paragraph(doc, booklet.PRIORITIES_INTRO)
        numbering = _new_numbering(doc)
        for item, target in priorities:
            paragraph = _numbered(doc, item.text, numbering)
            _run(paragraph, f"{_DASH}{booklet.dots(item.votes)} · {fr(target)}", size=8,
                 colour=_GREY)
    for target in s.recommendations:
        contents.heading(fr(target.title), 2)
        for theme in target.themes:
            _heading(doc, fr(theme.title), 3)
            for item in theme.items:
                paragraph = _paragraph(doc, item.text, style="List Bullet")
                if item.votes:
                    _run(paragraph, f"{_DASH}{booklet.dots(item.votes)}", size=8, colour=_GREY)


def _links(doc, s: Synthesis, _contents) -> None:
    for link in s.links:
        paragraph = _add(doc, "List Bullet")
        _run(paragraph, fr(link.label) + fr(" : "))
        url = booklet.safe_url(link.url)
        if url:
            ooxml.external_link(paragraph, url, booklet.display_url(url), "1F5C99")
        else:
            _run(paragraph, fr(link.url))


def _annex(doc, s: Synthesis, _contents) -> None:
    """One table per axis or question (its title once, as a heading), then the
    recommendations: one table per target and theme (« Pour les institutions › Informer »,
    as in the PDF; a theme column repeated a long theme on every row, five lines high)."""
    printed = booklet.printed_cards(s)
    if printed:
        _heading(doc, booklet.ANNEX_CARDS, 2)
        for where, cards in booklet.consecutive_groups(printed, "axis_or_question"):
            _heading(doc, fr(where), 3)
            _table(doc, booklet.CARD_COLUMNS[1:],
                   [(c.kind_label, c.text, c.supports, c.author_type) for c in cards],
                   (2.3, 8.7, 2.0, 3.6), _light(s))
    if s.annex_recommendations:
        _heading(doc, booklet.ANNEX_RECOMMENDATIONS, 2)
        for where, recs in booklet.consecutive_groups(s.annex_recommendations,
                                                      "target", "theme"):
            _heading(doc, fr(booklet.target_and_theme(*where)), 3)
            _table(doc, booklet.RECOMMENDATION_COLUMNS[2:],
                   [(r.group, r.text, booklet.status(r.status)) for r in recs],
                   (2.4, 11.8, 2.4), _light(s))


_PARTS = {
    "edito": _text_part("edito"),
    "intro": _text_part("intro"),
    "method": _method,
    "attendance": _attendance,
    "axes": _axes,
    "questions": _questions,
    "polls": _polls,
    "recommendations": _recommendations,
    "et_apres": _text_part("et_apres"),
    "links": _links,
    "annex": _annex,
}


# Low-level helpers -------------------------------------------------------------------

def _counts(doc, s: Synthesis, rows: list[tuple[str, int]], total: int,
            header: tuple[str, str] = ("Réponse", "Nombre")) -> None:
    """Counts as the PDF shows them: a table of the label, the count and its share (a
    list of « 4 : 10 (48 %) » lines read badly for a scale's answers)."""
    _table(doc, (*header, "Part"),
           [(label, count, f"{booklet.percent(count, total)}\u202f%") for label, count in rows],
           (10.6, 3, 3), _light(s), right=(1, 2))


def _style_id(doc, name: str) -> str:
    if name not in _STYLE_IDS:
        _STYLE_IDS[name] = doc.styles[name].style_id
    return _STYLE_IDS[name]


def _add(doc, style: str | None = None) -> Paragraph:
    """An empty paragraph at the end of the body, in `style` (a style's name)."""
    p = ooxml.paragraph(_style_id(doc, style) if style else None)
    doc.element.body._insert_p(p)
    return Paragraph(p, doc._body)


def _new_numbering(doc) -> int:
    """A numbering of the List Number style that starts again from 1 (the style's own goes
    on from one list to the next: a second day's sequences were 6, 7, 8)."""
    style_num = int(doc.styles["List Number"].element.pPr.numPr.numId.val)
    numbering = doc.part.numbering_part.element
    abstract = numbering.num_having_numId(style_num).abstractNumId.val
    num = numbering.add_num(abstract)
    num.add_lvlOverride(ilvl=0).add_startOverride(1)
    return num.numId


def _numbered(doc, text: str, numbering: int) -> Paragraph:
    paragraph = _paragraph(doc, text, style="List Number")
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = 0
    num_pr.get_or_add_numId().val = numbering
    return paragraph


def _heading(doc, text: str, level: int) -> Paragraph:
    paragraph = _add(doc, f"Heading {level}")
    _run(paragraph, text)
    return paragraph


def _paragraph(doc, text: str, style: str | None = None, **run_format) -> Paragraph:
    """A paragraph of `text` (French typography applied) in `style`."""
    paragraph = _add(doc, style)
    _run(paragraph, fr(text), **run_format)
    return paragraph


def _run(paragraph, text: str, size: float | None = None, colour: RGBColor | None = None,
         bold: bool = False, italic: bool = False) -> Run:
    run = ooxml.text_run(text, size=size, colour=str(colour) if colour else None, bold=bold,
                         italic=italic)
    paragraph._p.append(run)
    return Run(run, paragraph)


def _light(s: Synthesis) -> str:
    """The organisation's colour lightened, behind table headers (the PDF's tint)."""
    return booklet.tint(booklet.accent(s), 0.88).lstrip("#").upper()


def _table(doc, header: tuple[str, ...], rows: list[tuple], widths: tuple[float, ...],
           header_fill: str, right: tuple[int, ...] = ()) -> None:
    """A grid table whose header row, on ``header_fill``, repeats on every page and whose
    rows never split; numbers and the ``right`` columns right-aligned (ooxml.table)."""
    values = [header, *((v if isinstance(v, int) else fr(v) for v in row) for row in rows)]
    doc.element.body._insert_tbl(ooxml.table(widths, [tuple(row) for row in values],
                                             _style_id(doc, "Table Grid"), header_fill, 8.5,
                                             right))
