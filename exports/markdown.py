"""Booklet as CommonMark text (no GitHub extensions: counts and the annex are lists).

User text is escaped so that it can never turn into markup, raw HTML or a link.
"""
from __future__ import annotations

import re

from . import booklet
from .synthesis import AxisSection, Lever, Limit, Synthesis
from .typography import format_dates, format_datetime, fr, plural

_INLINE = re.compile(r"([\\`*_\[\]<])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
_BLOCK_START = re.compile(r"^(?:([#>+=-])|(\d+)([.)]))")


def render(s: Synthesis) -> bytes:
    lines = [f"# {_md(s.title)}", ""]
    if s.subtitle:
        lines += [f"*{_md(s.subtitle)}*", ""]
    cover = [_md(text) for text in (s.organiser, format_dates(s.dates), s.place) if text]
    if cover:
        lines += [" · ".join(cover), ""]
    for part in booklet.parts(s):
        lines += [f"## {_md(part.title)}", ""]
        lines += _PARTS[part.key](s)
    if s.partners:
        lines += ["Partenaires : " + ", ".join(_md(partner.name) for partner in s.partners), ""]
    for text in booklet.paragraphs(s.colophon):
        lines += [_md(text), ""]
    lines += [f"*Livret généré avec Ensemble le {format_datetime(s.generated_at)}.*", ""]
    return "\n".join(lines).encode("utf-8")


def _md(text: str) -> str:
    """``text`` on one line, with French typography, escaped for CommonMark."""
    text = booklet.one_line(fr(text))
    text = _INLINE.sub(r"\\\1", text)
    text = _ENTITY.sub(r"\\&", text)
    return _BLOCK_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", text)


def _prose(text: str) -> list[str]:
    lines = []
    for paragraph in booklet.paragraphs(text):
        lines += [_md(paragraph), ""]
    return lines


def _text_part(attribute: str):
    return lambda s: _prose(getattr(s, attribute))


def _counts(rows: list[tuple[str, int]], total: int) -> list[str]:
    lines = [f"- {_md(label)}{fr(' :')} {count} ({booklet.percent(count, total)}\u202f%)"
             for label, count in rows]
    return [*lines, ""] if lines else []


def _method(s: Synthesis) -> list[str]:
    lines = []
    if s.method.guiding_questions:
        lines += [f"### {_md(booklet.GUIDING_QUESTIONS)}", ""]
        lines += [f"- {_md(question)}" for question in s.method.guiding_questions] + [""]
    for day in s.method.days:
        lines += [f"### {_md(booklet.day_title(day))}", ""]
        if day.objective:
            lines += [f"**{fr('Objectif :')}** {_md(day.objective)}", ""]
        for number, sequence in enumerate(day.sequences, 1):
            details = booklet.sequence_details(sequence)
            lines.append(f"{number}. {_md(sequence.title)}" + (f" ({_md(details)})" if details else ""))
        if day.sequences:
            lines.append("")
        if day.attendance:
            lines += [f"*{booklet.people(day.attendance)} présentes*", ""]
    if s.feedback:
        lines += [f"### {booklet.FEEDBACK}", "",
                  plural(s.feedback.answers_count, "réponse", "réponses") + ".", ""]
        for question in s.feedback.questions:
            lines += [f"#### {_md(question.label)}", ""]
            lines += _counts(question.counts, sum(count for _, count in question.counts))
            if question.average is not None:
                lines += [fr(f"Moyenne : {question.average:.1f}").replace(".", ","), ""]
            for text, count in booklet.grouped(question.texts):
                repeats = f" × {count}" if count > 1 else ""
                lines += [f"> {_md(booklet.quoted(text))}{repeats}", ""]
    return lines


def _attendance(s: Synthesis) -> list[str]:
    attendance = s.attendance
    lines = []
    if attendance.total:
        lines += [f"**{attendance.total}** {'personne' if attendance.total <= 1 else 'personnes'}"
                  " ont participé.", ""]
    lines += _counts(attendance.by_type, sum(count for _, count in attendance.by_type))
    if attendance.organisations:
        lines += ["### Les structures présentes", ""]
        lines += [f"- {_md(name)}" for name in attendance.organisations] + [""]
    return lines


def _axes(s: Synthesis) -> list[str]:
    lines = _prose(s.axes_intro)
    for axis in s.axes:
        lines += _axis(axis)
        if not axis.levers and not axis.other_limits and s.empty_axes_note:
            lines += [f"*{_md(s.empty_axes_note)}*", ""]
    return lines


def _axis(axis: AxisSection) -> list[str]:
    lines = [f"### {_md(f'{axis.number}. {axis.title}')}", ""] + _prose(axis.description)
    if axis.levers:
        lines += [f"#### {booklet.LEVERS}", ""]
        for lever in axis.levers:
            lines.append(f"- {_card(lever)}")
            lines += [f"  - **{booklet.LIMITS}** {_card(answer)}" for answer in lever.answers]
        lines.append("")
    if axis.other_limits:
        lines += [f"#### {booklet.LIMITS}", ""]
        lines += [f"- {_card(limit)}" for limit in axis.other_limits] + [""]
    return lines


def _card(card: Lever | Limit) -> str:
    text = f"*{_md(booklet.quoted(card.text))}*" if card.verbatim else _md(card.text)
    return text + (f" ({booklet.supports(card.supports)})" if card.supports else "")


def _questions(s: Synthesis) -> list[str]:
    lines = []
    for section in s.questions:
        lines += [f"### {_md(section.title)}", ""]
        lines += [f"- {_card(answer)}" for answer in section.answers] + [""]
    return lines


def _polls(s: Synthesis) -> list[str]:
    lines = []
    for poll in s.polls:
        lines += [f"### {_md(poll.question)}", ""] + _counts(poll.options, poll.total)
        lines += [f"*{plural(poll.total, 'réponse', 'réponses')}*", ""]
    return lines


def _recommendations(s: Synthesis) -> list[str]:
    lines = _prose(s.recommendations_intro)
    priorities = booklet.priorities(s)
    if priorities:
        lines += [f"### {booklet.PRIORITIES}", "", booklet.PRIORITIES_INTRO, ""]
        lines += [f"{rank}. {_md(item.text)} ({booklet.dots(item.votes)}, {_md(target)})"
                  for rank, (item, target) in enumerate(priorities, 1)] + [""]
    for target in s.recommendations:
        lines += [f"### {_md(target.title)}", ""]
        for theme in target.themes:
            lines += [f"#### {_md(theme.title)}", ""]
            lines += [f"- {_md(item.text)}" + (f" ({booklet.dots(item.votes)})" if item.votes else "")
                      for item in theme.items] + [""]
    return lines


def _links(s: Synthesis) -> list[str]:
    lines = []
    for link in s.links:
        href = booklet.safe_url(link.url)
        target = (f"[{_md(booklet.display_url(href))}](<{_escape_url(href)}>)" if href
                  else _md(link.url))
        lines.append(f"- {_md(link.label)}{fr(' :')} {target}")
    return [*lines, ""]


def _escape_url(url: str) -> str:
    return url.replace("<", "%3C").replace(">", "%3E").replace(" ", "%20")


def _annex(s: Synthesis) -> list[str]:
    lines, printed = [], booklet.printed_cards(s)
    if printed:
        lines += [f"### {booklet.ANNEX_CARDS}", ""]
        for card in printed:
            details = [card.kind_label, booklet.supports(card.supports), card.author_type]
            lines.append(f"- **{_md(card.axis_or_question)}** — {_md(card.text)} "
                         f"({_md(', '.join(d for d in details if d))})")
        lines.append("")
    if s.annex_recommendations:
        lines += [f"### {booklet.ANNEX_RECOMMENDATIONS}", ""]
        for item in s.annex_recommendations:
            details = [item.group, booklet.status(item.status)]
            where = booklet.target_and_theme(item.target, item.theme)
            lines.append(f"- **{_md(where)}** — {_md(item.text)} "
                         f"({_md(', '.join(d for d in details if d))})")
        lines.append("")
    return lines


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
