#!/usr/bin/env bash
# Set up a fresh Debian machine for cur-desktop: system packages, then a virtual
# environment at .venv with the project and its development tools.
# Idempotent: a second run only checks. Usage: scripts/setup.sh [--no-apt]
set -euo pipefail
cd "$(dirname "$0")/.."

# Qt's xcb plugin needs the xcb libraries (its error message wrongly blames libxcb-cursor0);
# Xvfb gives tests and screenshots a real X server; python3-venv makes the environment.
APT_PACKAGES=(
  python3 python3-venv python3-dev
  xvfb xauth libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-randr0
  libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libxcb-cursor0 libxkbcommon-x11-0
  libegl1 libgl1 libfontconfig1 libdbus-1-3 libglib2.0-0
  # a real X server with several RandR monitors: the wall's hot-plug test (tests/e2e/wall)
  xserver-xorg-core xserver-xorg-video-dummy xserver-xorg-input-libinput x11-xserver-utils
  # pdftoppm and pdffonts: the desk's PDF reports rendered and their fonts checked (issue 16)
  poppler-utils
)

if [[ "${1:-}" != "--no-apt" ]] && command -v dpkg >/dev/null; then
  missing=()
  for pkg in "${APT_PACKAGES[@]}"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  if ((${#missing[@]})); then
    echo "setup: installing Debian packages: ${missing[*]}"
    SUDO=""
    [[ $(id -u) -ne 0 ]] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi

PYTHON=${PYTHON:-python3}
if [[ ! -x .venv/bin/python ]]; then
  echo "setup: creating .venv with $($PYTHON --version)"
  $PYTHON -m venv .venv
fi

# Reinstall only when the dependency list changed.
stamp=.venv/.cur-desktop-installed
want=$(sha256sum pyproject.toml | cut -d' ' -f1)
if [[ ! -f $stamp || "$(cat "$stamp")" != "$want" ]]; then
  echo "setup: installing Python packages into .venv"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".[dev]"
  echo "$want" > "$stamp"
fi
