"""Benchmark: generate demo appeals and load them into an empty cache.

Compared in the same run with raw ``sqlite3`` ``executemany`` of exactly the same
rows into a database with the same schema (same indexes, same FTS triggers and
``ru_stems`` function), so the ratio is the cost of our layer (SQLAlchemy Core,
domain-object conversion), not of SQLite. A second baseline inserts the same
rows into the same table without the full-text index, to show what Russian
search costs at load time.

Usage: .venv/bin/python bench/bench_cache_load.py [--appeals 1000000] [--chunk 50000]
Ends with one JSON line: name, value, unit, baseline, ratio (+ details).
"""

from __future__ import annotations

import argparse
import gc
import sqlite3
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cur_desktop.cache import Cache, schema  # noqa: E402
from cur_desktop.cache.db import create_cache_engine, register_functions  # noqa: E402
from cur_desktop.cache.migrate import upgrade  # noqa: E402
from cur_desktop.demo.generator import DemoGenerator  # noqa: E402
from cur_desktop.protocol.columns import appeal_to_columns  # noqa: E402
from cur_desktop.regions import builtin_pack_dir, load_pack  # noqa: E402
from cur_desktop.sync.writer import CacheWriter  # noqa: E402

COLUMNS = [c.name for c in schema.appeals.columns]
INSERT = f"INSERT INTO appeals ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})"


def raw_db(path: Path, *, fts: bool) -> sqlite3.Connection:
    engine = create_cache_engine(path)
    upgrade(engine)
    engine.dispose()
    conn = sqlite3.connect(path, isolation_level=None)  # noqa: TID251 - the raw baseline
    register_functions(conn)  # ru_index (the triggers) and ru_stems
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    if not fts:
        for trigger in ("appeals_fts_ai", "appeals_fts_au", "appeals_fts_ad"):
            conn.execute(f"DROP TRIGGER {trigger}")
    return conn


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--appeals", type=int, default=1_000_000)
    parser.add_argument("--chunk", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--dir", type=Path, default=None)
    args = parser.parse_args()

    workdir = Path(args.dir or tempfile.mkdtemp(prefix="cur-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    for name in ("ours.sqlite", "raw.sqlite", "raw-nofts.sqlite"):
        for suffix in ("", "-wal", "-shm"):
            (workdir / (name + suffix)).unlink(missing_ok=True)

    pack = load_pack(builtin_pack_dir())
    now = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)
    generator = DemoGenerator(pack, seed=args.seed, now=now)
    cache = Cache.open(workdir / "ours.sqlite")
    raw = raw_db(workdir / "raw.sqlite", fts=True)
    raw_nofts = raw_db(workdir / "raw-nofts.sqlite", fts=False)

    t_gen = t_ours = t_rows = t_raw = t_raw_nofts = 0.0
    total = 0
    stream = generator.batches(args.appeals, args.chunk)
    raw.execute("BEGIN")
    raw_nofts.execute("BEGIN")
    while True:
        t0 = time.perf_counter()
        batch = next(stream, None)
        t_gen += time.perf_counter() - t0
        if batch is None:
            break
        appeals = [g.appeal for g in batch]
        total += len(appeals)

        t0 = time.perf_counter()
        CacheWriter(cache.engine).bulk_load(appeals)
        t_ours += time.perf_counter() - t0

        t0 = time.perf_counter()
        rows = [tuple(row[c] for c in COLUMNS) for row in map(appeal_to_columns, appeals)]
        t_rows += time.perf_counter() - t0

        t0 = time.perf_counter()
        raw.executemany(INSERT, rows)
        t_raw += time.perf_counter() - t0

        t0 = time.perf_counter()
        raw_nofts.executemany(INSERT, rows)
        t_raw_nofts += time.perf_counter() - t0
        del rows, appeals, batch
        gc.collect()
        print(f"  {total:>9,} appeals", file=sys.stderr, flush=True)
    t0 = time.perf_counter()
    raw.execute("COMMIT")
    t_raw += time.perf_counter() - t0
    t0 = time.perf_counter()
    raw_nofts.execute("COMMIT")
    t_raw_nofts += time.perf_counter() - t0
    raw.close()
    raw_nofts.close()
    # bulk_load commits once per chunk; the raw baseline once at the end (its best case).

    ours_rate = total / t_ours
    raw_rate = total / t_raw
    size_mb = (workdir / "ours.sqlite").stat().st_size / 2**20
    open_count = cache.appeals.count()
    cache.close()

    print(f"appeals:                  {total:,} (Tula demo region, seed {args.seed})")
    print(f"generate:                 {total / t_gen:10,.0f} appeals/s  ({t_gen:.1f} s)")
    print(f"load, cur_desktop cache:  {ours_rate:10,.0f} appeals/s  ({t_ours:.1f} s)")
    print(
        f"load, raw sqlite3:        {raw_rate:10,.0f} appeals/s  ({t_raw:.1f} s, same schema + FTS)"
    )
    print(
        f"load, raw without FTS:    {total / t_raw_nofts:10,.0f} appeals/s  ({t_raw_nofts:.1f} s)"
    )
    print(f"row conversion for raw:   {total / t_rows:10,.0f} rows/s     (not counted above)")
    print(f"ratio ours/raw:           {ours_rate / raw_rate:.2f}")
    print(f"cache file:               {size_mb:,.0f} MB; {open_count:,} appeals in it")
    print(
        orjson.dumps(
            {
                "name": "cache_first_load",
                "value": round(ours_rate),
                "unit": "appeals/s",
                "baseline": round(raw_rate),
                "ratio": round(ours_rate / raw_rate, 3),
                "appeals": total,
                "generate_rate": round(total / t_gen),
                "raw_without_fts_rate": round(total / t_raw_nofts),
                "cache_mb": round(size_mb),
            }
        ).decode()
    )


if __name__ == "__main__":
    main()
