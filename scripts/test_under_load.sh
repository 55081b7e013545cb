#!/usr/bin/env bash
# The suite on a busy machine: scripts/test.sh with every core kept busy by stress-ng
# for the whole run (installed from Debian's packages if missing). Prints how long the
# run took; compare with an unloaded scripts/test.sh of the same checkout.
# Usage: scripts/test_under_load.sh [arguments for scripts/test.sh]
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v stress-ng >/dev/null; then
  SUDO=""
  [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends stress-ng >/dev/null
fi

cores=$(nproc)
stress-ng --cpu "$cores" --cpu-method matrixprod --quiet &
stress=$!
trap 'kill "$stress" 2>/dev/null; wait "$stress" 2>/dev/null || true' EXIT

started=$SECONDS
status=0
scripts/test.sh "$@" || status=$?
echo "test_under_load: scripts/test.sh with $cores busy core(s): exit $status in $((SECONDS - started)) s"
exit $status
