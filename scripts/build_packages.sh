#!/usr/bin/env bash
# Build the frozen app and the .deb, install the package on this machine, run the installed
# console and wall against the demo service, take screenshots, remove the package and check
# that nothing is left behind. Too slow for every CI run (PyInstaller: minutes); the build
# logic itself is tested by tests/packaging/ in the normal suite. Needs root (dpkg -i) on a
# throw-away Debian 12 machine or container. docs/installer.md explains the steps.
#
#   scripts/build_packages.sh [--preset FILE] [--keep]     (--keep: leave the package installed)
#
# Output: dist/cur-desktop/ (bundle), dist/cur-desktop_<version>_<arch>.deb, and the
# screenshots in var/packages/ (paths printed at the end).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

preset=()
keep=0
while (($#)); do
  case "$1" in
    --preset) preset=(--preset "$2"); shift 2 ;;
    --keep) keep=1; shift ;;
    *) echo "usage: $0 [--preset FILE] [--keep]" >&2; exit 2 ;;
  esac
done
[[ $(id -u) -eq 0 ]] || { echo "build_packages: run as root (dpkg -i / dpkg -r)" >&2; exit 2; }

say() { printf '\n== %s\n' "$*"; }

say "setting up the build machine"
scripts/setup.sh
# binutils: objdump for Depends; desktop-file-utils: .desktop validation; the Wayland client
# libraries let the build keep Qt's Wayland platform plugin (otherwise it is dropped).
build_apt=(binutils desktop-file-utils xvfb xauth libwayland-cursor0 libwayland-egl1)
missing=()
for pkg in "${build_apt[@]}"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
if ((${#missing[@]})); then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
.venv/bin/python -c "import PyInstaller" 2>/dev/null || .venv/bin/python -m pip install -q -e ".[packaging]"

out="$root/var/packages"
rm -rf "$out"
mkdir -p "$out"
py=.venv/bin/python
# The runs below keep their settings, tokens and caches in a scratch folder, not in ~.
work=$(mktemp -d)
service_pid=""
cleanup() {
  if [[ -n $service_pid ]]; then kill "$service_pid" 2>/dev/null || true; wait "$service_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" XDG_CACHE_HOME="$work/cache"

say "bundle (PyInstaller)"
t0=$SECONDS
$py packaging/build.py bundle "${preset[@]}"
bundle=dist/cur-desktop
echo "bundle built in $((SECONDS - t0)) s"

say "smoke test of the bundle: --version, then the demo (service + console) under Xvfb"
"$bundle/cur-desktop" --version
"$bundle/cur-central" --help >/dev/null
xvfb-run -a -s "-screen 0 1920x1080x24" \
  "$bundle/cur-desktop" demo --dir "$work/demo" --appeals 2000 --quit-after 2000 \
  --screenshot "$out/bundle-demo-xvfb.png"
$py packaging/build.py check-png "$out/bundle-demo-xvfb.png"

say "system libraries the bundle loads at run time (LD_DEBUG) are all covered by its Depends"
$py -m pytest -q -p no:cacheprovider tests/packaging/test_packaging_runtime_libs.py

say ".deb"
$py packaging/build.py deb
deb=$(ls -t dist/cur-desktop_*.deb | head -n1)
dpkg-deb --info "$deb" | sed -n '/Package:/,$p'
ar t "$deb" | grep -qx 'data.tar.xz' || { echo "the .deb is not xz-compressed" >&2; exit 1; }
for desktop in $(dpkg-deb --contents "$deb" | awk '{print $6}' | grep '^\./usr/share/applications/.*\.desktop$'); do
  dpkg-deb --fsys-tarfile "$deb" | tar -xO "$desktop" > "$out/$(basename "$desktop")"
  desktop-file-validate "$out/$(basename "$desktop")"
  echo "valid: $desktop"
done

watched=(/opt /usr/bin /usr/share/applications /usr/share/icons /usr/share/doc /etc)
snapshot() { find "${watched[@]}" -xdev 2>/dev/null | LC_ALL=C sort; }
snapshot > "$out/files-before.txt"

say "install with dpkg -i"
depends=$(dpkg-deb -f "$deb" Depends)
need=()
IFS=',' read -ra entries <<< "$depends"
for entry in "${entries[@]}"; do
  first=$(echo "$entry" | sed 's/|.*//; s/(.*)//' | xargs)
  installed=0
  IFS='|' read -ra alternatives <<< "$entry"
  for alt in "${alternatives[@]}"; do
    name=$(echo "$alt" | sed 's/(.*)//' | xargs)
    dpkg -s "$name" >/dev/null 2>&1 && installed=1
  done
  ((installed)) || need+=("$first")
done
if ((${#need[@]})); then
  echo "installing the package's dependencies first: ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
dpkg -i "$deb"
echo "installed: $(dpkg-query -W -f='${Package} ${Version} ${Installed-Size} KiB\n' cur-desktop)"
/usr/bin/cur-desktop --version

say "demo service from the installed bundle"
/opt/cur-desktop/cur-central demo --port 0 --appeals 3000 --no-live \
  --db "$work/central.sqlite" --ready-file "$work/ready.json" > "$work/central.log" 2>&1 &
service_pid=$!
for _ in $(seq 1 240); do [[ -f $work/ready.json ]] && break; sleep 0.5; done
[[ -f $work/ready.json ]] || { cat "$work/central.log"; echo "the demo service did not start" >&2; exit 1; }
# Tokens for the demo operator and the wall account (what signing in once would store).
$py - "$work" <<'EOF'
import json, sys, urllib.request
from pathlib import Path
work = Path(sys.argv[1])
ready = json.loads((work / "ready.json").read_text())
url = ready["url"].rstrip("/")
def token(account):
    body = json.dumps({"login": account["login"], "password": account["password"],
                       "workstation": "build-packages"}).encode()
    req = urllib.request.Request(url + "/api/v1/auth/token", body, {"Content-Type": "application/json"})
    return json.loads(urllib.request.urlopen(req, timeout=30).read())["token"]
operator = ready["accounts"]["operator"]
tokens = {f"cur-desktop {url}": {operator["login"]: token(operator)}}
config = work / "config" / "cur-desktop"
config.mkdir(parents=True, exist_ok=True)
(config / "tokens.json").write_text(json.dumps(tokens))
(config / "tokens.json").chmod(0o600)
(work / "wall.token").write_text(token(ready["accounts"]["wall"]))
(work / "operator.login").write_text(operator["login"])
(work / "preset.toml").write_text(
    f'centre = "Сборка: проверка пакета"\nserver = "{url}"\nregion_pack = "RU-TUL"\n'
    'default_mode = "console"\n'
)
print(f"demo service at {url}")
EOF
export CUR_DESKTOP_PRESET="$work/preset.toml" QT_QPA_PLATFORM=offscreen

say "installed console (offscreen, server from the preset)"
/usr/bin/cur-desktop console --login "$(cat "$work/operator.login")" --cache "$work/console.sqlite" \
  --quit-after 4000 --screenshot "$out/installed-console.png"
$py packaging/build.py check-png "$out/installed-console.png"

say "installed wall (offscreen, full screen on one 1920x1080 screen, server from the preset)"
cat > "$work/screens.json" <<'EOF'
{"synchronousWindowSystemEvents": false, "windowFrameMargins": false,
 "screens": [{"name": "WALL-1", "x": 0, "y": 0, "width": 1920, "height": 1080,
              "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}
EOF
QT_QPA_PLATFORM="offscreen:configfile=$work/screens.json" \
  /usr/bin/cur-desktop wall --token-file "$work/wall.token" --cache "$work/wall.sqlite" \
  --quit-after 10000 --screenshot "$out/installed-wall.png"
shots=("$out"/installed-wall*.png)
for shot in "${shots[@]}"; do $py packaging/build.py check-png "$shot"; done

kill "$service_pid" && wait "$service_pid" 2>/dev/null || true
service_pid=""
unset CUR_DESKTOP_PRESET QT_QPA_PLATFORM

if ((keep)); then
  say "package left installed (--keep)"
  exit 0
fi

say "remove (dpkg -r), purge (dpkg -P), look for leftovers"
dpkg -r cur-desktop
dpkg -P cur-desktop
snapshot > "$out/files-after.txt"
left=$(comm -13 "$out/files-before.txt" "$out/files-after.txt")
stray=$(find /opt/cur-desktop /usr/bin/cur-desktop /usr/share/applications/cur-desktop-* \
  /usr/share/icons/hicolor/*/apps/cur-desktop* 2>/dev/null || true)
if [[ -n $left || -n $stray ]]; then
  echo "LEFT BEHIND after removal:"
  printf '%s\n' $left $stray | sort -u
  exit 1
fi
echo "nothing left behind"

say "figures"
printf 'bundle: %s MB (%s)\n' "$(du -sb "$bundle" | awk '{printf "%.1f", $1/1e6}')" "$bundle"
printf '.deb:   %s MB (%s)\n' "$(stat -c %s "$deb" | awk '{printf "%.1f", $1/1e6}')" "$deb"
echo "screenshots: $out/bundle-demo-xvfb.png $out/installed-console.png ${shots[*]}"
