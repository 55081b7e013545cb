"""Benchmark: the wall's first usable picture after a restart (issue 18, item 5).

Over a demo cache of N appeals (``--cache``, or generated once), each figure is a
fresh process (a restart: imports, opening the cache, reading, computing), in the
same run:

* ours: ``load_wall_frame`` from the columns file beside the cache (written by the
  previous run; brought up to date by the rows changed since) and one
  ``compute_wall_data``: the first picture;
* the old start: the same with ``keep_columns=False`` (every row read);
* baseline: a raw ``sqlite3`` read of the same columns of every unmerged appeal
  (``fetchall`` of plain tuples; no pandas, no figures).

A sync batch is written between the file and the restart, so the start also reads
what changed. The page cache is not dropped (other work shares this machine): the
first of each kind is warmed by the one before. Medians of ``--repeat`` processes.

``--replicate N --base FILE`` builds the cache as N copies of a generated one (a million
appeals as 50 copies of 20,000: the generator writes about a thousand appeals a second,
so a generated million takes hours on the shared machine); ``bench_desk.replicate``
moves the ids past the original's and suffixes the channel's numbers. Each copy k is
then moved k times the base's span back in time (every ``*_at`` column), so the million
is years of a region's history, as a real one is: the wall reads every row, and its
last days and weeks hold what a region receives in days and weeks, not fifty times
that (copies at the same times would make every recent figure fifty times as dense).

Usage: .venv/bin/python bench/bench_wall_start.py --cache /tmp/wall-200k.sqlite [--appeals N]
       .venv/bin/python bench/bench_wall_start.py --cache /tmp/wall-1m.sqlite \
           --replicate 50 --base /tmp/wall-20k.sqlite [--appeals 20000]
Ends with one JSON line: name, value, unit, baseline, ratio (+ details).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

CHILD = """
import sys, time
started = time.perf_counter()
sys.path.insert(0, {root!r})
from datetime import datetime, UTC
mode, path = sys.argv[1], sys.argv[2]
if mode == "raw":
    import sqlite3
    from cur_desktop.analytics.wall_frame import _frame_sql
    conn = sqlite3.connect(path)
    rows = conn.execute(_frame_sql().replace("FROM appeals", "FROM appeals NOT INDEXED")).fetchall()
    print(time.perf_counter() - started, len(rows))
else:
    from cur_desktop.analytics import compute_wall_data, load_wall_frame, wall_context
    from cur_desktop.cache import Cache
    from cur_desktop.regions import builtin_pack_dir, load_pack
    with Cache.open(path) as cache:
        now = datetime.fromisoformat(cache.get_state("demo.now") or datetime.now(UTC).isoformat())
        frame = load_wall_frame(cache, now=now, keep_columns=(mode == "file"))
        read = time.perf_counter() - started
        context = wall_context(cache, load_pack(builtin_pack_dir()))
        compute_wall_data(frame, context=context, now=now)
    print(time.perf_counter() - started, len(frame), read)
"""


def child(mode: str, path: Path) -> tuple[float, int, float]:
    out = subprocess.run(
        [sys.executable, "-c", CHILD.format(root=str(ROOT)), mode, str(path)],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    ).stdout.split()
    return float(out[0]), int(out[1]), float(out[2]) if len(out) > 2 else float(out[0])


def sync_batch(path: Path, size: int) -> None:
    """``size`` open appeals answered and re-stamped, as a sync would write them."""
    from cur_desktop.cache import Cache, schema
    from cur_desktop.domain.appeal import evolve
    from cur_desktop.domain.enums import Status
    from cur_desktop.sync.writer import CacheWriter

    with Cache.open(path) as cache:
        now = datetime.fromisoformat(cache.get_state("demo.now") or datetime.now(UTC).isoformat())
        a = schema.appeals
        with cache.engine.connect() as conn:
            query = a.select().with_only_columns(a.c.id).where(a.c.is_open == 1).limit(size)
            ids = [int(i) for i in conn.execute(query).scalars()]
        stamp = now + timedelta(seconds=1)
        changed = [
            evolve(x, {"version": x.version + 1, "status": Status.ANSWERED, "updated_at": stamp})
            for x in cache.appeals.get_many(ids)
        ]
        CacheWriter(cache.engine).upsert_newer(changed)


TIME_COLUMNS = (
    "created_at", "registered_at", "updated_at", "due_at", "taken_at", "first_reaction_at",
    "interim_answer_at", "answered_at", "closed_at", "reopened_at",
)  # fmt: skip


def spread_in_time(path: Path, copies: int) -> None:
    """Move copy k (ids past k times the original's highest) k spans back in time."""
    import sqlite3

    started = time.perf_counter()
    conn = sqlite3.connect(path)  # noqa: TID251 (a benchmark's own set-up, no cache API)
    try:
        low, high = conn.execute("SELECT min(created_at), max(created_at) FROM appeals").fetchone()
        # replicate moved copy k's ids by k times the original's highest id
        top = int(conn.execute("SELECT max(id) FROM appeals").fetchone()[0]) // copies
        span = float(high - low) + 86_400.0
        for k in range(1, copies):
            shift = k * span
            sets = ", ".join(f"{c} = {c} - {shift}" for c in TIME_COLUMNS)
            conn.execute(
                f"UPDATE appeals SET {sets} WHERE id > ? AND id <= ?", (k * top, (k + 1) * top)
            )
        conn.commit()
        conn.execute("ANALYZE")
        conn.commit()
    finally:
        conn.close()
    years = copies * span / (365.25 * 86_400)
    print(f"copies spread over {years:.1f} years in {time.perf_counter() - started:.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--appeals", type=int, default=200_000)
    parser.add_argument("--cache", type=Path, required=True, help="generated once if missing")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--batch", type=int, default=300)
    parser.add_argument("--replicate", type=int, default=1, help="copies of --base")
    parser.add_argument("--base", type=Path, help="generated once if missing (--appeals)")
    args = parser.parse_args()
    if args.replicate > 1 and not args.cache.exists():
        from bench_desk import replicate

        from cur_desktop.commands import generate_into

        if args.base is None:
            raise SystemExit("--replicate needs --base")
        if not args.base.exists():
            started = time.perf_counter()
            generate_into(args.base, None, args.appeals, args.seed, datetime.now(UTC))
            print(f"generated {args.appeals:,} appeals in {time.perf_counter() - started:.0f} s")
        replicate(args.base, args.cache, args.replicate)
        spread_in_time(args.cache, args.replicate)
    if not args.cache.exists():
        from cur_desktop.commands import generate_into

        started = time.perf_counter()
        generate_into(args.cache, None, args.appeals, args.seed, datetime.now(UTC))
        print(f"generated {args.appeals:,} appeals in {time.perf_counter() - started:.0f} s")

    full, count, full_read = child("full", args.cache)  # also writes the columns file
    print(f"old start (every row read) + first figures: {full:.2f} s ({full_read:.2f} s reading)")
    sync_batch(args.cache, args.batch)
    print(f"a sync batch of {args.batch} appeals written after the file", flush=True)
    ours, raws, olds = [], [], [full]
    for _ in range(args.repeat):
        t, n, read = child("file", args.cache)
        ours.append((t, read))
        raws.append(child("raw", args.cache)[0])
        olds.append(child("full", args.cache)[0]) if len(olds) < args.repeat else None
        assert n == count, (n, count)
    ours_total = statistics.median(t for t, _ in ours)
    ours_read = statistics.median(r for _, r in ours)
    raw = statistics.median(raws)
    old = statistics.median(olds)
    print(f"{count:,} appeals on the wall")
    print(
        f"ours, restart from the columns file → first figures: {ours_total:.2f} s"
        f" ({ours_read:.2f} s to the frame)"
    )
    print(f"old start, every row read → first figures: {old:.2f} s")
    print(f"raw sqlite3 read of the same columns (a process, no figures): {raw:.2f} s")
    print(
        f"ratio ours / raw read: {ours_total / raw:.2f}; ours / old start: {ours_total / old:.2f}"
    )
    print(
        orjson.dumps(
            {
                "name": "wall_restart_first_picture",
                "value": round(ours_total, 3),
                "unit": "s",
                "baseline": round(raw, 3),
                "ratio": round(ours_total / raw, 3),
                "details": {
                    "appeals": count,
                    "baseline": "raw sqlite3 fetchall of the same columns, in a fresh process",
                    "ours_to_frame_s": round(ours_read, 3),
                    "old_start_s": round(old, 3),
                    "ratio_to_old_start": round(ours_total / old, 3),
                    "batch_since_file": args.batch,
                },
            }
        ).decode()
    )


if __name__ == "__main__":
    main()
