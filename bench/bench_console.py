"""Benchmark: the operator console over a big cache, against raw SQLite for the same page.

Over a generated demo cache of N appeals (default 1,000,000; generated once into
``--cache`` and reused), it times what an operator waits for:

* start → first queue shown: a fresh process imports Qt, opens the cache and the
  console, and paints the first page of the open queue (median of 3 processes);
* switching queue (one municipality's queue), applying a filter (theme + status on
  all appeals), a full-text search for a rare word and for a word in about half of
  all appeals (newest first) — each from the request until the first page is painted;
* loading all ids of the 1 M-row "all appeals" queue (in the background) and then
  scrolling to its end, painted.

Each is compared with the raw SQLite query (the project's own connection set-up,
plain ``sqlite3`` cursor) that returns the same first page: its ids, then its rows.
Prints one line per figure and one final JSON line (name, value, unit, baseline, ratio).

Usage: .venv/bin/python bench/bench_console.py --cache /tmp/console-1m.sqlite [--appeals N]
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()

import argparse  # noqa: E402
import os  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import orjson  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PAGE = 256
REPEATS = 3
INF = float("inf")


def ensure_cache(path: Path, appeals: int, seed: int) -> None:
    if path.exists():
        return
    from cur_desktop.commands import generate_into

    print(f"generating {appeals:,} appeals into {path} (once; reused later)", flush=True)
    started = time.perf_counter()
    generate_into(path, None, appeals, seed)
    print(f"  generated in {time.perf_counter() - started:.0f} s", flush=True)


# -- raw SQLite baselines -------------------------------------------------------------------


def raw_page(path: Path, sql: str, params: tuple[Any, ...] = ()) -> float:
    """Seconds for ``sql`` (ids of one page) plus reading those rows, on a raw cursor."""
    from cur_desktop.cache.db import create_cache_engine

    engine = create_cache_engine(path)
    raw = engine.raw_connection()
    try:
        started = time.perf_counter()
        ids = [r[0] for r in raw.execute(sql, params).fetchall()]
        marks = ",".join("?" * len(ids))
        raw.execute(f"SELECT * FROM appeals WHERE id IN ({marks})", ids).fetchall()
        return time.perf_counter() - started
    finally:
        raw.close()
        engine.dispose()


def median(fn: Callable[[], float]) -> float:
    return statistics.median(fn() for _ in range(REPEATS))


# -- the console -----------------------------------------------------------------------------


def child_start(path: Path) -> None:
    """In a fresh process: start → first page of the open queue painted."""
    from PySide6.QtCore import QCoreApplication, QEventLoop

    from cur_desktop.cache import Cache
    from ui.app import create_application
    from ui.console import open_console

    phases = {"imports": time.perf_counter() - STARTED}
    create_application(["bench"])
    phases["application"] = time.perf_counter() - STARTED
    cache = Cache.open(path)
    phases["cache opened"] = time.perf_counter() - STARTED
    window = open_console(cache, settings=_scratch_settings())
    window.resize(1920, 1080)
    window.show()
    phases["window"] = time.perf_counter() - STARTED
    while window.queue.model.rowCount() == 0:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    window.grab()
    shown = time.perf_counter() - STARTED
    print(orjson.dumps({"first_queue_s": shown, "phases": phases}).decode(), flush=True)
    window.close()
    cache.close()


def _scratch_settings() -> Any:
    import tempfile

    from PySide6.QtCore import QSettings

    folder = tempfile.mkdtemp(prefix="bench-console-")
    return QSettings(f"{folder}/layout.ini", QSettings.Format.IniFormat)


class Console:
    """One console window over the cache, with helpers that wait for paints."""

    def __init__(self, path: Path) -> None:
        from cur_desktop.cache import Cache
        from ui.app import create_application
        from ui.console import open_console

        self.app = create_application(["bench"])
        self.cache = Cache.open(path)
        self.window = open_console(self.cache, settings=_scratch_settings())
        self.window.resize(1920, 1080)
        self.window.show()
        self.wait_idle()

    def wait_idle(self) -> None:
        while not self.window.idle():
            self.pump()

    def pump(self) -> None:
        """Wait for events in Qt's C++ loop: a Python busy loop would hold the GIL and
        starve the reader thread (the real event loop idles the same way)."""
        from PySide6.QtCore import QEventLoop

        self.app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)

    def time_first_page(self, action: Callable[[], None]) -> tuple[float, float]:
        """Seconds until the first page is painted, and until every id is in memory."""
        pane = self.window.queue
        marks: dict[str, float] = {}

        def reset() -> None:
            marks.setdefault("reset", time.perf_counter())

        def loaded(_count: int) -> None:
            marks.setdefault("loaded", time.perf_counter())

        pane.model.modelReset.connect(reset)
        pane.loaded.connect(loaded)
        started = time.perf_counter()
        action()
        while "reset" not in marks:
            if time.perf_counter() - started > 300:
                raise RuntimeError("the action never changed the queue")
            self.pump()
        pane.table.viewport().repaint()
        first = time.perf_counter() - started
        while "loaded" not in marks:
            self.pump()
        self.wait_idle()  # related appeals, counts: out of the way of the next figure
        pane.model.modelReset.disconnect(reset)
        pane.loaded.disconnect(loaded)
        return first, marks["loaded"] - started

    def close(self) -> None:
        self.window.close()
        self.cache.close()


def vocabulary(path: Path, appeals: int) -> tuple[str, str]:
    """A rare stem (a handful of appeals) and one in about half of all appeals."""
    from cur_desktop.cache.db import create_cache_engine
    from cur_desktop.cache.search import stem_word

    engine = create_cache_engine(path)
    raw = engine.raw_connection()
    try:
        raw.execute("CREATE VIRTUAL TABLE temp.vocab USING fts5vocab(main, appeals_fts, row)")
        rows = raw.execute("SELECT term, doc FROM temp.vocab WHERE length(term) > 4").fetchall()
    finally:
        raw.close()
        engine.dispose()
    usable = [(t, d) for t, d in rows if t.isalpha() and stem_word(t) == t]
    rare = min((x for x in usable if 3 <= x[1] <= 30), key=lambda x: x[1], default=usable[0])
    half = min(usable, key=lambda x: abs(x[1] - appeals / 2))
    print(f"  rare word «{rare[0]}» in {rare[1]:,} appeals; frequent «{half[0]}» in {half[1]:,}")
    return rare[0], half[0]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cache", type=Path, default=Path("/tmp/cur-bench/console-1m.sqlite"))
    parser.add_argument("--appeals", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--child-start", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_start:
        child_start(args.cache)
        return
    ensure_cache(args.cache, args.appeals, args.seed)
    results: list[dict[str, Any]] = []

    def report(name: str, value: float, baseline: float, note: str = "") -> None:
        ms, base = value * 1000, baseline * 1000
        ratio = ms / base if base else float("nan")
        print(f"{name:<34} {ms:9.1f} ms   raw SQLite {base:8.1f} ms   ×{ratio:7.1f}  {note}")
        results.append(
            {
                "name": name,
                "value": round(ms, 2),
                "unit": "ms",
                "baseline": round(base, 2),
                "ratio": round(ratio, 2),
            }
        )

    path = args.cache
    from cur_desktop.cache import Cache, QueueFilter

    with Cache.open(path) as cache:
        total = cache.appeals.count()
        open_count = cache.appeals.count(QueueFilter())
        mun, _n = max(cache.appeals.counts_by("municipality").items(), key=lambda kv: kv[1])
    print(f"cache {path}: {total:,} appeals, {open_count:,} open")
    rare, frequent = vocabulary(path, total)

    open_page = "SELECT id FROM appeals WHERE is_open = 1 ORDER BY coalesce(due_at, ?), id LIMIT ?"
    starts = []
    for _ in range(REPEATS):
        run = subprocess.run(
            [sys.executable, __file__, "--cache", str(path), "--child-start"],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ},
        )
        child = orjson.loads(run.stdout.strip().splitlines()[-1])
        starts.append(child["first_queue_s"])
    phases = ", ".join(f"{k} {v * 1000:.0f}" for k, v in child["phases"].items())
    report(
        "start → first queue shown",
        statistics.median(starts),
        median(lambda: raw_page(path, open_page, (INF, PAGE))),
        f"fresh process; ms since start: {phases}",
    )

    console = Console(path)
    w = console.window
    bar = w.queue.filter_bar
    from cur_desktop.cache.queries.filters import FilterValues

    def measure(action: Callable[[], None], back: Callable[[], None]) -> tuple[float, float]:
        """Median over REPEATS of (first page painted, every id loaded); ``back`` undoes."""
        runs = []
        for _ in range(REPEATS):
            runs.append(console.time_first_page(action))
            console.time_first_page(back)
        return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)

    first, whole = measure(lambda: w.open_queue(f"mun:{mun}"), lambda: w.open_queue("open"))
    mun_sql = (
        "SELECT id FROM appeals WHERE is_open = 1 AND municipality = ? "
        "ORDER BY coalesce(due_at, ?), id LIMIT ?"
    )
    report(
        "switch queue (municipality)",
        first,
        median(lambda: raw_page(path, mun_sql, (mun, INF, PAGE))),
        f"all {w.navigator_model.count(f'mun:{mun}') or 0:,} ids in {whole * 1000:.0f} ms",
    )
    console.time_first_page(lambda: w.open_queue("all"))
    clear = lambda: bar.set_values(FilterValues())  # noqa: E731
    filtered = FilterValues(theme="housing", status="closed")
    first, whole = measure(lambda: bar.set_values(filtered), clear)
    filter_sql = (
        "SELECT id FROM appeals WHERE theme = ? AND status = ? "
        "ORDER BY created_at DESC, id DESC LIMIT ?"
    )
    report(
        "filter (theme + status, all)",
        first,
        median(lambda: raw_page(path, filter_sql, ("housing", "closed", PAGE))),
        f"every id in {whole * 1000:.0f} ms",
    )
    fts = "SELECT rowid FROM appeals_fts WHERE appeals_fts MATCH ? ORDER BY rowid DESC LIMIT ?"
    for label, word in (("search, rare word", rare), ("search, word in half", frequent)):
        first, whole = measure(lambda word=word: bar.set_values(FilterValues(text=word)), clear)
        report(
            label,
            first,
            median(lambda word=word: raw_page(path, fts, (f'"{word}"', PAGE))),
            f"all hits in {whole * 1000:.0f} ms",
        )
    to_rare = lambda: bar.set_values(FilterValues(text=rare))  # noqa: E731
    console.time_first_page(to_rare)  # start from a small queue
    first, whole = measure(clear, to_rare)
    console.time_first_page(clear)
    report(
        "all appeals: every id loaded",
        whole,
        median(
            lambda: raw_page(
                path, "SELECT id FROM appeals ORDER BY created_at DESC, id DESC LIMIT ?", (PAGE,)
            )
        ),
        f"first page in {first * 1000:.0f} ms; {w.queue.total():,} ids,"
        f" {w.queue.model.ids().nbytes / 2**20:.1f} MB",
    )
    table = w.queue.table

    def scroll_end() -> float:
        table.scrollToTop()
        table.viewport().repaint()
        w.queue.model.invalidate()  # the last page must come from the cache file
        table.viewport().repaint()
        started = time.perf_counter()
        table.scrollToBottom()
        table.viewport().repaint()
        return time.perf_counter() - started

    report(
        "scroll to the end (1 page read)",
        median(scroll_end),
        median(
            lambda: raw_page(
                path, "SELECT id FROM appeals ORDER BY created_at ASC, id ASC LIMIT ?", (PAGE,)
            )
        ),
        f"row {table.visible_rows()[1]:,}",
    )
    console.close()
    # the headline (what an operator waits for first) at the top, every figure in results
    headline = results[0]
    summary = {
        "name": "console_first_queue",
        "value": headline["value"],
        "unit": headline["unit"],
        "baseline": headline["baseline"],
        "ratio": headline["ratio"],
        "appeals": total,
        "results": results,
    }
    print(orjson.dumps(summary).decode())


if __name__ == "__main__":
    main()
