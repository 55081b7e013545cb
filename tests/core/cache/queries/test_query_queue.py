"""A queue as SQL: every order lists each appeal once, the first page heads the whole
queue, counts equal the ids, and a text search alone reads only the full-text index."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from cur_desktop.cache import Cache, QueueFilter, schema
from cur_desktop.cache.queries.queue import (
    Order,
    QueueQuery,
    count,
    first_page,
    ids_statement,
    load_ids,
)
from cur_desktop.domain.appeal import Appeal
from cur_desktop.domain.enums import Status
from tests.support.caches import generated_cache

NOW = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
APPEALS = 1200
A = schema.appeals


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cache]:
    path: Path = generated_cache(tmp_path_factory, "queries-queue", APPEALS, 11, NOW)
    with Cache.open(path) as opened:
        yield opened


@pytest.fixture(scope="module")
def appeals(cache: Cache) -> dict[int, Appeal]:
    everything = QueueQuery(flt=QueueFilter(open_only=False))
    return {a.id: a for a in cache.appeals.get_many(ids(cache, everything))}


def ids(
    cache: Cache, query: QueueQuery, ranks: dict[str, dict[str, int]] | None = None
) -> list[int]:
    return [int(i) for i in load_ids(cache.engine, query, ranks)]


def test_every_order_lists_each_appeal_once_and_heads_with_its_first_page(cache: Cache) -> None:
    expected = cache.appeals.count(QueueFilter())
    for order in Order:
        for descending in (False, True):
            query = QueueQuery(order=order, descending=descending)
            listed = ids(cache, query)
            assert len(listed) == len(set(listed)) == expected == count(cache.engine, query)
            assert first_page(cache.engine, query) == listed[:256], (order, descending)
            assert first_page(cache.engine, query, limit=7) == listed[:7]


def test_orders_are_the_ones_they_name(cache: Cache, appeals: dict[int, Appeal]) -> None:
    whole = QueueQuery(flt=QueueFilter(open_only=False))
    newest = [appeals[i] for i in ids(cache, whole.ordered(Order.NEWEST))]
    assert newest == sorted(appeals.values(), key=lambda a: (a.created_at, a.id), reverse=True)
    oldest = [appeals[i] for i in ids(cache, whole.ordered(Order.OLDEST))]
    assert oldest == newest[::-1]

    def deadline_key(a: Appeal) -> tuple[float, int]:
        return (a.due_at.timestamp() if a.due_at else float("inf"), a.id)

    by_deadline = [appeals[i] for i in ids(cache, whole)]
    assert by_deadline == sorted(appeals.values(), key=deadline_key)
    latest_first = [appeals[i] for i in ids(cache, whole.ordered(Order.DEADLINE, descending=True))]
    assert latest_first == by_deadline[::-1]
    by_status = [appeals[i].status for i in ids(cache, whole.ordered(Order.STATUS))]
    rank = list(Status)
    assert [rank.index(s) for s in by_status] == sorted(rank.index(s) for s in by_status)


def test_theme_order_follows_the_ranks_given(cache: Cache, appeals: dict[int, Appeal]) -> None:
    themes = sorted({a.theme for a in appeals.values() if a.theme}, reverse=True)
    ranks = {"theme": {code: n for n, code in enumerate(themes)}}
    query = QueueQuery(flt=QueueFilter(open_only=False), order=Order.THEME)
    shown = [appeals[i].theme for i in ids(cache, query, ranks)]
    positions = [themes.index(t) if t else len(themes) for t in shown]
    assert positions == sorted(positions)
    assert shown[0] == themes[0]


def test_text_search_alone_reads_only_the_index_and_finds_what_the_join_finds(
    cache: Cache,
) -> None:
    text_only = QueueQuery(flt=QueueFilter(open_only=False), text="двор", order=Order.NEWEST)
    statement = str(ids_statement(text_only))
    assert "JOIN" not in statement
    assert "appeals_fts" in statement
    found = ids(cache, text_only)
    assert found
    joined = text_only.narrowed(A.c.id > 0)
    assert "JOIN" in str(ids_statement(joined))
    assert ids(cache, joined) == found
    assert count(cache.engine, text_only) == count(cache.engine, joined) == len(found)
    assert ids(cache, text_only.ordered(Order.OLDEST)) == found[::-1]


def test_text_search_narrows_a_structured_queue(cache: Cache, appeals: dict[int, Appeal]) -> None:
    everywhere = set(ids(cache, QueueQuery(flt=QueueFilter(open_only=False), text="двор")))
    open_only = ids(cache, QueueQuery(text="двор"))
    assert set(open_only) == {i for i in everywhere if appeals[i].is_open}
    assert count(cache.engine, QueueQuery(text="двор")) == len(open_only)


def test_an_empty_result_is_an_empty_array(cache: Cache) -> None:
    nothing = QueueQuery(text="zzzqqqxxx")
    assert load_ids(cache.engine, nothing).size == 0
    assert first_page(cache.engine, nothing) == []
    assert count(cache.engine, nothing) == 0
