"""Related appeals: each found one really is related as its relation says, within its
window and bound, never the appeal itself, and no author or address match for a
reader who may not see personal data."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from cur_desktop.cache import Cache, QueueFilter
from cur_desktop.cache.queries.queue import Order, QueueQuery, load_ids
from cur_desktop.cache.queries.related import (
    CATEGORY_DAYS,
    NEAR_DAYS,
    PER_RELATION,
    RelatedAppeal,
    Relation,
    related_appeals,
)
from cur_desktop.domain.appeal import Appeal, Author
from cur_desktop.sync.writer import CacheWriter
from tests.support.caches import generated_cache

NOW = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
APPEALS = 1500
SAMPLE = 60


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cache]:
    path: Path = generated_cache(tmp_path_factory, "queries-related", APPEALS, 29, NOW)
    with Cache.open(path) as opened:
        _write_twice(opened)
        yield opened


def _write_twice(cache: Cache) -> None:
    """One citizen writes twice from one address, the newest appeals of all (so the
    sample holds one): whether generated data happens to repeat an author or an address
    depends on the region's zone it was generated in."""
    newest = QueueQuery(flt=QueueFilter(open_only=False), order=Order.NEWEST)
    (last,) = cache.appeals.get_many([int(load_ids(cache.engine, newest)[0])])
    author = Author(name="Сидоренко Анна Павловна", phone="+7 910 555-12-34")
    twice = [
        replace(
            last,
            id=cache.appeals.max_id() + n,
            external_id=f"{last.external_id}-{n}",
            created_at=last.created_at + timedelta(minutes=n),
            author=author,
            address="г. Тула, ул. Ленина, д. 5",
            merged_into=None,
            version=1,
        )
        for n in (1, 2)
    ]
    CacheWriter(cache.engine).upsert_newer(twice)


@pytest.fixture(scope="module")
def sample(cache: Cache) -> list[Appeal]:
    newest = QueueQuery(flt=QueueFilter(open_only=False), order=Order.NEWEST)
    ids = [int(i) for i in load_ids(cache.engine, newest)]
    return cache.appeals.get_many(ids[::25][:SAMPLE])


def near(a: Appeal, b: Appeal, days: float) -> bool:
    return abs(a.created_at - b.created_at) <= timedelta(days=days)


def holds(appeal: Appeal, other: Appeal, found: RelatedAppeal) -> bool:
    relation = found.relation
    if relation is Relation.MERGED:
        return other.id == appeal.merged_into
    if relation is Relation.SAME_AUTHOR:
        pairs = [
            (appeal.author.name, other.author.name),
            (appeal.author.profile_url, other.author.profile_url),
            (appeal.author.phone, other.author.phone),
            (appeal.author.email, other.author.email),
        ]
        return near(appeal, other, NEAR_DAYS) and any(x and x == y for x, y in pairs)
    if relation is Relation.SAME_ADDRESS:
        return near(appeal, other, NEAR_DAYS) and appeal.address == other.address != ""
    if relation is Relation.SAME_CATEGORY:
        same = (other.category, other.municipality) == (appeal.category, appeal.municipality)
        return near(appeal, other, CATEGORY_DAYS) and same
    return True  # similar text: the full-text index's verdict (tests/core/cache/test_search.py)


def test_every_relation_found_holds(cache: Cache, sample: list[Appeal]) -> None:
    seen: Counter[Relation] = Counter()
    for appeal in sample:
        found = related_appeals(cache.engine, appeal, personal=True)
        ids = [r.appeal_id for r in found]
        assert appeal.id not in ids
        assert len(ids) == len(set(ids))
        others = {a.id: a for a in cache.appeals.get_many(ids)}
        per_relation = Counter(r.relation for r in found)
        for relation, n in per_relation.items():
            limit = 2 * PER_RELATION if relation is Relation.SIMILAR_TEXT else PER_RELATION
            assert n <= limit, relation
        for r in found:
            other = others[r.appeal_id]
            assert holds(appeal, other, r), (appeal.id, r)
            assert (r.number, r.title, r.created_at, r.status) == (
                other.external_id,
                other.title,
                other.created_at,
                other.status,
            )
        seen.update(per_relation)
    assert seen[Relation.SAME_CATEGORY] > 0
    assert seen[Relation.SIMILAR_TEXT] > 0
    assert seen[Relation.SAME_ADDRESS] + seen[Relation.SAME_AUTHOR] > 0


def test_without_personal_data_no_author_or_address_match(
    cache: Cache, sample: list[Appeal]
) -> None:
    for appeal in sample:
        full = related_appeals(cache.engine, appeal, personal=True)
        hidden = related_appeals(cache.engine, appeal, personal=False)
        personal = (Relation.SAME_AUTHOR, Relation.SAME_ADDRESS)
        assert not [r for r in hidden if r.relation in personal]
        kept = {r.appeal_id for r in full if r.relation not in personal}
        assert kept <= {r.appeal_id for r in hidden}
