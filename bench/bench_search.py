"""Benchmark: search by lemma against today's Snowball index, built from the same appeals.

Generates N demo appeals (default 1,000,000) into a cache file without any index,
then builds, in the same run and from the same rows:

* the Snowball index the cache had until now (``ru_stems(title, text, address)``
  into a second FTS5 table of the same definition), and
* the lemma index the cache has now (``ru_index(...)``: lemmas, every reading of
  an ambiguous form, numbers, authors) — the cache's own ``Cache.rebuild_fts``;

both from cold per-word caches (as a workstation's first sync), and reports each
one's indexing throughput (appeals/s). Then the operator's frequent-word query: the
default open queue, newest first, first 50 rows, searched for a word found in a
large share of appeals — the console's own SQL (``cache.queries.queue``) on the
lemma index, the same statement on the Snowball table with the Snowball term.
Hits of a few words under both show what the lemma index finds that stems missed.

Prints one line per figure and one final JSON line (name, value, unit, baseline,
ratio): the frequent-word query in ms, baseline the Snowball index's.

Usage: .venv/bin/python bench/bench_search.py [--appeals 1000000] [--dir /tmp/cur-bench]
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cur_desktop.cache import Cache, QueueFilter, schema  # noqa: E402
from cur_desktop.cache import search as fts  # noqa: E402
from cur_desktop.cache.queries.queue import Order, QueueQuery, ids_statement  # noqa: E402
from cur_desktop.demo.generator import DemoGenerator  # noqa: E402
from cur_desktop.protocol.columns import appeal_to_columns  # noqa: E402
from cur_desktop.regions import builtin_pack_dir, load_pack  # noqa: E402
from cur_desktop.text import lemmas  # noqa: E402

COLUMNS = [c.name for c in schema.appeals.columns]
INSERT = f"INSERT INTO appeals ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})"
TRIGGERS = ("appeals_fts_ai", "appeals_fts_au", "appeals_fts_ad")
SNOWBALL = "appeals_fts_snowball"
PAGE = 50
REPEATS = 15
#: Words whose hit counts are printed under both indexes (forms Snowball split).
COMPARED = ("адрес", "подвал", "подвале", "батарея", "течет", "протечка", "яма", "ямы")


def generate(path: Path, appeals: int, chunk: int, seed: int) -> float:
    """Appeals written without any full-text index; seconds spent generating."""
    pack = load_pack(builtin_pack_dir())
    generator = DemoGenerator(pack, seed=seed, now=datetime(2026, 11, 20, 15, 0, tzinfo=UTC))
    with Cache.open(path) as cache:
        raw = cache.engine.raw_connection()
        try:
            for trigger in TRIGGERS:  # rows go in bare; each index is built afterwards, timed
                raw.execute(f"DROP TRIGGER {trigger}")
            t_gen = 0.0
            done = 0
            for batch in _timed(generator.batches(appeals, chunk)):
                t_gen += batch[1]
                rows = [
                    tuple(row[c] for c in COLUMNS)
                    for row in map(appeal_to_columns, (g.appeal for g in batch[0]))
                ]
                raw.execute("BEGIN")
                raw.executemany(INSERT, rows)
                raw.execute("COMMIT")
                done += len(rows)
                del rows, batch
                gc.collect()
                print(f"  {done:>9,} appeals", file=sys.stderr, flush=True)
        finally:
            raw.close()
    return t_gen


def _timed(stream: Any) -> Any:
    while True:
        t0 = time.perf_counter()
        item = next(stream, None)
        if item is None:
            return
        yield item, time.perf_counter() - t0


def build_snowball(cache: Cache) -> float:
    fts._stems.clear()  # cold, as on a first sync
    raw = cache.engine.raw_connection()
    try:
        raw.execute(f"DROP TABLE IF EXISTS {SNOWBALL}")
        raw.execute(
            f"CREATE VIRTUAL TABLE {SNOWBALL} USING fts5("
            "body, content='', tokenize='unicode61 remove_diacritics 0')"
        )
        t0 = time.perf_counter()
        raw.execute("BEGIN")
        raw.execute(
            f"INSERT INTO {SNOWBALL}(rowid, body) "
            "SELECT id, ru_stems(title, text, address) FROM appeals"
        )
        raw.execute("COMMIT")
        return time.perf_counter() - t0
    finally:
        raw.close()


def build_lemmas(cache: Cache) -> float:
    fts._readings.clear()  # cold, as on a first sync
    lemmas._lemmas.clear()
    t0 = time.perf_counter()
    cache.rebuild_fts()
    return time.perf_counter() - t0


def snowball_query(text: str) -> str:
    """Today's MATCH expression for plain words: their Snowball stems, ANDed."""
    return " AND ".join(f'"{fts.stem_word(w)}"' for w in fts.words(text))


def frequent_word(cache: Cache, total: int) -> tuple[str, int]:
    """A word (a lemma that is its own form) in about a third of all appeals."""
    raw = cache.engine.raw_connection()
    try:
        raw.execute("CREATE VIRTUAL TABLE temp.vocab USING fts5vocab(main, appeals_fts, row)")
        rows = raw.execute("SELECT term, doc FROM temp.vocab WHERE length(term) > 4").fetchall()
    finally:
        raw.close()
    usable = [(t, d) for t, d in rows if t.isalpha() and fts.readings(t) == (t,)]
    if any(t == "адрес" for t, _ in usable):
        return next((t, d) for t, d in usable if t == "адрес")
    return min(usable, key=lambda x: abs(x[1] - total / 3))


def page_sql(cache: Cache, text: str) -> tuple[str, tuple[Any, ...]]:
    query = QueueQuery(flt=QueueFilter(), text=text, order=Order.NEWEST)
    stmt = ids_statement(query).limit(PAGE)
    compiled = stmt.compile(
        dialect=cache.engine.dialect, compile_kwargs={"render_postcompile": True}
    )
    names = compiled.positiontup or ()
    return str(compiled), tuple(compiled.params[n] for n in names)


def timed_page(cache: Cache, sql: str, params: tuple[Any, ...]) -> tuple[float, list[int]]:
    raw = cache.engine.raw_connection()
    try:
        ids: list[int] = []
        times = []
        for _ in range(REPEATS):
            t0 = time.perf_counter()
            ids = [int(r[0]) for r in raw.execute(sql, params).fetchall()]
            times.append(time.perf_counter() - t0)
        return statistics.median(times), ids
    finally:
        raw.close()


def hits(cache: Cache, table: str, match: str) -> int:
    raw = cache.engine.raw_connection()
    try:
        sql = f"SELECT count(*) FROM {table} WHERE {table} MATCH ?"
        return int(raw.execute(sql, (match,)).fetchone()[0])
    finally:
        raw.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--appeals", type=int, default=1_000_000)
    parser.add_argument("--chunk", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--dir", type=Path, default=None)
    args = parser.parse_args()

    workdir = Path(args.dir or tempfile.mkdtemp(prefix="cur-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    path = workdir / f"search-{args.appeals}.sqlite"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)

    t_gen = generate(path, args.appeals, args.chunk, args.seed)
    with Cache.open(path) as cache:  # the index is empty and current: nothing rebuilt yet
        total = cache.appeals.count(QueueFilter(open_only=False))
        open_count = cache.appeals.count(QueueFilter())
        t_snow = build_snowball(cache)
        t_lemma = build_lemmas(cache)
        words_seen = len(fts._readings)
        word, docs = frequent_word(cache, total)

        sql, params = page_sql(cache, word)
        match = fts.fts_query(word)
        assert match is not None
        t_new, ids_new = timed_page(cache, sql, params)
        snow_sql = sql.replace("appeals_fts", SNOWBALL)
        snow_params = tuple(snowball_query(word) if p == match else p for p in params)
        t_old, ids_old = timed_page(cache, snow_sql, snow_params)
        compared = {
            w: (hits(cache, SNOWBALL, snowball_query(w)), hits(cache, "appeals_fts", q))
            for w in COMPARED
            if (q := fts.fts_query(w)) is not None
        }
    size_mb = path.stat().st_size / 2**20

    print(f"appeals:                 {total:,} ({open_count:,} open; Tula demo, seed {args.seed})")
    print(f"generate:                {total / t_gen:10,.0f} appeals/s  ({t_gen:.1f} s)")
    print(f"index, Snowball stems:   {total / t_snow:10,.0f} appeals/s  ({t_snow:.1f} s)")
    print(
        f"index, lemmas+numbers:   {total / t_lemma:10,.0f} appeals/s  ({t_lemma:.1f} s; "
        f"{words_seen:,} distinct words lemmatised once each)"
    )
    print(f"frequent word:           «{word}» in {docs:,} appeals")
    print(
        f"open queue, newest {PAGE}:   lemma index {t_new * 1000:7.2f} ms,"
        f"  Snowball {t_old * 1000:7.2f} ms  (×{t_new / t_old:.2f}; "
        f"same first page: {ids_new == ids_old})"
    )
    for w, (old, new) in compared.items():
        print(f"  hits «{w}»: Snowball {old:>9,}   lemmas {new:>9,}")
    print(f"cache file (both indexes): {size_mb:,.0f} MB")
    print(
        orjson.dumps(
            {
                "name": "search_frequent_word_open_newest_50",
                "value": round(t_new * 1000, 3),
                "unit": "ms",
                "baseline": round(t_old * 1000, 3),
                "ratio": round(t_new / t_old, 3),
                "appeals": total,
                "word": word,
                "word_appeals": docs,
                "index_rate_lemmas": round(total / t_lemma),
                "index_rate_snowball": round(total / t_snow),
                "hits": {w: {"snowball": o, "lemmas": n} for w, (o, n) in compared.items()},
            },
            option=orjson.OPT_NON_STR_KEYS,
        ).decode()
    )


if __name__ == "__main__":
    main()
