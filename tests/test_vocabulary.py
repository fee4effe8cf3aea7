"""One vocabulary: each kind of thing is named in one module, with labels in French and in
English, and a workshop whose format is in English gets an English booklet's labels."""
import ast
import datetime as dt
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from tests.booklet_helpers import study_day
from workshops import vocabulary
from workshops.formats import FormatError, get_builtin, load_format_data
from workshops.services.booklet import build_synthesis

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "workshops" / "translations" / "en" / "LC_MESSAGES" / "messages.po"
TERMS = [*vocabulary.CARD_KINDS.values(), *vocabulary.ACTIVITIES.values(),
         *vocabulary.DEFAULT_TARGETS.values(), *vocabulary.RECOMMENDATION_STATUSES.values(),
         vocabulary.NO_THEME]


def test_every_label_is_in_the_english_catalogue():
    with CATALOGUE.open("rb") as f:
        catalogue = read_po(f)
    assert [t.source for t in TERMS if not (catalogue.get(t.source) and
                                            catalogue.get(t.source).string)] == []
    assert vocabulary.CARD_KINDS["limit"].label("en") == "Yes, but…"
    assert vocabulary.CARD_KINDS["limit"].label("fr") == "Oui, mais…"


def literal_sets(path: Path):
    """Each tuple, list or set of strings (and each dict's keys) written in the file."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        items = node.keys if isinstance(node, ast.Dict) else \
            node.elts if isinstance(node, (ast.Tuple, ast.List, ast.Set)) else []
        if len(items) > 1 and all(isinstance(i, ast.Constant) and isinstance(i.value, str)
                                  for i in items):
            yield node.lineno, {i.value for i in items}


@pytest.mark.parametrize("name", ["CARD_KINDS", "ACTIVITIES", "DEFAULT_TARGETS",
                                  "RECOMMENDATION_STATUSES"])
def test_each_list_of_kinds_is_written_once(name):
    """`KINDS` and its kin live in workshops/vocabulary.py only: another module that spells
    the whole list again would drift from it."""
    keys = set(getattr(vocabulary, name))
    copies = [f"{path.relative_to(ROOT)}:{line}"
              for folder in ("workshops", "exports") for path in (ROOT / folder).rglob("*.py")
              if path.name != "vocabulary.py"
              for line, found in literal_sets(path) if found >= keys]
    assert copies == []


def test_a_format_says_its_language():
    data = get_builtin("logement-d-abord-10-axes").to_dict()
    assert load_format_data(dict(data, language="en")).language == "en"
    assert "language" not in data  # French formats need not say it
    with pytest.raises(FormatError, match='"language" doit valoir fr ou en'):
        load_format_data(dict(data, language="de"))


def test_an_english_format_gives_the_booklet_english_labels(room, session):
    workshop = session.merge(room.workshop)
    study_day(session, workshop)
    targets = [t for t in workshop.format_data["targets"]]
    synthesis = build_synthesis(session, workshop, dt.datetime(2026, 4, 10))
    assert {c.kind_label for c in synthesis.annex_cards} >= {"Levier", "Oui, mais…"}
    workshop.format_data = dict(workshop.format_data, language="en", targets=[])
    session.commit()
    synthesis = build_synthesis(session, workshop, dt.datetime(2026, 4, 10))
    labels = {c.kind_label for c in synthesis.annex_cards}
    assert {"Lever", "Yes, but…", "Answer", "Individual writing"} <= labels
    methods = {s.activity_label for d in synthesis.method.days for s in d.sequences}
    assert "Axis board" in methods and "Tableau des axes" not in methods
    assert targets and [t.title for t in synthesis.recommendations] == ["As a professional",
                                                                        "For the institutions"]
