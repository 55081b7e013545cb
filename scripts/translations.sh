#!/usr/bin/env bash
# Update the Russian translation source from the code, then compile it.
#
#   scripts/translations.sh           lupdate (ui/, widgets/ -> .ts), then lrelease (.ts -> .qm)
#   scripts/translations.sh release   lrelease only (after editing translations in the .ts)
#
# Source strings are English (self.tr("...")); translators fill in the .ts (Qt Linguist:
# .venv/bin/pyside6-linguist). Commit both the .ts and the .qm: the application loads the
# .qm at start-up, and tests/qt/test_qt_translations.py fails when the .qm is stale or an
# entry is unfinished.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

tool() {
    # The Qt tools ship with PySide6-Essentials; prefer the project's venv.
    if [[ -x ".venv/bin/$1" ]]; then
        echo ".venv/bin/$1"
    elif command -v "$1" >/dev/null 2>&1; then
        command -v "$1"
    else
        echo "error: $1 not found (install PySide6-Essentials in .venv)" >&2
        exit 1
    fi
}

ts="resources/translations/cur_desktop_ru.ts"
qm="resources/translations/cur_desktop_ru.qm"
mode="${1:-all}"

case "$mode" in
    all)
        # lupdate's directory scan skips .py files, so list them. -locations none: line
        # numbers in the .ts would churn on every unrelated edit.
        mapfile -t sources < <(find ui widgets -name '*.py' -not -path '*/__pycache__/*' | sort)
        "$(tool pyside6-lupdate)" "${sources[@]}" \
            -ts "$ts" -target-language ru_RU -no-obsolete -locations none
        ;;
    release) ;;
    *)
        echo "usage: $0 [all|release]" >&2
        exit 2
        ;;
esac

# Write the .qm beside and rename it into place: a running program (or test) that has
# the catalogue memory-mapped never sees a half-written file.
"$(tool pyside6-lrelease)" "$ts" -qm "$qm.tmp"
mv -f "$qm.tmp" "$qm"
