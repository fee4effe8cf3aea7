"""Booklet as an editable Word document (opens in Word and LibreOffice).

Only built-in styles are used for structure (Title, Heading 1–3, List Bullet,
Quote, TOC Heading), so that the navigation pane, the table of contents and
style changes work as organisers expect.  One custom paragraph style, « Oui,
mais… », indents the limits that answer a lever.
"""
from __future__ import annotations

import io

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from . import booklet
from .synthesis import AxisSection, Lever, Limit, Synthesis
from .typography import fr, format_dates, format_datetime, plural

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
EXTENSION = "docx"

ANSWER_STYLE = "Oui mais"
_GREY = RGBColor(0x59, 0x63, 0x6E)
_LIMIT_COLOUR = RGBColor(0xA3, 0x3F, 0x2B)
_LINK_COLOUR = "1F5C99"
_HEADER_FILL = "E3F0F1"


def render(s: Synthesis) -> bytes:
    doc = Document()
    _setup(doc, s)
    _cover(doc, s)
    _table_of_contents(doc)
    for part in booklet.parts(s):
        doc.add_heading(fr(part.title), level=1)
        _PARTS[part.key](doc, s)
    if s.colophon:
        for text in booklet.paragraphs(s.colophon):
            _paragraph(doc, text, size=9, colour=_GREY)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# Document set-up -------------------------------------------------------------------

def _setup(doc, s: Synthesis) -> None:
    props = doc.core_properties
    props.title = s.title
    props.subject = s.subtitle
    props.author = s.organiser
    props.language = "fr-FR"
    props.created = s.generated_at
    props.comments = f"Livret généré avec Ensemble le {format_datetime(s.generated_at)}"

    defaults = doc.styles.element.find(qn("w:docDefaults"))
    lang = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang"))
    lang.set(qn("w:val"), "fr-FR")

    doc.styles["Heading 1"].paragraph_format.page_break_before = True  # one part per page

    answer = doc.styles.add_style(ANSWER_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    answer.base_style = doc.styles["Normal"]
    answer.paragraph_format.left_indent = Cm(1)
    answer.paragraph_format.space_after = Pt(6)
    answer.font.size = Pt(10)

    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.2))
    section.different_first_page_header_footer = True  # the cover has neither

    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _run(header, fr(s.title), size=8, colour=_GREY)

    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(footer, "page ", size=9)
    _simple_field(footer, "PAGE", "1")
    _run(footer, " / ", size=9)
    _simple_field(footer, "NUMPAGES", "1")

    # Ask Word to refresh the table of contents and page numbers when opened.  Word
    # rejects settings out of schema order: updateFields goes before w:compat.
    settings = doc.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings.find(qn("w:compat")).addprevious(update)
    settings.find(qn("w:themeFontLang")).set(qn("w:val"), "fr-FR")


def _cover(doc, s: Synthesis) -> None:
    title = doc.add_paragraph(fr(s.title), style="Title")
    title.paragraph_format.space_before = Cm(6)
    if s.subtitle:
        doc.add_paragraph(fr(s.subtitle), style="Subtitle")
    for line in (s.organiser, format_dates(s.dates), s.place):
        if line:
            _paragraph(doc, line, size=13)
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _table_of_contents(doc) -> None:
    doc.add_paragraph(booklet.TOC, style="TOC Heading")
    _complex_field(doc.add_paragraph(), r'TOC \o "1-3" \h \z \u', booklet.TOC_PLACEHOLDER)


# Parts -------------------------------------------------------------------------------

def _text_part(attribute: str):
    def write(doc, s: Synthesis) -> None:
        for text in booklet.paragraphs(getattr(s, attribute)):
            doc.add_paragraph(fr(text))
    return write


def _method(doc, s: Synthesis) -> None:
    if s.method.guiding_questions:
        doc.add_heading(fr(booklet.GUIDING_QUESTIONS), level=2)
        for question in s.method.guiding_questions:
            doc.add_paragraph(fr(question), style="List Bullet")
    for day in s.method.days:
        doc.add_heading(fr(booklet.day_title(day)), level=2)
        if day.objective:
            paragraph = doc.add_paragraph()
            paragraph.add_run(fr("Objectif : ")).bold = True
            paragraph.add_run(fr(day.objective))
        for sequence in day.sequences:
            paragraph = doc.add_paragraph(fr(sequence.title), style="List Bullet")
            details = booklet.sequence_details(sequence)
            if details:
                _run(paragraph, f" ({fr(details)})", colour=_GREY)
        if day.attendance:
            _paragraph(doc, f"{booklet.people(day.attendance)} présentes.", italic=True)
    if s.feedback:
        _feedback(doc, s)


def _feedback(doc, s: Synthesis) -> None:
    feedback = s.feedback
    doc.add_heading(fr(booklet.FEEDBACK), level=2)
    doc.add_paragraph(plural(feedback.answers_count, "réponse", "réponses") + ".")
    for question in feedback.questions:
        paragraph = doc.add_paragraph()
        paragraph.add_run(fr(question.label)).bold = True
        if question.average is not None:
            _run(paragraph, fr(f" (moyenne : {question.average:.1f})".replace(".", ",")),
                 colour=_GREY)
        total = sum(count for _, count in question.counts)
        for label, count in question.counts:
            doc.add_paragraph(_count_line(label, count, total), style="List Bullet")
        for text, count in booklet.grouped(question.texts):
            paragraph = doc.add_paragraph(fr(booklet.quoted(text)), style="Quote")
            if count > 1:
                _run(paragraph, f" × {count}", colour=_GREY)


def _attendance(doc, s: Synthesis) -> None:
    attendance = s.attendance
    if attendance.total:
        doc.add_paragraph(f"{booklet.people(attendance.total)} ont participé.")
    if attendance.by_type:
        _table(doc, ("Type de structure", "Personnes"),
               [(label, count) for label, count in attendance.by_type], widths=(12, 4))
    if attendance.organisations:
        doc.add_heading("Les structures présentes", level=2)
        doc.add_paragraph(fr(", ".join(attendance.organisations)) + ".")


def _axes(doc, s: Synthesis) -> None:
    for text in booklet.paragraphs(s.axes_intro):
        doc.add_paragraph(fr(text))
    for axis in s.axes:
        _axis(doc, axis, s.empty_axes_note)


def _axis(doc, axis: AxisSection, note: str) -> None:
    doc.add_heading(fr(f"{axis.number}. {axis.title}"), level=2)
    for text in booklet.paragraphs(axis.description):
        doc.add_paragraph(fr(text))
    if not axis.levers and not axis.other_limits and note:
        _paragraph(doc, note, italic=True, colour=_GREY)
    if axis.levers:
        doc.add_heading(booklet.LEVERS, level=3)
        for lever in axis.levers:
            _card(doc, lever)
            for answer in lever.answers:
                paragraph = doc.add_paragraph(style=ANSWER_STYLE)
                _run(paragraph, booklet.LIMITS + " ", bold=True, colour=_LIMIT_COLOUR)
                _card_text(paragraph, answer)
    if axis.other_limits:
        doc.add_heading(booklet.LIMITS, level=3)
        for limit in axis.other_limits:
            _card(doc, limit)


def _card(doc, card: Lever | Limit) -> None:
    paragraph = doc.add_paragraph(style="Quote" if card.verbatim else "List Bullet")
    _card_text(paragraph, card)


def _card_text(paragraph, card: Lever | Limit) -> None:
    text = booklet.quoted(card.text) if card.verbatim else card.text
    paragraph.add_run(fr(text))
    if card.supports:
        _run(paragraph, f" — {booklet.supports(card.supports)}", size=8, colour=_GREY)


def _questions(doc, s: Synthesis) -> None:
    for section in s.questions:
        doc.add_heading(fr(section.title), level=2)
        for answer in section.answers:
            _card(doc, answer)


def _polls(doc, s: Synthesis) -> None:
    for poll in s.polls:
        doc.add_heading(fr(poll.question), level=2)
        for label, count in poll.options:
            doc.add_paragraph(_count_line(label, count, poll.total), style="List Bullet")
        _paragraph(doc, plural(poll.total, "réponse", "réponses") + ".", italic=True)


def _recommendations(doc, s: Synthesis) -> None:
    for text in booklet.paragraphs(s.recommendations_intro):
        doc.add_paragraph(fr(text))
    for target in s.recommendations:
        doc.add_heading(fr(target.title), level=2)
        for theme in target.themes:
            doc.add_heading(fr(theme.title), level=3)
            for item in theme.items:
                doc.add_paragraph(fr(item.text), style="List Bullet")


def _links(doc, s: Synthesis) -> None:
    for link in s.links:
        paragraph = doc.add_paragraph(style="List Bullet")
        paragraph.add_run(fr(link.label) + fr(" : "))
        _hyperlink(paragraph, link.url)


def _annex(doc, s: Synthesis) -> None:
    if s.annex_cards:
        doc.add_heading(booklet.ANNEX_CARDS, level=2)
        _table(doc, booklet.CARD_COLUMNS,
               [(c.axis_or_question, c.kind_label, c.text, c.supports, c.author_type)
                for c in s.annex_cards],
               widths=(3.6, 2.2, 7.4, 1.6, 2.8))
    if s.annex_recommendations:
        doc.add_heading(booklet.ANNEX_RECOMMENDATIONS, level=2)
        _table(doc, booklet.RECOMMENDATION_COLUMNS,
               [(r.target, r.theme, r.group, r.text, booklet.status(r.status))
                for r in s.annex_recommendations],
               widths=(2.8, 3.2, 2, 7.6, 2))


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

def _count_line(label: str, count: int, total: int) -> str:
    return fr(f"{label} : {count} ({booklet.percent(count, total)} %)")


def _paragraph(doc, text: str, **run_format):
    paragraph = doc.add_paragraph()
    _run(paragraph, fr(text), **run_format)
    return paragraph


def _run(paragraph, text: str, size: float | None = None, colour: RGBColor | None = None,
         bold: bool = False, italic: bool = False):
    run = paragraph.add_run(text)
    if size:
        run.font.size = Pt(size)
    if colour:
        run.font.color.rgb = colour
    run.bold = bold or None
    run.italic = italic or None
    return run


def _table(doc, header: tuple[str, ...], rows: list[tuple], widths: tuple[float, ...]) -> None:
    """A grid table whose header row repeats on every page; numbers right-aligned."""
    table = doc.add_table(rows=len(rows) + 1, cols=len(header))
    table.style = "Table Grid"
    for column, width in zip(table.columns, widths):
        column.width = Cm(width)
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(repeat)
    for index, (row, values) in enumerate(zip(table.rows, [header, *rows])):
        for cell, value, width in zip(row.cells, values, widths):
            cell.width = Cm(width)
            paragraph = cell.paragraphs[0]
            # A little room above the text, or cell borders clip capital accents (É).
            paragraph.paragraph_format.space_before = Pt(1.5)
            paragraph.paragraph_format.space_after = Pt(1.5)
            run = paragraph.add_run(str(value) if isinstance(value, int) else fr(value))
            run.font.size = Pt(8.5)
            if index == 0:
                run.bold = True
                _shade(cell, _HEADER_FILL)
            if isinstance(value, int):
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _shade(cell, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _simple_field(paragraph, instruction: str, placeholder: str) -> None:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = placeholder
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _complex_field(paragraph, instruction: str, placeholder: str) -> None:
    """begin / instruction / separate / placeholder result / end, as Word writes a TOC."""
    def char(kind: str):
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        if kind == "begin":
            element.set(qn("w:dirty"), "true")
        paragraph.add_run()._r.append(element)

    char("begin")
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    paragraph.add_run()._r.append(code)
    char("separate")
    _run(paragraph, placeholder, italic=True, colour=_GREY)
    char("end")


def _hyperlink(paragraph, url: str) -> None:
    r_id = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), r_id)
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    colour = OxmlElement("w:color")
    colour.set(qn("w:val"), _LINK_COLOUR)
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    properties.extend([colour, underline])
    text = OxmlElement("w:t")
    text.text = url
    run.extend([properties, text])
    link.append(run)
    paragraph._p.append(link)
