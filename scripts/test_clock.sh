#!/usr/bin/env bash
# The clock matrix: the clock-sensitive test folders run with the clock moved to
# instants where time-dependent code breaks (night, the Monday after the New Year
# holidays, the end of a working Friday, New Year's Eve, a transferred working
# Saturday, the first and last of Russia's eleven time zones).
#
# Usage: scripts/test_clock.sh [NAME ...] [-- extra pytest arguments]
#   with no NAME, every instant below; `scripts/test_clock.sh --list` lists them.
#
# Each instant runs in its own pytest process with CUR_TEST_NOW set: tests/conftest.py
# moves the process's time there with time-machine (ticking on at the real pace) and
# hands child processes the clock's debug option CUR_DESKTOP_CLOCK_START. TZ is the
# region's zone, as on a workstation there; for the zones other than Moscow the region
# pack's zone is changed in a copy of resources/ (CUR_DESKTOP_RESOURCES).
# Prints one line per instant and exits non-zero if any test failed anywhere.
set -uo pipefail
cd "$(dirname "$0")/.."

# name | instant (ISO 8601 with offset) | the region's IANA zone
INSTANTS=(
  "night|2026-12-08T00:55:00+00:00|Europe/Moscow"
  "monday-after-holidays|2026-01-12T03:30:00+03:00|Europe/Moscow"
  "friday-17-59|2026-12-04T17:59:00+03:00|Europe/Moscow"
  "friday-18-01|2026-12-04T18:01:00+03:00|Europe/Moscow"
  "new-year-eve|2026-12-31T23:59:30+03:00|Europe/Moscow"
  "working-saturday|2025-11-01T10:00:00+03:00|Europe/Moscow"
  "kamchatka-08-00|2026-12-08T08:00:00+12:00|Asia/Kamchatka"
  "kaliningrad-08-00|2026-12-08T08:00:00+02:00|Europe/Kaliningrad"
)
FOLDERS=(tests/central tests/sync tests/e2e tests/core tests/qt)
# CUR_TEST_CLOCK_PATHS="tests/qt/test_console_live.py ..." runs only those (checking a fix)
if [[ -n "${CUR_TEST_CLOCK_PATHS:-}" ]]; then read -r -a FOLDERS <<<"$CUR_TEST_CLOCK_PATHS"; fi

wanted=()
extra=()
while (($#)); do
  case "$1" in
    --list) printf '%s\n' "${INSTANTS[@]}" | tr '|' ' '; exit 0 ;;
    --) shift; extra=("$@"); break ;;
    *) wanted+=("$1") ;;
  esac
  shift
done

scripts/setup.sh >/dev/null
export PATH="$PWD/.venv/bin:$PATH"
export QT_QPA_PLATFORM=offscreen
export PYTHONDONTWRITEBYTECODE=1
CUR_TEST_PG_URL="${CUR_TEST_PG_URL:-$(scripts/ensure_postgres.sh)}"
export CUR_TEST_PG_URL

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

resources_for_zone() {  # a copy of resources/ (links to the files) with the region's zone changed
  local zone=$1 dir="$work/resources-${1//\//-}"
  if [[ ! -d $dir ]]; then
    cp -as "$PWD/resources" "$dir"
    local pack="$dir/regions/RU-TUL/pack.json"
    rm "$pack"
    python - "$PWD/resources/regions/RU-TUL/pack.json" "$pack" "$zone" <<'EOF'
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
doc["timezone"] = sys.argv[3]
json.dump(doc, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False, indent=2)
EOF
  fi
  echo "$dir"
}

failed=0
ran=0
started_all=$SECONDS
for entry in "${INSTANTS[@]}"; do
  IFS='|' read -r name instant zone <<<"$entry"
  if ((${#wanted[@]})) && [[ ! " ${wanted[*]} " == *" $name "* ]]; then
    continue
  fi
  ran=$((ran + 1))
  report="$work/$name.xml"
  log="var/test-clock/$name.log"
  mkdir -p var/test-clock
  resources=""
  [[ $zone != "Europe/Moscow" ]] && resources=$(resources_for_zone "$zone")
  started=$SECONDS
  CUR_TEST_NOW="$instant" TZ="$zone" CUR_DESKTOP_RESOURCES="$resources" \
    python -m pytest -q -p no:cacheprovider --junitxml="$report" "${FOLDERS[@]}" "${extra[@]}" \
    >"$log" 2>&1
  status=$?
  counts=$(python - "$report" <<'EOF'
import sys
import xml.etree.ElementTree as ET
try:
    suite = ET.parse(sys.argv[1]).getroot()
except (OSError, ET.ParseError):
    print("no report")
    raise SystemExit
suite = suite if suite.tag == "testsuite" else suite.find("testsuite")
n = {k: int(suite.get(k, 0)) for k in ("tests", "failures", "errors", "skipped")}
passed = n["tests"] - n["failures"] - n["errors"] - n["skipped"]
print(f"{passed} passed, {n['failures'] + n['errors']} failed, {n['skipped']} skipped")
EOF
)
  printf '%-22s %s %-18s %s (%d s)\n' "$name" "$instant" "$zone" "$counts" $((SECONDS - started))
  if ((status != 0)); then
    failed=1
    grep -E "^(FAILED|ERROR) " "$log" | sed 's/^/    /' | head -30
    echo "    full log: $log"
  fi
done
if ((ran == 0)); then
  echo "test_clock: no instant named ${wanted[*]} (see --list)" >&2
  exit 2
fi
echo "clock matrix: $ran instant(s) in $((SECONDS - started_all)) s"
exit $failed
