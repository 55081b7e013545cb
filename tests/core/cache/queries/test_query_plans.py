"""Every built-in queue, filter combination and search is read through an index that
fits it, finds what a plain join and sort finds, and counts without scanning every hit.

The plans are SQLite's own (``EXPLAIN QUERY PLAN``) on a real generated cache whose
planner statistics were refreshed the way the sync writer does after a snapshot.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text

from cur_desktop.cache import Cache, QueueFilter, schema
from cur_desktop.cache.queries.filters import FilterValues, narrow
from cur_desktop.cache.queries.queue import (
    Order,
    QueueQuery,
    _compile,
    count,
    count_statement,
    ids_statement,
    load_ids,
)
from cur_desktop.cache.queries.queues import all_appeals, of_municipality, of_themes
from cur_desktop.sync.writer import CacheWriter
from tests.support.caches import generated_cache

NOW = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
A = schema.appeals
ZONE = "Europe/Moscow"


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cache]:
    path: Path = generated_cache(tmp_path_factory, "queries-plans", 1500, 5, NOW)
    with Cache.open(path) as opened:
        CacheWriter(opened.engine).analyze()
        yield opened


def _plan(cache: Cache, stmt: Any) -> str:
    sql, params = _compile(cache.engine, stmt)
    raw = cache.engine.raw_connection()
    try:
        return " ; ".join(str(r[3]) for r in raw.execute(f"EXPLAIN QUERY PLAN {sql}", params))
    finally:
        raw.close()


def _busiest(cache: Cache, column: Any) -> str:
    with cache.engine.connect() as conn:
        value = conn.execute(
            select(column)
            .where(column.is_not(None))
            .group_by(column)
            .order_by(text("count(*) DESC"))
        ).first()
    assert value is not None
    return str(value[0])


def _reference(cache: Cache, query: QueueQuery) -> list[int]:
    """The queue's ids by a plain join of every hit and a sort (the old statement)."""
    from cur_desktop.cache.queries.queue import _matches, _order_by

    stmt = select(A.c.id)
    match = query.match()
    if match is not None:
        stmt = stmt.select_from(schema.appeals_fts.join(A, A.c.id == schema.appeals_fts.c.rowid))
        stmt = stmt.where(_matches(match))
    if match is not None and query.order in (Order.NEWEST, Order.OLDEST):
        order = [A.c.id.desc() if query.order is Order.NEWEST else A.c.id.asc()]
    else:
        order = _order_by(query, {})
    with cache.engine.connect() as conn:
        return [
            int(i) for i in conn.execute(stmt.where(*query.clauses()).order_by(*order)).scalars()
        ]


def _queries(cache: Cache) -> dict[str, QueueQuery]:
    municipality = _busiest(cache, A.c.municipality)
    theme = _busiest(cache, A.c.theme)
    status = _busiest(cache, A.c.status)
    values = {
        "municipality": FilterValues(municipality=municipality),
        "theme + status": FilterValues(theme=theme, status=status),
        "theme + municipality": FilterValues(theme=theme, municipality=municipality),
    }
    out: dict[str, QueueQuery] = {
        "open": QueueQuery(),
        "a municipality's queue": of_municipality(municipality),
        "a theme block": of_themes((theme,)),
        "all": all_appeals(),
    }
    for name, value in values.items():
        out[f"all, {name}"] = narrow(all_appeals(), value, time_zone=ZONE, now=NOW)
        out[f"open, {name}"] = narrow(QueueQuery(), value, time_zone=ZONE, now=NOW)
    for name, base in list(out.items()):
        for order in (Order.NEWEST, Order.DEADLINE):
            searched = base.narrowed(text="двор").ordered(order)
            out[f"{name}, search «двор», {order.value}"] = searched
    return out


def test_every_queue_finds_what_a_plain_join_and_sort_finds(cache: Cache) -> None:
    for name, query in _queries(cache).items():
        expected = _reference(cache, query)
        assert [int(i) for i in load_ids(cache.engine, query)] == expected, name
        assert count(cache.engine, query) == len(expected), name


def test_no_queue_scans_the_appeals_table_or_joins_every_hit(cache: Cache) -> None:
    for name, query in _queries(cache).items():
        plan = _plan(cache, ids_statement(query).limit(50))
        assert "SCAN appeals ;" not in f"{plan} ;", (name, plan)  # a scan without an index
        if query.match() is not None and query.order is Order.NEWEST:
            # hits read in the index's row order, checked one by one: no sort
            assert "TEMP B-TREE" not in plan, (name, plan)
            assert plan.startswith("SCAN appeals_fts"), (name, plan)


def test_filters_over_all_appeals_newest_first_need_no_sort(cache: Cache) -> None:
    for name, query in _queries(cache).items():
        if name.startswith("all, ") and "search" not in name and "theme + municipality" not in name:
            plan = _plan(cache, ids_statement(query).limit(50))
            assert "TEMP B-TREE" not in plan, (name, plan)
            assert "USING COVERING INDEX" in plan, (name, plan)


def test_a_municipality_queue_starts_from_the_municipality(cache: Cache) -> None:
    query = _queries(cache)["a municipality's queue"]
    plan = _plan(cache, ids_statement(query))
    assert "ix_appeals_open_mun_due (municipality=?)" in plan, plan


def test_a_capped_count_stops_past_the_cap(cache: Cache) -> None:
    query = QueueQuery(flt=QueueFilter(open_only=False), text="двор")
    full = count(cache.engine, query)
    assert full > 10
    assert count(cache.engine, query, cap=10) == 11
    assert count(cache.engine, query, cap=full) == full
    assert "LIMIT" in str(count_statement(query, cap=10))


def test_the_open_condition_is_written_into_the_sql_not_bound(cache: Cache) -> None:
    """``is_open = ?`` keeps SQLite from knowing that an ``is_open = 1`` partial index
    holds only open rows: it then reads every row from the table to check (the open
    queue's first page at a million appeals took 29.5 ms instead of 1.2 ms)."""
    import re

    queries = {n: q for n, q in _queries(cache).items() if q.flt.open_only}
    assert len(queries) > 5
    for name, query in queries.items():
        for stmt in (ids_statement(query).limit(50), count_statement(query, cap=10_000)):
            sql, _params = _compile(cache.engine, stmt)
            assert re.search(r"is_open = 1\b", sql), (name, sql)
            assert not re.search(r"is_open\s*=\s*\?", sql), (name, sql)
