"""Benchmark: wall pages at 1920×1080 — the time to update each page, and the ticker's smoothness.

Issue 5 asks for "the time to update all widgets of a page (measured here without a
GPU at 1920×1080: a pyqtgraph heat map repaints in ~11 ms, ten 1,440-point lines in
~41 ms: repaint only what changed, and keep the ticker moving smoothly, ≥ 30 frames
per second, while charts update)". This prints exactly that, offscreen:

1. N demo appeals are generated into a new cache (or ``--cache`` is used: it is
   MODIFIED, pass a copy) and two :class:`WallData` snapshots are computed with the
   real code: A, then a sync batch lands (changed and new appeals, the cache's
   upsert), the frame is refreshed by the batch's ids and B is computed: two
   snapshots exactly one sync apart, as the shell receives them.
2. Every page of the registry is built as the shell builds it (``create_page``,
   ``apply_wall_theme`` for 1080 lines, a :class:`WallWindow` of 1920×1080 with its
   status strip, a :class:`Rotator` holding it), one window per page as on a wall
   of seven screens, all shown. Per page, the median of ``--repeat`` runs of:

   * ``data``: ``update_data`` alone (B, A, B, … alternating, so the data always changes);
   * ``update``: ``update_data`` and the event loop drained: the paints Qt then makes
     for what changed, into the window's backing store — a refresh's whole cost on the
     GUI thread. One more, counted, update says how many paint events it took, on how
     many widgets (a widget painted twice is wasted work) and what share of the page;
   * ``repaint``: the whole page rendered at once, data unchanged (``grab()``, what the
     rotator's pre-roll does with ``render``): the cost of a full frame.

3. Baselines in the same run, in their own 1920×1080 windows, measured the same
   way (update: new data and the event loop drained; repaint: ``grab()``): a bare
   pyqtgraph ``ImageItem`` heat map of the wall's shape (``setImage``) and ten
   1,440-point ``PlotDataItem`` lines (``setData``; auto-range as in the issue's
   ~41 ms, and fixed ranges).
4. The ticker: the feed page's ticker runs (its own 16 ms timer) first alone, then
   twice for ``--seconds`` while every ``--sync-ms`` the windows get the other
   snapshot on the same GUI thread: once all windows in one call, once one window
   per event-loop turn (``DataFanout``, the shell's path after a sync). Frames are
   counted by an event filter on the ticker's paint events; a frame counts only if
   the ticker's offset moved since the last painted frame. Reported: mean fps, the
   worst one-second window, the longest gap between frames, the gaps over 33 ms, and
   the stall each update causes (the longest gap between frames while it runs), with
   Python's full garbage collections meanwhile.

Pages whose update takes over ``--profile-over`` ms are profiled (cProfile) and their
top functions printed.

Usage: .venv/bin/python bench/bench_wall_render.py [--appeals 200000] [--cache PATH]
Ends with one JSON line: name, value (worst page update, ms), unit, baseline (bare
heat map + ten lines, ms), ratio (+ details per page and the ticker's fps).
"""

from __future__ import annotations

import argparse
import bisect
import cProfile
import gc
import io
import os
import pstats
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any

import orjson

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench_wall_aggregates import timed  # noqa: E402

from cur_desktop.analytics import (  # noqa: E402
    WallContext,
    WallData,
    compute_wall_data,
    load_wall_frame,
    refresh_wall_frame,
    wall_context,
)
from cur_desktop.cache import Cache  # noqa: E402
from cur_desktop.commands import generate_into  # noqa: E402
from cur_desktop.domain.appeal import evolve  # noqa: E402
from cur_desktop.domain.enums import Status  # noqa: E402
from cur_desktop.regions import builtin_pack_dir, load_pack  # noqa: E402
from cur_desktop.sync.writer import CacheWriter  # noqa: E402

WIDTH, HEIGHT = 1920, 1080
LINES, POINTS = 10, 1_440
#: What each page shows, to check that the two snapshots differ for it.
PAGE_FIELDS = {
    "kpi": ("kpis",),
    "heatmap": ("heatmap", "top_problems"),
    "map": ("municipalities",),
    "trends": ("trends",),
    "rating": ("body_rating", "municipality_rating"),
    "risk": ("risk_by_body", "risk_items"),
    "feed": ("feed",),
}


# -- the two snapshots (Qt-free) ---------------------------------------------------------------


def snapshots(path: Path, batch: int) -> tuple[WallContext, WallData, WallData, int]:
    """The context, snapshot A, snapshot B one sync batch later, and the frame's size."""
    pack = load_pack(builtin_pack_dir())
    with Cache.open(path) as cache:
        now = datetime.fromisoformat(cache.get_state("demo.now") or datetime.now(UTC).isoformat())
        context = wall_context(cache, pack)
        frame = load_wall_frame(cache, now=now, ticker_size=context.ticker_size)
        first = compute_wall_data(frame, context=context, now=now)
        df = frame.appeals
        ids = [int(i) for i in df["id"].iloc[:: max(1, len(df) // batch)][:batch]]
        stamp = now + timedelta(seconds=1)
        changed = [
            evolve(a, {"version": a.version + 1, "status": Status.IN_PROGRESS, "updated_at": stamp})
            for a in cache.appeals.get_many(ids)
        ]
        top = cache.appeals.max_id()
        new = [
            evolve(a, {"id": top + i + 1, "external_id": f"bench-{top + i + 1}",
                       "created_at": stamp, "updated_at": stamp})
            for i, a in enumerate(changed[: batch // 2])
        ]  # fmt: skip
        CacheWriter(cache.engine).upsert_newer([*changed, *new])
        written = [a.id for a in (*changed, *new)]
        fresh = refresh_wall_frame(
            cache, frame, now=stamp, changed_ids=written, ticker_size=context.ticker_size
        )
        second = compute_wall_data(fresh, context=context, now=stamp)
    return context, first, second, len(fresh)


# -- Qt helpers --------------------------------------------------------------------------------


def drain() -> None:
    """Run what the event loop has pending: layouts, scene updates, then the paints."""
    from PySide6.QtCore import QCoreApplication

    for _ in range(3):
        QCoreApplication.processEvents()


def median_ms(values: list[float]) -> float:
    return statistics.median(values) * 1000


@dataclass
class PaintCounter:
    """Paint events on ``root`` and its descendants while in the ``with`` block: how many,
    on how many widgets (a widget painted twice is a wasted paint), over what area."""

    root: Any
    paints: int = 0
    widgets: dict[int, int] = field(default_factory=dict)  # id -> paint events
    labels: dict[int, str] = field(default_factory=dict)  # id -> what the widget is
    region: Any = None  # what was painted, in ``root``'s coordinates
    _filter: Any = None

    def __enter__(self) -> PaintCounter:
        from PySide6.QtCore import QEvent, QObject
        from PySide6.QtGui import QRegion
        from PySide6.QtWidgets import QApplication, QWidget

        counter = self
        self.region = QRegion()

        class Filter(QObject):
            def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
                if (
                    event.type() == QEvent.Type.Paint
                    and isinstance(obj, QWidget)
                    and (obj is counter.root or counter.root.isAncestorOf(obj))
                ):
                    rect = event.rect()  # type: ignore[attr-defined]
                    counter.paints += 1
                    counter.widgets[id(obj)] = counter.widgets.get(id(obj), 0) + 1
                    counter.labels.setdefault(id(obj), _label(obj))
                    rect.moveTopLeft(obj.mapTo(counter.root, rect.topLeft()))
                    counter.region = counter.region.united(rect)
                return False

        self._filter = Filter()
        QApplication.instance().installEventFilter(self._filter)  # type: ignore[union-attr]
        return self

    def __exit__(self, *_: object) -> None:
        from PySide6.QtWidgets import QApplication

        QApplication.instance().removeEventFilter(self._filter)  # type: ignore[union-attr]

    def repeated(self) -> int:
        """Paint events beyond the first on the same widget."""
        return self.paints - len(self.widgets)

    def repeated_on(self) -> dict[str, int]:
        """The widgets painted more than once, with their extra paints."""
        extra: dict[str, int] = {}
        for key, count in self.widgets.items():
            if count > 1:
                label = self.labels[key]
                extra[label] = extra.get(label, 0) + count - 1
        return extra

    def share(self) -> float:
        """The share of ``root``'s pixels that were painted."""
        painted: int = sum(r.width() * r.height() for r in self.region)
        pixels: int = self.root.width() * self.root.height()
        return painted / max(1, pixels)


def _label(widget: Any) -> str:
    """A widget's class, or its view's for a scroll area's viewport (pyqtgraph's plots)."""
    from PySide6.QtWidgets import QAbstractScrollArea

    parent = widget.parentWidget()
    if isinstance(parent, QAbstractScrollArea) and parent.viewport() is widget:
        return f"{type(parent).__name__}.viewport"
    name = widget.objectName()
    return f"{type(widget).__name__}#{name}" if name else type(widget).__name__


def profile(fn: Callable[[], None], runs: int = 3, top: int = 14) -> str:
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(runs):
        fn()
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(top)
    return out.getvalue()


# -- the wall ----------------------------------------------------------------------------------


@dataclass
class Screen:
    """One wall window of 1920×1080 showing one page, as on its own monitor."""

    key: str
    window: Any
    rotator: Any
    page: Any


def build_wall(context: WallContext, data: WallData) -> list[Screen]:
    from ui.wall.layout import WallSettings
    from ui.wall.rotation import Rotator, Slot
    from ui.wall.window import WallWindow
    from widgets.wall.page import apply_wall_theme
    from widgets.wall.pages import PAGE_KEYS, create_page

    screens = []
    settings = WallSettings(page_seconds=3600.0)  # one page per window: no rotation
    for key in PAGE_KEYS:
        window = WallWindow(f"bench-{key}", windowed=True, hide_cursor=False)
        window.resize(WIDTH, HEIGHT)
        window.strip.set_screen_height(HEIGHT)
        rotator = Rotator(window, settings)
        rotator.label = context.region_name
        page = create_page(key, context)
        apply_wall_theme(page, HEIGHT)
        rotator.set_slots([Slot(key, key, settings.page_seconds, page)])
        rotator.set_data(data, 1)
        window.show()
        rotator.start()
        screens.append(Screen(key, window, rotator, page))
    for _ in range(5):
        drain()
        time.sleep(0.02)
    for screen in screens:
        size = screen.page.size()
        if (size.width(), size.height()) != (WIDTH, screen.window.stack.height()):
            raise SystemExit(f"page {screen.key} is {size.width()}×{size.height()}, not full width")
    return screens


def measure_page(
    screen: Screen, a: WallData, b: WallData, repeat: int, profile_over: float
) -> dict[str, Any]:
    page = screen.page
    page.update_data(b)  # warm-up both snapshots: fonts, glyph caches, pyqtgraph paths
    drain()
    page.update_data(a)
    drain()
    data_t, update_t, repaint_t = [], [], []
    for i in range(repeat):
        snap = b if i % 2 == 0 else a
        started = time.perf_counter()
        page.update_data(snap)
        handed = time.perf_counter()
        drain()
        update_t.append(time.perf_counter() - started)
        data_t.append(handed - started)
        started = time.perf_counter()
        page.grab()
        repaint_t.append(time.perf_counter() - started)
    drain()
    shown = page.data
    with PaintCounter(page) as counted:
        page.update_data(a if shown is b else b)
        drain()
    result: dict[str, Any] = {
        "data_ms": round(median_ms(data_t), 2),
        "update_ms": round(median_ms(update_t), 2),
        "repaint_ms": round(median_ms(repaint_t), 2),
        "paints": counted.paints,
        "widgets_painted": len(counted.widgets),
        "repeated_paints": counted.repeated(),
        "repeated_on": counted.repeated_on(),
        "painted_share": round(counted.share(), 2),
        "changed": any(getattr(a, f) != getattr(b, f) for f in PAGE_FIELDS.get(screen.key, ())),
    }
    if result["update_ms"] > profile_over:
        flip = [a, b]

        def one() -> None:
            flip.reverse()
            page.update_data(flip[0])
            drain()

        report = profile(one)
        print(f"\n--- page {screen.key}: update {result['update_ms']:.0f} ms, cProfile ---")
        print(report)
        result["profiled"] = True
    return result


# -- baselines ---------------------------------------------------------------------------------


def baseline_heatmap(shape: tuple[int, int], repeat: int) -> tuple[float, float]:
    """A bare ImageItem of ``shape`` in a 1920×1080 view: (setImage + paints, repaint) ms."""
    import numpy as np
    import pyqtgraph as pg

    from widgets.wall import theme

    view = pg.GraphicsView()
    view.resize(WIDTH, HEIGHT)
    box = pg.ViewBox(enableMouse=False, enableMenu=False, invertY=True)
    box.disableAutoRange()
    view.setCentralItem(box)
    image = pg.ImageItem(axisOrder="row-major")
    image.setLookupTable(np.array(theme.heat_lookup_table(), dtype=np.uint8))
    box.addItem(image)
    box.setRange(xRange=(0, shape[1]), yRange=(0, shape[0]), padding=0.0)
    rng = np.random.default_rng(1)
    frames = [rng.random(shape) * 100 for _ in range(2)]
    view.show()
    drain()

    def step(i: int) -> None:
        image.setImage(frames[i % 2], levels=(0.0, 100.0), autoLevels=False)
        drain()

    result = _update_and_repaint(view, step, repeat)
    view.close()
    view.deleteLater()
    return result


def baseline_lines(repeat: int, *, auto_range: bool) -> tuple[float, float]:
    """Ten 1,440-point lines in a 1920×1080 plot: (setData + paints, repaint) ms."""
    import numpy as np
    import pyqtgraph as pg

    plot = pg.PlotWidget()
    plot.resize(WIDTH, HEIGHT)
    x = np.arange(POINTS, dtype=float)
    rng = np.random.default_rng(2)
    frames = [rng.random((LINES, POINTS)).cumsum(axis=1) for _ in range(2)]
    curves = [plot.plot(x, frames[0][k], pen=pg.mkPen(width=1)) for k in range(LINES)]
    if not auto_range:
        plot.getPlotItem().disableAutoRange()
        plot.setRange(xRange=(0, POINTS), yRange=(0, float(frames[0].max()) * 1.1), padding=0)
    plot.show()
    drain()

    def step(i: int) -> None:
        for k, curve in enumerate(curves):
            curve.setData(x, frames[i % 2][k])
        drain()

    result = _update_and_repaint(plot, step, repeat)
    plot.close()
    plot.deleteLater()
    return result


def _update_and_repaint(
    widget: Any, step: Callable[[int], None], repeat: int
) -> tuple[float, float]:
    step(1)
    step(0)
    count = iter(range(2, 2 + repeat))
    t_update, _ = timed(lambda: step(next(count)), repeat)
    t_repaint, _ = timed(widget.grab, repeat)
    with PaintCounter(widget) as counted:
        step(1)
    if counted.share() < 0.5:
        raise SystemExit(f"the baseline {type(widget).__name__} did not repaint its data")
    return t_update * 1000, t_repaint * 1000


# -- the ticker --------------------------------------------------------------------------------


@dataclass
class TickerRun:
    seconds: float
    frames: int
    paints: int
    fps_mean: float
    fps_min: float
    max_gap_ms: float
    max_gap_at: float  # seconds into the run (the frame that ended the gap)
    late: int  # gaps between frames longer than 1/30 s
    max_jump_px: float
    updates: list[float]  # seconds each wall update took (update_data of every window)
    update_starts: list[float]  # seconds into the run
    stalls: list[float]  # per update: the ticker's gap between frames around it, seconds
    gc_pauses: list[float]  # Python's full (generation 2) collections meanwhile, seconds


def run_ticker(
    screens: list[Screen],
    snaps: tuple[WallData, WallData],
    seconds: float,
    sync_ms: int,
    *,
    staggered: bool = True,
) -> TickerRun:
    """The feed page's ticker for ``seconds``; with ``sync_ms`` > 0 every window gets new
    data that often (alternating snapshots), as after each sync: ``staggered`` one
    window per event-loop turn as the shell does it (``DataFanout``), otherwise all in
    one call."""
    from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer

    from ui.wall.rotation import DataFanout
    from widgets.wall.feed_page import SEPARATOR

    feed = next(s for s in screens if s.key == "feed")
    ticker = feed.page.ticker
    paints: list[tuple[float, float]] = []

    class Frames(QObject):
        def eventFilter(self, _obj: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint:
                paints.append((time.perf_counter(), ticker.offset))
            return False

    frames_filter = Frames()
    ticker.installEventFilter(frames_filter)
    gc_pauses: list[float] = []
    gc_started = [0.0]

    def collected(phase: str, info: dict[str, int]) -> None:
        if info["generation"] == 2:
            if phase == "start":
                gc_started[0] = time.perf_counter()
            else:
                gc_pauses.append(time.perf_counter() - gc_started[0])

    gc.callbacks.append(collected)
    revision = max(s.rotator.revision for s in screens)
    updates: list[float] = []
    update_starts: list[float] = []

    fanout = DataFanout()
    spans: list[tuple[float, float]] = []  # each update's start and end, seconds into the run

    def finished(_revision: int) -> None:
        at = update_starts[-1] + started
        updates.append(time.perf_counter() - at)
        spans.append((update_starts[-1], time.perf_counter() - started))

    fanout.finished.connect(finished)

    def sync() -> None:
        nonlocal revision
        if fanout.busy:
            return  # the previous update is still reaching the windows
        revision += 1
        data = snaps[revision % 2]
        at = time.perf_counter()
        update_starts.append(at - started)
        if staggered:
            fanout.start([screen.rotator for screen in screens], data, revision)
            return
        for screen in screens:
            screen.rotator.set_data(data, revision)
        finished(revision)

    timer = QTimer()
    timer.setInterval(max(1, sync_ms))
    timer.timeout.connect(sync)
    loop = QEventLoop()
    ticker.start()
    started = time.perf_counter()
    if sync_ms > 0:
        timer.start()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()
    timer.stop()
    ticker.stop()
    ticker.removeEventFilter(frames_filter)
    gc.callbacks.remove(collected)
    drain()

    real: list[tuple[float, float]] = []
    for when, offset in paints:
        if not real or offset != real[-1][1]:
            real.append((when, offset))
    times = [when - started for when, _ in real]
    whole = int(seconds)
    per_second = [sum(1 for t in times if s <= t < s + 1) for s in range(whole)]
    gaps = [b - a for a, b in pairwise(times)]
    longest = max(range(len(gaps)), key=gaps.__getitem__, default=-1)
    stalls = []
    for begin, end in spans:  # the longest gap between frames while the update ran
        first = max(bisect.bisect_right(times, begin) - 1, 0)
        last = min(bisect.bisect_left(times, end) + 1, len(times) - 1)
        inside = [b - a for a, b in pairwise(times[first : last + 1])]
        if inside:
            stalls.append(max(inside))
    width = ticker.fontMetrics().horizontalAdvance(ticker.text + SEPARATOR) or 1
    jumps = [
        (b - a) % width for (_, a), (_, b) in pairwise(real)
    ]  # the offset wraps around the line's width
    return TickerRun(
        seconds=seconds,
        frames=len(real),
        paints=len(paints),
        fps_mean=len(real) / seconds,
        fps_min=float(min(per_second)) if per_second else 0.0,
        max_gap_ms=max(gaps, default=0.0) * 1000,
        max_gap_at=times[longest + 1] if longest >= 0 else 0.0,
        late=sum(1 for g in gaps if g > 1 / 30),
        max_jump_px=max(jumps, default=0.0),
        updates=updates,
        update_starts=update_starts,
        stalls=stalls,
        gc_pauses=gc_pauses,
    )


# -- main --------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--appeals", type=int, default=200_000)
    parser.add_argument("--cache", type=Path, help="an existing demo cache: MODIFIED, use a copy")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=9, help="runs per page (median)")
    parser.add_argument("--batch", type=int, default=200, help="appeals changed by the sync")
    parser.add_argument("--seconds", type=float, default=10.0, help="ticker run under updates")
    parser.add_argument("--sync-ms", type=int, default=500, help="new data every … ms")
    parser.add_argument("--profile-over", type=float, default=100.0, help="profile pages over ms")
    args = parser.parse_args()

    workdir = tempfile.TemporaryDirectory(prefix="bench-wall-render-")
    path: Path = args.cache or Path(workdir.name) / "wall.sqlite"
    if args.cache is None:
        started = time.perf_counter()
        end = datetime.now(UTC).replace(microsecond=0)
        generate_into(path, None, args.appeals, args.seed, end)
        print(f"generated {args.appeals:,} demo appeals in {time.perf_counter() - started:.1f} s")
    context, a, b, appeals = snapshots(path, args.batch)
    print(f"two snapshots one sync apart ({args.batch} changed, {args.batch // 2} new appeals)")

    from ui.app import create_application

    create_application(["bench"])
    screens = build_wall(context, a)
    ticker = next(s.page.ticker for s in screens if s.key == "feed")
    ticker.stop()  # runs again in its own figure below; here it would paint in every one
    pages: dict[str, dict[str, Any]] = {}
    print(f"\npages in {WIDTH}×{HEIGHT} windows, median of {args.repeat} (ms):")
    print(
        f"{'page':<9}{'data':>8}{'update':>9}{'repaint':>9}"
        "   on update: paint events / widgets (share of the page painted)"
    )
    for screen in screens:
        r = measure_page(screen, a, b, args.repeat, args.profile_over)
        pages[screen.key] = r
        note = "" if r["changed"] else "   (its data did not change between the snapshots)"
        if r["repeated_on"]:
            twice = ", ".join(f"{k} +{n}" for k, n in r["repeated_on"].items())
            note += f"   painted again: {twice}"
        print(
            f"{screen.key:<9}{r['data_ms']:>8.1f}{r['update_ms']:>9.1f}{r['repaint_ms']:>9.1f}"
            f"   {r['paints']:>4} / {r['widgets_painted']:<4} ({r['painted_share']:.0%}){note}"
        )
    worst = max(pages, key=lambda k: pages[k]["update_ms"])
    total = sum(r["update_ms"] for r in pages.values())
    print(f"all pages (one sync on a seven-screen wall): {total:.1f} ms; worst: {worst}")

    heat = a.heatmap
    shape = (len(heat.columns), len(heat.rows))
    heat_update, heat_repaint = baseline_heatmap(shape, args.repeat)
    lines_update, lines_repaint = baseline_lines(args.repeat, auto_range=True)
    fixed_update, fixed_repaint = baseline_lines(args.repeat, auto_range=False)
    baseline = heat_update + lines_update
    print(f"\nbaselines in {WIDTH}×{HEIGHT} windows (ms):   update  repaint")
    for label, update, repaint in (
        (f"bare ImageItem heat map {shape[0]}×{shape[1]}", heat_update, heat_repaint),
        (f"ten {POINTS:,}-point lines, auto-range", lines_update, lines_repaint),
        (f"ten {POINTS:,}-point lines, fixed range", fixed_update, fixed_repaint),
    ):
        print(f"{label:<37}{update:8.1f} {repaint:8.1f}")

    idle = run_ticker(screens, (a, b), 3.0, 0)
    at_once = run_ticker(screens, (a, b), args.seconds, args.sync_ms, staggered=False)
    busy = run_ticker(screens, (a, b), args.seconds, args.sync_ms)
    print(f"\nticker (feed page), frames where its offset moved; new data every {args.sync_ms} ms:")
    for label, run in (
        ("alone", idle),
        ("all windows in one call", at_once),
        ("one window per turn (shell)", busy),
    ):
        print(
            f"  {label:<26} {run.fps_mean:5.1f} fps mean, {run.fps_min:4.0f} worst second, "
            f"longest gap {run.max_gap_ms:5.1f} ms (jump {run.max_jump_px:.0f} px); "
            f"{run.late} gaps over 33 ms; {run.frames} frames of {run.paints} paints "
            f"in {run.seconds:.0f} s"
        )
    if busy.updates:
        before = [t for t in busy.update_starts if t <= busy.max_gap_at]
        since = (busy.max_gap_at - before[-1]) * 1000 if before else float("nan")
        print(
            f"  a wall update (update_data in all {len(screens)} windows, one per turn) took "
            f"{median_ms(busy.updates):.1f} ms median, {max(busy.updates) * 1000:.1f} ms max "
            f"over {len(busy.updates)} updates; the longest gap ended "
            f"{busy.max_gap_at:.2f} s into the run, {since:.0f} ms after an update began"
        )
        print(
            f"  each update stalls the ticker: the longest gap while it runs "
            f"{median_ms(busy.stalls or [0.0]):.0f} ms median, "
            f"{max(busy.stalls, default=0.0) * 1000:.0f} ms max (all windows in one call: "
            f"{median_ms(at_once.stalls or [0.0]):.0f} ms median, "
            f"{max(at_once.stalls, default=0.0) * 1000:.0f} ms max); Python's full "
            f"garbage collections meanwhile: {len(busy.gc_pauses)}, longest "
            f"{max(busy.gc_pauses, default=0.0) * 1000:.0f} ms"
        )
    verdict = "meets" if busy.fps_min >= 30 else "MISSES"
    print(f"  the ticker {verdict} ≥ 30 fps in every second while charts update")

    for screen in screens:
        screen.rotator.stop()
        screen.window.allow_close()
        screen.window.close()
        screen.window.deleteLater()
    drain()
    value = pages[worst]["update_ms"]
    print(f"\nratio worst page update / (bare heat map + lines): {value / baseline:.2f}")
    print(
        orjson.dumps(
            {
                "name": "wall_render",
                "value": round(value, 1),
                "unit": "ms",
                "baseline": round(baseline, 1),
                "ratio": round(value / baseline, 2),
                "appeals": appeals,
                "size": f"{WIDTH}x{HEIGHT}",
                "worst_page": worst,
                "all_pages_update_ms": round(total, 1),
                "pages": pages,
                "heatmap_baseline_ms": {
                    "update": round(heat_update, 1),
                    "repaint": round(heat_repaint, 1),
                },
                "lines_baseline_ms": {
                    "update": round(lines_update, 1),
                    "repaint": round(lines_repaint, 1),
                    "fixed_range_update": round(fixed_update, 1),
                    "fixed_range_repaint": round(fixed_repaint, 1),
                },
                "ticker": {
                    "sync_ms": args.sync_ms,
                    "seconds": args.seconds,
                    "fps_mean": round(busy.fps_mean, 1),
                    "fps_min_1s": busy.fps_min,
                    "max_gap_ms": round(busy.max_gap_ms, 1),
                    "gaps_over_33ms": busy.late,
                    "stall_per_update_ms_median": round(median_ms(busy.stalls), 1)
                    if busy.stalls
                    else None,
                    "stall_per_update_ms_max": round(max(busy.stalls, default=0.0) * 1000, 1),
                    "gc_full_collections": len(busy.gc_pauses),
                    "gc_longest_ms": round(max(busy.gc_pauses, default=0.0) * 1000, 1),
                    "max_jump_px": round(busy.max_jump_px, 1),
                    "alone_fps_mean": round(idle.fps_mean, 1),
                    "alone_fps_min_1s": idle.fps_min,
                    "alone_max_gap_ms": round(idle.max_gap_ms, 1),
                    "alone_gaps_over_33ms": idle.late,
                    "wall_update_ms_median": round(median_ms(busy.updates), 1)
                    if busy.updates
                    else None,
                    "wall_update_ms_max": round(max(busy.updates, default=0.0) * 1000, 1),
                    "all_at_once": {
                        "fps_mean": round(at_once.fps_mean, 1),
                        "fps_min_1s": at_once.fps_min,
                        "max_gap_ms": round(at_once.max_gap_ms, 1),
                        "stall_per_update_ms_median": round(median_ms(at_once.stalls), 1)
                        if at_once.stalls
                        else None,
                    },
                },
            }
        ).decode()
    )
    workdir.cleanup()


if __name__ == "__main__":
    main()
