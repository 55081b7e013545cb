"""Benchmark: every built-in queue, filter combination and search of the console, as the
product asks for its first page and count, against the raw indexed query (issue 19).

Over a cache of N appeals (``--cache``; its planner statistics refreshed the way the
sync writer does after a snapshot), each case is timed as the product runs it
(``first_page`` of 50 ids and the capped ``count``, through SQLAlchemy on the
product's connection) and as one hand-written ``sqlite3`` statement that reads the
same 50 ids through the index that fits (the floor). Fastest of ``--repeat``.

Usage: .venv/bin/python bench/bench_queue_queries.py --cache /tmp/console-200k.sqlite
Ends with one JSON line: name, value (the worst ratio), unit, baseline, ratio.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cur_desktop.cache import Cache, QueueFilter  # noqa: E402
from cur_desktop.cache.queries.filters import FilterValues, narrow  # noqa: E402
from cur_desktop.cache.queries.queue import (  # noqa: E402
    COUNT_CAP,
    Order,
    QueueQuery,
    count,
    first_page,
)
from cur_desktop.cache.queries.queues import all_appeals, of_municipality  # noqa: E402
from cur_desktop.cache.search import fts_query  # noqa: E402
from cur_desktop.sync.writer import CacheWriter  # noqa: E402

PAGE = 50
OPEN_DUE = "ORDER BY coalesce(due_at, 9e999), id LIMIT 50"


def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """The fastest of ``repeat`` runs: other work on a shared machine only adds time."""
    runs, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        runs.append(time.perf_counter() - started)
    return min(runs), result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cache", type=Path, required=True)
    parser.add_argument("--word", default="адрес", help="a frequent word")
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument(
        "--page-cache-mib", type=int, default=None, help="SQLite page cache (the product's)"
    )
    args = parser.parse_args()
    now = datetime.now(UTC)
    zone = "Europe/Moscow"
    mib = {} if args.page_cache_mib is None else {"page_cache_mib": args.page_cache_mib}
    with Cache.open(args.cache, **mib) as cache:
        CacheWriter(cache.engine).analyze()
        raw = cache.engine.raw_connection()
        top = raw.execute(
            "SELECT municipality FROM appeals WHERE is_open = 1 GROUP BY 1 ORDER BY count(*) DESC"
        ).fetchone()[0]
        theme, status = raw.execute(
            "SELECT theme, status FROM appeals GROUP BY 1, 2 ORDER BY count(*) DESC"
        ).fetchone()
        match = fts_query(args.word)
        hits = "SELECT rowid FROM appeals_fts WHERE appeals_fts MATCH ?"
        fts_join = "FROM appeals_fts CROSS JOIN appeals a ON a.id = appeals_fts.rowid"
        cases: list[tuple[str, QueueQuery, str, tuple[Any, ...]]] = [
            ("open queue", QueueQuery(),
             f"SELECT id FROM appeals WHERE is_open = 1 {OPEN_DUE}", ()),
            ("a municipality's queue", of_municipality(top),
             ("SELECT id FROM appeals INDEXED BY ix_appeals_open_mun_due"
             f" WHERE is_open = 1 AND municipality = ? {OPEN_DUE}"), (top,)),
            ("all appeals, newest", all_appeals(),
             "SELECT id FROM appeals ORDER BY created_at DESC, id DESC LIMIT 50", ()),
            ("all, theme + status", narrow(all_appeals(), FilterValues(theme=theme, status=status),
                                           time_zone=zone, now=now),
             ("SELECT id FROM appeals WHERE theme = ? AND status = ?"
             " ORDER BY created_at DESC, id DESC LIMIT 50"), (theme, status)),
            ("all, municipality", narrow(all_appeals(), FilterValues(municipality=top),
                                         time_zone=zone, now=now),
             ("SELECT id FROM appeals WHERE municipality = ?"
             " ORDER BY created_at DESC, id DESC LIMIT 50"), (top,)),
            ("open, theme + municipality", narrow(QueueQuery(), FilterValues(
                theme=theme, municipality=top), time_zone=zone, now=now),
             ("SELECT id FROM appeals WHERE is_open = 1 AND theme = ? AND municipality = ?"
             f" {OPEN_DUE}"), (theme, top)),
            (f"search «{args.word}» in the open queue, newest",
             QueueQuery(text=args.word, order=Order.NEWEST),
             (f"SELECT a.id {fts_join} WHERE appeals_fts MATCH ? AND a.is_open = 1"
             " ORDER BY appeals_fts.rowid DESC LIMIT 50"), (match,)),
            (f"search «{args.word}» in the open queue, by deadline", QueueQuery(text=args.word),
             f"SELECT id FROM appeals WHERE is_open = 1 AND +id IN ({hits}) {OPEN_DUE}",
             (match,)),
            (f"search «{args.word}» in all, newest",
             QueueQuery(flt=QueueFilter(open_only=False), text=args.word, order=Order.NEWEST),
             f"{hits} ORDER BY rowid DESC LIMIT 50", (match,)),
            (f"search «{args.word}» + municipality over all, newest",
             narrow(all_appeals(), FilterValues(municipality=top, text=args.word),
                    time_zone=zone, now=now),
             (f"SELECT a.id {fts_join} WHERE appeals_fts MATCH ? AND a.municipality = ?"
             " ORDER BY appeals_fts.rowid DESC LIMIT 50"), (match, top)),
        ]  # fmt: skip
        worst = ("", 0.0, 0.0, 0.0)
        rows = []
        for name, query, sql, params in cases:
            t_raw, raw_ids = timed(
                lambda s=sql, p=params: raw.execute(s, p).fetchall(), args.repeat
            )
            t_page, ids = timed(
                lambda q=query: first_page(cache.engine, q, limit=PAGE), args.repeat
            )
            t_count, n = timed(lambda q=query: count(cache.engine, q, cap=COUNT_CAP), args.repeat)
            if ids != [int(r[0]) for r in raw_ids]:
                raise SystemExit(f"{name}: the product's page differs from the raw query's")
            ratio = t_page / max(t_raw, 1e-6)
            shown = f"более {COUNT_CAP:,}" if n > COUNT_CAP else f"{n:,}"
            print(
                f"{name:52s} page {t_page * 1000:7.2f} ms  raw {t_raw * 1000:7.2f} ms"
                f"  ratio {ratio:5.2f}  count {t_count * 1000:7.2f} ms ({shown})",
                flush=True,
            )
            ms = {"page_ms": t_page, "raw_ms": t_raw, "count_ms": t_count}
            rows.append({"case": name, **{k: round(v * 1000, 3) for k, v in ms.items()}})
            if t_page - t_raw > worst[1] - worst[2] and ratio > 2:
                worst = (name, t_page, t_raw, ratio)
            if not worst[0] and t_page > worst[1]:
                worst = ("", t_page, t_raw, ratio)
        raw.close()
        appeals = cache.appeals.count(None)
    name, t_page, t_raw, ratio = worst
    print(f"{appeals:,} appeals; slowest page {t_page * 1000:.2f} ms (raw {t_raw * 1000:.2f} ms)")
    print(
        orjson.dumps(
            {
                "name": "console_queue_first_page_slowest",
                "value": round(t_page * 1000, 3),
                "unit": "ms",
                "baseline": round(t_raw * 1000, 3),
                "ratio": round(ratio, 3),
                "details": {"appeals": appeals, "over_2x": name, "cases": rows},
            }
        ).decode()
    )


if __name__ == "__main__":
    main()
