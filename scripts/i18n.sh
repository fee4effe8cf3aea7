#!/usr/bin/env bash
# French is the source language. Extract the strings, update the English catalogue,
# compile it: scripts/i18n.sh   (then translate new entries in
# workshops/translations/en/LC_MESSAGES/messages.po and run it again)
set -euo pipefail
cd "$(dirname "$0")/.."
PYBABEL=${PYBABEL:-pybabel}
catalogue=workshops/translations
pot=$(mktemp --suffix=.pot)
trap 'rm -f "$pot"' EXIT
"$PYBABEL" -q extract -F babel.cfg -k _l -k lazy_gettext --no-location --sort-output -o "$pot" .
if [ -f "$catalogue/en/LC_MESSAGES/messages.po" ]; then
  "$PYBABEL" -q update -i "$pot" -d "$catalogue" -l en --no-fuzzy-matching --ignore-pot-creation-date
else
  "$PYBABEL" -q init -i "$pot" -d "$catalogue" -l en
fi
"$PYBABEL" -q compile -d "$catalogue" --use-fuzzy 2>/dev/null || "$PYBABEL" -q compile -d "$catalogue"
