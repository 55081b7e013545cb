"""Benchmark: every aggregate of the wall, from the cache file to a WallData snapshot.

Generates N demo appeals into a new cache (``cur-desktop generate``'s code), then
times, each the median of ``--repeat`` runs:

* ``load_wall_frame``: the wall's columns read once into pandas (and the feed's
  newest items read and masked);
* ``compute_wall_data``: every aggregate (KPIs, heat maps, map loads, trends and
  forecast, two ratings, deadline risk, alarms) from that frame;

compared in the same run with two baselines of ONE equivalent aggregate, the heat
map's counts by theme × municipality over the last 30 days:

* raw ``sqlite3``: ``SELECT theme, municipality, count(*) ... GROUP BY`` on the same
  file (the floor for answering one question from disk);
* bare pandas ``groupby`` of the same two columns on the frame already in memory.

Then a sync batch lands (changed and new appeals, written by the cache's upsert) and
the wall catches up with ``refresh_wall_frame`` (only the changed rows are read) and
one ``compute_wall_data``: the time from batch to refreshed wall. The demo cache is
modified by that batch: pass a copy with ``--cache``.

The heat map computed by the wall is checked against the raw SQL counts.

Usage: .venv/bin/python bench/bench_wall_aggregates.py [--appeals 200000] [--cache PATH]
Ends with one JSON line: name, value, unit, baseline, ratio (+ details).
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cur_desktop.analytics import (  # noqa: E402
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

RAW_SQL = (
    "SELECT theme, municipality, count(*) FROM appeals "
    "WHERE merged_into IS NULL AND created_at >= ? AND created_at < ? "
    "AND theme IS NOT NULL AND municipality IS NOT NULL GROUP BY theme, municipality"
)


def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """Median seconds over ``repeat`` runs, and the last result."""
    times = []
    result = None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def sync_batch(
    cache: Cache, frame: Any, context: Any, now: datetime, size: int
) -> tuple[float, float, float, float]:
    """A sync batch lands (``size`` changed appeals and ``size // 2`` new ones): seconds to
    write it, to refresh the frame by the batch's ids (what the sync engine reports) and
    without them (by ``updated_at``), and to recompute every aggregate."""
    ids = [int(i) for i in frame.appeals["id"].iloc[:: max(1, len(frame) // size)][:size]]
    stamp = now + timedelta(seconds=1)
    changed = [
        evolve(a, {"version": a.version + 1, "status": Status.IN_PROGRESS, "updated_at": stamp})
        for a in cache.appeals.get_many(ids)
    ]
    top = cache.appeals.max_id()
    new = [
        evolve(a, {"id": top + i + 1, "external_id": f"bench-{top + i + 1}", "created_at": stamp,
                   "updated_at": stamp})
        for i, a in enumerate(changed[: size // 2])
    ]  # fmt: skip
    started = time.perf_counter()
    CacheWriter(cache.engine).upsert_newer([*changed, *new])
    t_write = time.perf_counter() - started
    started = time.perf_counter()
    written = [a.id for a in (*changed, *new)]
    fresh = refresh_wall_frame(cache, frame, now=stamp, changed_ids=written)
    t_refresh = time.perf_counter() - started
    started = time.perf_counter()
    scanned = refresh_wall_frame(cache, frame, now=stamp)
    t_scan = time.perf_counter() - started
    if sorted(scanned.appeals["id"]) != sorted(fresh.appeals["id"]):
        raise SystemExit("the two refreshes disagree")
    started = time.perf_counter()
    compute_wall_data(fresh, context=context, now=stamp)
    t_compute = time.perf_counter() - started
    if len(fresh) != len(frame) + len(new):
        raise SystemExit("the refreshed frame lost or doubled rows")
    return t_write, t_refresh, t_scan, t_compute


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--appeals", type=int, default=200_000)
    parser.add_argument("--cache", type=Path, help="an existing demo cache (skips generating)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--batch", type=int, default=200, help="appeals changed by the sync batch")
    args = parser.parse_args()

    workdir = tempfile.TemporaryDirectory(prefix="bench-wall-")
    path: Path = args.cache or Path(workdir.name) / "wall.sqlite"
    if args.cache is None:
        started = time.perf_counter()
        end = datetime.now(UTC).replace(microsecond=0)
        generate_into(path, None, args.appeals, args.seed, end)
        print(f"generated {args.appeals:,} demo appeals in {time.perf_counter() - started:.1f} s")
    pack = load_pack(builtin_pack_dir())
    with Cache.open(path) as cache:
        now = datetime.fromisoformat(cache.get_state("demo.now") or datetime.now(UTC).isoformat())
        context = wall_context(cache, pack)
        # a full read every time (the restart from the columns file: bench_wall_start.py)
        load_wall_frame(cache, now=now, keep_columns=False)  # warm-up: imports, page cache
        t_load, frame = timed(
            lambda: load_wall_frame(cache, now=now, keep_columns=False), args.repeat
        )
        compute_wall_data(frame, context=context, now=now)  # warm-up
        t_compute, data = timed(
            lambda: compute_wall_data(frame, context=context, now=now), args.repeat
        )
        t_again, _ = timed(
            lambda: compute_wall_data(frame, context=context, now=now, previous=data), args.repeat
        )
        t_sync, t_refresh, t_scan, t_recompute = sync_batch(cache, frame, context, now, args.batch)

    start = (now - timedelta(days=data.heatmap.window_days)).timestamp()
    stop = now.timestamp() + 1e-6
    raw = sqlite3.connect(path)  # noqa: TID251 - the raw baseline
    try:
        t_raw, rows = timed(lambda: raw.execute(RAW_SQL, (start, stop)).fetchall(), args.repeat)
    finally:
        raw.close()
    df = frame.appeals
    window = (df["created_at"] >= start) & (df["created_at"] < stop)
    t_pandas, _ = timed(
        lambda: df[window].groupby(["theme", "municipality"], observed=True).size(), args.repeat
    )

    expected = {(t, m): n for t, m, n in rows}
    heat = data.heatmap
    got = {
        (theme, mun): heat.absolute[i][j]
        for i, theme in enumerate(heat.rows)
        for j, mun in enumerate(heat.columns)
        if heat.absolute[i][j]
    }
    known = {k: v for k, v in expected.items() if k[0] in heat.rows and k[1] in heat.columns}
    if got != known:
        raise SystemExit("the wall's heat map differs from the raw SQL counts")

    total = t_load + t_compute
    print(f"appeals in the frame:       {len(frame):>12,}")
    print(f"load_wall_frame:            {t_load * 1000:>10.0f} ms")
    print(f"compute_wall_data:          {t_compute * 1000:>10.0f} ms  (every aggregate)")
    print(f"  again, with alarms:       {t_again * 1000:>10.0f} ms")
    print(f"load + compute:             {total * 1000:>10.0f} ms")
    print(
        f"a sync batch ({args.batch} changed, {args.batch // 2} new) written in "
        f"{t_sync * 1000:.0f} ms; frame refreshed by ids in {t_refresh * 1000:.0f} ms "
        f"(without ids, by updated_at: {t_scan * 1000:.0f} ms), "
        f"aggregates recomputed in {t_recompute * 1000:.0f} ms "
        f"(batch to refreshed wall: {(t_refresh + t_recompute) * 1000:.0f} ms)"
    )
    print(f"baseline raw sqlite3 GROUP BY (one aggregate): {t_raw * 1000:.1f} ms")
    print(f"baseline pandas groupby in memory (one aggregate): {t_pandas * 1000:.1f} ms")
    print(f"heat map checked against raw SQL: {len(known)} cells equal")
    print(f"ratio (load + compute) / raw one-aggregate query: {total / t_raw:.1f}")
    print(
        orjson.dumps(
            {
                "name": "wall_aggregates_load_and_compute",
                "value": round(total * 1000, 1),
                "unit": "ms",
                "baseline": round(t_raw * 1000, 1),
                "ratio": round(total / t_raw, 2),
                "appeals": len(frame),
                "load_ms": round(t_load * 1000, 1),
                "compute_ms": round(t_compute * 1000, 1),
                "compute_with_alarms_ms": round(t_again * 1000, 1),
                "pandas_groupby_ms": round(t_pandas * 1000, 2),
                "batch_refresh_ms": round(t_refresh * 1000, 1),
                "batch_refresh_without_ids_ms": round(t_scan * 1000, 1),
                "batch_recompute_ms": round(t_recompute * 1000, 1),
            }
        ).decode()
    )
    workdir.cleanup()


if __name__ == "__main__":
    main()
