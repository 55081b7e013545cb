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

Then sync batches land (``--batch`` changed appeals and half as many new ones: 300
appeals by default, written by the cache's upsert) and the wall catches up with
``refresh_wall_frame`` (only the changed rows are read and written into the frame's
columns in place): the median over ``--batches`` batches told by id, then one found
by the scan (no ids), and one ``compute_wall_data``: the time from batch to
refreshed wall. The refresh is compared with ONE pandas groupby on the frame in
memory (issue 19: at most 4x). After the batches the frame must equal the one read
from scratch, row for row. The demo cache is modified by the batches: pass a copy
with ``--cache``.

The heat map computed by the wall is checked against the raw SQL counts.

``--replicate N --base FILE`` builds the cache as N copies of a generated one, spread
back in time (``bench_wall_start.py``: a generated million takes hours).

Usage: .venv/bin/python bench/bench_wall_aggregates.py [--appeals 200000] [--cache PATH]
       .venv/bin/python bench/bench_wall_aggregates.py --cache /tmp/w1m.sqlite \
           --replicate 50 --base /tmp/w20k.sqlite [--appeals 20000]
Ends with one JSON line: name, value, unit, baseline, ratio (+ details); the ratio is
the batch refresh's over the pandas groupby's.
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
sys.path.insert(0, str(ROOT / "bench"))

from cur_desktop.analytics import (  # noqa: E402
    compute_wall_data,
    load_wall_frame,
    refresh_wall_frame,
    wall_context,
    wall_frame,
)
from cur_desktop.analytics.wall_frame import (  # noqa: E402
    CODE_COLUMNS,
    REACTION_COLUMN,
    _table_totals,
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


def write_batch(cache: Cache, frame: Any, now: datetime, size: int, step: int) -> list[int]:
    """A sync batch lands: ``size`` changed appeals and ``size // 2`` new ones, stamped
    ``now``; the ids written (what the sync engine reports)."""
    stride = max(1, len(frame) // size)
    ids = [int(i) for i in frame.appeals["id"].iloc[step % stride :: stride][:size]]
    changed = [
        evolve(a, {"version": a.version + 1, "status": Status.IN_PROGRESS, "updated_at": now})
        for a in cache.appeals.get_many(ids)
    ]
    top = cache.appeals.max_id()
    new = [
        evolve(a, {"id": top + i + 1, "external_id": f"bench-{top + i + 1}", "created_at": now,
                   "updated_at": now})
        for i, a in enumerate(changed[: size // 2])
    ]  # fmt: skip
    CacheWriter(cache.engine).upsert_newer([*changed, *new])
    return [a.id for a in (*changed, *new)]


def canonical(df: Any) -> Any:
    """The rows by id, code columns as values (their category order is not data)."""
    out = df.sort_values("id", kind="stable").reset_index(drop=True)
    for name in (*CODE_COLUMNS, REACTION_COLUMN):
        out[name] = out[name].astype(object).where(out[name].notna(), None)
    return out


class TickerClock:
    """Time spent in the refresh's ticker step (reading the newest appeals and masking
    those new since: the name model runs per new item, ~15 ms each), apart from the
    frame's own update."""

    def __init__(self) -> None:
        self.spent = 0.0
        self._inner = wall_frame._ticker

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return self._inner(*args, **kwargs)
        finally:
            self.spent += time.perf_counter() - started


def sync_batches(
    cache: Cache, frame: Any, context: Any, now: datetime, size: int, count: int
) -> tuple[Any, dict[str, float]]:
    """``count`` batches told by id, then one found by the scan; the refreshed frame
    and the medians (seconds) of writing, refreshing and recomputing."""
    writes, refreshes, tickers = [], [], []
    clock = TickerClock()
    wall_frame._ticker = clock  # type: ignore[assignment]
    stamp = now
    for step in range(count):
        stamp += timedelta(seconds=1)
        started = time.perf_counter()
        written = write_batch(cache, frame, stamp, size, step)
        writes.append(time.perf_counter() - started)
        before = len(frame)
        clock.spent = 0.0
        started = time.perf_counter()
        frame = refresh_wall_frame(cache, frame, now=stamp, changed_ids=written)
        refreshes.append(time.perf_counter() - started - clock.spent)
        tickers.append(clock.spent)
        if len(frame) != before + size // 2:
            raise SystemExit("the refreshed frame lost or doubled rows")
    stamp += timedelta(seconds=1)
    write_batch(cache, frame, stamp, size, count)
    clock.spent = 0.0
    started = time.perf_counter()
    frame = refresh_wall_frame(cache, frame, now=stamp)
    t_scan = time.perf_counter() - started - clock.spent
    wall_frame._ticker = clock._inner
    started = time.perf_counter()
    compute_wall_data(frame, context=context, now=stamp)
    t_compute = time.perf_counter() - started
    with cache.engine.connect() as conn:
        started = time.perf_counter()
        _table_totals(conn)
        t_totals = time.perf_counter() - started
    figures = {
        "write": statistics.median(writes),
        "refresh": statistics.median(refreshes),
        "refresh_max": max(refreshes),
        "ticker": statistics.median(tickers),
        "scan": t_scan,
        "compute": t_compute,
        "totals": t_totals,
    }
    return frame, figures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--appeals", type=int, default=200_000)
    parser.add_argument("--cache", type=Path, help="an existing demo cache (skips generating)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--batch", type=int, default=200, help="appeals changed by the sync batch")
    parser.add_argument("--batches", type=int, default=5, help="batches told by id")
    parser.add_argument("--replicate", type=int, default=1, help="copies of --base")
    parser.add_argument("--base", type=Path, help="generated once if missing (--appeals)")
    args = parser.parse_args()
    if args.replicate > 1 and args.cache is not None and not args.cache.exists():
        from bench_desk import replicate
        from bench_wall_start import spread_in_time

        if args.base is None:
            raise SystemExit("--replicate needs --base")
        if not args.base.exists():
            end = datetime.now(UTC).replace(microsecond=0)
            generate_into(args.base, None, args.appeals, args.seed, end)
        replicate(args.base, args.cache, args.replicate)
        spread_in_time(args.cache, args.replicate)

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
        fresh, batch = sync_batches(cache, frame, context, now, args.batch, args.batches)
        started = time.perf_counter()
        scratch = load_wall_frame(cache, now=now, keep_columns=False)
        t_scratch = time.perf_counter() - started
        import pandas as pd

        pd.testing.assert_frame_equal(canonical(fresh.appeals), canonical(scratch.appeals))
        del fresh, scratch

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
    size = args.batch + args.batch // 2
    t_refresh = batch["refresh"]
    print(
        f"sync batches of {size} appeals ({args.batch} changed, {args.batch // 2} new), "
        f"written in {batch['write'] * 1000:.0f} ms (median of {args.batches})"
    )
    print(
        f"  frame refreshed by ids:    {t_refresh * 1000:>10.1f} ms  (median of {args.batches}, "
        f"slowest {batch['refresh_max'] * 1000:.1f} ms; of which the table's count(*) "
        f"{batch['totals'] * 1000:.1f} ms)"
    )
    print(
        f"  + the ticker's newest {context.ticker_size} read and masked: "
        f"{batch['ticker'] * 1000:.0f} ms (the name model per new item; every batch "
        f"here brings {args.batch // 2} new appeals, so the whole ticker is new)"
    )
    print(f"  without ids, by the scan:  {batch['scan'] * 1000:>10.1f} ms  (ticker apart)")
    print(f"  aggregates recomputed:     {batch['compute'] * 1000:>10.0f} ms")
    whole = t_refresh + batch["ticker"] + batch["compute"]
    print(f"  batch to refreshed wall:   {whole * 1000:>10.0f} ms  (frame + ticker + aggregates)")
    print(f"  frame after the batches equals a read from scratch ({t_scratch:.1f} s): yes")
    print(f"baseline raw sqlite3 GROUP BY (one aggregate): {t_raw * 1000:.1f} ms")
    print(f"baseline pandas groupby in memory (one aggregate): {t_pandas * 1000:.2f} ms")
    print(f"heat map checked against raw SQL: {len(known)} cells equal")
    print(f"ratio (load + compute) / raw one-aggregate query: {total / t_raw:.1f}")
    print(f"ratio batch refresh / pandas groupby: {t_refresh / t_pandas:.2f} (goal <= 4)")
    print(
        orjson.dumps(
            {
                "name": "wall_batch_refresh",
                "value": round(t_refresh * 1000, 2),
                "unit": "ms",
                "baseline": round(t_pandas * 1000, 2),
                "ratio": round(t_refresh / t_pandas, 2),
                "batch_appeals": size,
                "appeals": len(frame),
                "load_and_compute_ms": round(total * 1000, 1),
                "raw_sql_one_aggregate_ms": round(t_raw * 1000, 1),
                "load_ms": round(t_load * 1000, 1),
                "compute_ms": round(t_compute * 1000, 1),
                "compute_with_alarms_ms": round(t_again * 1000, 1),
                "pandas_groupby_ms": round(t_pandas * 1000, 2),
                "batch_refresh_slowest_ms": round(batch["refresh_max"] * 1000, 2),
                "batch_ticker_ms": round(batch["ticker"] * 1000, 1),
                "batch_refresh_without_ids_ms": round(batch["scan"] * 1000, 1),
                "batch_recompute_ms": round(batch["compute"] * 1000, 1),
                "table_count_ms": round(batch["totals"] * 1000, 2),
            }
        ).decode()
    )
    workdir.cleanup()


if __name__ == "__main__":
    main()
