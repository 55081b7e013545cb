"""Benchmark: a console's memory over a big cache against an empty cache (issue 19).

Each figure is a fresh process that opens the cache with the product's own
connection set-up and runs a console's reads on three threads (the open queue, a
municipality's queue, all appeals, a frequent word newest first, a word over all
appeals: every id, the count, the first and the last page of rows), then reports its
peak RSS and how long the reads took. Run on ``--cache`` and on an empty cache in
the same run, for each ``--choices`` of page cache (MiB per connection) and memory
map (bytes per connection): the product's own first, the previous ones (64 MiB and
a 256 MB map) last. So the memory each choice costs and the console's query time it
buys are printed side by side, and the page cache is chosen by both.

Usage: .venv/bin/python bench/bench_cache_memory.py --cache /tmp/console-200k.sqlite \
           [--choices 16:0,8:0,4:0]
Ends with one JSON line: name, value, unit, baseline, ratio (+ details: every choice).
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
path, mib, mmap, temp = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
cache = Cache.open(path) if mib == "product" else Cache.open(path, page_cache_mib=int(mib))
if mmap or temp != "-":
    @event.listens_for(cache.engine, "connect")
    def _pragmas(dbapi, _record):
        dbapi.execute("PRAGMA mmap_size = %d" % mmap)
        if temp != "-":
            dbapi.execute("PRAGMA temp_store = %s" % temp)
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


def peak(path: Path, mib: str, mmap: int, temp: str = "-") -> tuple[float, float]:
    """Peak RSS (MB) and seconds of the console's reads; ``temp``: a temp_store to set."""
    out = subprocess.run(
        [sys.executable, "-c", CHILD.format(root=str(ROOT)), str(path), mib, str(mmap), temp],
        check=True, capture_output=True, text=True, cwd=ROOT,
    ).stdout.split()  # fmt: skip
    return float(out[0]), float(out[1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cache", type=Path, required=True)
    parser.add_argument(
        "--choices", default="16:0,8:0,4:0", help="MiB:mmap bytes[:FILE|MEMORY temp_store],..."
    )
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from cur_desktop.cache import Cache
    from cur_desktop.cache.db import MMAP_SIZE, PAGE_CACHE_MIB

    choices = [("product", MMAP_SIZE, "-")]
    for choice in args.choices.split(","):
        mib, mmap, *temp = choice.split(":")  # MiB:bytes[:FILE|MEMORY]
        if (int(mib), int(mmap), temp) != (PAGE_CACHE_MIB, MMAP_SIZE, []):
            choices.append((mib, int(mmap), temp[0] if temp else "-"))
    choices.append(("64", 268_435_456, "MEMORY"))  # the previous pragmas
    with tempfile.TemporaryDirectory() as tmp:
        empty = Path(tmp) / "empty.sqlite"
        Cache.open(empty).close()
        with Cache.open(args.cache) as cache:
            appeals = cache.appeals.count(None)
        figures = []
        for mib, mmap, temp in choices:
            label = f"{PAGE_CACHE_MIB if mib == 'product' else mib} MiB, map {mmap >> 20} MB"
            label += f", temp {temp}" if temp != "-" else ""
            if mib == "product":
                label += " (product)"
            empty_mb, _ = peak(empty, mib, mmap, temp)
            full_mb, full_s = peak(args.cache, mib, mmap, temp)
            figures.append((label, full_mb, empty_mb, full_s))
            print(
                f"{label:28s} peak RSS {full_mb:6.0f} MB vs empty {empty_mb:5.0f} MB: "
                f"{full_mb / empty_mb:5.2f}x; the console's reads {full_s:6.2f} s",
                flush=True,
            )
    label, full, empty_mb, seconds = figures[0]
    old = figures[-1]
    print(
        f"{appeals:,} appeals: {full / empty_mb:.2f}x an empty cache with {label} "
        f"(previous pragmas {old[1] / old[2]:.2f}x)"
    )
    result = {
        "name": "cache_memory_full_vs_empty",
        "value": round(full, 1),
        "unit": "MB",
        "baseline": round(empty_mb, 1),
        "ratio": round(full / empty_mb, 3),
        "details": {
            "appeals": appeals,
            "reads_seconds": round(seconds, 2),
            "choices": [
                {
                    "choice": name,
                    "full_mb": round(f, 1),
                    "empty_mb": round(e, 1),
                    "ratio": round(f / e, 3),
                    "reads_seconds": round(t, 2),
                }
                for name, f, e, t in figures
            ],
        },
    }
    print(orjson.dumps(result).decode())


if __name__ == "__main__":
    main()
