"""Benchmark: «Already reported?» (cache/queries/nearby.py) on a large cache, per keystroke.

Generates N demo appeals (default 50,000) into a cache file, then asks, for the 30
newest open appeals with a street address, what the registration form asks while a
caller talks: open appeals at the same address about the same problem (the appeal's
own first 60 characters of text). Reports the lookup's median and worst time (warm
lemma caches, as after the first keystroke), how many of the 30 appeals were found
at their own address (recall of the obvious case), and as the baseline the console's
other per-appeal lookup, the related appeals of the detail pane
(cache/queries/related.py), on the same appeals.

Prints one line per figure and one final JSON line (name, value, unit, baseline, ratio).

Usage: .venv/bin/python bench/bench_nearby.py [--appeals 50000] [--dir DIR] [--reuse]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import orjson
from sqlalchemy import text

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cur_desktop.cache import Cache
from cur_desktop.cache.queries.nearby import NearbyQuery, nearby_open
from cur_desktop.cache.queries.related import related_appeals
from cur_desktop.clock import system_clock
from cur_desktop.commands import generate_into

SAMPLE = 30


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--appeals", type=int, default=50_000)
    parser.add_argument("--dir", type=Path, default=Path("/tmp/cur-bench-nearby"))
    parser.add_argument("--reuse", action="store_true")
    args = parser.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    path = args.dir / f"nearby-{args.appeals}.sqlite"
    now = system_clock()
    if not (args.reuse and path.exists()):
        path.unlink(missing_ok=True)
        started = time.perf_counter()
        generate_into(path, None, args.appeals, 3, now=now)
        print(f"generated {args.appeals} appeals in {time.perf_counter() - started:.1f} s")
    with Cache.open(path) as cache:
        with cache.engine.connect() as conn:
            rows = conn.execute(
                text(
                    "SELECT id, address, text FROM appeals WHERE is_open = 1 "
                    "AND address LIKE '%ул.%' ORDER BY id DESC LIMIT :n"
                ),
                {"n": SAMPLE},
            ).all()
        times, found_own = [], 0
        for _appeal_id, address, body in rows:
            query = NearbyQuery(text=body[:60], address=address)
            nearby_open(cache.engine, query, now=now)  # the first keystroke warms the lemmas
            started = time.perf_counter()
            found = nearby_open(cache.engine, query, now=now)
            times.append(time.perf_counter() - started)
            found_own += any(hit.text == body for hit in found)
        related = []
        for appeal_id, _address, _body in rows:
            appeal = cache.appeals.get(appeal_id)
            assert appeal is not None
            started = time.perf_counter()
            related_appeals(cache.engine, appeal, personal=True)
            related.append(time.perf_counter() - started)
    median, worst = statistics.median(times) * 1000, max(times) * 1000
    baseline = statistics.median(related) * 1000
    print(f"nearby_open: median {median:.1f} ms, worst {worst:.1f} ms over {len(rows)} lookups")
    print(f"found at their own address: {found_own}/{len(rows)}")
    print(f"baseline related_appeals: median {baseline:.1f} ms, worst {max(related) * 1000:.1f} ms")
    result = {
        "name": "nearby_open_median",
        "value": round(median, 2),
        "unit": "ms",
        "baseline": round(baseline, 2),
        "ratio": round(median / baseline, 3) if baseline else None,
        "recall_own_address": f"{found_own}/{len(rows)}",
    }
    print(orjson.dumps(result).decode())


if __name__ == "__main__":
    main()
