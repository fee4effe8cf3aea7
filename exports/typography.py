"""French typography and dates, independent of the system locale.

``fr()`` is the one typography function every renderer passes user text through:
- a narrow no-break space (U+202F) before « : ; ! ? » and inside guillemets, so
  that the punctuation never starts a line;
- the typographic apostrophe (l’habiter), the ellipsis character (…);
- quotes inside quotes as “ ” (« il dit “non” »), straight double quotes as « »;
- a narrow no-break space between thousands (2 000 personnes, 12 500), leaving
  years (en 2017, décembre 2021), postal codes (69003 Lyon) and numbers starting
  with 0 (telephone numbers) alone.
It is idempotent, and leaves URLs, e-mail addresses and times such as 10:30
alone.  It also drops the control characters that DOCX and XLSX (XML) cannot
hold.  (No hyphenation of covers and titles is each renderer's style.)
"""
from __future__ import annotations

import datetime as dt
import re

from babel.dates import format_date as _babel_date

NNBSP = "\u202f"
"""Narrow no-break space (espace fine insécable)."""

_SPACES = "[ \u00a0\u202f]"
_URL = re.compile(r"(?:[a-z][a-z0-9+.-]*://|www\.|mailto:)\S+|[\w.+-]+@[\w-]+\.[\w.-]+",
                  re.IGNORECASE)
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_APOSTROPHE = (re.compile(r"(?<=[^\W\d_])'"), "\u2019")
_ELLIPSIS = (re.compile(r"(?<!\.)\.\.\.(?!\.)"), "\u2026")
_STRAIGHT_QUOTES = (re.compile(r'"([^"\n]*)"'), r"«\1»")
_NUMBER = re.compile(r"(?<![\w.,/:#\u202f\u00a0-])([1-9]\d{3,})(?![\w/:-]|[.,]\d)")
_YEAR_WORDS = re.compile(
    r"(?i)(?:\b(?:en|dès|depuis|année|an|jusqu’en|janvier|février|mars|avril|mai|juin|juillet"
    r"|août|septembre|octobre|novembre|décembre|printemps|été|automne|hiver)[ \u00a0]+)$")
_RULES = [
    # Existing space of any kind before the high punctuation → narrow no-break.
    (re.compile(_SPACES + r"+([:;!?»])"), NNBSP + r"\1"),
    # Missing space before ; ! ? (but not between "?!" and the like).
    (re.compile(r"(?<=[\w)\]»…])([;!?])"), NNBSP + r"\1"),
    # Missing space before a colon, only when a space follows: keeps 10:30, a:b.
    (re.compile(r"(?<=[\w)\]»…]):(?=\s|$)"), NNBSP + ":"),
    (re.compile("«" + _SPACES + "*"), "«" + NNBSP),
    (re.compile(r"(?<=[^\s\u00a0\u202f])»"), NNBSP + "»"),
]


def clean(text: str) -> str:
    """``text`` without the control characters XML (DOCX, XLSX) cannot hold, and nothing
    else changed: the raw data keeps the room's own typing."""
    return _CONTROL.sub("", text)


def fr(text: str | None) -> str:
    """Return ``text`` with French non-breaking spaces and without control characters."""
    if not text:
        return ""
    text = _CONTROL.sub("", str(text))
    pieces = []
    last = 0
    for url in _URL.finditer(text):
        pieces.append(_apply_rules(text[last:url.start()]))
        pieces.append(url.group())
        last = url.end()
    pieces.append(_apply_rules(text[last:]))
    return "".join(pieces)


def _apply_rules(text: str) -> str:
    for pattern, replacement in (_APOSTROPHE, _ELLIPSIS, _STRAIGHT_QUOTES):
        text = pattern.sub(replacement, text)
    text = _inner_quotes(text)
    text = _NUMBER.sub(lambda match: _thousands(match, text), text)
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    return text


def _inner_quotes(text: str) -> str:
    """« a « b » c » → « a “b” c »: French marks quotes within quotes with “ ”."""
    if text.count("«") < 2:
        return text
    out, depth = [], 0
    for char in text:
        if char == "«":
            out.append("“" if depth else char)
            depth += 1
        elif char == "»" and depth:
            depth -= 1
            out.append("”" if depth else char)
        else:
            out.append(char)
    return re.sub(_SPACES + "+”", "”", re.sub("“" + _SPACES + "+", "“", "".join(out)))


def _thousands(match: re.Match, text: str) -> str:
    """« 2000 personnes » → « 2 000 personnes »; years and postal codes stay as they are."""
    digits, after = match.group(1), text[match.end():match.end() + 2]
    if len(digits) == 4 and 1000 <= int(digits) <= 2199 and (
            not re.match(r"[ \u00a0][^\W\d_]", after) or after[1:].isupper()
            or _YEAR_WORDS.search(text[:match.start()])):
        return digits  # a year: « en 2017 », « décembre 2021, »
    if re.match(r"[ \u00a0][A-ZÉÈ]", after):
        return digits  # a postal code: « 69003 Lyon »
    groups = []
    while digits:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    return NNBSP.join(groups)


def format_date(day: dt.date, weekday: bool = False) -> str:
    """« 14 décembre 2021 », « 1er mars 2022 », or « mardi 14 décembre 2021 »."""
    number = "1er" if day.day == 1 else str(day.day)
    text = f"{number} {_babel_date(day, 'MMMM y', locale='fr')}"
    if weekday:
        text = f"{_babel_date(day, 'EEEE', locale='fr')} {text}"
    return text


def format_dates(days: list[dt.date]) -> str:
    """« 14 décembre 2021 et 10 février 2022 », or « 14 et 15 décembre 2021 »."""
    if not days:
        return ""
    if len({(day.year, day.month) for day in days}) == 1 and len(days) > 1:
        numbers = ["1er" if day.day == 1 else str(day.day) for day in days]
        return f"{_join(numbers)} {_babel_date(days[0], 'MMMM y', locale='fr')}"
    return _join([format_date(day) for day in days])


def format_datetime(moment: dt.datetime) -> str:
    """« 22 novembre 2026 à 14 h 30 »."""
    return f"{format_date(moment.date())} à {moment.hour}\u00a0h\u00a0{moment.minute:02d}"


def plural(count: int, singular: str, plural_form: str) -> str:
    """« 1 soutien », « 12 soutiens » (French: 0 and 1 are singular)."""
    return f"{count}\u00a0{singular if count <= 1 else plural_form}"


def _join(items: list[str]) -> str:
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " et " + items[-1]
