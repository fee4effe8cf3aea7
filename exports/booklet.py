"""What every booklet renderer shares: the parts, their order and their French wording.

``parts()`` decides which parts a synthesis has and in which order, so that the
DOCX, HTML, PDF and Markdown booklets always have the same structure.
"""
from __future__ import annotations

import re
from itertools import groupby
from operator import attrgetter
from typing import Any, NamedTuple

from .synthesis import STATUS_LABELS, DayMethod, Recommendation, SequenceMethod, Synthesis
from .typography import format_date, plural

LEVERS = "Les leviers"
LIMITS = "Oui, mais…"
GUIDING_QUESTIONS = "Les questions fil conducteur"
FEEDBACK = "Le questionnaire de retour"
QUESTIONS = "Paroles de la salle"
TOC = "Sommaire"
ANNEX_CARDS = "Toutes les contributions"
ANNEX_RECOMMENDATIONS = "Toutes les recommandations"
CARD_COLUMNS = ("Axe ou question", "Type", "Contribution", "Soutiens", "Profil")
RECOMMENDATION_COLUMNS = ("Cible", "Thème", "Groupe", "Recommandation", "Statut")
PRIORITIES = "Les priorités de la salle"
PRIORITIES_INTRO = "Les recommandations qui ont reçu le plus de gommettes sur le mur."
PRIORITIES_MAX = 5


class Part(NamedTuple):
    key: str
    title: str


def parts(s: Synthesis) -> list[Part]:
    """The parts present in ``s``, in booklet order (empty parts are left out)."""
    candidates = [
        ("edito", "Édito", s.edito),
        ("intro", s.intro_title or "Introduction", s.intro),
        ("method", "Méthode des rencontres",
         s.method.days or s.method.guiding_questions or s.feedback),
        ("attendance", "Qui était là ?", s.attendance.total or s.attendance.by_type),
        ("axes", axes_title(s), s.axes),
        ("questions", QUESTIONS, s.questions),
        ("polls", "Les sondages", s.polls),
        ("recommendations", "Les recommandations", s.recommendations),
        ("et_apres", "Et après ?", s.et_apres),
        ("links", "Liens utiles", s.links),
        ("annex", "Annexe", printed_cards(s) or s.annex_recommendations),
    ]
    return [Part(key, title) for key, title, content in candidates if content]


def printed_cards(s: Synthesis) -> list:
    """The annex's cards: every raw card but those the facilitators hid."""
    return [card for card in s.annex_cards if not card.hidden]


def axes_title(s: Synthesis) -> str:
    return s.axes_title or f"Les {len(s.axes)} axes"


def paragraphs(text: str) -> list[str]:
    """Split a plain text on blank lines; single line breaks become spaces."""
    return [one_line(block) for block in re.split(r"\n\s*\n", text or "") if block.strip()]


def one_line(text: str) -> str:
    """Collapse runs of ordinary white space (keeping no-break spaces) into one space."""
    return re.sub(r"[ \t\r\n]+", " ", text).strip(" ")


def quoted(text: str) -> str:
    """Wrap a verbatim in guillemets unless it already is."""
    text = text.strip()
    return text if text.startswith("«") else f"« {text} »"


def supports(count: int) -> str:
    return plural(count, "soutien", "soutiens") if count > 0 else ""


def dots(count: int) -> str:
    """« 12 gommettes »: the dots the room put on a recommendation on the wall."""
    return plural(count, "gommette", "gommettes") if count > 0 else ""


def priorities(s: Synthesis) -> list[tuple[Recommendation, str]]:
    """The recommendations the room gave the most dots, most first, each with its target's
    title: at most ``PRIORITIES_MAX``, never half of a tie (those tied with the first one
    past the cap are left out: the room did not rank them), none when no dot was given or
    the organiser hides the counts (the builder then gives none)."""
    voted = [(item, target.title) for target in s.recommendations for theme in target.themes
             for item in theme.items if item.votes > 0]
    voted.sort(key=lambda pair: -pair[0].votes)  # stable: the booklet's order among equals
    if len(voted) > PRIORITIES_MAX:
        cut = voted[PRIORITIES_MAX][0].votes
        voted = [pair for pair in voted[:PRIORITIES_MAX] if pair[0].votes > cut]
    return voted


def people(count: int) -> str:
    return plural(count, "personne", "personnes")


def day_title(day: DayMethod) -> str:
    """« 14 décembre 2021 — État des lieux » (or just the title if undated)."""
    return f"{format_date(day.date)} — {day.title}" if day.date else day.title


def sequence_details(sequence: SequenceMethod) -> str:
    """« Rédaction en groupes, 90 min »."""
    details = [sequence.activity_label] if sequence.activity_label else []
    if sequence.minutes:
        details.append(f"{sequence.minutes}\u00a0min")
    return ", ".join(details)


def safe_url(url: str) -> str | None:
    """``url`` if it is a web or mail link, else None (no javascript: or file: links)."""
    url = url.strip()
    return url if re.match(r"(?i)(https?://|mailto:)", url) else None


def display_url(url: str) -> str:
    """« www.example.org » for « https://www.example.org/ »."""
    return re.sub(r"(?i)^(https?://|mailto:)", "", url.strip()).rstrip("/")


def target_and_theme(target: str, theme: str) -> str:
    """« Pour les institutions › Informer », or just the target when there is no theme."""
    return f"{target} › {theme}" if theme else target


def consecutive_groups(items: list, *attributes: str) -> list[tuple[Any, list]]:
    """Group runs of items sharing ``attributes``, keeping the given order."""
    return [(key, list(group)) for key, group in groupby(items, key=attrgetter(*attributes))]


DEFAULT_ACCENT = "#0b5c6b"


def accent(s: Synthesis) -> str:
    """The organisation's colour, or Ensemble's."""
    return s.accent_colour or DEFAULT_ACCENT


def tint(colour: str, whiteness: float) -> str:
    """``colour`` mixed with white (0: itself, 1: white), e.g. for light backgrounds."""
    rgb = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(c + (255 - c) * whiteness):02x}" for c in rgb)


def grouped(texts: list[str]) -> list[tuple[str, int]]:
    """Identical answers once, with how many gave them (« Oui » × 5), in order of first
    appearance; « identical » ignores case, spaces and final punctuation."""
    counts: dict[str, list] = {}
    for text in texts:
        key = " ".join(text.casefold().split()).rstrip(" .!…")
        if key in counts:
            counts[key][1] += 1
        else:
            counts[key] = [text.strip(), 1]
    return [(text, count) for text, count in counts.values()]


def status(value: str) -> str:
    return STATUS_LABELS.get(value, value)


def percent(count: int, total: int) -> int:
    return round(100 * count / total) if total else 0
