#!/usr/bin/env bash
# Install what the tests need and run the whole suite: scripts/test.sh [pytest args]
# Browser tests drive Debian's Chromium (never a downloaded browser); PDF tests use
# poppler's pdftoppm/pdftotext; the JS unit tests run on Debian's Node.js; WeasyPrint needs Pango; the DOCX is opened in LibreOffice.
# Installed with apt when root.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
ldconfig -p 2>/dev/null | grep -q libpangoft2 || need+=(libpango-1.0-0 libpangoft2-1.0-0)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)  # the DOCX must open
command -v node >/dev/null 2>&1 || need+=(nodejs)  # the screens' unit tests (tests/js)
# The deployment test (tests/browser/test_deploy.py) runs deploy/'s nginx site and backup.
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null 2>&1 || need+=(nginx)
command -v openssl >/dev/null 2>&1 || need+=(openssl)
command -v pg_dump >/dev/null 2>&1 || need+=(postgresql-client)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "Missing system packages (install them with apt): ${need[*]}" >&2
  fi
fi

[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
# The locked versions, checked against their hashes (docs/licences.md, « The locks »); then
# requirements-dev.txt, which installs nothing more unless a new dependency is not locked
# yet (tests/test_licences.py then says how to regenerate the locks).
"$VENV/bin/python" -m pip install -q --disable-pip-version-check --require-hashes -r requirements-dev.lock
"$VENV/bin/python" -m pip install -q --disable-pip-version-check -r requirements-dev.txt
# The `ensemble` command, from this checkout (editable: the code stays where it is).
[ -x "$VENV/bin/ensemble" ] ||
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check --no-deps -e .
exec "$VENV/bin/python" -m pytest "$@"
