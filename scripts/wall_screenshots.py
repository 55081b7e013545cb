"""Render the wall for docs/screenshots: every page at 1920×1080 and 3840×2160, and the
three-screen layout (offscreen, no display).

    .venv/bin/python scripts/wall_screenshots.py [OUT_DIR] [--appeals N]

A demo cache of the built-in region is generated up to the moment the script runs, so the
status strip reads «данные свежие». Each page goes through ``render_wall_screenshot`` (the
same path as ``cur-desktop screenshot --view wall``): a real wall window of that size,
themed for its height, strip included. The three-screen picture is the real wall
(``ui.wall.app.build_shell``, as ``cur-desktop wall`` builds it) with
``resources/wall/layouts/three-screens.json`` on three offscreen 1920×1080 screens,
saved as ``--screenshot`` saves it once its first figures are shown.

Writes wall-<page>.png (1920×1080), wall-<page>-2160.png (3840×2160) and
wall-three-screens.png; also a «from across the room» copy of each, one screen 360 px
high whatever its resolution, under OUT_DIR/room/ (not committed: for looking at, as
six metres shrink a screen).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SCREENS = {
    "synchronousWindowSystemEvents": False,
    "windowFrameMargins": False,
    "screens": [
        {
            "name": f"DP-{i + 1}",
            "x": 1920 * i,
            "y": 0,
            "width": 1920,
            "height": 1080,
            "logicalDpi": 96,
            "logicalBaseDpi": 96,
            "dpr": 1,
        }
        for i in range(3)
    ],
}
SIZES = {"": (1920, 1080), "-2160": (3840, 2160)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, nargs="?", default=ROOT / "docs/screenshots")
    parser.add_argument("--appeals", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--cache", type=Path, help="an earlier generated cache (its own now)")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="wall-screenshots-"))
    screens_file = folder / "screens.json"
    screens_file.write_text(json.dumps(SCREENS), encoding="utf-8")
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={screens_file}"
    os.environ.setdefault("XDG_CONFIG_HOME", str(folder / "config"))

    from PySide6.QtCore import QCoreApplication, QEventLoop, QSettings, Qt

    from cur_desktop.commands import generate_into
    from ui.app import create_application
    from ui.wall.app import build_shell
    from ui.wall.capture import save_composite
    from ui.wall.screenshot import render_wall_screenshot
    from ui.wall.user_settings import WallUserSettings
    from widgets.wall.pages import PAGE_KEYS

    if args.cache is not None:
        from cur_desktop.cache import Cache

        cache = args.cache
        with Cache.open(cache) as opened:
            now = datetime.fromisoformat(opened.get_state("demo.now") or "")
    else:
        now = datetime.now(UTC).replace(second=0, microsecond=0)
        cache = folder / "wall.sqlite"
        started = time.perf_counter()
        generate_into(cache, None, args.appeals, args.seed, now)
        print(f"generated {args.appeals:,} appeals in {time.perf_counter() - started:.0f} s")
    app = create_application(["cur-desktop"])
    out: Path = args.out
    room = out / "room"
    room.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for key in PAGE_KEYS:
        for suffix, size in SIZES.items():
            path = out / f"wall-{key}{suffix}.png"
            render_wall_screenshot(cache, path, size, page=key, now=now)
            written.append(path)

    memory = WallUserSettings(QSettings(str(folder / "wall.ini"), QSettings.Format.IniFormat))
    shell, _ = build_shell(
        argparse.Namespace(
            layout=ROOT / "resources/wall/layouts/three-screens.json",
            server=None,
            cache=cache,
            token_file=None,
            pack=None,
            windowed=False,
            quit_after=None,
            screenshot=None,
        ),
        memory,
    )
    shown: list[int] = []
    shell.data_shown.connect(shown.append)
    shell.start()
    deadline = time.monotonic() + 180
    while not shown and time.monotonic() < deadline:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    if not shown:
        raise SystemExit("the wall never showed its first figures")
    settle = time.monotonic() + 3
    while time.monotonic() < settle:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    three = out / "wall-three-screens.png"
    if save_composite([w for w in shell.windows.values() if w.isVisible()], three) is None:
        raise SystemExit(f"could not write {three}")
    written.append(three)
    shell.stop()
    QCoreApplication.processEvents()

    from PySide6.QtGui import QImage

    for path in written:
        image = QImage(str(path))
        # one screen 360 px high whatever its pixels: the same screen seen from afar
        small = image.scaledToHeight(360, Qt.TransformationMode.SmoothTransformation)
        small.save(str(room / path.name))
        print(f"{path} ({image.width()}×{image.height()})")


if __name__ == "__main__":
    main()
