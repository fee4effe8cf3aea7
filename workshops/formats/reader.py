"""From a parsed document to a `Format`, failing on the first error with a plain-French
message that names the line at fault (« Ligne 12 : l'axe "3" est déjà défini. »)."""
from __future__ import annotations

import difflib
import re
from typing import Any

import yaml

from workshops.vocabulary import ACTIVITIES, LANGUAGES

from .documents import FormatError, parse
from .model import (AXES_MAX, CHOICES_MAX, DAYS_MAX, FORM_OPTIONS_MAX, FORM_QUESTIONS_MAX,
                    GUIDING_QUESTIONS_MAX, LONG, MAX_MINUTES, POLL_KINDS, POLL_OPTIONS_MAX,
                    POLL_RESULTS, POLLS_MAX, QUESTION_KINDS, SEQUENCES_MAX, SHORT, TARGETS_MAX,
                    TEXT, THEMES_MAX, Axis, Booklet, Choice, Day, FeedbackForm, Format,
                    FormQuestion, Link, Poll, PollOption, Sequence, Target)

_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,63}\Z")
_KEY = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}\Z")
_URL = re.compile(r"https?://\S+\Z")

# Sequence fields that only make sense for some activities, and those an activity requires.
_SEQUENCE_FIELD_ACTIVITIES = {
    "question": ("question_board", "individual_writing"),
    "axes": ("axis_board",),
    "poll": ("poll",),
    "restitution_of": ("restitution",),
}
_REQUIRED_BY_ACTIVITY = {
    "question_board": "question",
    "individual_writing": "question",
    "poll": "poll",
    "restitution": "restitution_of",
}


def load_format_text(text: str, source: str = "<texte>") -> Format:
    """Parse a YAML or JSON format document and validate it."""
    try:
        data, root = parse(text, source)
        return _Reader(root, source).format(data)
    except RecursionError:  # "[[[[…" or YAML as deep: no format nests that far
        raise FormatError("le texte est imbriqué trop profondément.", source=source) from None


def load_format_data(data: Any, source: str = "<données>") -> Format:
    """Validate an already parsed document, e.g. `Format.to_dict()` stored as JSON."""
    return _Reader(None, source).format(data)


Loc = tuple  # where a value is in the document: keys and list indexes, e.g. ("days", 0, "title")


def _name(loc: Loc) -> str:
    if not loc:
        return "le document"
    if isinstance(loc[-1], int):
        return f'l\'élément n°{loc[-1] + 1} de "{loc[-2]}"'
    return f'"{loc[-1]}"'


class _Reader:
    """Validates plain data and builds the dataclasses, failing on the first error.

    Errors name the line of the YAML node at the faulty location when the node tree is known.
    """

    def __init__(self, root: yaml.Node | None, source: str):
        self.root, self.source = root, source

    def fail(self, loc: Loc, reason: str):
        raise FormatError(reason, line=self._line(loc), source=self.source, loc=loc)

    def _line(self, loc: Loc) -> int | None:
        """Line of the deepest node along `loc` (for a missing field: its parent's line)."""
        node = self.root
        if node is None:
            return None
        for step in loc:
            child = None
            if isinstance(node, yaml.MappingNode):
                child = next((v for k, v in node.value if k.value == str(step)), None)
            elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
                child = node.value[step]
            if child is None:
                break
            node = child
        return node.start_mark.line + 1

    # --- generic checks

    def fields(self, data: Any, loc: Loc, required: tuple, optional: tuple = ()) -> None:
        """`data` must be a mapping with every required field and no unknown one."""
        if not isinstance(data, dict):
            self.fail(loc, f"{_name(loc)} doit être un ensemble de champs « nom : valeur ».")
        for key in data:
            if key not in required + optional:
                close = difflib.get_close_matches(str(key), required + optional, n=1)
                hint = f' (vouliez-vous dire "{close[0]}" ?)' if close else ""
                self.fail(loc + (key,), f'le champ "{key}" n\'est pas reconnu{hint}.')
        for key in required:
            if key not in data:
                self.fail(loc, f'il manque le champ "{key}".')

    def string(self, value: Any, loc: Loc, limit: int = SHORT, empty: bool = False) -> str:
        if not isinstance(value, str):
            self.fail(loc, f"{_name(loc)} doit être un texte (mettez-le entre guillemets).")
        value = value.strip()
        if not value and not empty:
            self.fail(loc, f"{_name(loc)} ne doit pas être vide.")
        if len(value) > limit:
            self.fail(loc, f"{_name(loc)} est trop long ({len(value)} caractères ; {limit} au maximum).")
        return value

    def text(self, data: dict, key: str, loc: Loc, limit: int = SHORT, *,
             empty: bool = False, default: str | None = None) -> str | None:
        """The trimmed string `data[key]`, or `default` when the field is absent."""
        return self.string(data[key], loc + (key,), limit, empty) if key in data else default

    def texts(self, data: dict, key: str, loc: Loc, limit: int,
              duplicate: str | None = None, most: int | None = None) -> tuple[str, ...]:
        """The list of strings `data[key]`; `duplicate` (with a {}) refuses repeated ones."""
        entries = self.items(data, key, loc, most)
        texts = tuple(self.string(item, item_loc, limit) for item_loc, item in entries)
        if duplicate:
            self.unique([(item_loc, text) for (item_loc, _), text in zip(entries, texts)], duplicate)
        return texts

    def key(self, data: dict, loc: Loc) -> str:
        value, loc = data["key"], loc + ("key",)
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str) or not _KEY.match(value):
            self.fail(loc, f'{_name(loc)} doit être un identifiant court en minuscules, chiffres, '
                           f'« - » ou « _ », sans espaces ni accents (par exemple "mon-axe").')
        return value

    def integer(self, data: dict, key: str, loc: Loc, maximum: int | None = None) -> int:
        value, loc = data[key], loc + (key,)
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            self.fail(loc, f"{_name(loc)} doit être un nombre entier positif.")
        if maximum is not None and value > maximum:
            self.fail(loc, f"{_name(loc)} ne peut pas dépasser {maximum}.")
        return value

    def kind(self, data: dict, loc: Loc, kinds: tuple[str, ...]) -> str:
        if data["kind"] not in kinds:
            self.fail(loc + ("kind",), f'"kind" doit valoir {", ".join(kinds)} (et non "{data["kind"]}").')
        return data["kind"]

    def items(self, data: dict, key: str, loc: Loc, most: int | None = None
              ) -> list[tuple[Loc, Any]]:
        """(location, element) for each element of the list `data[key]` (absent: none), at
        most `most` of them."""
        value = data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(loc + (key,), f'"{key}" doit être une liste.')
        if most is not None and len(value) > most:
            self.fail(loc + (key,), f'"{key}" contient {len(value)} éléments ; {most} au maximum.')
        return [(loc + (key, i), item) for i, item in enumerate(value)]

    def keyed(self, data: dict, key: str, loc: Loc, build, duplicate: str,
              most: int | None = None) -> tuple:
        """Build each element of the list `data[key]`, refusing two with the same "key"."""
        entries = self.items(data, key, loc, most)
        built = tuple(build(item, item_loc) for item_loc, item in entries)
        self.unique([(item_loc + ("key",), b.key) for (item_loc, _), b in zip(entries, built)], duplicate)
        return built

    def unique(self, entries: list[tuple[Loc, str]], duplicate: str) -> None:
        seen = set()
        for loc, value in entries:
            if value in seen:
                self.fail(loc, duplicate.format(value))
            seen.add(value)

    # --- the schema

    def format(self, data: Any) -> Format:
        if data is None:
            self.fail((), "le document est vide.")
        self.fields(data, (), ("id", "version", "title", "days"), (
            "description", "guiding_questions", "axes", "targets", "organisation_types",
            "professions", "polls", "feedback_form", "booklet", "language"))
        if not isinstance(data["id"], str) or not _ID.match(data["id"]):
            self.fail(("id",), '"id" doit être un identifiant court en minuscules, chiffres et '
                               'tirets, sans espaces ni accents (par exemple "mon-format").')
        version = self.integer(data, "version", ())
        language = data.get("language")
        if language is not None and language not in LANGUAGES:
            self.fail(("language",), f'"language" doit valoir {" ou ".join(LANGUAGES)} '
                                     "(la langue des textes du format).")
        title = self.text(data, "title", ())
        description = self.text(data, "description", (), TEXT, empty=True, default="")
        guiding_questions = self.texts(data, "guiding_questions", (), TEXT,
                                       most=GUIDING_QUESTIONS_MAX)
        axes = self.keyed(data, "axes", (), self.axis, 'l\'axe "{}" est déjà défini.', AXES_MAX)
        targets = self.keyed(data, "targets", (), self.target, 'la cible "{}" est déjà définie.',
                             TARGETS_MAX)
        organisation_types = self.keyed(data, "organisation_types", (), self.choice,
                                        'la valeur "{}" est déjà définie dans "organisation_types".',
                                        CHOICES_MAX)
        professions = self.keyed(data, "professions", (), self.choice,
                                 'la valeur "{}" est déjà définie dans "professions".',
                                 CHOICES_MAX)
        polls = self.keyed(data, "polls", (), self.poll, 'le sondage "{}" est déjà défini.',
                           POLLS_MAX)
        feedback_form = None
        if data.get("feedback_form") is not None:
            feedback_form = self.feedback_form(data["feedback_form"], ("feedback_form",))
        days: list[Day] = []
        for loc, item in self.items(data, "days", (), DAYS_MAX):
            days.append(self.day(item, loc, len(days), axes, targets, polls, feedback_form))
        if not days:
            self.fail(("days",), 'le format doit contenir au moins une journée dans "days".')
        return Format(
            id=data["id"], version=version, title=title, description=description,
            guiding_questions=guiding_questions, axes=axes, targets=targets,
            organisation_types=organisation_types, professions=professions, polls=polls,
            feedback_form=feedback_form, days=tuple(days),
            booklet=self.booklet(data.get("booklet") or {}, ("booklet",)), language=language,
        )

    def axis(self, data: Any, loc: Loc) -> Axis:
        self.fields(data, loc, ("key", "title"), ("description",))
        return Axis(key=self.key(data, loc), title=self.text(data, "title", loc),
                    description=self.text(data, "description", loc, TEXT, empty=True, default=""))

    def target(self, data: Any, loc: Loc) -> Target:
        self.fields(data, loc, ("key", "title"), ("themes",))
        key = self.key(data, loc)
        return Target(key=key, title=self.text(data, "title", loc),
                      themes=self.texts(data, "themes", loc, SHORT,
                                        f'le thème "{{}}" apparaît deux fois dans la cible "{key}".',
                                        THEMES_MAX))

    def choice(self, data: Any, loc: Loc) -> Choice:
        self.fields(data, loc, ("key", "label"))
        return Choice(key=self.key(data, loc), label=self.text(data, "label", loc))

    def poll(self, data: Any, loc: Loc) -> Poll:
        self.fields(data, loc, ("key", "question", "kind"), ("options", "results"))
        key = self.key(data, loc)
        question = self.text(data, "question", loc, TEXT)
        kind = self.kind(data, loc, POLL_KINDS)
        results = data.get("results")
        if results is not None and results not in POLL_RESULTS:
            self.fail(loc + ("results",), '"results" vaut "live" (résultats en direct) ou '
                                          '"hidden" (masqués jusqu\'à révélation).')
        options = None
        if kind in ("scale", "words"):
            if "options" in data:
                self.fail(loc + ("options",), f'un sondage "{kind}" (note de 1 à 5 ou nuage de '
                                              f'mots) n\'a pas de champ "options".')
        else:
            options = self.keyed(data, "options", loc, self.poll_option,
                                 'l\'option "{}" est déjà définie dans ce sondage.',
                                 POLL_OPTIONS_MAX)
            if len(options) < 2:
                self.fail(loc + ("options",), f'un sondage "{kind}" doit proposer au moins deux options.')
        return Poll(key=key, question=question, kind=kind, options=options, results=results)

    def poll_option(self, data: Any, loc: Loc) -> PollOption:
        self.fields(data, loc, ("key", "label"), ("description",))
        return PollOption(key=self.key(data, loc), label=self.text(data, "label", loc),
                          description=self.text(data, "description", loc, TEXT))

    def feedback_form(self, data: Any, loc: Loc) -> FeedbackForm:
        self.fields(data, loc, ("title", "questions"))
        title = self.text(data, "title", loc)
        questions = self.keyed(data, "questions", loc, self.form_question,
                               'la question "{}" est déjà définie dans le formulaire.',
                               FORM_QUESTIONS_MAX)
        if not questions:
            self.fail(loc + ("questions",), "le formulaire doit contenir au moins une question.")
        return FeedbackForm(title=title, questions=questions)

    def form_question(self, data: Any, loc: Loc) -> FormQuestion:
        self.fields(data, loc, ("key", "label", "kind"), ("options", "required"))
        key = self.key(data, loc)
        label = self.text(data, "label", loc, TEXT)
        kind = self.kind(data, loc, QUESTION_KINDS)
        options = None
        if kind in ("single", "multiple"):
            options = self.texts(data, "options", loc, SHORT, 'l\'option "{}" apparaît deux fois.',
                                 FORM_OPTIONS_MAX)
            if len(options) < 2:
                self.fail(loc + ("options",), f'une question "{kind}" doit proposer au moins deux options.')
        elif "options" in data:
            self.fail(loc + ("options",), f'une question "{kind}" n\'a pas de champ "options".')
        required = data.get("required", False)
        if not isinstance(required, bool):
            self.fail(loc + ("required",), '"required" doit valoir true ou false.')
        return FormQuestion(key=key, label=label, kind=kind, options=options, required=required)

    def day(self, data: Any, loc: Loc, index: int, axes: tuple[Axis, ...],
            targets: tuple[Target, ...], polls: tuple[Poll, ...],
            feedback_form: FeedbackForm | None) -> Day:
        self.fields(data, loc, ("title", "sequences"), ("objective",))
        title = self.text(data, "title", loc)
        objective = self.text(data, "objective", loc, TEXT)
        sequences = tuple(self.sequence(item, item_loc, index, axes, targets, polls, feedback_form)
                          for item_loc, item in self.items(data, "sequences", loc,
                                                           SEQUENCES_MAX))
        if not sequences:
            self.fail(loc + ("sequences",), f"la journée « {title} » ne contient aucune séquence.")
        return Day(title=title, objective=objective, sequences=sequences)

    def sequence(self, data: Any, loc: Loc, day: int, axes: tuple[Axis, ...],
                 targets: tuple[Target, ...], polls: tuple[Poll, ...],
                 feedback_form: FeedbackForm | None) -> Sequence:
        """One agenda step; `day` is the index of its day (a restitution looks back)."""
        self.fields(data, loc, ("title", "activity", "minutes"),
                    ("instructions", *_SEQUENCE_FIELD_ACTIVITIES))
        title = self.text(data, "title", loc)
        activity = data["activity"]
        if not isinstance(activity, str) or activity not in ACTIVITIES:
            known = " ; ".join(f"{key} ({term.source.lower()})" for key, term in ACTIVITIES.items())
            self.fail(loc + ("activity",),
                      f'l\'activité "{activity}" n\'existe pas. Activités possibles : {known}.')
        minutes = self.integer(data, "minutes", loc, maximum=MAX_MINUTES)
        instructions = self.text(data, "instructions", loc, TEXT, empty=True)
        for field, activities in _SEQUENCE_FIELD_ACTIVITIES.items():
            if field in data and activity not in activities:
                self.fail(loc + (field,),
                          f'le champ "{field}" ne s\'utilise pas avec l\'activité "{activity}".')
        needed = _REQUIRED_BY_ACTIVITY.get(activity)
        if needed and needed not in data:
            self.fail(loc, f'une séquence "{activity}" doit avoir le champ "{needed}".')

        sequence_axes = restitution_of = None
        if activity == "axis_board":
            if not axes:
                self.fail(loc + ("activity",),
                          'une séquence "axis_board" demande au moins un axe dans "axes".')
            sequence_axes = self.sequence_axes(data, loc, axes)
        elif activity == "poll" and data["poll"] not in [poll.key for poll in polls]:
            self.fail(loc + ("poll",), f'le sondage "{data["poll"]}" n\'existe pas dans "polls".')
        elif activity == "restitution":
            restitution_of = data["restitution_of"]
            if day == 0:
                self.fail(loc, "une restitution ne peut pas avoir lieu pendant la première journée : "
                               "il n'y a encore rien à restituer.")
            if not isinstance(restitution_of, int) or isinstance(restitution_of, bool) \
                    or not 0 <= restitution_of < day:
                self.fail(loc + ("restitution_of",),
                          '"restitution_of" doit désigner une journée précédente : '
                          f"un nombre de 0 (première journée) à {day - 1}.")
        elif activity == "group_drafting" and not targets:
            self.fail(loc + ("activity",),
                      'une séquence "group_drafting" demande au moins une cible dans "targets".')
        elif activity == "feedback_form" and feedback_form is None:
            self.fail(loc + ("activity",),
                      'une séquence "feedback_form" demande un formulaire dans "feedback_form".')
        return Sequence(
            title=title, activity=activity, minutes=minutes, instructions=instructions,
            question=self.text(data, "question", loc, TEXT), axes=sequence_axes,
            poll=data.get("poll"), restitution_of=restitution_of,
        )

    def sequence_axes(self, data: dict, loc: Loc, axes: tuple[Axis, ...]) -> str | tuple[str, ...]:
        """The "axes" of an axis_board sequence: "all" (the default) or known axis keys."""
        value = data.get("axes", "all")
        if value == "all":
            return "all"
        loc = loc + ("axes",)
        if not isinstance(value, list) or not value:
            self.fail(loc, '"axes" doit valoir "all" ou être une liste de clés d\'axes.')
        known = [axis.key for axis in axes]
        keys: list[str] = []
        for i, key in enumerate(value):
            key = str(key) if isinstance(key, int) and not isinstance(key, bool) else key
            if key not in known:
                self.fail(loc + (i,), f'l\'axe "{key}" n\'existe pas (axes définis : {", ".join(known)}).')
            if key in keys:
                self.fail(loc + (i,), f'l\'axe "{key}" est cité deux fois.')
            keys.append(key)
        return tuple(keys)

    def booklet(self, data: Any, loc: Loc) -> Booklet:
        self.fields(data, loc, (), ("intro_title", "intro", "edito_draft", "et_apres_draft",
                                    "axes_intro_draft", "recommendations_intro_draft", "links"))
        return Booklet(
            intro_title=self.text(data, "intro_title", loc, empty=True, default=""),
            intro=self.text(data, "intro", loc, LONG, empty=True, default=""),
            edito_draft=self.text(data, "edito_draft", loc, LONG, empty=True, default=""),
            et_apres_draft=self.text(data, "et_apres_draft", loc, LONG, empty=True, default=""),
            axes_intro_draft=self.text(data, "axes_intro_draft", loc, LONG, empty=True, default=""),
            recommendations_intro_draft=self.text(data, "recommendations_intro_draft", loc, LONG,
                                                  empty=True, default=""),
            links=tuple(self.link(item, item_loc) for item_loc, item in self.items(data, "links", loc)),
        )

    def link(self, data: Any, loc: Loc) -> Link:
        self.fields(data, loc, ("label", "url"))
        label = self.text(data, "label", loc)
        url = self.text(data, "url", loc, TEXT)
        if not _URL.match(url):
            self.fail(loc + ("url",), f'l\'adresse "{url}" doit commencer par https:// ou http://.')
        return Link(label=label, url=url)
