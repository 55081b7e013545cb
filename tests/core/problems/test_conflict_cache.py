"""Conflict situations in a generated cache: the queue, its rows and the figures agree."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta
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


@pytest.mark.parametrize("days_later", [0, 33])
def test_the_read_agrees_with_detection_over_every_appeal_read_through_the_domain(
    cache_path: Path, days_later: int
) -> None:
    """The fast read (driver tuples, keys folded once) finds what the rules find when
    they are given every appeal of the cache as the domain reads it, the candidates
    picked by hand: open, or changed within the recent days."""
    from sqlalchemy import select

    from cur_desktop.cache import schema
    from cur_desktop.problems.conflict_cache import RECENT_DAYS
    from cur_desktop.problems.conflicts import DAY, AppealFacts, address_key, detect

    with Cache.open(cache_path) as cache:
        with cache.engine.connect() as conn:
            ids = [int(i) for i in conn.execute(select(schema.appeals.c.id)).scalars()]
        appeals = cache.appeals.get_many(ids)
        now = NOW + timedelta(days=days_later)
        recent = now.timestamp() - RECENT_DAYS * DAY
        facts = [
            AppealFacts(
                id=a.id,
                created_at=a.created_at.timestamp(),
                text=" ".join(p for p in (a.title, a.text) if p),
                source=a.source.value,
                category=a.subcategory or a.category,
                municipality=a.municipality,
                author_key=author_key(
                    a.author.name, a.author.phone, a.author.email, a.author.profile_url
                ),
                address_key=address_key(a.address),
                rating=a.satisfaction_rating,
                reaction=None if a.satisfaction_reaction is None else a.satisfaction_reaction.value,
                reopened=a.reopened_at is not None or a.status.value == "reopened",
                flags=int(a.flags),
                me_too=a.me_too,
            )
            for a in appeals
        ]
        candidates = [
            a.id
            for a in appeals
            if a.is_open or (a.updated_at or a.created_at).timestamp() >= recent
        ]
        if days_later:
            assert 0 < len(candidates) < len(appeals), "some appeals are out of the window"
        expected = detect(facts, RULES, only=candidates)
        found = find_conflicts(cache.engine, RULES, now)
        assert {c.appeal_id: c.reasons for c in found} == expected
        assert any(r.earlier_id for c in found for r in c.reasons), "repeats are among them"
