"""Write the French catalogue of the plural messages, from the extracted template (.pot).

French is the source language, so it has no catalogue to translate; but without one,
gettext's `ngettext` follows the rule it falls back on, English's (`n != 1`), and the
server's pages said « 0 soutiens » where French says « 0 soutien ». This catalogue holds
every message that has a plural, each translated by itself, under French's plural rule
(`n > 1`): scripts/i18n.sh runs it after each extraction.

    python scripts/french_plurals.py MESSAGES.pot workshops/translations/fr/LC_MESSAGES/messages.po
"""
import sys
from datetime import datetime, timezone
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po


# A fixed date: the file changes only when the messages do.
WRITTEN = datetime(2026, 11, 30, tzinfo=timezone.utc)


def french_plurals(template: Catalog) -> Catalog:
    """Babel's French rule has three forms (one: 0 and 1; many: a million and its
    multiples, « 1 000 000 de… »; other): the many form takes the plural as written."""
    catalogue = Catalog(locale="fr", project="Ensemble", domain="messages", fuzzy=False,
                        header_comment="# Written by scripts/french_plurals.py: do not edit.",
                        creation_date=WRITTEN, revision_date=WRITTEN)
    for message in template:
        if message.id and message.pluralizable:
            singular, plural = message.id
            forms = [singular] + [plural] * (catalogue.num_plurals - 1)
            catalogue.add(message.id, string=tuple(forms), context=message.context)
    return catalogue


def main() -> None:
    source, target = Path(sys.argv[1]), Path(sys.argv[2])
    with source.open("rb") as f:
        template = read_po(f)
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as f:
        write_po(f, french_plurals(template), omit_header=False, sort_output=True,
                 no_location=True, ignore_obsolete=True)


if __name__ == "__main__":
    main()
