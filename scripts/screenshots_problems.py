"""Render problem control's screens to PNG (offscreen): docs/screenshots/*.png.

A demo cache is generated with the known problems planted (cur_desktop/demo/
problems.py: the water burst, threads, the disinformation wave, the growing
«Прочие», the two measures) over 430 days, so the measures have a year earlier to be
compared with. The disinformation wave is made a case as an operator and the head
of the ЦУР would have made it (opened, then refuted with its text and link), and a
second one is left being checked. Then, signed in as the head of the ЦУР:

* console-conflict-situations.png — the «Конфликтные» queue with the conflict panel
  (reasons per appeal);
* console-disinfo-case.png — the disinformation cases with the refuted one selected;
* console-problems-measures.png — «Проблемы» with the measures and their effect;
* desk-problem-control.png — the desk's «Проблемный контроль» tab.

Usage: .venv/bin/python scripts/screenshots_problems.py [OUT_DIR] (default docs/screenshots)
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

NOW = datetime(2026, 11, 20, 11, 0, tzinfo=UTC)


def _cache(path: Path) -> None:
    import orjson

    from cur_desktop.cache import Cache
    from cur_desktop.demo.problems import generate_with_problems
    from cur_desktop.domain.appeal import HistoryEntry
    from cur_desktop.domain.enums import Action
    from cur_desktop.sync.writer import CacheWriter
    from ui.console.console_context import AUTH_LOGIN, AUTH_ROLE

    generate_with_problems(path, 15_000, 7, NOW, days=430)
    with Cache.open(path) as cache:
        truth = orjson.loads(cache.get_state("demo.problems") or "{}")
        wave = sorted(truth["disinfo:cholera"])
        rows = cache.appeals.get_many(wave)
        first = min(a.created_at for a in rows)
        case = f"D-{wave[0]}"
        claim = "В водопроводной воде Тулы нашли холеру"
        opened = first + timedelta(hours=5)
        lines = [
            HistoryEntry(a.id, max(opened, a.created_at), "operator03", "operator",
                         Action.DISINFO_CASE.value, None, None,
                         {"case": case, "status": "checking", "claim": claim})
            for a in rows
        ]  # fmt: skip
        decided = max(line.at for line in lines) + timedelta(hours=3)
        lines.append(
            HistoryEntry(
                wave[0], decided, "demo-head", "cur_head", Action.DISINFO_CASE.value, None, None,
                {"case": case, "status": "refuted", "claim": claim,
                 "refutation": "Роспотребнадзор: пробы воды в норме, холеры в Туле нет",
                 "link": "https://71.rospotrebnadzor.ru/news/holera-net"},
            )
        )  # fmt: skip
        scooters = sorted(truth["other:scooters"])[-3:]
        lines += [
            HistoryEntry(i, NOW - timedelta(hours=6), "operator05", "operator",
                         Action.DISINFO_CASE.value, None, None,
                         {"case": f"D-{scooters[0]}", "status": "checking",
                          "claim": "Самокаты запретят в Туле с декабря"})
            for i in scooters
        ]  # fmt: skip
        CacheWriter(cache.engine).bulk_load([], lines)
        cache.set_state(AUTH_LOGIN, "demo-head")
        cache.set_state(AUTH_ROLE, "cur_head")


def _wait(app: object, done: Callable[[], bool], seconds: float = 300.0) -> None:
    from PySide6.QtWidgets import QApplication

    assert isinstance(app, QApplication)
    deadline = time.monotonic() + seconds
    while not done():
        if time.monotonic() > deadline:
            raise RuntimeError("timed out")
        app.processEvents()
        time.sleep(0.02)
    for _ in range(20):
        app.processEvents()
        time.sleep(0.01)


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    from PySide6.QtCore import QSettings

    from cur_desktop.cache import Cache
    from ui.app import create_application
    from ui.console.console_context import ConsoleContext
    from ui.console.window import ConsoleWindow

    app = create_application(["cur-desktop"])
    with tempfile.TemporaryDirectory(prefix="cur-problems-shots-") as scratch:
        path = Path(scratch) / "cache.sqlite"
        _cache(path)
        settings = QSettings(str(Path(scratch) / "layout.ini"), QSettings.Format.IniFormat)
        with Cache.open(path) as cache:
            window = ConsoleWindow(ConsoleContext(cache, clock=lambda: NOW), settings=settings)
            window.resize(1600, 1000)
            window.show()
            _wait(app, window.idle)

            assert window.open_queue("conflict")
            panel = window.conflict_panel
            _wait(app, lambda: window.idle() and bool(panel.rows()))
            panel.table.selectRow(1)
            _wait(app, window.idle)
            window.grab().save(str(out / "console-conflict-situations.png"))
            panel.hide()

            disinfo = window.disinfo_panel
            disinfo.show()
            _wait(app, lambda: window.idle() and bool(disinfo.cases()))
            row = next(i for i, c in enumerate(disinfo.cases()) if c.status.value == "refuted")
            disinfo.table.selectRow(row)
            disinfo.show_first()
            _wait(app, window.idle)
            window.grab().save(str(out / "console-disinfo-case.png"))
            disinfo.hide()

            view = window.problems_view
            view.show()
            _wait(app, lambda: window.idle() and len(view.measures()) == 2)
            _wait(app, lambda: bool(view.problems()))
            key = view.measures()[0].measure.problem
            rows = [i for i, p in enumerate(view.problems()) if p.key == key]
            view.table.selectRow(rows[0] if rows else 0)
            view.measures_table.selectRow(0)
            view.resize(view.width(), 560)
            _wait(app, window.idle)
            window.grab().save(str(out / "console-problems-measures.png"))

            desk = window.desk.open()
            desk.tabs.setCurrentWidget(desk.problem_control)
            _wait(app, lambda: desk.problem_control.figures is not None and desk.desk is not None)
            desk.grab().save(str(out / "desk-problem-control.png"))
            desk.close()
            window.close()
    for name in ("console-conflict-situations", "console-disinfo-case",
                 "console-problems-measures", "desk-problem-control"):  # fmt: skip
        print(out / f"{name}.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
