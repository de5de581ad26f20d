#!/usr/bin/env bash
# Install what the tests need (PostgreSQL and Chromium from Debian where missing, the Python
# package with its dev extra in .venv) and run the whole suite.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_apt+=(postgresql)
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
if [ ${#need_apt[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get install -y -q "${need_apt[@]}" >/dev/null 2>&1 \
    || { $sudo apt-get update -q >/dev/null && $sudo apt-get install -y -q "${need_apt[@]}" >/dev/null; }
  # the Debian package starts a cluster of its own; the tests start their own servers
  (command -v service >/dev/null && $sudo service postgresql stop >/dev/null 2>&1) || true
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/pip install -q -e '.[dev]' 2>&1 | { grep -v '^WARNING: Location' || true; }
.venv/bin/ruff check claims tests bench app.py setup.py
.venv/bin/mypy claims app.py setup.py
.venv/bin/pytest -q -p no:cacheprovider -n 2 "$@"
