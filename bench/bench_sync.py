"""Benchmark: first sync of a workstation from a real ``cur-central``, and live latency.

Starts ``cur-central demo`` as a subprocess on 127.0.0.1 with N generated appeals
(seeded once through the service's bulk write path, not timed; the database is
kept in ``--dir`` and reused by later runs) and measures, in the same run:

1. the first sync into an empty cache with :class:`~cur_desktop.sync.SyncEngine`
   (snapshot pages, the feed to the head), in appeals per second;
2. baseline (a), in a fresh interpreter: exactly the rows that sync stored, inserted
   by raw ``sqlite3`` ``executemany`` in one transaction into a fresh cache with the
   same schema, full-text triggers and ``ru_stems`` function: the SQLite floor;
3. baseline (b): the bare HTTP download of the same snapshot pages with httpx, one
   keep-alive client, same page size and encoding, bytes only (no JSON decoding):
   the service-and-network floor;
4. live latency: 1,000 writes on the service (``add_note`` through the HTTP API by
   another account), each timed from the moment the request is sent to the moment
   the following engine has committed the record to its cache; median and p99.

Usage: .venv/bin/python bench/bench_sync.py [--appeals 1000000] [--page-size 5000] [--no-gzip]
Ends with one JSON line: name, value, unit, baseline, ratio (+ details).
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import orjson

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cur_desktop.cache import Cache, schema  # noqa: E402
from cur_desktop.cache.db import create_cache_engine, register_functions  # noqa: E402
from cur_desktop.cache.migrate import upgrade  # noqa: E402
from cur_desktop.sync import CentralClient, Phase, Progress, SyncEngine  # noqa: E402

APPEAL_COLUMNS = [c.name for c in schema.appeals.columns]
HISTORY_COLUMNS = [c.name for c in schema.history.columns if c.name != "id"]
CHUNK = 20_000


# The service as it was before TCP_NODELAY: the listening socket opened with protocol
# 0, so asyncio never sets TCP_NODELAY on the connections it accepts (the baseline of
# the live latency, measured in the same run).
PROTOCOL_ZERO_LAUNCHER = """
import runpy, socket, sys
import cur_desktop.central.server as server

def bind(host, port):
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(1024)
    sock.set_inheritable(True)
    return sock

server.bind = bind
sys.argv[0] = "cur-central"
runpy.run_module("cur_desktop.central", run_name="__main__")
"""


def start_central(
    workdir: Path, appeals: int, seed: int, *, protocol_zero: bool = False
) -> tuple[subprocess.Popen[bytes], dict[str, Any]]:
    db = workdir / f"central-{appeals}-{seed}.sqlite"
    ready = workdir / "central-ready.json"
    ready.unlink(missing_ok=True)
    launcher = ["-c", PROTOCOL_ZERO_LAUNCHER] if protocol_zero else ["-m", "cur_desktop.central"]
    args = [
        sys.executable, *launcher, "--log-level", "WARNING", "demo",
        "--port", "0", "--db", str(db), "--appeals", str(appeals), "--seed", str(seed),
        "--no-live", "--ready-file", str(ready),
    ]  # fmt: skip
    log = (workdir / "central.log").open("ab")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=ROOT)
    started = time.monotonic()
    while not ready.exists():
        if process.poll() is not None:
            raise SystemExit(f"cur-central exited with {process.returncode}; see {log.name}")
        time.sleep(0.2)
    print(f"central ready in {time.monotonic() - started:.1f} s (database {db})", flush=True)
    return process, orjson.loads(ready.read_bytes())


def ensure_trained(workdir: Path, appeals: int, seed: int) -> None:
    """The seeded database with a suggestion model in force, before anything is timed.

    A service trains its first model at its first housekeeping once the history is
    big enough (and then daily): on a freshly seeded database that training runs
    for minutes beside the first sync and slowed it (a 200 k run measured 1,124
    appeals/s that way). A production service has its model already; so here the
    database is seeded once (a first start), then trained by ``cur-central suggest
    train`` (not timed), and the measured service starts with a model in force.
    """
    db = workdir / f"central-{appeals}-{seed}.sqlite"
    if not db.exists():
        process, _ready = start_central(workdir, appeals, seed)
        process.terminate()
        process.wait(60)
    with sqlite3.connect(db) as conn:  # noqa: TID251 - one count
        models = int(conn.execute("SELECT count(*) FROM suggest_models").fetchone()[0])
    if models:
        return
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "cur_desktop.central", "--log-level", "WARNING",
         "suggest", "train", "--db", str(db)],
        check=True, capture_output=True, text=True, cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    print(
        f"suggestion model trained before the run in {time.monotonic() - started:.0f} s: "
        f"{done.stdout.strip()}",
        flush=True,
    )


def login(url: str, account: dict[str, Any], compress: bool) -> CentralClient:
    client = CentralClient(url, compress=compress)
    client.login(account["login"], account["password"], "bench")
    return client


def first_sync(
    url: str, account: dict[str, Any], path: Path, page: int, window: int, compress: bool
) -> tuple[float, int]:
    client = login(url, account, compress)
    cache = Cache.open(path)
    last = [0.0]

    def progress(p: Progress) -> None:
        if p.phase is Phase.SNAPSHOT and time.monotonic() - last[0] > 10:
            last[0] = time.monotonic()
            print(f"  snapshot {p.done}/{p.total}", flush=True)

    engine = SyncEngine(
        cache, client, closed_window_days=window, on_progress=progress, snapshot_page_size=page
    )
    started = time.perf_counter()
    report = engine.sync_once()
    elapsed = time.perf_counter() - started
    count = cache.appeals.count(None)
    assert report.appeals == count, (report, count)
    cache.close()
    client.close()
    return elapsed, count


def raw_baseline(source: Path, target: Path, *, bare: bool = False) -> float:
    """Seconds to insert the source cache's appeals and history with raw executemany.

    ``bare``: without the full-text index's triggers and with the journal off (the
    ceiling the issue quotes: what SQLite alone costs for these rows).
    """
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    engine = create_cache_engine(target)
    upgrade(engine)
    engine.dispose()
    dst = sqlite3.connect(target, isolation_level=None)  # noqa: TID251 - the raw baseline
    register_functions(dst)  # ru_index (the triggers) and ru_stems
    if bare:
        for name in ("appeals_fts_ai", "appeals_fts_ad", "appeals_fts_au"):
            dst.execute(f"DROP TRIGGER IF EXISTS {name}")
        dst.execute("PRAGMA journal_mode=DELETE")
        dst.execute("PRAGMA journal_mode=OFF")
    else:
        dst.execute("PRAGMA journal_mode=WAL")
    dst.execute("PRAGMA synchronous=NORMAL")
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)  # noqa: TID251 - reading rows
    insert_a = (
        f"INSERT INTO appeals ({', '.join(APPEAL_COLUMNS)})"
        f" VALUES ({', '.join('?' * len(APPEAL_COLUMNS))})"
    )
    insert_h = (
        f"INSERT INTO appeal_history ({', '.join(HISTORY_COLUMNS)})"
        f" VALUES ({', '.join('?' * len(HISTORY_COLUMNS))})"
    )
    timed = 0.0
    dst.execute("BEGIN")
    for table, columns, insert in (
        ("appeals", APPEAL_COLUMNS, insert_a),
        ("appeal_history", HISTORY_COLUMNS, insert_h),
    ):
        cursor = src.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY rowid")
        while rows := cursor.fetchmany(CHUNK):
            started = time.perf_counter()
            dst.executemany(insert, rows)
            timed += time.perf_counter() - started
    started = time.perf_counter()
    dst.execute("COMMIT")
    timed += time.perf_counter() - started
    dst.close()
    src.close()
    return timed


def raw_baseline_fresh(source: Path, target: Path, *, bare: bool = False) -> float:
    """:func:`raw_baseline` in a fresh interpreter: its lemmatizer's word caches start
    as cold as the first sync's did (in this process they are warm by then, which
    made the raw insert look twice as fast at a few thousand appeals)."""
    args = [sys.executable, __file__, "--raw-child", str(source), str(target)]
    if bare:
        args.append("--bare")
    done = subprocess.run(args, check=True, capture_output=True, text=True, cwd=ROOT)
    return float(done.stdout.strip().splitlines()[-1])


def download_baseline(
    url: str, account: dict[str, Any], ids: Sequence[int], page: int, window: int, compress: bool
) -> tuple[float, int]:
    """Seconds and bytes to download the same snapshot pages, undecoded."""
    import httpx

    client = login(url, account, compress)
    snapshot = client.start_snapshot(window)["snapshot"]
    headers = {
        "Authorization": f"Bearer {client.token}",
        "Accept-Encoding": "gzip" if compress else "identity",
    }
    bounds = [0, *(ids[i - 1] for i in range(page, len(ids), page))]
    total = 0
    with httpx.Client(base_url=url, headers=headers, timeout=120) as http:
        started = time.perf_counter()
        for after in bounds:
            path = f"/api/v1/snapshot/{snapshot}/pages"
            params = {"after_id": after, "limit": page}
            with http.stream("GET", path, params=params) as response:
                response.raise_for_status()
                for chunk in response.iter_raw():
                    total += len(chunk)
        elapsed = time.perf_counter() - started
    client.close()
    return elapsed, total


def concurrent_downloads(
    url: str,
    account: dict[str, Any],
    ids: Sequence[int],
    page: int,
    window: int,
    compress: bool,
    clients: int = 4,
) -> float:
    """Seconds for ``clients`` workstations downloading the same snapshot pages at once
    (each its own snapshot and connection): the service's pages under four clients."""
    done: list[float] = []
    start = threading.Barrier(clients)

    def one() -> None:
        start.wait()
        done.append(download_baseline(url, account, ids, page, window, compress)[0])

    threads = [threading.Thread(target=one) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return max(done)


def live_latency(
    url: str, follower: dict[str, Any], writer: dict[str, Any], path: Path, writes: int
) -> tuple[list[float], list[float]]:
    """Seconds from sending each write to the follower's commit of it, and the
    writes' own round trips (the service's share of that time)."""
    client = login(url, follower, compress=True)
    cache = Cache.open(path)
    with cache.engine.connect() as conn:
        targets = [
            int(i)
            for i in conn.execute(
                schema.appeals.select()
                .with_only_columns(schema.appeals.c.id)
                .where(schema.appeals.c.is_open == 1)
            ).scalars()
        ]
    awaited: dict[str, Any] = {"id": None, "at": 0.0}
    arrived = threading.Event()
    live = threading.Event()

    def changed(ids: Sequence[int], _removed: Sequence[int]) -> None:
        if awaited["id"] in ids:
            awaited["at"] = time.perf_counter()
            arrived.set()

    def progress(p: Progress) -> None:
        if p.phase is Phase.LIVE:
            live.set()

    engine = SyncEngine(cache, client, on_changes=changed, on_progress=progress)
    worker = threading.Thread(target=engine.follow, name="bench-follower")
    worker.start()
    if not live.wait(120):
        raise SystemExit("the follower never reached the live stream")
    rng = random.Random(5)
    latencies = []
    round_trips = []
    poster = login(url, writer, compress=False)
    for n in range(writes):
        appeal_id = rng.choice(targets)
        awaited["id"] = appeal_id
        arrived.clear()
        sent = time.perf_counter()
        poster.action(
            appeal_id,
            key=str(uuid.uuid4()),
            action="add_note",
            params={"text": f"bench {n}"},
            base_version=0,
        )
        round_trips.append(time.perf_counter() - sent)
        if not arrived.wait(10):
            raise SystemExit(f"write {n} on appeal {appeal_id} never reached the cache")
        latencies.append(awaited["at"] - sent)
    engine.cancel()
    worker.join(10)
    poster.close()
    client.close()
    cache.close()
    return latencies, round_trips


def trivial_round_trips(url: str, account: dict[str, Any], requests: int = 200) -> list[float]:
    """Seconds per ``GET /me`` on one kept-alive connection (the issue's trivial request)."""
    import httpx

    client = login(url, account, compress=False)
    headers = {"Authorization": f"Bearer {client.token}"}
    times = []
    with httpx.Client(base_url=url, headers=headers, timeout=30) as http:
        http.get("/api/v1/me").raise_for_status()  # the connection is open and kept
        for _ in range(requests):
            started = time.perf_counter()
            http.get("/api/v1/me").raise_for_status()
            times.append(time.perf_counter() - started)
    client.close()
    return times


def latency_figures(lat: Sequence[float], trips: Sequence[float]) -> tuple[float, ...]:
    """Median, p99 and max of the latencies and the writes' median round trip, in ms."""
    lat_ms = sorted(x * 1000 for x in lat)
    p99 = lat_ms[min(len(lat_ms) - 1, int(len(lat_ms) * 0.99))]
    return statistics.median(lat_ms), p99, lat_ms[-1], statistics.median(trips) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--appeals", type=int, default=1_000_000)
    parser.add_argument("--page-size", type=int, default=5_000)
    parser.add_argument("--window-days", type=int, default=3650, help="so every appeal is synced")
    parser.add_argument("--no-gzip", action="store_true", help="plain snapshot pages")
    parser.add_argument("--writes", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--dir", type=Path, default=None, help="keeps the seeded service database")
    parser.add_argument("--raw-child", nargs=2, type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--bare", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.raw_child:
        print(raw_baseline(*args.raw_child, bare=args.bare))
        return
    compress = not args.no_gzip

    workdir = Path(args.dir or tempfile.mkdtemp(prefix="cur-bench-sync-"))
    workdir.mkdir(parents=True, exist_ok=True)
    for name in ("ours.sqlite", "raw.sqlite", "bare.sqlite"):
        for suffix in ("", "-wal", "-shm"):
            (workdir / (name + suffix)).unlink(missing_ok=True)

    ensure_trained(workdir, args.appeals, args.seed)
    process, ready = start_central(workdir, args.appeals, args.seed)
    try:
        url, accounts = ready["url"], ready["accounts"]
        print(f"first sync of {args.appeals} appeals (gzip {compress})…", flush=True)
        t_sync, count = first_sync(
            url, accounts["operator"], workdir / "ours.sqlite", args.page_size,
            args.window_days, compress,
        )  # fmt: skip
        rate = count / t_sync
        print(f"ours: {count} appeals in {t_sync:.1f} s = {rate:,.0f} appeals/s", flush=True)

        t_raw = raw_baseline_fresh(workdir / "ours.sqlite", workdir / "raw.sqlite")
        raw_rate = count / t_raw
        print(f"raw sqlite3 executemany: {t_raw:.1f} s = {raw_rate:,.0f} appeals/s", flush=True)
        print(f"first sync / raw insert: {rate / raw_rate:.2f}× (goal ≥ 0.7)", flush=True)
        t_bare = raw_baseline_fresh(workdir / "ours.sqlite", workdir / "bare.sqlite", bare=True)
        bare_rate = count / t_bare
        print(
            f"raw insert without the search index, journal off: {t_bare:.1f} s ="
            f" {bare_rate:,.0f} appeals/s (first sync at {rate / bare_rate:.2f}× of it)",
            flush=True,
        )

        with sqlite3.connect(workdir / "ours.sqlite") as conn:  # noqa: TID251 - ids only
            ids = [int(r[0]) for r in conn.execute("SELECT id FROM appeals ORDER BY id")]
            history = int(conn.execute("SELECT count(*) FROM appeal_history").fetchone()[0])
        t_http, size = download_baseline(
            url, accounts["operator"], ids, args.page_size, args.window_days, compress
        )
        http_rate = count / t_http
        print(
            f"bare download: {t_http:.1f} s = {http_rate:,.0f} appeals/s,"
            f" {size / 1e6:.0f} MB on the wire",
            flush=True,
        )

        t_four = concurrent_downloads(
            url, accounts["operator"], ids, args.page_size, args.window_days, compress
        )
        four_share = t_http / t_four
        print(
            f"four clients downloading at once: each at {count / t_four:,.0f} appeals/s,"
            f" {four_share:.2f}× of one client alone",
            flush=True,
        )

        trivial = statistics.median(trivial_round_trips(url, accounts["operator"])) * 1000
        print(f"trivial kept-alive request (TCP_NODELAY): median {trivial:.1f} ms", flush=True)

        print(f"live latency over {args.writes} writes…", flush=True)
        lat, trips = live_latency(
            url, accounts["operator"], accounts["cur_head"], workdir / "ours.sqlite", args.writes
        )
        median, p99, top, write_ms = latency_figures(lat, trips)
        print(
            f"live (TCP_NODELAY): median {median:.1f} ms, p99 {p99:.1f} ms, max {top:.1f} ms"
            f" (the write's own round trip: median {write_ms:.1f} ms)",
            flush=True,
        )
    finally:
        process.terminate()
        process.wait(30)

    print("live latency, same service with the old protocol-0 socket (no TCP_NODELAY)…")
    process, ready = start_central(workdir, args.appeals, args.seed, protocol_zero=True)
    try:
        url, accounts = ready["url"], ready["accounts"]
        trivial0 = statistics.median(trivial_round_trips(url, accounts["operator"])) * 1000
        print(
            f"trivial kept-alive request (protocol 0): median {trivial0:.1f} ms;"
            f" with TCP_NODELAY / without: {trivial / trivial0:.2f}×",
            flush=True,
        )
        lat0, trips0 = live_latency(
            url, accounts["operator"], accounts["cur_head"], workdir / "ours.sqlite", args.writes
        )
        median0, p99_0, top0, write0_ms = latency_figures(lat0, trips0)
        print(
            f"live (protocol 0): median {median0:.1f} ms, p99 {p99_0:.1f} ms, max {top0:.1f} ms"
            f" (the write's own round trip: median {write0_ms:.1f} ms)"
        )
        print(
            f"live latency with TCP_NODELAY / without: median {median / median0:.2f}×,"
            f" p99 {p99 / p99_0:.2f}×",
            flush=True,
        )
    finally:
        process.terminate()
        process.wait(30)

    result = {
        "name": "sync_first_load",
        "value": round(rate, 1),
        "unit": "appeals/s",
        "baseline": round(raw_rate, 1),
        "ratio": round(rate / raw_rate, 3),
        "details": {
            "appeals": count,
            "history_entries": history,
            "seconds": round(t_sync, 2),
            "page_size": args.page_size,
            "gzip": compress,
            "baseline": "raw sqlite3 executemany of the same rows, same schema and FTS triggers",
            "raw_sqlite_seconds": round(t_raw, 2),
            "raw_bare_appeals_per_s": round(bare_rate, 1),
            "download_appeals_per_s": round(http_rate, 1),
            "download_seconds": round(t_http, 2),
            "download_mb": round(size / 1e6, 1),
            "ratio_to_download": round(rate / http_rate, 3),
            "four_clients_share_of_one": round(four_share, 3),
            "trivial_request_ms": round(trivial, 2),
            "trivial_request_protocol0_ms": round(trivial0, 2),
            "live_writes": len(lat),
            "live_median_ms": round(median, 2),
            "live_p99_ms": round(p99, 2),
            "live_max_ms": round(top, 2),
            "write_round_trip_median_ms": round(write_ms, 2),
            "live_protocol0_median_ms": round(median0, 2),
            "live_protocol0_p99_ms": round(p99_0, 2),
            "live_protocol0_max_ms": round(top0, 2),
            "write_round_trip_protocol0_median_ms": round(write0_ms, 2),
        },
    }
    print(orjson.dumps(result).decode())


if __name__ == "__main__":
    main()
