"""Format documents as text: YAML or JSON in (with the line of each mistake), YAML out.

`parse` refuses what YAML would accept silently (duplicate keys, aliases that can expand a
small file into millions of entries) and turns PyYAML's errors into advice in French.
"""
from __future__ import annotations

import json
from typing import Any

import yaml

from .model import Format

MAX_SOURCE_CHARS = 500_000


class FormatError(ValueError):
    """An invalid format document. `str(error)` is the message to show the organiser."""

    def __init__(self, reason: str, *, line: int | None = None, source: str = "<texte>",
                 loc: tuple = ()):
        # loc: where in the document, e.g. ("days", 0, "sequences", 2, "minutes")
        self.reason, self.line, self.source, self.loc = reason, line, source, loc
        self.message = f"Ligne {line} : {reason}" if line else reason[:1].upper() + reason[1:]
        super().__init__(self.message)


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


def parse(text: str, source: str) -> tuple[Any, yaml.Node | None]:
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
        _check_characters(data, root, source)
        _check_nodes(root, source)
        return data, root

    unprintable = _UNPRINTABLE.search(text)
    if unprintable:  # PyYAML refuses it too, but before it can say where
        raise FormatError(_unprintable(unprintable.group()),
                          line=text.count("\n", 0, unprintable.start()) + 1, source=source)
    loader = yaml.SafeLoader(text)
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
        _check_characters(data, root, source)
        _check_nodes(root, source)
        return data, root
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


# What a YAML file may not hold as it is (PyYAML's rule): control characters but tab and line
# breaks, halves of characters (lone surrogates), U+FFFE and U+FFFF. Nor may a text written
# with escapes ("\0", "\u0000", "\ud800"): no screen, database or export could show it.
_UNPRINTABLE = yaml.reader.Reader.NON_PRINTABLE


def _unprintable(character: str) -> str:
    return (f"le texte contient un caractère invisible ou invalide (U+{ord(character):04X}) : "
            "retirez-le.")


def _check_characters(data: Any, root: yaml.Node | None, source: str) -> None:
    """Refuse a decoded text (a value or a field name) holding an unprintable character,
    on the line of the first node that holds it when the node tree says."""
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            stack += list(value.keys()) + list(value.values())
        elif isinstance(value, list):
            stack += value
        elif isinstance(value, str) and (found := _UNPRINTABLE.search(value)):
            raise FormatError(_unprintable(found.group()),
                              line=_line_holding(root, found.group()), source=source)


def _line_holding(root: yaml.Node | None, character: str) -> int | None:
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.ScalarNode) and character in node.value:
            return node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            stack += [part for pair in reversed(node.value) for part in reversed(pair)]
        elif isinstance(node, yaml.SequenceNode):
            stack += reversed(node.value)
    return None


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
