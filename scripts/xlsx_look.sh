#!/usr/bin/env bash
# The XLSX reports as a reader sees them: written from a demo cache, opened by
# LibreOffice, printed to PDF and rendered page by page to PNG (docs/reports/).
#
# Needs LibreOffice Calc (`apt-get install libreoffice-calc-nogui`: the look only, no
# test needs it) and pdftoppm (poppler-utils).
#
#   scripts/xlsx_look.sh [OUT_DIR] [CACHE]
#
# CACHE: a generated cache (default: OUT_DIR/desk62k.sqlite, generated when missing:
# 62,500 appeals, seed 16, as in docs/reports/README.md; run heavy generation under
# the bench lock on a shared machine). The reports use a copy of the built-in region
# pack whose dictionaries give some categories targets (the «Категории» dock's data),
# so the themes sheet shows the category table.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-/tmp/xlsx-look}"
cache="${2:-$out/desk62k.sqlite}"
now="2026-12-01T12:00+03:00"
py="$here/.venv/bin/python"
cli="$here/.venv/bin/cur-desktop"

for tool in soffice pdftoppm; do
    if ! command -v "$tool" >/dev/null; then
        echo "$tool is needed: apt-get install libreoffice-calc-nogui poppler-utils" >&2
        exit 2
    fi
done
mkdir -p "$out"
if [[ ! -f "$cache" ]]; then
    "$cli" generate --cache "$cache" --appeals 62500 --seed 16 --now "$now"
fi

# the built-in pack with category targets (monthly maximum, share within the norm)
"$py" - "$out/pack" <<'EOF'
import json
import shutil
import sys
from pathlib import Path

from cur_desktop.domain.dictionaries_io import load_default_dictionaries_doc
from cur_desktop.regions import builtin_pack_dir

pack = Path(sys.argv[1])
shutil.rmtree(pack, ignore_errors=True)
shutil.copytree(builtin_pack_dir(), pack)
targets = {
    "roads.snow": {"monthly_max": 350, "within_norm": 0.95},
    "roads.potholes": {"monthly_max": 300, "within_norm": 0.95},
    "roads.sidewalks": {"monthly_max": 120},
    "housing.heating": {"monthly_max": 450, "within_norm": 0.97},
    "housing.water": {"monthly_max": 100, "within_norm": 0.95},
    "housing.capital_repair": {"within_norm": 0.9},
    "waste.collection": {"monthly_max": 120, "within_norm": 0.95},
    "waste.sites": {"monthly_max": 100},
    "improvement.yards": {"monthly_max": 250, "within_norm": 0.9},
    "transport.schedule": {"monthly_max": 150, "within_norm": 0.95},
    "health.appointments": {"monthly_max": 100, "within_norm": 0.98},
}
cats = [
    {**c, "targets": targets[c["code"]]}
    for c in load_default_dictionaries_doc()["categories"]
    if c["code"] in targets
]
path = pack / "dictionaries.json"
doc = json.loads(path.read_text(encoding="utf-8"))
doc["categories"] = cats
path.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
EOF

cd "$out"
for spec in "monthly 2026-11" "quarterly 2026-Q3" "weekly 2026-W48"; do
    read -r kind period <<<"$spec"
    "$cli" report "$kind" --period "$period" --cache "$cache" --pack "$out/pack" \
        --now "$now" --out "$kind-$period.xlsx"
done
soffice --headless --convert-to pdf ./*.xlsx >/dev/null
for pdf in ./*.pdf; do
    rm -f "${pdf%.pdf}"-xlsx-*.png
    pdftoppm -r 60 -png "$pdf" "${pdf%.pdf}-xlsx"
    echo "$pdf: $(pdfinfo "$pdf" | awk '/^Pages/ {print $2}') pages"
done
echo "pages as PNG in $out"
