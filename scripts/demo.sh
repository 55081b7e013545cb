#!/usr/bin/env bash
# Set up (scripts/setup.sh) and start cur-desktop in demo mode: a local demo central service
# (SQLite, a generated demo region with live activity) and the operator console signed in as
# the demo operator, syncing from it. Extra arguments go to `cur-desktop demo`
# (e.g. --appeals 100000 --regenerate, or --view wall).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
if [[ -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" && -z "${QT_QPA_PLATFORM:-}" ]]; then
  echo "demo: no screen here; rendering offscreen and saving a PNG instead"
  export QT_QPA_PLATFORM=offscreen
  set -- --quit-after 1500 --screenshot "${PWD}/var/demo-console.png" "$@"
fi
exec .venv/bin/cur-desktop demo "$@"
