"""Benchmark: problem clusters on many appeals, and one new appeal placed incrementally.

Appeals: the demo generator's (``--generate`` of them, with the known problems
planted, cur_desktop/demo/problems.py), tiled in time up to ``--appeals`` (each copy
moved on by the generated span and given new ids, so a copy's problems are new
problems of a later period, as in a region's years).

Measured in the same run:

* batch clustering (:func:`cur_desktop.problems.clusters.cluster`: lemmas, TF-IDF,
  pairs per municipality and window, connected components), against the plain
  TF-IDF nearest-neighbour baseline: every appeal compared with every earlier one
  (sparse products in chunks), joined to its nearest when close enough — on the
  first ``--baseline`` appeals when the whole set is too big for it;
* placing one new appeal (:meth:`ClusterIndex.place`: its municipality's appeals of
  the window), against the baseline's nearest neighbour over every appeal;
* clustering quality on the planted problems of the first copy: adjusted Rand
  index and purity, for both.

Usage: .venv/bin/python bench/bench_clusters.py [--appeals 1000000] [--generate 50000]
Ends with one JSON line: name, value, unit, baseline, ratio (+ details).
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import sys
import time
from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cur_desktop.demo.generator import DemoGenerator  # noqa: E402
from cur_desktop.demo.problems import plant_problems  # noqa: E402
from cur_desktop.problems.clusters import (  # noqa: E402
    DAY,
    ClusterIndex,
    ClusterItem,
    ClusterParams,
    cluster,
    nearest_neighbour_clusters,
    nearest_neighbour_label,
    quality,
)
from cur_desktop.regions import builtin_pack_dir, load_pack  # noqa: E402
from cur_desktop.text.lemmas import lemma_text  # noqa: E402

NOW = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)


def appeals(total: int, generate: int) -> tuple[list[ClusterItem], dict[int, str]]:
    generator = DemoGenerator(load_pack(builtin_pack_dir()), seed=5, now=NOW)
    generated, truth = plant_problems(list(generator.generate(generate)), seed=5, now=NOW)
    base = [
        ClusterItem(
            g.appeal.id,
            g.appeal.created_at.timestamp(),
            f"{g.appeal.title} {g.appeal.text}",
            g.appeal.municipality or "",
            g.appeal.address,
        )
        for g in generated
    ]
    span = max(i.created_at for i in base) - min(i.created_at for i in base) + DAY
    items = list(base)
    label_of = truth.label_of()
    planted = dict(label_of)
    copy = 0
    while len(items) < total:
        copy += 1
        shift = -span * copy  # earlier years: the planted ones stay the newest
        for i in base[: total - len(items)]:
            items.append(replace(i, id=i.id + copy * 10_000_000, created_at=i.created_at + shift))
            if i.id in label_of:  # a copy's planted problem is a problem of its own
                planted[i.id + copy * 10_000_000] = f"{label_of[i.id]}@{copy}"
    return items, planted


def place_times(index: ClusterIndex, probes: list[ClusterItem]) -> tuple[float, float]:
    ours, theirs = [], []
    for probe in probes:
        lemma_text(probe.text)  # the lemmas cached for both, as the first pass would
        started = time.perf_counter()
        nearest_neighbour_label(index, probe)
        theirs.append(time.perf_counter() - started)
        started = time.perf_counter()
        index.place(probe)
        ours.append(time.perf_counter() - started)
    return statistics.median(ours) * 1000, statistics.median(theirs) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--appeals", type=int, default=100_000)
    parser.add_argument("--generate", type=int, default=20_000)
    parser.add_argument("--baseline", type=int, default=20_000, help="baseline's batch size")
    parser.add_argument("--probes", type=int, default=50)
    args = parser.parse_args()
    params = ClusterParams()
    import sklearn.feature_extraction.text  # noqa: F401 - imported before anything is timed

    started = time.perf_counter()
    items, truth = appeals(args.appeals, min(args.generate, args.appeals))
    print(f"{len(items)} appeals ready in {time.perf_counter() - started:.1f} s", flush=True)

    started = time.perf_counter()
    index = cluster(items, params)
    ours_s = time.perf_counter() - started
    sizes = Counter(index.labels)
    print(f"clusters: {ours_s:.1f} s, {sum(1 for s in sizes.values() if s >= 3)} of 3+ appeals")
    ours_q = quality(index.ids, index.labels, truth)

    # the newest appeals: the planted problems of the first copy are among them
    sample = sorted(items, key=lambda i: -i.created_at)[: args.baseline]
    started = time.perf_counter()
    base_labels = nearest_neighbour_clusters(sample, params)
    base_s = time.perf_counter() - started
    base_q = quality([i.id for i in sample], base_labels, truth)
    started = time.perf_counter()
    small = cluster(sample, params)
    ours_small_s = time.perf_counter() - started
    ours_small_q = quality(small.ids, small.labels, truth)
    print(f"on {len(sample)}: ours {ours_small_s:.1f} s {ours_small_q}"
          f", nearest-neighbour baseline {base_s:.1f} s {base_q}")  # fmt: skip
    # the baseline compares every pair: its time grows with about the square of the
    # appeals; the power is measured on half the sample and the whole one
    half = sample[: len(sample) // 2]
    started = time.perf_counter()
    nearest_neighbour_clusters(half, params)
    half_s = time.perf_counter() - started
    power = math.log(base_s / half_s) / math.log(len(sample) / len(half)) if half_s > 0 else 2.0
    base_all_s = base_s * (len(items) / len(sample)) ** power
    print(f"nearest-neighbour baseline on {len(half)}: {half_s:.1f} s (time ∝ n^{power:.2f})")
    if len(sample) < len(items):
        print(f"on all {len(items)}: ours {ours_s:.1f} s, nearest-neighbour baseline about "
              f"{base_all_s:.0f} s (its {base_s:.1f} s on {len(sample)} × "
              f"({len(items)}/{len(sample)})^{power:.2f}, not run)")  # fmt: skip

    rng = random.Random(3)
    probes = []
    for n, item in enumerate(rng.sample(items, args.probes)):
        probes.append(replace(item, id=10**9 + n, created_at=item.created_at + 3600))
    place_ms, nn_ms = place_times(index, probes)
    print(f"one new appeal: place {place_ms:.2f} ms, nearest neighbour over all {nn_ms:.2f} ms")
    result: dict[str, Any] = {
        "name": "problem clusters: one new appeal placed",
        "value": round(place_ms, 3),
        "unit": "ms (median)",
        "baseline": round(nn_ms, 3),
        "ratio": round(place_ms / nn_ms, 3) if nn_ms else None,
        "appeals": len(items),
        "cluster_s": round(ours_s, 1),
        "nearest_neighbour_cluster_s_estimated": round(base_all_s),
        "nearest_neighbour_power": round(power, 2),
        "quality": ours_q,
        "baseline_batch": {
            "appeals": len(sample),
            "ours_s": round(ours_small_s, 2),
            "ours_quality": ours_small_q,
            "nearest_neighbour_s": round(base_s, 2),
            "nearest_neighbour_quality": base_q,
        },
    }
    print(orjson.dumps(result).decode())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
