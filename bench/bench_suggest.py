"""Benchmark: training the suggestion model and scoring new appeals.

Generates N demo appeals of the built-in region (not timed), then measures in one run:

1. training on all of them (lemmas, TF-IDF 1–2 grams, one LinearSVC per field, the
   routing table, the places) — seconds;
2. scoring one appeal at a time, as the service does when an appeal is written
   (lemmas of new words, vector, every field, places, routes) — appeals per second;
3. scoring a batch of 1,000 at once (the backfill after a training);
4. the baseline of the same run: lemmatising alone, the floor of any lemma model.

Usage: .venv/bin/python bench/bench_suggest.py [--appeals 20000]
Ends with one JSON line: name, value, unit, baseline, ratio (+ details).
"""

from __future__ import annotations

import argparse
import json
import time
from datetime import UTC, datetime

from cur_desktop.demo.generator import DemoGenerator
from cur_desktop.regions import builtin_pack_dir, load_pack
from cur_desktop.regions.gazetteer import Gazetteer
from cur_desktop.suggest.model import Example, document, train
from cur_desktop.text import lemmas


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--appeals", type=int, default=20_000)
    args = parser.parse_args()
    pack = load_pack(builtin_pack_dir())
    generator = DemoGenerator(pack, seed=7, now=datetime(2026, 11, 20, 12, tzinfo=UTC))
    examples = [Example.of(g.appeal) for g in generator.generate(args.appeals + 2000)]
    history, fresh = examples[: args.appeals], examples[args.appeals :]
    gazetteer = Gazetteer.for_region(pack.dictionaries, pack.code, pack_dir=pack.root)

    started = time.perf_counter()
    model = train(history, pack.dictionaries, trained_at="bench", gazetteer=gazetteer)
    train_s = time.perf_counter() - started

    started = time.perf_counter()
    for ex in fresh[:1000]:
        model.suggest_examples([ex])
    single = 1000 / (time.perf_counter() - started)

    started = time.perf_counter()
    model.suggest_examples(fresh[1000:2000])
    batch = 1000 / (time.perf_counter() - started)

    lemmas._lemma.clear()  # a cold cache, as for unseen words
    started = time.perf_counter()
    for ex in fresh:
        document(ex)
    lemma_rate = len(fresh) / (time.perf_counter() - started)

    print(f"training on {args.appeals} appeals: {train_s:.1f} s")
    print(f"scoring one at a time: {single:,.0f} appeals/s; in a batch of 1,000: {batch:,.0f}/s")
    print(f"baseline, lemmatising alone (cold cache): {lemma_rate:,.0f} appeals/s")
    print(
        json.dumps(
            {
                "name": "suggest_score_single",
                "value": round(single),
                "unit": "appeals/s",
                "baseline": round(lemma_rate),
                "ratio": round(single / lemma_rate, 3),
                "train_s": round(train_s, 1),
                "batch_per_s": round(batch),
                "appeals": args.appeals,
            }
        )
    )


if __name__ == "__main__":
    main()
