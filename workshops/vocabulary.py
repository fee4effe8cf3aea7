"""One word per concept: the kinds of things a workshop is made of, their code names and the
labels people read (docs/glossary.md lists them with the French terms).

A `Term` is a code name and its label, written in French (the source language, marked for
the catalogue) and translated by the English catalogue when read: `term.label(language)`.
Screens read it in the person's language (the `label` filter of the templates); the booklet
in the workshop's, the language of its format (`language_of`).

This module is plain Python (Babel's catalogues, no Flask): the formats, the services and
the screens import it.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from babel.support import NullTranslations, Translations

LANGUAGES = ("fr", "en")  # French first: the source of every label
SOURCE_LANGUAGE = "fr"
CATALOGUES = Path(__file__).with_name("translations")


def N_(text: str) -> str:
    """Marks a label for the catalogue (scripts/i18n.sh extracts it); translated when read."""
    return text


@dataclass(frozen=True)
class Term:
    key: str  # the code name, as stored and sent (API v1)
    source: str  # the French label, the catalogue's message id

    def label(self, language: str) -> str:
        return _catalogue(language).gettext(self.source)


@functools.cache
def _catalogue(language: str) -> NullTranslations:
    if language == SOURCE_LANGUAGE:
        return NullTranslations()
    return Translations.load(str(CATALOGUES), [language])


def _terms(*terms: Term) -> dict[str, Term]:
    return {term.key: term for term in terms}


# What a participant posts on a board: on an axis, a lever or a « Oui, mais… » (which may
# answer a lever); on a question board, an answer.
CARD_KINDS = _terms(
    Term("lever", N_("Levier")),
    Term("limit", N_("Oui, mais…")),
    Term("answer", N_("Réponse")),
)
KINDS = tuple(CARD_KINDS)

# What a sequence of the agenda runs (a format's `activity`).
ACTIVITIES = _terms(
    Term("axis_board", N_("Tableau des axes")),
    Term("question_board", N_("Question ouverte")),
    Term("individual_writing", N_("Écriture individuelle")),
    Term("group_drafting", N_("Rédaction en groupes")),
    Term("poll", N_("Sondage")),
    Term("feedback_form", N_("Questionnaire")),
    Term("restitution", N_("Restitution")),
)
# The activities beyond the boards and the groups, each with its own live state
# (services/activities): the « activities » of the console's activities panel.
ROOM_ACTIVITIES = ("question_board", "individual_writing", "poll", "feedback_form")

# Whom a recommendation addresses, when the format names no targets of its own.
DEFAULT_TARGETS = _terms(
    Term("professional", N_("En tant que professionnel·le")),
    Term("organisation", N_("Pour ma structure")),
    Term("partners", N_("Avec les partenaires de ma structure")),
    Term("institutions", N_("Pour les institutions")),
)

# Where a recommendation stands on the wall.
RECOMMENDATION_STATUSES = _terms(
    Term("draft", N_("brouillon")),
    Term("kept", N_("retenue")),
    Term("merged", N_("fusionnée")),
)
STATUSES = tuple(RECOMMENDATION_STATUSES)

# Recommendations filed under no theme, in the booklet.
NO_THEME = Term("", N_("Autres recommandations"))


def language_of(format_data: dict) -> str:
    """The language a workshop's texts are in: its format's `language`, French by default."""
    language = format_data.get("language") if isinstance(format_data, dict) else None
    return language if language in LANGUAGES else SOURCE_LANGUAGE
