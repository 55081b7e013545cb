"""What the status bar and the notifier read: the link and the last sync from the sync
state, the operator's unsent actions, and which appeals are news."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from cur_desktop.cache import Cache, QueueFilter
from cur_desktop.cache.queries.news import fresh_news, is_news, news_ids
from cur_desktop.cache.queries.queue import QueueQuery, load_ids
from cur_desktop.cache.queries.status import (
    SYNC_LAST_OK,
    SYNC_LAST_SUCCESS,
    SYNC_ONLINE,
    is_online,
    last_sync,
    waiting_actions,
)
from cur_desktop.domain.enums import Action, Importance, Status
from cur_desktop.domain.lifecycle import Command
from cur_desktop.sync.writer import CacheWriter
from tests.support.caches import generated_cache, private_copy

NOW = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
APPEALS = 600


@pytest.fixture(scope="module")
def demo_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generated_cache(tmp_path_factory, "queries-status", APPEALS, 3, NOW)


@pytest.fixture
def cache(demo_cache: Path, tmp_path: Path) -> Iterator[Cache]:
    with private_copy(demo_cache, tmp_path) as opened:
        yield opened


def make_news(cache: Cache, n: int) -> list[int]:
    """Raise ``n`` new appeals to high importance, as a sync would write them."""
    everything = QueueQuery(flt=QueueFilter(open_only=False))
    appeals = cache.appeals.get_many([int(i) for i in load_ids(cache.engine, everything)])
    chosen = [a for a in appeals if a.status is Status.NEW and not is_news(a)][:n]
    raised = [replace(a, importance=Importance.HIGH, version=a.version + 1) for a in chosen]
    assert CacheWriter(cache.engine).upsert_newer(raised) == n
    return [a.id for a in raised]


def test_the_link_and_the_last_sync_come_from_the_sync_state(cache: Cache) -> None:
    assert not is_online(cache)
    assert last_sync(cache) is None
    for value, online in (("1", True), (" Online ", True), ("true", True), ("0", False)):
        cache.set_state(SYNC_ONLINE, value)
        assert is_online(cache) is online, value
    cache.set_state(SYNC_LAST_SUCCESS, "1700000000.5")
    assert last_sync(cache) == 1700000000.5
    cache.set_state(SYNC_LAST_OK, "1700000100")
    assert last_sync(cache) == 1700000100.0  # the console's own key wins
    cache.set_state(SYNC_LAST_OK, "yesterday")
    assert last_sync(cache) is None


def test_waiting_actions_are_this_operators_and_nobodys(cache: Cache) -> None:
    ids = [int(i) for i in load_ids(cache.engine, QueueQuery())][:4]
    appeals = cache.appeals.get_many(ids)
    command = Command.of(Action.SET_IMPORTANCE, importance="high")
    for appeal, actor in zip(appeals, ("operator03", "operator03", "operator04", ""), strict=True):
        cache.outbox.enqueue(appeal.id, command, base_version=appeal.version, actor=actor)
    assert waiting_actions(cache, "operator03") == 3  # its own two and the one of nobody
    assert waiting_actions(cache, "operator04") == 2
    assert waiting_actions(cache, "") == cache.outbox.size() == 4


def test_news_are_new_high_importance_appeals(cache: Cache) -> None:
    raised = make_news(cache, 3)
    everything = QueueQuery(flt=QueueFilter(open_only=False))
    appeals = cache.appeals.get_many([int(i) for i in load_ids(cache.engine, everything)])
    expected = {a.id for a in appeals if a.importance is Importance.HIGH and a.status is Status.NEW}
    assert set(raised) <= expected
    assert news_ids(cache.engine) == expected
    assert {a.id for a in appeals if is_news(a)} == expected


def test_fresh_news_leaves_out_what_is_known(cache: Cache) -> None:
    make_news(cache, 3)
    known = news_ids(cache.engine)
    everything = QueueQuery(flt=QueueFilter(open_only=False))
    changed = [int(i) for i in load_ids(cache.engine, everything)][::-1]
    news_in_order = [i for i in changed if i in known]
    assert [a.id for a in fresh_news(cache.appeals, changed, set())] == news_in_order
    assert fresh_news(cache.appeals, changed, known) == []
    first = news_in_order[0]
    fresh = fresh_news(cache.appeals, changed, known - {first})
    assert [a.id for a in fresh] == [first]
    assert fresh_news(cache.appeals, [], set()) == []
