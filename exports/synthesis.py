"""The synthesis of a workshop: everything the restitution booklet shows.

Plain dataclasses with no Flask and no database, so that the builder (database →
synthesis) and the renderers (synthesis → DOCX, PDF, HTML, Markdown, XLSX) can be
written and tested independently.  Renderers display items in the order given:
sorting (levers most supported first, …) and curation are the builder's job.

Multi-paragraph texts (édito, intro, « Et après ? »…) are plain text whose
paragraphs are separated by a blank line; no markup is interpreted.

``Synthesis.to_dict()`` gives JSON-compatible data (dates as ISO strings) and
``Synthesis.from_dict()`` reads it back.
"""
from __future__ import annotations

import dataclasses
import types
from dataclasses import dataclass, field
import datetime as dt
from typing import Any, Union, get_args, get_origin, get_type_hints

from workshops.vocabulary import RECOMMENDATION_STATUSES

Count = tuple[str, int]
"""A label and how many times it was counted, e.g. ("Bailleur social", 12)."""

STATUS_LABELS = {key: term.label("fr") for key, term in RECOMMENDATION_STATUSES.items()}
"""French labels of ``Recommendation.status`` values."""


@dataclass(kw_only=True)
class SequenceMethod:
    title: str
    activity_label: str = ""
    minutes: int | None = None


@dataclass(kw_only=True)
class DayMethod:
    title: str
    date: dt.date | None = None
    objective: str = ""
    sequences: list[SequenceMethod] = field(default_factory=list)
    attendance: int | None = None


@dataclass(kw_only=True)
class Method:
    days: list[DayMethod] = field(default_factory=list)
    guiding_questions: list[str] = field(default_factory=list)


@dataclass(kw_only=True)
class Attendance:
    """Who was there.  ``total`` counts distinct people over all days."""

    total: int = 0
    by_type: list[Count] = field(default_factory=list)
    organisations: list[str] | None = None
    """Names of the organisations, or None unless the organiser chose to show them."""


@dataclass(kw_only=True)
class Limit:
    """A « Oui, mais… » card."""

    text: str
    supports: int = 0
    verbatim: bool = False


@dataclass(kw_only=True)
class Lever:
    """A « Le levier » card, with the « Oui, mais… » cards that answer it."""

    text: str
    supports: int = 0
    verbatim: bool = False
    answers: list[Limit] = field(default_factory=list)


@dataclass(kw_only=True)
class AxisSection:
    number: int
    title: str
    description: str = ""
    levers: list[Lever] = field(default_factory=list)
    other_limits: list[Limit] = field(default_factory=list)
    """« Oui, mais… » cards that answer no particular lever."""


@dataclass(kw_only=True)
class QuestionSection:
    """The answers to an open question (question board), or the revealed texts of an
    individual-writing sequence, most supported first."""

    title: str
    """The question asked."""
    sequence: str = ""
    """Title of the sequence that asked it."""
    answers: list[Limit] = field(default_factory=list)


@dataclass(kw_only=True)
class Recommendation:
    text: str
    group: str = ""
    status: str = "kept"
    """One of ``STATUS_LABELS``: draft, kept, merged."""
    votes: int = 0


@dataclass(kw_only=True)
class ThemeSection:
    title: str
    items: list[Recommendation] = field(default_factory=list)


@dataclass(kw_only=True)
class TargetSection:
    key: str
    title: str
    themes: list[ThemeSection] = field(default_factory=list)


@dataclass(kw_only=True)
class PollResult:
    question: str
    kind: str
    """"single", "multiple" or "scale"."""
    options: list[Count] = field(default_factory=list)
    total: int = 0
    """Number of people who answered (several options each for "multiple")."""


@dataclass(kw_only=True)
class FeedbackQuestion:
    """One question of the feedback form: counts for choices and scales, texts for open ones."""

    label: str
    kind: str
    """"choice", "scale" or "text"."""
    counts: list[Count] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    average: float | None = None


@dataclass(kw_only=True)
class FeedbackSummary:
    answers_count: int
    questions: list[FeedbackQuestion] = field(default_factory=list)


@dataclass(kw_only=True)
class Link:
    label: str
    url: str


@dataclass(kw_only=True)
class Image:
    """An image embedded in the booklet (the organisation's or a partner's logo)."""

    media_type: str
    """"image/png", "image/jpeg" or "image/svg+xml"."""
    data: str
    """The file, base64-encoded."""

    @property
    def data_uri(self) -> str:
        return f"data:{self.media_type};base64,{self.data}"


@dataclass(kw_only=True)
class Partner:
    """A partner or funder printed on the back page."""

    name: str
    logo: Image | None = None


@dataclass(kw_only=True)
class AnnexCard:
    """A raw contribution, as listed in the annex and the spreadsheet."""

    axis_or_question: str
    kind_label: str
    text: str
    supports: int = 0
    author_type: str = ""
    id: int | None = None
    axis_number: int | None = None
    """The axis's number in the booklet (None for a question or a writing)."""
    created_at: dt.datetime | None = None
    """When it was posted, Europe/Paris wall-clock time."""
    answers_id: int | None = None
    """For a « Oui, mais… »: the lever card it answers."""
    answers_text: str = ""
    verbatim: bool = False
    merged_into_id: int | None = None
    """Merged into that card by the organisers (the body shows the survivor only)."""
    hidden: bool = False
    """Hidden by the facilitators: in the raw data only (flagged), never in the booklet."""


@dataclass(kw_only=True)
class AnnexRecommendation:
    target: str
    theme: str
    group: str
    text: str
    status: str = "kept"
    id: int | None = None
    created_at: dt.datetime | None = None
    votes: int = 0
    """Dots the room gave it on the wall."""


@dataclass(kw_only=True)
class Synthesis:
    title: str
    subtitle: str = ""
    organiser: str = ""
    logo: Image | None = None
    accent_colour: str = ""
    """« #RRGGBB », the organisation's colour for covers and titles; renderers default."""
    place: str = ""
    dates: list[dt.date] = field(default_factory=list)
    generated_at: dt.datetime = field(
        default_factory=lambda: dt.datetime.now().replace(microsecond=0))
    edito: str = ""
    intro_title: str = ""
    intro: str = ""
    method: Method = field(default_factory=Method)
    attendance: Attendance = field(default_factory=Attendance)
    axes_title: str = ""
    """Heading of the axes part; renderers fall back to « Les N axes »."""
    axes_intro: str = ""
    axes: list[AxisSection] = field(default_factory=list)
    questions: list[QuestionSection] = field(default_factory=list)
    """« Paroles de la salle »: question boards and revealed individual writings."""
    polls: list[PollResult] = field(default_factory=list)
    feedback: FeedbackSummary | None = None
    recommendations_intro: str = ""
    recommendations: list[TargetSection] = field(default_factory=list)
    et_apres: str = ""
    links: list[Link] = field(default_factory=list)
    colophon: str = ""
    """Credits printed at the end (graphic design, funders…)."""
    partners: list[Partner] = field(default_factory=list)
    empty_axes_note: str = ""
    """Printed under an axis with no card (« Aucune contribution sur cet axe. »), if chosen."""
    annex_cards: list[AnnexCard] = field(default_factory=list)
    annex_recommendations: list[AnnexRecommendation] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return _encode(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Synthesis:
        return _decode(cls, data)


def _encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value):
        return {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [_encode(item) for item in value]
    if isinstance(value, dt.date):  # datetime included
        return value.isoformat()
    return value


def _decode(hint: Any, value: Any) -> Any:
    """Build a value of type ``hint`` from JSON-compatible data, recursively."""
    if value is None:
        return None
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        (hint,) = [arg for arg in get_args(hint) if arg is not type(None)]
        return _decode(hint, value)
    if origin is list:
        (item_hint,) = get_args(hint)
        return [_decode(item_hint, item) for item in value]
    if origin is tuple:
        return tuple(_decode(item_hint, item) for item_hint, item in zip(get_args(hint), value))
    if dataclasses.is_dataclass(hint):
        hints = get_type_hints(hint)
        return hint(**{f.name: _decode(hints[f.name], value[f.name])
                       for f in dataclasses.fields(hint) if f.name in value})
    if hint is dt.datetime and isinstance(value, str):
        return dt.datetime.fromisoformat(value)
    if hint is dt.date and isinstance(value, str):
        return dt.date.fromisoformat(value)
    return value
