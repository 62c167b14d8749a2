#!/usr/bin/env bash
# Set up everything the bot needs on a fresh machine (idempotent).
#   scripts/setup.sh          python env, catalogues, NLU model
#   scripts/setup.sh --test   also the system packages the test suite needs
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON:-python3}
want_test=${1:-}

apt_install() {
  # Install Debian packages that are missing (only possible as root).
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup: please install: ${missing[*]} (needs root)" >&2; return 0
  fi
  echo "setup: installing ${missing[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

# Fonts for the Kazakh/Russian PDF exports (safety plan, journal).
apt_install fonts-dejavu-core

if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
stamp=.venv/.qorgau-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ] || [ constraints.txt -nt "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -c constraints.txt -e ".[dev]"
  touch "$stamp"
fi

.venv/bin/python -m bot.i18n_tools compile >/dev/null
.venv/bin/python -m nlu train --if-stale

if [ "$want_test" = "--test" ]; then
  # Headless Chromium for the playground browser test; playwright-core drives it.
  apt_install chromium
  command -v npm >/dev/null 2>&1 || apt_install nodejs npm
  if [ ! -d node_modules/playwright-core ]; then
    npm ci --silent --no-audit --no-fund
  fi
fi
