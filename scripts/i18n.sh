#!/usr/bin/env bash
# French is the source language. Extract the strings, update the English catalogue,
# write the French one (the plural messages only: scripts/french_plurals.py says why),
# compile both: scripts/i18n.sh   (then translate new entries in
# workshops/translations/en/LC_MESSAGES/messages.po and run it again)
set -euo pipefail
cd "$(dirname "$0")/.."
PYBABEL=${PYBABEL:-pybabel}
PYTHON=${PYTHON:-$(dirname "$(command -v "$PYBABEL")")/python}  # the one Babel is installed in
catalogue=workshops/translations
pot=$(mktemp --suffix=.pot)
trap 'rm -f "$pot"' EXIT
"$PYBABEL" -q extract -F babel.cfg -k _l -k lazy_gettext --no-location --sort-output -o "$pot" .
if [ -f "$catalogue/en/LC_MESSAGES/messages.po" ]; then
  "$PYBABEL" -q update -i "$pot" -d "$catalogue" -l en --no-fuzzy-matching --ignore-pot-creation-date
else
  "$PYBABEL" -q init -i "$pot" -d "$catalogue" -l en
fi
"$PYTHON" scripts/french_plurals.py "$pot" \
  "$catalogue/fr/LC_MESSAGES/messages.po"
"$PYBABEL" -q compile -d "$catalogue" --use-fuzzy 2>/dev/null || "$PYBABEL" -q compile -d "$catalogue"
