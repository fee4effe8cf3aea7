"""Suggested duplicates on the Livret screen: cards (same axis or question, same kind) and
recommendations (same target) whose texts are near-identical once normalised.

Only suggestions: each is merged by the organiser's click (curation.merge_cards, or the
wall's recommendations.merge), never here. Exact matches (after normalising case, accents
aside, punctuation and spaces) are found in linear time whatever the size; near matches
(rapidfuzz's token sort ratio ≥ `THRESHOLD`) only in groups of at most `FUZZY_MAX` texts,
so that the page stays fast with 10,000 cards on one axis.
"""
from __future__ import annotations

import re
from collections import defaultdict
from typing import NamedTuple

from rapidfuzz import fuzz, process

THRESHOLD = 88
FUZZY_MAX = 3000
SHOWN = 30
# Runs of anything but letters and digits (spaces included) become one space.
_SEPARATORS = re.compile(r"[\W_]+")


class Suggestion(NamedTuple):
    keep: object
    duplicate: object
    score: int


def normalised(text: str) -> str:
    return _SEPARATORS.sub(" ", text.casefold()).strip()


def suggest(groups: dict, text=lambda item: item.text) -> list[Suggestion]:
    """Pairs within each group (a list of items, first kept), most similar first."""
    found = []
    for items in groups.values():
        found += _pairs(items, [normalised(text(item)) for item in items])
    found.sort(key=lambda s: (-s.score, getattr(s.keep, "id", 0)))
    return found[:SHOWN]


def _pairs(items: list, texts: list[str]) -> list[Suggestion]:
    seen: dict[str, int] = {}
    pairs, paired = [], set()
    for index, key in enumerate(texts):
        if key in seen:
            pairs.append(Suggestion(items[seen[key]], items[index], 100))
            paired.add(index)
        elif key:
            seen[key] = index
    if 1 < len(items) <= FUZZY_MAX:
        for i, query in enumerate(texts):
            if i in paired or not query:
                continue
            for _choice, score, offset in process.extract(
                    query, texts[i + 1:], scorer=fuzz.token_sort_ratio, score_cutoff=THRESHOLD,
                    limit=None):
                j = i + 1 + offset
                if j not in paired and texts[j] != query:
                    pairs.append(Suggestion(items[i], items[j], round(score)))
                    paired.add(j)
    return pairs


def card_groups(cards: list) -> dict:
    """Visible, unmerged cards by (axis or question, kind)."""
    groups = defaultdict(list)
    for card in cards:
        if not card.hidden and card.merged_into_id is None:
            groups[(card.axis_id, card.sequence_id, card.kind)].append(card)
    return groups


def recommendation_groups(recs: list) -> dict:
    groups = defaultdict(list)
    for rec in recs:
        if rec.status != "merged":
            groups[rec.target].append(rec)
    return groups
