#!/usr/bin/env bash
# Write a new Alembic migration from the difference between the models and the
# migrations so far: scripts/new-migration.sh "why this change"
set -euo pipefail
cd "$(dirname "$0")/.."
message=${1:?usage: scripts/new-migration.sh "message"}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python - "$tmp/db.sqlite3" "$message" <<'PY'
import sys
from alembic import command
from workshops.migrate import alembic_config
config = alembic_config(f"sqlite:///{sys.argv[1]}")
command.upgrade(config, "head")
command.revision(config, message=sys.argv[2], autogenerate=True)
PY
