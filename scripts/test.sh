#!/usr/bin/env bash
# Set up (scripts/setup.sh) and run every check and test: ruff, mypy, import-linter,
# the Qt-free core with PySide6 made unimportable, then the whole suite offscreen.
# Usage: scripts/test.sh [extra pytest arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$PWD/.venv/bin:$PATH"
export QT_QPA_PLATFORM=offscreen
export PYTHONDONTWRITEBYTECODE=1
# PostgreSQL behaviour is tested against a real server (installed and started if missing).
CUR_TEST_PG_URL="${CUR_TEST_PG_URL:-$(scripts/ensure_postgres.sh)}"
export CUR_TEST_PG_URL

echo "== ruff"
ruff check .
ruff format --check .
echo "== mypy"
mypy
echo "== import-linter"
lint-imports
echo "== core without Qt"
python scripts/pytest_without_qt.py -q tests/core
echo "== all tests"
python -m pytest -q "$@"
