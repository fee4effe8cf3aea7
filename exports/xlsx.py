"""Raw data of the workshop as a spreadsheet (one sheet per kind of data).

Formula injection: a text cell starting with = + - @, a tab or a carriage return
(or their full-width forms) would be run as a formula by Excel or LibreOffice,
e.g. a card reading ``=HYPERLINK("http://evil","clic")``.  Such texts are written
with a leading apostrophe (U+0027), as OWASP recommends: the apostrophe stays
visible, which tells the reader the text was neutralised, and it survives a
CSV export and re-editing the cell, unlike Excel's hidden « quote prefix ».
Numbers (supports, counts, ids, the axis's number) are real numbers, times real
date-time cells (Europe/Paris wall-clock time, as the room lived it), flags real
booleans, so that a researcher can sort, filter and compute.  The cards' sheet lists
every card, those the facilitators hid included (flagged), with the lever each
« Oui, mais… » answers.
"""
from __future__ import annotations

import io
from collections import Counter
from datetime import datetime

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from . import booklet
from .synthesis import Synthesis
from .typography import clean

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")

_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="0B5C6B")
_WRAP = Alignment(wrap_text=True, vertical="top")
_MAX_WIDTH = 60
_DATE_TIME = "yyyy-mm-dd hh:mm:ss"
CARD_COLUMNS = ("Id", "N° d'axe", "Axe ou question", "Type", "Contribution",
                "Répond au levier (id)", "Répond au levier", "Soutiens", "Verbatim",
                "Fusionnée dans (id)", "Masquée", "Profil", "Créée le")


def render(s: Synthesis) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    _sheet(workbook, "Cartes", CARD_COLUMNS,
           [(c.id, c.axis_number, c.axis_or_question, c.kind_label, c.text, c.answers_id,
             c.answers_text, c.supports, c.verbatim, c.merged_into_id, c.hidden,
             c.author_type, c.created_at) for c in s.annex_cards])
    _sheet(workbook, "Recommandations",
           ("Id", *booklet.RECOMMENDATION_COLUMNS, "Gommettes", "Créée le"),
           [(r.id, r.target, r.theme, r.group, r.text, booklet.status(r.status), r.votes,
             r.created_at) for r in s.annex_recommendations])
    _sheet(workbook, "Participants par type", ("Type de structure", "Personnes"),
           list(s.attendance.by_type))
    _sheet(workbook, "Groupes", ("Groupe", "Recommandations", "Dont retenues"), _groups(s))
    if s.polls:
        _sheet(workbook, "Sondages", ("Question", "Type", "Réponse", "Nombre", "Total"),
               [(poll.question, poll.kind, label, count, poll.total)
                for poll in s.polls for label, count in poll.options])
    if s.feedback:
        _sheet(workbook, "Questionnaire", ("Question", "Réponse", "Nombre", "Moyenne"),
               [(q.label, label, count, q.average) for q in s.feedback.questions
                for label, count in q.counts]
               + [(q.label, text, None, None) for q in s.feedback.questions for text in q.texts])
    workbook.properties.title = s.title
    workbook.properties.creator = s.organiser
    workbook.properties.language = "fr-FR"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def neutralise(value):
    """Cell value for ``value``: the text as typed (no typography: raw data), defused if it
    could run as a formula."""
    if not isinstance(value, str):
        return value
    text = clean(value)
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def _groups(s: Synthesis) -> list[tuple[str, int, int]]:
    """Groups by name (in order of appearance) with their recommendation counts."""
    items = s.annex_recommendations or [
        item for target in s.recommendations for theme in target.themes for item in theme.items]
    total = Counter(item.group for item in items if item.group)
    kept = Counter(item.group for item in items if item.group and item.status == "kept")
    return [(group, count, kept[group]) for group, count in total.items()]


def _sheet(workbook, title: str, header: tuple[str, ...], rows: list[tuple]) -> None:
    sheet = workbook.create_sheet(title)
    sheet.append(list(header))
    for row in rows:
        sheet.append([neutralise(value) for value in row])
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, datetime):
                cell.number_format = _DATE_TIME
    for cell in sheet[1]:
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{max(len(rows) + 1, 2)}"
    for index, column in enumerate(sheet.iter_cols(), 1):
        longest = max((len(str(cell.value)) for cell in column if cell.value is not None),
                      default=4)
        sheet.column_dimensions[get_column_letter(index)].width = min(longest + 2, _MAX_WIDTH)
        for cell in column[1:]:
            if isinstance(cell.value, str):
                cell.alignment = _WRAP
