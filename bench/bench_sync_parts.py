"""Benchmark: the three parts of a first sync, each against the path it replaced (issue 19).

Over a central database seeded by ``bench/bench_sync.py`` (``--central-db``, e.g.
``/tmp/cur-bench-sync/central-200000-11.sqlite``; read only, plus one snapshot row),
in one process and one run, page by page (``--page-size``, ``--pages``):

1. the service renders a snapshot page: straight from the rows
   (``reads.snapshot_page_wire``) against the domain objects
   (``reads.snapshot_page(...).to_wire()``), both encoded with orjson; the bytes
   are checked equal;
2. the client decodes it: straight into cache rows (``sync.page_rows``) against
   ``item_from_wire`` + ``PageRows.of``; the rows are checked equal;
3. the rows are written into an empty cache: with the search index deferred and
   built after the rows (``cache.deferred_index``) against the index's triggers
   row by row; both in a fresh interpreter each (cold lemmatizer caches alike).

Usage: .venv/bin/python bench/bench_sync_parts.py --central-db PATH [--pages 4]
Ends with one JSON line: name, value, unit, baseline, ratio (+ details).
"""

from __future__ import annotations

import argparse
import pickle
import secrets
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, insert  # noqa: E402

from cur_desktop.central import reads  # noqa: E402
from cur_desktop.central import schema as s  # noqa: E402
from cur_desktop.central.scope import Role, User  # noqa: E402
from cur_desktop.protocol.changes import item_from_wire  # noqa: E402
from cur_desktop.sync.page_rows import item_to_rows  # noqa: E402
from cur_desktop.sync.writer import PageRows  # noqa: E402


def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - started)
    return best, result


WRITE_CHILD = """
import pickle, sys, time
sys.path.insert(0, {root!r})
from pathlib import Path
from cur_desktop.cache import Cache, deferred_index
from cur_desktop.sync.statements import INSERT, INSERT_HISTORY
pages = pickle.loads(Path({rows!r}).read_bytes())
cache = Cache.open({target!r})
started = time.perf_counter()
with cache.engine.begin() as conn:
    if {defer!r}:
        deferred_index.defer(conn)
    for appeals, history in pages:
        conn.exec_driver_sql(INSERT, appeals)
        conn.exec_driver_sql(INSERT_HISTORY, history)
    deferred_index.restore(conn)
print(time.perf_counter() - started)
cache.close()
"""


def write_fresh(rows: Path, target: Path, *, defer: bool) -> float:
    code = WRITE_CHILD.format(root=str(ROOT), rows=str(rows), target=str(target), defer=defer)
    done = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True, cwd=ROOT
    )
    return float(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--central-db", type=Path, required=True)
    parser.add_argument("--page-size", type=int, default=5000)
    parser.add_argument("--pages", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    engine = create_engine(f"sqlite:///{args.central_db}")
    user = User(1, "bench-operator", "Bench", Role.OPERATOR)
    ident = "bench-" + secrets.token_hex(6)
    with engine.begin() as conn:
        conn.execute(
            insert(s.snapshots).values(
                id=ident, user_id=1, cursor=0, closed_since=0, created_at=0, expires_at=4e9
            )
        )
    render_old = render_new = decode_old = decode_new = 0.0
    pages: list[tuple[list[dict[str, Any]], list[dict[str, Any]]]] = []
    appeals = history = 0
    after = 0
    for _ in range(args.pages):
        t_old, old = timed(
            lambda a=after: orjson.dumps(
                reads.snapshot_page(engine, user, ident, a, args.page_size).to_wire()
            ),
            args.repeat,
        )
        t_new, new = timed(
            lambda a=after: orjson.dumps(
                reads.snapshot_page_wire(engine, user, ident, a, args.page_size)
            ),
            args.repeat,
        )
        if old != new:
            raise SystemExit(f"page after {after}: the two renderings differ")
        page = orjson.loads(new)
        items = page["items"]
        d_old, slow = timed(lambda i=items: PageRows.of(item_from_wire(x) for x in i), args.repeat)
        d_new, fast = timed(
            lambda i=items: PageRows.of_rows(item_to_rows(x) for x in i), args.repeat
        )
        if (slow.appeals, slow.history) != (fast.appeals, fast.history):
            raise SystemExit(f"page after {after}: the two decodings differ")
        render_old, render_new = render_old + t_old, render_new + t_new
        decode_old, decode_new = decode_old + d_old, decode_new + d_new
        pages.append((fast.appeals, fast.history))
        appeals += len(fast.appeals)
        history += len(fast.history)
        after = page["last_id"]
        if not page["has_more"]:
            break
    engine.dispose()
    print(f"{appeals:,} appeals, {history:,} history lines in {len(pages)} pages", flush=True)
    print(
        f"service, render pages: rows path {render_new:.2f} s, domain objects"
        f" {render_old:.2f} s: {render_old / render_new:.2f}x faster",
        flush=True,
    )
    print(
        f"client, decode pages: into rows {decode_new:.2f} s, through domain objects"
        f" {decode_old:.2f} s: {decode_old / decode_new:.2f}x faster",
        flush=True,
    )
    with tempfile.TemporaryDirectory(prefix="cur-bench-parts-") as tmp:
        rows = Path(tmp) / "rows.pickle"
        rows.write_bytes(pickle.dumps(pages))
        t_triggers = write_fresh(rows, Path(tmp) / "triggers.sqlite", defer=False)
        t_deferred = write_fresh(rows, Path(tmp) / "deferred.sqlite", defer=True)
    print(
        f"client, write into an empty cache: index after the rows {t_deferred:.2f} s,"
        f" index by trigger {t_triggers:.2f} s: {t_triggers / t_deferred:.2f}x faster",
        flush=True,
    )
    total_new = render_new + decode_new + t_deferred
    total_old = render_old + decode_old + t_triggers
    print(
        orjson.dumps(
            {
                "name": "sync_first_load_parts",
                "value": round(appeals / total_new, 1),
                "unit": "appeals/s",
                "baseline": round(appeals / total_old, 1),
                "ratio": round(total_old / total_new, 3),
                "details": {
                    "appeals": appeals,
                    "history_lines": history,
                    "render_rows_s": round(render_new, 3),
                    "render_domain_s": round(render_old, 3),
                    "decode_rows_s": round(decode_new, 3),
                    "decode_domain_s": round(decode_old, 3),
                    "write_deferred_index_s": round(t_deferred, 3),
                    "write_index_by_trigger_s": round(t_triggers, 3),
                    "baseline": "the same pages through domain objects, index by trigger",
                },
            }
        ).decode()
    )


if __name__ == "__main__":
    main()
