"""Benchmark: each page's share of screen time on a three-screen wall under a stream of alarms.

The real wall (``ui.wall.app.build_shell``, as ``cur-desktop wall`` builds it) runs in
this process on Qt's offscreen platform with three 1920×1080 screens, the layout
``resources/wall/layouts/three-screens.json`` and a generated demo cache. Its rotators
run on :class:`ui.wall.rotation.SimulatedTime` (``Rotator.use_time``): ``--minutes``
of layout time pass as fast as the pages are really prepared and shown.

Alarms arrive as the room saw them on a busy morning (issue 18): a high-importance
appeal every ``--high-every`` seconds (feed page), surges of a new municipality (map)
and a new category (heat map) every ``--surge-every`` seconds, an overdue spike
(risk) every 15 minutes. Every alarm has a new key, so none is dropped as a repeat.

Printed: per screen and page, the screen time, its fair share (the page's seconds over
its playlist's, the whole run) and the ratio; then one JSON line: name, value (the
lowest ratio), unit, baseline (0.5: the goal, every page at least half of its fair
share), ratio, details. ``--old-rules`` is not offered: the rules replaced here lived
in the same class (git history: ui/wall/rotation.py before issue 18).

Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_wall_rotation.py [--minutes 30]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

NOW = datetime(2026, 11, 20, 11, 0, tzinfo=UTC)
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=30.0)
    parser.add_argument("--appeals", type=int, default=3000)
    parser.add_argument("--high-every", type=float, default=40.0)
    parser.add_argument("--surge-every", type=float, default=60.0)
    parser.add_argument(
        "--layout", type=Path, default=ROOT / "resources/wall/layouts/three-screens.json"
    )
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="bench-wall-rotation-"))
    screens_file = folder / "screens.json"
    screens_file.write_text(json.dumps(SCREENS), encoding="utf-8")
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={screens_file}"

    from PySide6.QtCore import QSettings

    from cur_desktop.analytics import Alarm
    from cur_desktop.commands import generate_into
    from ui.app import create_application
    from ui.wall.app import build_shell
    from ui.wall.rotation import SimulatedTime
    from ui.wall.user_settings import WallUserSettings

    cache = folder / "cache.sqlite"
    generate_into(cache, None, args.appeals, 11, NOW)
    app = create_application([sys.argv[0]])
    memory = WallUserSettings(QSettings(str(folder / "wall.ini"), QSettings.Format.IniFormat))
    shell, _ = build_shell(
        argparse.Namespace(
            layout=args.layout,
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
    later = NOW + timedelta(days=10)  # the figures raise no alarm of their own
    shell.clock = lambda: later
    assert shell.service is not None
    shell.service.worker.clock = lambda: later
    sim = SimulatedTime()
    for rotator in shell.rotators.values():
        rotator.use_time(sim)
    shown_data: list[int] = []
    shell.data_shown.connect(shown_data.append)
    shell.start()
    started = time.monotonic()
    while not shown_data and time.monotonic() - started < 120:
        app.processEvents()
    assert shown_data, "the wall never showed its first figures"

    screen_time: dict[tuple[str, str], float] = defaultdict(float)
    marks: dict[str, tuple[str, float]] = {}
    forward: dict[str, int] = defaultdict(int)
    for entry, rotator in shell.rotators.items():
        assert rotator.current is not None, f"window {entry} shows nothing"
        marks[entry] = (rotator.current.key, sim.now)

        def shown(key: str, entry: str = entry) -> None:
            page, since = marks[entry]
            screen_time[(entry, page)] += sim.now - since
            marks[entry] = (key, sim.now)

        rotator.page_shown.connect(shown)
        rotator.alarm_started.connect(
            lambda alarm: forward.__setitem__(alarm.page, forward[alarm.page] + 1)
        )

    context = shell.context
    assert context is not None
    municipalities = context.municipality_codes()
    categories = [c.code for c in context.dictionaries.categories]
    end = args.minutes * 60.0
    raised = {"n": 0}

    def raise_alarm(kind: str, page: str, target: str) -> None:
        raised["n"] += 1
        n = raised["n"]
        shell.raise_alarm(Alarm(kind, page, f"{kind}:{target}:{n}", "bench", NOW, target=target))

    t, n = 5.0, 0
    while t < end:
        sim.call_at(t, partial(raise_alarm, "high_importance", "feed", str(10_000 + n)))
        t, n = t + args.high_every, n + 1
    t, n = 11.0, 0
    while t < end:
        code, cat = municipalities[n % len(municipalities)], categories[n % len(categories)]
        sim.call_at(t, partial(raise_alarm, "surge", "map", code))
        sim.call_at(t + 2, partial(raise_alarm, "surge", "heatmap", cat))
        t, n = t + args.surge_every, n + 1
    t = 300.0
    while t < end:
        sim.call_at(t, lambda: raise_alarm("overdue_spike", "risk", ""))
        t += 900.0

    began = time.monotonic()
    sim.run_until(end)
    real = time.monotonic() - began
    for entry in marks:
        shell.rotators[entry].page_shown.emit(marks[entry][0])  # close the last interval

    lowest = float("inf")
    details: dict[str, dict[str, float]] = {}
    print(f"{args.minutes:g} min of layout time in {real:.1f} s; {raised['n']} alarms raised")
    for entry, rotator in shell.rotators.items():
        slots = rotator.slots
        total_seconds = sum(s.seconds for s in slots)
        shown_total = sum(v for (e, _), v in screen_time.items() if e == entry)
        print(f"screen {entry} ({shown_total:.0f} s):")
        for slot in slots:
            fair = slot.seconds / total_seconds
            share = screen_time[(entry, slot.key)] / shown_total
            ratio = share / fair
            lowest = min(lowest, ratio)
            details[f"{entry}/{slot.key}"] = {
                "share": round(share, 3),
                "fair": round(fair, 3),
                "ratio": round(ratio, 2),
            }
            print(
                f"  {slot.key:8} {screen_time[(entry, slot.key)]:7.0f} s  share {share:6.1%}"
                f"  fair {fair:6.1%}  ratio {ratio:4.2f}"
            )
    print(f"alarm banners shown, per page (forward or in its own turn): {dict(forward)}")
    shell.stop()
    print(
        json.dumps(
            {
                "name": "wall rotation: lowest page share of its fair share, "
                f"{len(marks)} screen(s)",
                "value": round(lowest, 3),
                "unit": "ratio",
                "baseline": 0.5,
                "ratio": round(lowest / 0.5, 2),
                "details": {
                    "minutes": args.minutes,
                    "alarms": raised["n"],
                    "real_seconds": round(real, 1),
                    "pages": details,
                },
            }
        )
    )


if __name__ == "__main__":
    main()
