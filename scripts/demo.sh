#!/usr/bin/env bash
# Set up (scripts/setup.sh) and start cur-desktop in demo mode on a generated demo region.
# Extra arguments go to `cur-desktop demo` (e.g. --appeals 100000 --regenerate).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
if [[ -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" && -z "${QT_QPA_PLATFORM:-}" ]]; then
  echo "demo: no screen here; rendering offscreen and saving a PNG instead"
  export QT_QPA_PLATFORM=offscreen
  set -- --quit-after 1500 --screenshot "${PWD}/var/demo-overview.png" "$@"
fi
exec .venv/bin/cur-desktop demo "$@"
