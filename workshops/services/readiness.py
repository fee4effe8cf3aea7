"""Is the booklet ready to send? What would print wrongly, found before the export.

- A bracketed placeholder left in a text the organisers write or keep from the format
  (« [nombre] », « [territoire] ») blocks the export unless they override: it would print
  as is. A bracket glued to a word (« [re]penser ») is the author's, not a placeholder.
- What the app knows fills its placeholder by itself (`fill`): people who came, how many
  organisations, the dates, the place, the organisation's name.
- Empty parts, axes with no card and recommendations not retained are said, not blocking:
  the organiser answers by a choice (leave the axes out or say « Aucune contribution sur cet
  axe » ; all the recommendations or only the retained ones), after which they are not said.

A warning is `{"code", "params", "blocking"}`; the screen and the API word it
(workshops/messages.py).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from exports.synthesis import Synthesis
from exports.typography import format_dates

PLACEHOLDER = re.compile(r"(?<![^\W_])\[([^\[\]\n]{1,60})\](?![^\W_])")


@dataclass(frozen=True)
class Facts:
    """What the app knows about the workshop, for the placeholders it can fill."""

    people: int = 0
    organisations: int = 0
    dates: tuple = ()
    place: str = ""
    organiser: str = ""


_NAME_WORDS = ("nom du collectif", "nom du réseau", "nom de la structure",
               "nom de l'organisation", "nom de l’organisation", "organisation", "collectif")
_DATE_WORDS = ("date", "dates", "dates des journées", "date de la journée", "dates de la journée")


def fill(text: str, facts: Facts) -> str:
    """``text`` with the placeholders the app can answer replaced by what it knows."""
    if not text or "[" not in text:
        return text

    def answer(match: re.Match) -> str:
        word = " ".join(match.group(1).lower().split())
        following = text[match.end():match.end() + 20].lower()
        if word == "nombre":
            if re.match(r"\s*(personnes|participant)", following) and facts.people:
                return str(facts.people)
            if re.match(r"\s*(structures|organisations|associations)", following) \
                    and facts.organisations:
                return str(facts.organisations)
        elif word in _NAME_WORDS and facts.organiser:
            return facts.organiser
        elif word in _DATE_WORDS and facts.dates:
            return format_dates(list(facts.dates))
        elif word == "lieu" and facts.place:
            return facts.place
        return match.group(0)

    return PLACEHOLDER.sub(answer, text)


def placeholders(text: str) -> list[str]:
    return [match.group(0) for match in PLACEHOLDER.finditer(text or "")]


def texts(s: Synthesis) -> list[tuple[str, str]]:
    """(where, text) of everything the organisers write or keep from the format."""
    found = [("Couverture", s.title), ("Couverture", s.subtitle), ("Couverture", s.organiser),
             ("Couverture", s.place), ("Édito", s.edito), (s.intro_title or "Introduction", s.intro),
             ("Introduction des axes", s.axes_intro),
             ("Introduction des recommandations", s.recommendations_intro),
             ("Et après ?", s.et_apres), ("Crédits", s.colophon)]
    found += [("Liens utiles", link.label) for link in s.links]
    found += [("Partenaires", partner.name) for partner in s.partners]
    return found


def warnings(s: Synthesis, *, empty_axes: list[str], empty_axes_choice: str | None,
             recommendations: tuple[int, int], recommendations_choice: str | None,
             unsaved_drafts: tuple[str, ...] = ()) -> list[dict]:
    """What would print wrongly in ``s`` (built with every axis, even empty ones).

    ``empty_axes``: titles of the axes with no card; ``recommendations``: (retained, total);
    ``unsaved_drafts``: the parts (« Édito », « Et après ? ») whose box shows the format's
    draft, not saved yet: empty in the booklet, but not empty to the eye.
    """
    found = []
    for where, text in texts(s):
        for placeholder in dict.fromkeys(placeholders(text)):
            found.append(_warning("placeholder", True, where=where, text=placeholder))
    for where, text in (("Édito", s.edito), ("Et après ?", s.et_apres)):
        if not text.strip():
            # API v1's code stays « empty_part » (it is, in the booklet); the param and the
            # message say why the box does not look empty (messages.worded).
            draft = {"draft_not_saved": True} if where in unsaved_drafts else {}
            found.append(_warning("empty_part", False, where=where, **draft))
    if empty_axes and empty_axes_choice is None:
        found.append(_warning("empty_axes", False, count=len(empty_axes),
                              axes=", ".join(empty_axes)))
    kept, total = recommendations
    if total and not kept:
        pass  # nothing retained: every recommendation prints, as the facilitators left them
    elif kept < total and recommendations_choice is None:
        found.append(_warning("recommendations_not_kept", False, kept=kept, total=total))
    if not total:
        found.append(_warning("empty_part", False, where="Les recommandations"))
    return found


def blocking(found: list[dict]) -> bool:
    return any(warning["blocking"] for warning in found)


def _warning(code: str, blocking_: bool, **params) -> dict:
    return {"code": code, "params": params, "blocking": blocking_}
