"""What a format is: frozen dataclasses, from the whole `Format` down to a poll's option.

`Format.to_dict()` gives the plain document back (for JSON storage); `reader.py` builds a
`Format` from a document and says what is wrong with a bad one.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

POLL_KINDS = ("single", "multiple", "scale", "words")  # words: a word cloud
POLL_RESULTS = ("live", "hidden")  # results shown while people vote, or once revealed
QUESTION_KINDS = ("text", "textarea", "scale", "single", "multiple")

SHORT, TEXT, LONG = 200, 2000, 20_000  # maximum lengths in characters: titles, texts, booklet prose
MAX_MINUTES = 24 * 60
# How many a format may hold (issue 13): far above a real day (the built-in formats have
# 10 axes, 2 polls of 7 options, 5 questions of 3 options), low enough that a phone, the
# projection and the booklet stay usable. An option's label is a title (SHORT).
AXES_MAX = 30  # as a workshop's axes (services/room/workshops.py)
POLLS_MAX = 50
POLL_OPTIONS_MAX = 20
FORM_QUESTIONS_MAX = 40
FORM_OPTIONS_MAX = 20
DAYS_MAX = 10  # as the agenda editor (services/agenda/agenda_edit.py)
SEQUENCES_MAX = 40  # in one day
TARGETS_MAX = 20
THEMES_MAX = 30  # in one target
CHOICES_MAX = 50  # organisation types, professions
GUIDING_QUESTIONS_MAX = 20

_frozen = dataclass(frozen=True, kw_only=True)


@_frozen
class Choice:
    key: str
    label: str


@_frozen
class Axis:
    key: str
    title: str
    description: str = ""


@_frozen
class Target:
    key: str
    title: str
    themes: tuple[str, ...] = ()


@_frozen
class PollOption:
    key: str
    label: str
    description: str | None = None


@_frozen
class Poll:
    key: str
    question: str
    kind: str
    options: tuple[PollOption, ...] | None = None  # None for "scale" (1 to 5) and "words"
    results: str | None = None  # one of POLL_RESULTS; None: live


@_frozen
class FormQuestion:
    key: str
    label: str
    kind: str
    options: tuple[str, ...] | None = None  # only for "single" and "multiple"
    required: bool = False


@_frozen
class FeedbackForm:
    title: str
    questions: tuple[FormQuestion, ...]


@_frozen
class Sequence:
    title: str
    activity: str
    minutes: int
    instructions: str | None = None
    question: str | None = None
    axes: str | tuple[str, ...] | None = None  # axis_board only: "all" or axis keys
    poll: str | None = None
    restitution_of: int | None = None  # 0-based index of an earlier day


@_frozen
class Day:
    title: str
    objective: str | None = None
    sequences: tuple[Sequence, ...]


@_frozen
class Link:
    label: str
    url: str


@_frozen
class Booklet:
    intro_title: str = ""
    intro: str = ""
    edito_draft: str = ""
    et_apres_draft: str = ""
    axes_intro_draft: str = ""
    recommendations_intro_draft: str = ""
    links: tuple[Link, ...] = ()


@_frozen
class Format:
    id: str
    version: int
    title: str
    description: str = ""
    guiding_questions: tuple[str, ...] = ()
    axes: tuple[Axis, ...] = ()
    targets: tuple[Target, ...] = ()
    organisation_types: tuple[Choice, ...] = ()
    professions: tuple[Choice, ...] = ()
    polls: tuple[Poll, ...] = ()
    feedback_form: FeedbackForm | None = None
    days: tuple[Day, ...]
    booklet: Booklet = Booklet()
    language: str | None = None  # of its texts, one of LANGUAGES (None: French)

    def to_dict(self) -> dict[str, Any]:
        """The plain document (lists and dicts, unset optional fields left out)."""
        return _plain(self)

    def axes_of(self, sequence: Sequence) -> tuple[Axis, ...]:
        """The axes an axis_board sequence shows, "all" expanded to every axis."""
        if sequence.axes == "all":
            return self.axes
        by_key = {axis.key: axis for axis in self.axes}
        return tuple(by_key[key] for key in sequence.axes or ())


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value):
        return {
            field.name: _plain(getattr(value, field.name))
            for field in dataclasses.fields(value)
            if getattr(value, field.name) is not None
        }
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    return value
