"""Benchmark: the head's desk and the monthly report against raw SQL aggregates.

On a generated cache (default 100,000 demo appeals; ``--cache`` reuses a file):

* the desk's first figures for a month (:func:`cur_desktop.desk.compute_desk`: the
  month, the month before and the same month a year earlier, every dimension), a
  cold process's first call;
* a period switch (the previous month, warm: what a head waits for after ◀);
* the monthly report, XLSX and PDF (:mod:`cur_desktop.reports`): cold (the problem
  clusters' kept lemmas and clustering dropped first), on unchanged data (the kept
  clustering reused), after a change (lemmas kept, clustered again), and without the
  «Проблемный контроль» section; then the problem clusters alone;
* the baseline, in the same run: raw SQL ``GROUP BY`` aggregates of the same count
  figures (received, finished, within the norm, overdue now and in the period,
  rated, satisfied, rework, repeat, reopened) for the same three periods and the
  same five dimensions plus the region over the rows the period can touch (the
  desk's own WHERE), straight through sqlite3's cursor. The raw
  SQL has no working-hours medians (it cannot: they need the production calendar),
  so it is a floor, not an equal.

Prints one line per figure and one final JSON line (name, value, unit, baseline,
ratio): the period switch against the raw aggregates.

``--replicate N`` builds the cache as N copies of a generated one of ``--appeals``
(a million appeals as 16 copies of 62,500: the generator writes ~1,000 appeals a
second through the sync's writer, masking and the search index, so a generated
million takes hours on the shared machine). The copies keep every column and time,
with ids moved past the original's and the channel's number suffixed (unique per
channel); the search index is not built for them (the desk and the reports do not
search). Same periods, same groups, N times the rows in each.

Usage: .venv/bin/python bench/bench_desk.py [--appeals 100000] [--cache FILE]
       [--replicate 16 --base FILE]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cur_desktop.analytics import context_from_pack
from cur_desktop.cache import Cache
from cur_desktop.commands import generate_into
from cur_desktop.desk import Period, compute_desk
from cur_desktop.regions import builtin_pack_dir, load_pack

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
FIN = (
    "CASE WHEN is_open = 0 THEN min(coalesce(answered_at, closed_at), "
    "coalesce(closed_at, answered_at)) END"
)
GROUPS = (
    "'*'",
    "coalesce(theme, '')",
    "coalesce(municipality, '')",
    "coalesce(body, '')",
    "coalesce(source, '')",
)


def raw_aggregates(cache: Cache, periods: list[tuple[float, float]], now: float) -> int:
    rows = 0
    with cache.engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        assert raw is not None
        cursor = raw.cursor()
        for start, end in periods:
            rec = f"(created_at >= {start} AND created_at < {end})"
            fin = f"({FIN} >= {start} AND {FIN} < {end})"
            for g in GROUPS:
                sql = f"""SELECT {g} AS g, sum({rec}), sum({fin}),
                  sum({fin} AND due_at IS NOT NULL), sum({fin} AND {FIN} <= due_at),
                  sum(is_open = 1 AND due_at < {now}),
                  sum(due_at >= {start} AND due_at < min({end}, {now})
                      AND (is_open = 1 OR {FIN} > due_at)),
                  sum({fin} AND satisfaction_rating IS NOT NULL),
                  sum({fin} AND satisfaction_rating >= 4),
                  sum({fin} AND satisfaction_reaction IS NOT NULL),
                  sum({fin} AND satisfaction_reaction = 'satisfied'),
                  sum({fin} AND rework_count > 0), sum({rec} AND (flags & 4) != 0),
                  sum({rec} AND reopened_at IS NOT NULL)
                FROM appeals WHERE merged_into IS NULL AND id > 0
                  AND (is_open = 1 OR (created_at < {end} AND (created_at >= {start}
                  OR answered_at >= {start} OR closed_at >= {start} OR due_at >= {start})))
                GROUP BY g"""
                rows += len(cursor.execute(sql).fetchall())
        cursor.close()
    return rows


def forget(cache: Cache, *, lemmas: bool) -> None:
    """Drop the problem clusters' kept clustering (and the kept lemmas too)."""
    from sqlalchemy import text

    with cache.engine.begin() as conn:
        conn.execute(text("DELETE FROM problem_memo"))
        if lemmas:
            conn.execute(text("DELETE FROM appeal_lemmas"))


def replicate(base: Path, path: Path, copies: int) -> None:
    """``path``: ``copies`` copies of the appeals of ``base`` (ids moved, numbers suffixed)."""
    from cur_desktop.cache.db import create_cache_engine

    started = time.perf_counter()
    engines = [create_cache_engine(base), create_cache_engine(path)]
    src, dst = (e.raw_connection() for e in engines)
    src.driver_connection.backup(dst.driver_connection)  # type: ignore[union-attr]
    src.close()
    conn = dst.driver_connection
    assert conn is not None
    try:
        columns = [r[1] for r in conn.execute("PRAGMA table_info(appeals)")]
        top = int(conn.execute("SELECT max(id) FROM appeals").fetchone()[0])
        triggers = conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'appeals'"
        ).fetchall()
        for name, _sql in triggers:  # the search index's: not for the copies
            conn.execute(f"DROP TRIGGER {name}")
        for k in range(1, copies):
            moved = {
                "id": f"id + {k * top}",
                "merged_into": f"merged_into + {k * top}",
                "external_id": f"external_id || '~{k}'",
            }
            select = ", ".join(moved.get(c, c) for c in columns)
            conn.execute(
                f"INSERT INTO appeals ({', '.join(columns)}) SELECT {select} FROM appeals "
                f"WHERE id > 0 AND id <= {top}"
            )
            conn.commit()
        for _name, sql in triggers:
            conn.execute(sql)
        # the covering index as the current schema has it (the base may predate it)
        from cur_desktop.cache.schema import appeals

        wall = next(i for i in appeals.indexes if i.name == "ix_appeals_wall")
        conn.execute("DROP INDEX IF EXISTS ix_appeals_wall")
        names = ", ".join(c.name for c in wall.columns)
        conn.execute(f"CREATE INDEX ix_appeals_wall ON appeals ({names})")
        conn.execute("ANALYZE")
        conn.commit()
    finally:
        dst.close()
        for e in engines:
            e.dispose()
    print(f"replicated {base.name} x{copies} in {time.perf_counter() - started:.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--appeals", type=int, default=100_000)
    parser.add_argument("--cache", type=Path, default=None)
    parser.add_argument("--replicate", type=int, default=1, help="copies of --base")
    parser.add_argument("--base", type=Path, default=None, help="the cache to copy")
    args = parser.parse_args()
    path = args.cache
    if args.replicate > 1 and (path is None or not path.exists()):
        path = path or Path(tempfile.mkdtemp(prefix="bench-desk-")) / "cache.sqlite"
        base = args.base or path.with_name("base.sqlite")
        if not base.exists():
            started = time.perf_counter()
            generate_into(base, None, args.appeals, 16, NOW)
            print(f"generated {args.appeals} appeals in {time.perf_counter() - started:.1f} s")
        replicate(base, path, args.replicate)
    if path is None or not path.exists():
        path = path or Path(tempfile.mkdtemp(prefix="bench-desk-")) / "cache.sqlite"
        started = time.perf_counter()
        generate_into(path, None, args.appeals, 16, NOW)
        print(f"generated {args.appeals} appeals in {time.perf_counter() - started:.1f} s")
    context = context_from_pack(load_pack(builtin_pack_dir()))
    cache = Cache.open(path)
    count = cache.appeals.count()
    month = Period.parse("2026-11")

    started = time.perf_counter()
    desk = compute_desk(cache, month, context, NOW)
    first = time.perf_counter() - started
    print(f"desk first figures, {month.label} ({count} appeals): {first:.2f} s")

    other = month.previous()
    started = time.perf_counter()
    compute_desk(cache, other, context, NOW)
    switch = time.perf_counter() - started
    print(f"desk period switch to {other.label}: {switch:.2f} s")

    def bounds(p: Period) -> tuple[float, float]:
        return p.bounds(context.time_zone)

    started = time.perf_counter()
    raw_aggregates(
        cache,
        [bounds(other), bounds(other.previous()), bounds(other.year_earlier())],
        NOW.timestamp(),
    )
    baseline = time.perf_counter() - started
    print(
        f"raw SQL aggregates of the same count figures, 3 periods x 5 dimensions + region: "
        f"{baseline:.2f} s"
    )

    from cur_desktop.desk.methodology import Methodology
    from cur_desktop.reports import build_content, write_report

    out = Path(tempfile.mkdtemp(prefix="bench-desk-report-"))
    times: dict[str, float] = {}

    def report(name: str, suffix: str, methodology: Methodology | None = None) -> None:
        started = time.perf_counter()
        content = build_content(cache, "monthly", month, context, NOW, methodology)
        write_report(content, out / f"{name}.{suffix}")
        times[name] = time.perf_counter() - started

    # The problem section's clusters reuse the work kept in the cache (issue 16): each
    # appeal's lemmas and the last clustering under a digest of its input. Cold first:
    # nothing kept (the first report after an upgrade, or on a new cache).
    forget(cache, lemmas=True)
    report("xlsx_cold", "xlsx")
    print(f"monthly report XLSX, cold (no kept lemmas or clusters): {times['xlsx_cold']:.2f} s")
    report("pdf", "pdf")
    report("xlsx", "xlsx")
    for suffix in ("xlsx", "pdf"):
        print(f"monthly report {suffix.upper()} (clusters kept, data unchanged): "
              f"{times[suffix]:.2f} s")  # fmt: skip
    # new appeals since the last clustering: the lemmas are kept, the clusters made again
    forget(cache, lemmas=False)
    report("pdf_recluster", "pdf")
    print(f"monthly report PDF, data changed (lemmas kept, clustered again): "
          f"{times['pdf_recluster']:.2f} s")  # fmt: skip
    # the same without the problem-control section
    from cur_desktop.desk.methodology import for_cache, parse

    doc = dict(for_cache(cache).doc)
    doc["report_sections"] = [s for s in doc["report_sections"] if s["key"] != "problems"]
    lean = parse(doc)
    for suffix in ("xlsx", "pdf"):
        report(f"lean_{suffix}", suffix, lean)
        print(
            f"monthly report {suffix.upper()} without «Проблемный контроль»: "
            f"{times[f'lean_{suffix}']:.2f} s"
        )
    # the problem clusters alone (the console's «Проблемы» dock reads the same)
    from cur_desktop.problems.clusters import problems_in_cache

    forget(cache, lemmas=False)
    for name in ("problems_recluster", "problems_kept"):
        started = time.perf_counter()
        found = problems_in_cache(cache.engine, NOW)
        times[name] = time.perf_counter() - started
    print(
        f"problem clusters alone ({len(found)} problems, {sum(p.size for p in found)} appeals "
        f"in them): clustered again with kept lemmas {times['problems_recluster']:.2f} s, "
        f"kept clusters {times['problems_kept']:.2f} s"
    )
    print(f"received in {month.label}: {desk.current.value('received'):.0f}")
    cache.close()
    result = {
        "name": "desk_period_switch",
        "value": round(switch, 3),
        "unit": "s",
        "baseline": round(baseline, 3),
        "ratio": round(switch / baseline, 3) if baseline else None,
        "appeals": count,
        "first_figures_s": round(first, 3),
        "report_xlsx_s": round(times["xlsx"], 3),
        "report_pdf_s": round(times["pdf"], 3),
        "report_xlsx_cold_s": round(times["xlsx_cold"], 3),
        "report_pdf_reclustered_s": round(times["pdf_recluster"], 3),
        "report_xlsx_without_problems_s": round(times["lean_xlsx"], 3),
        "report_pdf_without_problems_s": round(times["lean_pdf"], 3),
        "problems_reclustered_s": round(times["problems_recluster"], 3),
        "problems_kept_s": round(times["problems_kept"], 3),
    }
    print(orjson.dumps(result).decode())


if __name__ == "__main__":
    main()
