"""«Проблемы» from a cache generated with its planted problems, and the figures for the wall."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import orjson
import pytest

from cur_desktop.cache import Cache
from cur_desktop.demo.problems import generate_with_problems
from cur_desktop.problems.clusters import count_problems, problems_in_cache

NOW = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def cache_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("problems") / "cache.sqlite"
    generate_with_problems(path, 2500, 7, NOW)
    return path


def test_planted_problems_are_found_and_counted(cache_path: Path) -> None:
    with Cache.open(cache_path) as cache:
        truth = orjson.loads(cache.get_state("demo.problems") or "{}")
        problems = problems_in_cache(cache.engine, NOW)
    found = {frozenset(p.appeal_ids) for p in problems}
    for label in ("disinfo:cholera", "other:scooters"):
        assert frozenset(truth[label]) in found, label
    (water,) = [ids for label, ids in truth.items() if label.startswith("water")]
    assert frozenset(water) in found
    scooters = next(p for p in problems if set(p.appeal_ids) == set(truth["other:scooters"]))
    assert scooters.growth == scooters.last_week - scooters.week_before
    assert scooters.last_week > 0
    figures = count_problems(problems)
    assert figures.problems == len(problems)
    assert figures.growing == sum(1 for p in problems if p.last_week > p.week_before)
    assert figures.appeals_in_problems == sum(len(p.appeal_ids) for p in problems)
