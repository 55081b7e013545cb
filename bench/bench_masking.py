"""Benchmark: masking everyone's personal data, compared in the same run with today's masker.

Three figures, each for this checkout's masker and for the one at a base commit
(``--base``, default 7b96e9d, run from a separate clone: ``git clone -q /work/main
/tmp/mask-base && cd /tmp/mask-base && git checkout 7b96e9d``), run as a child
process with that clone on its ``PYTHONPATH``:

1. **Recall and precision per kind** on the labelled set (tests/data/pd_labelled,
   every split, and each split apart). The base masker returns a masked text, not
   spans: its spans are the stretches of the text it replaced by its marks.
2. **Throughput**: texts masked per second, one thread, each text once (no cache),
   over the labelled texts (and their mean length).
3. **The cost of masking on a wall's first sync**: ``--appeals`` demo appeals whose
   texts are the labelled texts (cycled) are stored in a fresh SQLite service; the
   wall's whole snapshot (start and every page) is read, and so is an operator's.
   Masking's cost is the wall's time minus the operator's. Here the masked texts
   were stored when written (their cost, ``remask`` of every row with the model, is
   printed as the write-side cost, and so is the bulk store of the generated appeals,
   masked by the rules only); in the base, every read masks per request.

Usage: .venv/bin/python bench/bench_masking.py [--appeals 2000] [--base /tmp/mask-base]
Ends with one JSON line: name, value, unit, baseline, ratio (+ details).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import orjson

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cur_desktop.domain.masking import KINDS, find_spans  # noqa: E402
from cur_desktop.domain.masking import _spans as cached_spans  # noqa: E402
from cur_desktop.domain.masking.evaluation import KindScore, score  # noqa: E402
from cur_desktop.domain.masking.spans import Span  # noqa: E402

DATA = ROOT / "tests" / "data" / "pd_labelled"
SPLITS = ("dev", "holdout", "blind")
NOW_ISO = "2026-11-20T09:00:00+00:00"

# The child process for either checkout: prints one JSON object on stdout.
CHILD = r"""
import json, sys, tempfile, time
from datetime import datetime
from pathlib import Path
from sqlalchemy import update
task = json.loads(sys.stdin.read())
if task["do"] == "mask":
    from cur_desktop.domain.personal import PersonalMasker
    masker = PersonalMasker.for_author()
    masker.mask("прогрев")
    start = time.perf_counter()
    out = [masker.mask(t) for t in task["texts"]]
    print(json.dumps({"masked": out, "seconds": time.perf_counter() - start}))
    sys.exit(0)
from cur_desktop.central import schema as s
from cur_desktop.central.bootstrap import open_service
from cur_desktop.central.demo import seed_demo
from cur_desktop.central.scope import User
from cur_desktop.domain.enums import Role
from cur_desktop.regions import builtin_pack_dir
texts = task["texts"]
with tempfile.TemporaryDirectory() as tmp:
    service = open_service(Path(tmp) / "c.sqlite", pack=builtin_pack_dir(), migrate=True,
                           demo=True)
    start = time.perf_counter()
    seed_demo(service, task["appeals"], seed=11, now=datetime.fromisoformat(task["now"]))
    seeded = time.perf_counter() - start
    with service.engine.begin() as conn:
        ids = [r[0] for r in conn.execute(s.appeals.select().with_only_columns(s.appeals.c.id))]
        for n, i in enumerate(ids):
            conn.execute(update(s.appeals).where(s.appeals.c.id == i).values(
                text=texts[n % len(texts)]))
    remask = None
    if task["remask"]:
        from cur_desktop.central.remask import remask_stale
        with service.engine.begin() as conn:
            conn.execute(update(s.appeals).values(masked_version=None))
        start = time.perf_counter()
        remask_stale(service.engine)
        remask = time.perf_counter() - start
    def first_sync(user):
        best = None
        for _ in range(task["repeat"]):
            start = time.perf_counter()
            snap = service.start_snapshot(user, closed_window_days=3650)
            after, count, size = 0, 0, 0
            while True:
                page = service.snapshot_page(user, snap.snapshot, after, 500)
                count += len(page.items)
                size += len(json.dumps(page.to_wire(), ensure_ascii=False))
                after = page.last_id
                if not page.has_more:
                    break
            took = time.perf_counter() - start
            best = took if best is None else min(best, took)
        return best, count, size
    wall, n_wall, size_wall = first_sync(User(6, "wall", "Wall", Role.WALL))
    op, n_op, size_op = first_sync(User(1, "op1", "Operator", Role.OPERATOR))
    service.engine.dispose()
print(json.dumps({"seed": seeded, "remask": remask, "wall": wall, "operator": op,
                  "appeals": n_wall, "wall_bytes": size_wall, "operator_bytes": size_op}))
"""


def records(split: str) -> list[dict[str, Any]]:
    lines = (DATA / f"{split}.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def child(checkout: Path, task: dict[str, Any]) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": str(checkout), "OPENBLAS_NUM_THREADS": "1"}
    done = subprocess.run(
        [sys.executable, "-c", CHILD],
        input=json.dumps(task),
        capture_output=True,
        text=True,
        cwd=checkout,
        env=env,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"child in {checkout} failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


_BASE_MARKS = re.compile(r"\*\*\*|<phone>|<e-mail>")


def replaced_spans(original: str, masked: str) -> list[Span]:
    """Where the base masker replaced something (``***``, ``<phone>``, ``<e-mail>``).

    It changes nothing else, so the text between its marks is found in the original
    in order, and what lies between those pieces is what it masked.
    """
    pieces = _BASE_MARKS.split(masked)
    spans: list[Span] = []
    pos = len(pieces[0])
    for n, piece in enumerate(pieces[1:], start=1):
        if piece:
            end = original.find(piece, pos + 1)
        elif n == len(pieces) - 1:
            end = len(original)  # the text ends with a mark
        else:
            end = pos + 1  # two marks side by side: at least one character each
        spans.append(Span(pos, end, "masked"))
        pos = end + len(piece)
    return spans


def table(title: str, by_kind: dict[str, KindScore]) -> None:
    print(title)
    for kind in (*KINDS, "masked"):
        k = by_kind.get(kind)
        if k is None:
            continue
        recall = f"recall {k.recall:.3f} ({k.found}/{k.labelled})" if k.labelled else ""
        precision = f"precision {k.precision:.3f} ({k.right}/{k.masked})" if k.masked else ""
        print(f"  {kind:11} {recall:26} {precision}")


def recall_of(by_kind: dict[str, KindScore]) -> dict[str, float]:
    return {k: round(v.recall, 3) for k, v in sorted(by_kind.items()) if v.labelled}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--appeals", type=int, default=2000)
    parser.add_argument("--base", type=Path, default=Path("/tmp/mask-base"))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if not (args.base / "cur_desktop" / "domain" / "personal.py").exists():
        raise SystemExit(f"no base checkout at {args.base} (see the docstring)")

    by_split = {split: records(split) for split in SPLITS}
    everything = [r for split in SPLITS for r in by_split[split]]
    texts = [str(r["text"]) for r in everything]
    mean_chars = sum(map(len, texts)) / len(texts)

    # 1. recall and precision, this masker and the base one
    now_scores = {split: score(by_split[split], find_spans) for split in SPLITS}
    now_all = score(everything, find_spans)
    base_run = child(args.base, {"do": "mask", "texts": texts})
    base_masked = dict(zip(texts, base_run["masked"], strict=True))
    base_all = score(everything, lambda t: replaced_spans(t, base_masked[t]))
    for split in SPLITS:
        table(f"this masker, {split} ({len(by_split[split])} texts):", now_scores[split])
    table(f"this masker, all {len(everything)} texts:", now_all)
    table(f"base masker ({args.base.name}), all texts:", base_all)

    # 2. throughput, each text once (the span cache is cleared first)
    find_spans("прогрев модели: Иванов Иван")
    cached_spans.cache_clear()
    start = time.perf_counter()
    for t in texts:
        find_spans(t)
    t_now = time.perf_counter() - start
    now_rate = len(texts) / t_now
    base_rate = len(texts) / base_run["seconds"]
    print(f"throughput, {len(texts)} texts of {mean_chars:.0f} chars on average:")
    print(f"  this masker {now_rate:.0f} texts/s; base {base_rate:.0f} texts/s")

    # 3. the wall's first sync over appeals whose texts hold personal data
    task = {"do": "sync", "texts": texts, "appeals": args.appeals, "now": NOW_ISO}
    now_sync = child(ROOT, {**task, "remask": True, "repeat": args.repeat})
    base_sync = child(args.base, {**task, "remask": False, "repeat": args.repeat})
    cost_now = now_sync["wall"] - now_sync["operator"]
    cost_base = base_sync["wall"] - base_sync["operator"]
    print(f"a wall's first sync over {now_sync['appeals']} appeals (best of {args.repeat}):")
    for label, run in (("now", now_sync), ("base", base_sync)):
        print(
            f"  {label:4}: wall {run['wall'] * 1000:.0f} ms ({run['wall_bytes'] / 1e6:.1f} MB),"
            f" operator {run['operator'] * 1000:.0f} ms ({run['operator_bytes'] / 1e6:.1f} MB),"
            f" masking's cost {(run['wall'] - run['operator']) * 1000:.0f} ms"
        )
    print(
        f"  storing the {args.appeals} generated appeals (one bulk write, masked by the rules"
        f" here): now {now_sync['seed']:.1f} s, base {base_sync['seed']:.1f} s"
    )
    per_appeal_ms = now_sync["remask"] * 1000 / max(now_sync["appeals"], 1)
    print(
        f"  masked once when written instead: {now_sync['remask']:.1f} s for every appeal "
        f"({per_appeal_ms:.2f} ms an appeal, paid once, not per wall or per sync)"
    )
    print(
        orjson.dumps(
            {
                "name": "masking_wall_first_sync",
                "value": round(now_sync["wall"] * 1000, 1),
                "unit": "ms",
                "baseline": round(base_sync["wall"] * 1000, 1),
                "ratio": round(now_sync["wall"] / base_sync["wall"], 3),
                "appeals": now_sync["appeals"],
                "masking_cost_ms": round(cost_now * 1000, 1),
                "masking_cost_base_ms": round(cost_base * 1000, 1),
                "write_side_mask_ms_per_appeal": round(per_appeal_ms, 2),
                "bulk_store_s": round(now_sync["seed"], 2),
                "bulk_store_base_s": round(base_sync["seed"], 2),
                "wall_mb": round(now_sync["wall_bytes"] / 1e6, 2),
                "wall_mb_base": round(base_sync["wall_bytes"] / 1e6, 2),
                "texts_per_s": round(now_rate, 1),
                "texts_per_s_base": round(base_rate, 1),
                "mean_chars": round(mean_chars),
                "recall": recall_of(now_all),
                "recall_base": recall_of(base_all),
                "recall_holdout": recall_of(now_scores["holdout"]),
                "recall_blind": recall_of(now_scores["blind"]),
                "precision": {k: round(v.precision, 3) for k, v in sorted(now_all.items())},
                "precision_base": round(base_all["masked"].precision, 3)
                if "masked" in base_all
                else None,
            }
        ).decode()
    )


if __name__ == "__main__":
    main()
