"""Conflict situations in a generated cache: the queue, its rows and the figures agree."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest

from cur_desktop.cache import Cache
from cur_desktop.cache.queries.queue import count, load_ids
from cur_desktop.problems.conflict_cache import (
    conflict_counts,
    conflict_query,
    conflict_rows,
    find_conflicts,
    open_conflicts,
)
from cur_desktop.problems.conflict_rules import NO_RULES, region_conflict_rules
from cur_desktop.problems.conflicts import ReasonCode, author_key

NOW = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
RULES = region_conflict_rules()


@pytest.fixture(scope="module")
def cache_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.support.caches import generated_cache

    return generated_cache(tmp_path_factory, "conflicts", 2000, 5, NOW)


def test_the_queue_counts_and_rows_agree(cache_path: Path) -> None:
    with Cache.open(cache_path) as cache:
        found = open_conflicts(cache.engine, RULES, NOW)
        assert found, "the demo generator makes low ratings, «недоволен» and reopenings"
        query = conflict_query(found)
        ids = [int(i) for i in load_ids(cache.engine, query)]
        assert sorted(ids) == sorted(c.appeal_id for c in found)
        assert count(cache.engine, query) == len(found)
        figures = conflict_counts(cache.engine, RULES, NOW)
        assert figures.open == len(found)
        assert figures.resolved == 0  # nobody has recorded a resolution in generated data
        reasons = Counter(code for c in found for code in c.codes)
        assert figures.by_reason == dict(sorted(reasons.items()))
        assert set(figures.by_reason) <= {c.value for c in ReasonCode}
        rows = conflict_rows(cache.engine, found)
        assert [r.conflict.appeal_id for r in rows] == [c.appeal_id for c in found]
        assert all(r.number == str(r.conflict.appeal_id) for r in rows)


def test_each_reason_holds_on_the_appeal_it_names(cache_path: Path) -> None:
    with Cache.open(cache_path) as cache:
        found = find_conflicts(cache.engine, RULES, NOW)
        appeals = {a.id: a for a in cache.appeals.get_many([c.appeal_id for c in found])}
        for conflict in found:
            appeal = appeals[conflict.appeal_id]
            for reason in conflict.reasons:
                if reason.code is ReasonCode.LOW_RATING:
                    assert appeal.satisfaction_rating is not None
                    assert appeal.satisfaction_rating <= RULES.max_rating
                elif reason.code is ReasonCode.DISSATISFIED:
                    assert appeal.satisfaction_reaction is not None
                    assert appeal.satisfaction_reaction.value == "dissatisfied"
                elif reason.code is ReasonCode.REOPENED:
                    assert appeal.reopened_at is not None or appeal.status.value == "reopened"
                elif reason.code is ReasonCode.REPEAT_AUTHOR:
                    assert reason.earlier_id is not None
                    earlier = cache.appeals.get(reason.earlier_id)
                    assert earlier is not None
                    assert earlier.created_at <= appeal.created_at
                    a, e = appeal.author, earlier.author
                    assert author_key(a.name, a.phone, a.email, a.profile_url) == author_key(
                        e.name, e.phone, e.email, e.profile_url
                    )


def test_the_figures_name_no_one(cache_path: Path) -> None:
    with Cache.open(cache_path) as cache:
        figures = conflict_counts(cache.engine, RULES, NOW)
        names = {a.author.name for a in cache.appeals.get_many(range(1, 200)) if a.author.name}
    assert names
    shown = repr(figures)
    assert not any(name in shown for name in names)


def test_no_rules_no_conflicts(cache_path: Path) -> None:
    with Cache.open(cache_path) as cache:
        assert find_conflicts(cache.engine, NO_RULES, NOW) == []
        assert conflict_counts(cache.engine, NO_RULES, NOW).open == 0
