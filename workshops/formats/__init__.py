"""Workshop formats: the data files that define days, sequences, axes, targets and texts.

A format is a YAML (or JSON) document. `load_format_text` turns it into a frozen `Format`
or raises `FormatError`, whose message is plain French naming the line at fault
(« Ligne 12 : l'axe "3" est déjà défini. ») so it can be shown as-is to the organiser who
imported the file. `Format.to_dict()` gives the plain document back (for JSON storage) and
`dump_format_yaml` exports it. The built-in formats live in `builtin/*.yaml`.

This module is plain Python: no Flask, no database.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from workshops.vocabulary import ACTIVITIES, LANGUAGES

BUILTIN_DIR = Path(__file__).with_name("builtin")

POLL_KINDS = ("single", "multiple", "scale")
QUESTION_KINDS = ("text", "textarea", "scale", "single", "multiple")

SHORT, TEXT, LONG = 200, 2000, 20_000  # maximum lengths in characters: titles, texts, booklet prose
MAX_MINUTES = 24 * 60
MAX_SOURCE_CHARS = 500_000
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


class FormatError(ValueError):
    """An invalid format document. `str(error)` is the message to show the organiser."""

    def __init__(self, reason: str, *, line: int | None = None, source: str = "<texte>"):
        self.reason, self.line, self.source = reason, line, source
        self.message = f"Ligne {line} : {reason}" if line else reason[:1].upper() + reason[1:]
        super().__init__(self.message)


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
    options: tuple[PollOption, ...] | None = None  # None for "scale" (1 to 5)


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


# ---------------------------------------------------------------- loading


def load_format_text(text: str, source: str = "<texte>") -> Format:
    """Parse a YAML or JSON format document and validate it."""
    try:
        data, root = _parse(text, source)
        return _Reader(root, source).format(data)
    except RecursionError:  # "[[[[…" or YAML as deep: no format nests that far
        raise FormatError("le texte est imbriqué trop profondément.", source=source) from None


def load_format_data(data: Any, source: str = "<données>") -> Format:
    """Validate an already parsed document, e.g. `Format.to_dict()` stored as JSON."""
    return _Reader(None, source).format(data)


def dump_format_yaml(fmt: Format) -> str:
    """Export a format as YAML that `load_format_text` reads back to an equal format."""
    return yaml.dump(fmt.to_dict(), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)


class _Dumper(yaml.SafeDumper):
    """Writes multi-line texts as literal blocks so exported files stay easy to edit."""


_Dumper.add_representer(
    str,
    lambda dumper, value: dumper.represent_scalar(
        "tag:yaml.org,2002:str", value, style="|" if "\n" in value else None
    ),
)


def _parse(text: str, source: str) -> tuple[Any, yaml.Node | None]:
    """Return the data and the YAML node tree (used only to find line numbers).

    JSON is decoded by `json`, since PyYAML mis-decodes the surrogate escapes that
    `json.dumps` writes for emoji; it is then composed as YAML (tabs, legal spacing in JSON
    but not in YAML, replaced by spaces) only to locate errors.
    """
    if len(text) > MAX_SOURCE_CHARS:
        raise FormatError(
            f"le fichier est trop volumineux ({len(text)} caractères ; "
            f"{MAX_SOURCE_CHARS} au maximum).",
            source=source,
        )
    try:
        data = json.loads(text)
    except ValueError as exc:
        json_error = exc
    else:
        try:
            root = yaml.compose(text.replace("\t", " "), Loader=yaml.SafeLoader)
        except yaml.YAMLError:
            root = None
        _check_nodes(root, source)
        return data, root

    loader = yaml.SafeLoader(text)
    try:
        root = loader.get_single_node()
        _check_nodes(root, source)
        return (loader.construct_document(root) if root is not None else None), root
    except yaml.YAMLError as exc:
        if text.lstrip().startswith("{"):
            raise FormatError(
                "le texte JSON est mal formé (virgule, guillemet ou accolade en trop ou manquant).",
                line=json_error.lineno,
                source=source,
            ) from None
        raise FormatError(
            f"le texte n'est pas un YAML valide : {_yaml_hint(exc)}",
            line=_yaml_error_line(exc),
            source=source,
        ) from None
    finally:
        loader.dispose()


_YAML_HINTS = {  # PyYAML's wording of frequent mistakes -> advice in French
    "mapping values are not allowed": "un « : » suivi d'un espace commence un nouveau champ ; "
                                      "si c'est du texte, mettez-le entre guillemets.",
    "cannot start any token": "caractère inattendu (une tabulation ?) ; indentez avec des espaces.",
    "while scanning a quoted scalar": "un guillemet est ouvert mais jamais fermé.",
}


def _yaml_hint(exc: yaml.YAMLError) -> str:
    wording = f"{getattr(exc, 'context', '')} {getattr(exc, 'problem', '')}"
    return next((hint for words, hint in _YAML_HINTS.items() if words in wording),
                "vérifiez l'indentation, les deux-points et les guillemets.")


def _yaml_error_line(exc: yaml.YAMLError) -> int | None:
    """The line to blame: for a scanner error, where the faulty token starts (PyYAML's
    "context", e.g. an unclosed quote); for a parser error, the unexpected token."""
    marks = (exc.context_mark, exc.problem_mark) if isinstance(exc, yaml.scanner.ScannerError) \
        else (getattr(exc, "problem_mark", None),)
    mark = next((m for m in marks if m is not None), None)
    return mark.line + 1 if mark else None


def _check_nodes(root: yaml.Node | None, source: str) -> None:
    """Refuse duplicate keys (YAML would silently keep the last one) and aliases.

    Aliases (`&nom` / `*nom`) are refused because a few nested ones can expand a small
    file into millions of entries.
    """
    seen: set[int] = set()
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if id(node) in seen:
            raise FormatError(
                "les références YAML (« & » et « * ») ne sont pas acceptées : recopiez le texte.",
                line=node.start_mark.line + 1,
                source=source,
            )
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            keys = set()
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    if key.value in keys:
                        raise FormatError(
                            f'le champ "{key.value}" apparaît deux fois.',
                            line=key.start_mark.line + 1,
                            source=source,
                        )
                    keys.add(key.value)
                stack += [key, value]
        elif isinstance(node, yaml.SequenceNode):
            stack += node.value


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
        raise FormatError(reason, line=self._line(loc), source=self.source)

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
              duplicate: str | None = None) -> tuple[str, ...]:
        """The list of strings `data[key]`; `duplicate` (with a {}) refuses repeated ones."""
        entries = self.items(data, key, loc)
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

    def items(self, data: dict, key: str, loc: Loc) -> list[tuple[Loc, Any]]:
        """(location, element) for each element of the list `data[key]` (absent: none)."""
        value = data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(loc + (key,), f'"{key}" doit être une liste.')
        return [(loc + (key, i), item) for i, item in enumerate(value)]

    def keyed(self, data: dict, key: str, loc: Loc, build, duplicate: str) -> tuple:
        """Build each element of the list `data[key]`, refusing two with the same "key"."""
        entries = self.items(data, key, loc)
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
        guiding_questions = self.texts(data, "guiding_questions", (), TEXT)
        axes = self.keyed(data, "axes", (), self.axis, 'l\'axe "{}" est déjà défini.')
        targets = self.keyed(data, "targets", (), self.target, 'la cible "{}" est déjà définie.')
        organisation_types = self.keyed(data, "organisation_types", (), self.choice,
                                        'la valeur "{}" est déjà définie dans "organisation_types".')
        professions = self.keyed(data, "professions", (), self.choice,
                                 'la valeur "{}" est déjà définie dans "professions".')
        polls = self.keyed(data, "polls", (), self.poll, 'le sondage "{}" est déjà défini.')
        feedback_form = None
        if data.get("feedback_form") is not None:
            feedback_form = self.feedback_form(data["feedback_form"], ("feedback_form",))
        days: list[Day] = []
        for loc, item in self.items(data, "days", ()):
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
                                        f'le thème "{{}}" apparaît deux fois dans la cible "{key}".'))

    def choice(self, data: Any, loc: Loc) -> Choice:
        self.fields(data, loc, ("key", "label"))
        return Choice(key=self.key(data, loc), label=self.text(data, "label", loc))

    def poll(self, data: Any, loc: Loc) -> Poll:
        self.fields(data, loc, ("key", "question", "kind"), ("options",))
        key = self.key(data, loc)
        question = self.text(data, "question", loc, TEXT)
        kind = self.kind(data, loc, POLL_KINDS)
        options = None
        if kind == "scale":
            if "options" in data:
                self.fail(loc + ("options",),
                          'un sondage "scale" (note de 1 à 5) n\'a pas de champ "options".')
        else:
            options = self.keyed(data, "options", loc, self.poll_option,
                                 'l\'option "{}" est déjà définie dans ce sondage.')
            if len(options) < 2:
                self.fail(loc + ("options",), f'un sondage "{kind}" doit proposer au moins deux options.')
        return Poll(key=key, question=question, kind=kind, options=options)

    def poll_option(self, data: Any, loc: Loc) -> PollOption:
        self.fields(data, loc, ("key", "label"), ("description",))
        return PollOption(key=self.key(data, loc), label=self.text(data, "label", loc),
                          description=self.text(data, "description", loc, TEXT))

    def feedback_form(self, data: Any, loc: Loc) -> FeedbackForm:
        self.fields(data, loc, ("title", "questions"))
        title = self.text(data, "title", loc)
        questions = self.keyed(data, "questions", loc, self.form_question,
                               'la question "{}" est déjà définie dans le formulaire.')
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
            options = self.texts(data, "options", loc, SHORT, 'l\'option "{}" apparaît deux fois.')
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
                          for item_loc, item in self.items(data, "sequences", loc))
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


# ---------------------------------------------------------------- built-in formats


@functools.cache
def _builtins() -> dict[str, Format]:
    formats = {}
    for path in sorted(BUILTIN_DIR.glob("*.yaml")):
        try:
            fmt = load_format_text(path.read_text(encoding="utf-8"), source=path.name)
        except FormatError as exc:
            raise RuntimeError(f"Format intégré {path.name} invalide : {exc}") from exc
        if fmt.id != path.stem:
            raise RuntimeError(f"Format intégré {path.name} : l'identifiant doit être « {path.stem} ».")
        formats[fmt.id] = fmt
    return formats


def builtin_formats() -> dict[str, Format]:
    """The built-in formats by id, loaded once. A malformed one raises RuntimeError."""
    return dict(_builtins())


def get_builtin(format_id: str) -> Format | None:
    return _builtins().get(format_id)
