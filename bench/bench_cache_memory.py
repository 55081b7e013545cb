"""Benchmark: a console's memory over a big cache against an empty cache (issue 19).

Each figure is a fresh process that opens the cache with the product's own
connection set-up and runs a console's reads on three threads (the open queue, a
municipality's queue, all appeals, a frequent word newest first, a word over all
appeals: every id, the count, the first and the last page of rows), then reports its
peak RSS. Run on ``--cache`` and on an empty cache in the same run, with the
product's pragmas and with the previous ones (256 MB memory map, 64 MiB page cache).

Usage: .venv/bin/python bench/bench_cache_memory.py --cache /tmp/console-200k.sqlite
Ends with one JSON line: name, value, unit, baseline, ratio (+ details).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parents[1]

CHILD = """
import resource, sys, threading, time
sys.path.insert(0, {root!r})
from sqlalchemy import event
from cur_desktop.cache import Cache, QueueFilter
from cur_desktop.cache.queries import queue as q
from cur_desktop.cache.queries.queues import all_appeals, of_municipality
path, old = sys.argv[1], sys.argv[2] == "old"
cache = Cache.open(path, page_cache_mib=64) if old else Cache.open(path)
if old:
    @event.listens_for(cache.engine, "connect")
    def _old(dbapi, _record):
        dbapi.execute("PRAGMA mmap_size = 268435456")
    cache.engine.dispose()
with cache.engine.connect() as conn:
    top = conn.exec_driver_sql(
        "SELECT municipality FROM appeals WHERE is_open = 1 GROUP BY 1 ORDER BY count(*) DESC"
    ).scalar()
queries = [
    q.QueueQuery(), of_municipality(top or ""), all_appeals(),
    q.QueueQuery(text="адрес", order=q.Order.NEWEST),
    q.QueueQuery(flt=QueueFilter(open_only=False), text="двор"),
]
def work():
    for query in queries:
        ids = q.load_ids(cache.engine, query)
        q.count(cache.engine, query)
        cache.appeals.get_many([int(i) for i in ids[:256]])
        cache.appeals.get_many([int(i) for i in ids[-256:]])
started = time.perf_counter()
threads = [threading.Thread(target=work) for _ in range(3)]
for t in threads: t.start()
for t in threads: t.join()
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, time.perf_counter() - started)
"""


def peak(path: Path, pragmas: str) -> tuple[float, float]:
    out = subprocess.run(
        [sys.executable, "-c", CHILD.format(root=str(ROOT)), str(path), pragmas],
        check=True, capture_output=True, text=True, cwd=ROOT,
    ).stdout.split()  # fmt: skip
    return float(out[0]), float(out[1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cache", type=Path, required=True)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from cur_desktop.cache import Cache

    with tempfile.TemporaryDirectory() as tmp:
        empty = Path(tmp) / "empty.sqlite"
        Cache.open(empty).close()
        with Cache.open(args.cache) as cache:
            appeals = cache.appeals.count(None)
        figures = {}
        for name, path, pragmas in (
            ("empty", empty, "new"),
            ("full", args.cache, "new"),
            ("empty, old pragmas", empty, "old"),
            ("full, old pragmas", args.cache, "old"),
        ):
            figures[name] = peak(path, pragmas)
            mb, seconds = figures[name]
            print(f"{name:20s} peak RSS {mb:7.0f} MB, reads {seconds:6.2f} s", flush=True)
    full, empty_mb = figures["full"][0], figures["empty"][0]
    old = figures["full, old pragmas"][0] / figures["empty, old pragmas"][0]
    print(f"{appeals:,} appeals: {full / empty_mb:.2f}× an empty cache (old pragmas {old:.2f}×)")
    result = {
        "name": "cache_memory_full_vs_empty",
        "value": round(full, 1),
        "unit": "MB",
        "baseline": round(empty_mb, 1),
        "ratio": round(full / empty_mb, 3),
        "details": {
            "appeals": appeals,
            "old_pragmas_ratio": round(old, 3),
            "reads_seconds": round(figures["full"][1], 2),
            "reads_seconds_old_pragmas": round(figures["full, old pragmas"][1], 2),
        },
    }
    print(orjson.dumps(result).decode())


if __name__ == "__main__":
    main()
