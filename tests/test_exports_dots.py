"""The room's dots (« gommettes ») in the booklet: beside each recommendation that got
some, and the few the room put first (« Les priorités de la salle »), in every format
meant to be read; nothing when no dot was given or the organiser hides the counts."""
from __future__ import annotations

import dataclasses
import datetime as dt
import html
import io
import re
import subprocess

import docx as python_docx
import pytest

import exports.docx
import exports.html
import exports.markdown
import exports.pdf
from exports import booklet
from exports.synthesis import Recommendation, TargetSection, ThemeSection
from tests.booklet_helpers import study_day
from tests.fixtures import load_seed_synthesis
from workshops.services import curation
from workshops.services.booklet import build_synthesis


def _text_of_pdf(data: bytes) -> str:
    return subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True,
                          check=True).stdout.decode("utf-8")


def _text_of_docx(data: bytes) -> str:
    return "\n".join(p.text for p in python_docx.Document(io.BytesIO(data)).paragraphs)


TEXT_OF = {
    "pdf": lambda s: _text_of_pdf(exports.pdf.render(s)),
    "docx": lambda s: _text_of_docx(exports.docx.render(s)),
    "html": lambda s: html.unescape(re.sub(r"<[^>]+>", "", exports.html.render(s).decode())),
    "md": lambda s: exports.markdown.render(s).decode("utf-8"),
}


def _flat(text: str) -> str:
    """Lines joined and no-break spaces made plain, for phrases a layout may wrap."""
    text = text.replace("\u2010\n", "")  # a word the PDF hyphenated at a line's end
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


@pytest.fixture(scope="module")
def seed():
    return load_seed_synthesis()


def _without_dots(s):
    return dataclasses.replace(s, recommendations=[
        dataclasses.replace(target, themes=[
            dataclasses.replace(theme, items=[dataclasses.replace(item, votes=0)
                                              for item in theme.items])
            for theme in target.themes])
        for target in s.recommendations])


@pytest.mark.parametrize("kind", TEXT_OF)
def test_each_format_prints_the_dots_beside_the_recommendations_and_the_priorities(seed, kind):
    text = _flat(TEXT_OF[kind](seed))
    # « Augmenter les financements. » got 14 dots in the seed, the most of all.
    assert "14 gommettes" in text
    assert not re.search(r"\b[01] gommettes", text) and "gommette)" not in text  # French plural
    assert booklet.PRIORITIES in text
    top = text.index(booklet.PRIORITIES)
    assert text.index("Augmenter les financements", top) < text.index("11 gommettes", top)
    # The list comes before the recommendations by target.
    assert top < text.rindex("En tant que professionnel")
    # Every recommendation with dots says how many (the seed's « Me former »: 8, 6, 7).
    beside = "(8 gommettes)" if kind == "md" else "— 8 gommettes"
    assert f"partager pratiques et expériences. {beside}" in text


@pytest.mark.parametrize("kind", TEXT_OF)
def test_no_dot_given_prints_no_dot_and_no_priorities(seed, kind):
    text = TEXT_OF[kind](_without_dots(seed))
    assert "gommette" not in text
    assert booklet.PRIORITIES not in text


def test_one_dot_is_singular():
    s = dataclasses.replace(load_seed_synthesis(), recommendations=[TargetSection(
        key="institutions", title="Pour les institutions", themes=[ThemeSection(
            title="Informer", items=[Recommendation(text="Informer les bailleurs", votes=1)])])])
    for kind in ("html", "md", "docx"):
        text = _flat(TEXT_OF[kind](s))
        assert "1 gommette" in text and not re.search(r"\b1 gommettes", text)


def _items(votes: list[int]) -> list[Recommendation]:
    return [Recommendation(text=f"R{n}", votes=count) for n, count in enumerate(votes)]


@pytest.mark.parametrize("votes, ranked", [
    ([0, 3, 0, 5], ["R3", "R1"]),
    ([1, 9, 2, 8, 3, 7, 4], ["R1", "R3", "R5", "R6", "R4"]),
    # A tie across the fifth place is left out rather than cut at random.
    ([5, 9, 5, 8, 5, 7, 5], ["R1", "R3", "R5"]),
    # Ties inside the list keep the booklet's order.
    ([2, 4, 4], ["R1", "R2", "R0"]),
    ([0, 0], []),
])
def test_the_priorities_are_the_most_dotted_never_half_a_tie(votes, ranked):
    s = dataclasses.replace(load_seed_synthesis(), recommendations=[TargetSection(
        key="t", title="Cible", themes=[ThemeSection(title="Thème", items=_items(votes))])])
    assert [item.text for item, target in booklet.priorities(s)] == ranked


# From the database: the organiser's « show support counts » choice ----------------------

NOW = dt.datetime(2026, 4, 10, 9, 30)

@pytest.fixture
def day(room, session):
    workshop = session.merge(room.workshop)
    return workshop, study_day(session, workshop)


def _dotted(s) -> list[tuple[str, int]]:
    return [(item.text, item.votes) for target in s.recommendations for theme in target.themes
            for item in theme.items if item.votes]


def test_the_dots_follow_the_show_supports_choice(day, session):
    workshop, _ = day
    assert _dotted(build_synthesis(session, workshop, NOW)) == [("Informer les bailleurs", 2)]
    curation.update_settings(session, workshop, show_supports=False)
    s = build_synthesis(session, workshop, NOW)
    assert _dotted(s) == []
    assert "gommette" not in exports.html.render(s).decode("utf-8")
    # The raw data keeps them (XLSX « Gommettes »).
    assert [r.votes for r in s.annex_recommendations if r.text == "Informer les bailleurs"] == [2]
