#!/usr/bin/env bash
# Set up (scripts/setup.sh) and run every check and test: ruff, mypy, import-linter,
# the core, sync and central service tests with PySide6 made unimportable, then the rest
# of the suite (Qt, end-to-end, packaging, data) offscreen at the real time, then the
# clock-sensitive folders again with the clock moved to the night
# (scripts/test_clock.sh night; CUR_TEST_CLOCK=all runs every instant, =none skips it).
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
echo "== the core, the sync and the central service without Qt"
python scripts/pytest_without_qt.py -q tests/core tests/sync tests/central
echo "== the rest of the suite (the Qt-free folders above are not run twice)"
python -m pytest -q --ignore=tests/core --ignore=tests/sync --ignore=tests/central "$@"
case "${CUR_TEST_CLOCK:-night}" in
  none) ;;
  all) echo "== the clock matrix"; scripts/test_clock.sh ;;
  *) echo "== the clock matrix at ${CUR_TEST_CLOCK:-night}"; scripts/test_clock.sh ${CUR_TEST_CLOCK:-night} ;;
esac
