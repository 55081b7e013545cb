"""The filter bar's values: JSON round trip, and each value narrows a queue as it says
(region-local dates, overdue, category or subcategory, several values ANDed)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from cur_desktop.cache import Cache, QueueFilter
from cur_desktop.cache.queries.filters import FilterValues, filter_clauses, narrow
from cur_desktop.cache.queries.queue import QueueQuery, count, load_ids
from cur_desktop.domain.appeal import Appeal
from cur_desktop.domain.enums import Flag, Status
from tests.support.caches import generated_cache

NOW = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
ZONE = "Europe/Moscow"
APPEALS = 1200


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cache]:
    path: Path = generated_cache(tmp_path_factory, "queries-filters", APPEALS, 13, NOW)
    with Cache.open(path) as opened:
        yield opened


@pytest.fixture(scope="module")
def appeals(cache: Cache) -> list[Appeal]:
    everything = QueueQuery(flt=QueueFilter(open_only=False))
    return cache.appeals.get_many([int(i) for i in load_ids(cache.engine, everything)])


def shown(cache: Cache, values: FilterValues, base: QueueQuery | None = None) -> set[int]:
    base = base or QueueQuery(flt=QueueFilter(open_only=False))
    query = narrow(base, values, time_zone=ZONE, now=NOW)
    found = [int(i) for i in load_ids(cache.engine, query)]
    assert count(cache.engine, query) == len(found) == len(set(found))
    return set(found)


def test_filter_values_round_trip_through_json() -> None:
    values = FilterValues(
        text="яма",
        theme="roads",
        flag=int(Flag.IMPORTANT),
        overdue=True,
        date_from=date(2026, 11, 1),
        date_to=date(2026, 11, 30),
    )
    assert FilterValues.from_json(values.to_json()) == values
    assert FilterValues.from_json({"unknown": 1}) == FilterValues()
    assert values.to_json()["date_from"] == "2026-11-01"
    assert FilterValues().is_empty()
    assert not FilterValues(text="яма").has_structure()
    assert FilterValues(text="яма", theme="roads").has_structure()


def test_empty_values_add_no_condition(cache: Cache, appeals: list[Appeal]) -> None:
    assert filter_clauses(FilterValues(), time_zone=ZONE, now=NOW) == []
    assert shown(cache, FilterValues()) == {a.id for a in appeals}


def test_dates_are_the_regions_calendar_days(cache: Cache, appeals: list[Appeal]) -> None:
    zone = ZoneInfo(ZONE)
    day = (NOW - timedelta(days=10)).astimezone(zone).date()
    found = shown(cache, FilterValues(date_from=day, date_to=day))
    assert found
    assert found == {a.id for a in appeals if a.created_at.astimezone(zone).date() == day}
    since = shown(cache, FilterValues(date_from=day))
    assert since == {a.id for a in appeals if a.created_at.astimezone(zone).date() >= day}


def test_overdue_means_open_and_past_the_stored_deadline(
    cache: Cache, appeals: list[Appeal]
) -> None:
    found = shown(cache, FilterValues(overdue=True))
    assert found
    assert found == {a.id for a in appeals if a.is_open and a.due_at and a.due_at < NOW}


def test_category_matches_a_category_or_a_subcategory(cache: Cache, appeals: list[Appeal]) -> None:
    sub = next(a.subcategory for a in appeals if a.subcategory)
    assert shown(cache, FilterValues(category=sub)) == {
        a.id for a in appeals if sub in (a.category, a.subcategory)
    }
    top = next(a.category for a in appeals if a.category)
    assert shown(cache, FilterValues(category=top)) == {
        a.id for a in appeals if top in (a.category, a.subcategory)
    }


def test_values_are_anded_onto_the_queue_and_its_text(cache: Cache, appeals: list[Appeal]) -> None:
    first = next(a for a in appeals if a.theme and a.municipality and a.status is Status.CLOSED)
    values = FilterValues(
        theme=first.theme, municipality=first.municipality, status=Status.CLOSED.value
    )
    found = shown(cache, values)
    assert first.id in found
    assert found == {
        a.id
        for a in appeals
        if a.theme == first.theme
        and a.municipality == first.municipality
        and a.status is Status.CLOSED
    }
    assert shown(cache, values, base=QueueQuery()) == set()  # the open queue: none closed
    flagged = shown(cache, FilterValues(flag=int(Flag.REPEAT)))
    assert flagged
    assert flagged == {a.id for a in appeals if Flag.REPEAT in a.flags}
    base = QueueQuery(flt=QueueFilter(open_only=False), text="двор")
    narrowed = narrow(base, FilterValues(text="ям"), time_zone=ZONE, now=NOW)
    assert narrowed.text == "двор ям"
