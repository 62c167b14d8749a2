#!/usr/bin/env bash
# Lint, type check, content checks, then the whole pytest suite (unit, PostgreSQL and Redis
# integration, end-to-end over HTTP against the Bot API emulator, browser playground test).
set -uo pipefail
cd "$(dirname "$0")/.."
status=0
step() {
  echo "== $*"
  "$@" || { echo "FAILED: $*"; status=1; }
}
step .venv/bin/ruff check .
step .venv/bin/mypy bot dialogs nlu knowledge devtools
step .venv/bin/python -m bot.i18n_tools check
step .venv/bin/python -m knowledge check
step .venv/bin/python -m nlu validate
step .venv/bin/python -m pytest -q -p no:cacheprovider --durations=15 -n "${PYTEST_WORKERS:-3}" "$@"
exit $status
