"""The demo generator's planted problems as the demo gets them (``cur-desktop generate``).

A cache generated with enough appeals carries the known problems and their ground
truth, and what problem control needs of them holds: the threads are conflict
situations (repeats by author and address), the disinformation wave is found by text
similarity from one of its posts, the «Прочие» problem grows week by week, and the
two demo measures are there with the water burst's end as the water measure's effect.
Planting while streaming (only the recent appeals held) plants the same.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import orjson
import pytest

from cur_desktop.cache import Cache
from cur_desktop.commands import generate_into
from cur_desktop.demo.generator import DemoGenerator
from cur_desktop.demo.problems import MIN_APPEALS, GroundTruth, plant_problems, plant_stream
from cur_desktop.problems.conflict_cache import find_conflicts
from cur_desktop.problems.conflict_rules import region_conflict_rules
from cur_desktop.problems.conflicts import ReasonCode
from cur_desktop.problems.disinfo import similar_texts
from cur_desktop.problems.measures import MeasureStatus, measure_effect, read_measures
from cur_desktop.regions import builtin_pack_dir, load_pack

NOW = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)
APPEALS = 2500


@pytest.fixture(scope="module")
def cache_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo-problems") / "cache.sqlite"
    assert generate_into(path, None, APPEALS, 7, NOW) == APPEALS
    return path


@pytest.fixture(scope="module")
def truth(cache_path: Path) -> dict[str, set[int]]:
    with Cache.open(cache_path) as cache:
        stored = orjson.loads(cache.get_state("demo.problems") or "{}")
    return {label: set(ids) for label, ids in stored.items()}


def test_the_generated_demo_carries_every_kind_of_problem(truth: dict[str, set[int]]) -> None:
    kinds = Counter(label.split(":")[0] for label in truth)
    assert kinds["water"] == kinds["disinfo"] == kinds["other"] == 1
    assert kinds["thread"] >= 3
    assert APPEALS >= MIN_APPEALS


def test_threads_are_conflict_situations(cache_path: Path, truth: dict[str, set[int]]) -> None:
    with Cache.open(cache_path) as cache:
        found = {c.appeal_id: set(c.codes) for c in find_conflicts(cache.engine,
                 region_conflict_rules(), NOW)}  # fmt: skip
    repeats = {ReasonCode.REPEAT_AUTHOR.value, ReasonCode.REPEAT_ADDRESS.value}
    for label, ids in truth.items():
        if label.startswith("thread:"):
            later = sorted(ids)[1:]  # the first of a thread repeats nothing
            assert all(found.get(i, set()) & repeats for i in later), label


def test_the_disinformation_wave_is_found_from_one_post(
    cache_path: Path, truth: dict[str, set[int]]
) -> None:
    wave = truth["disinfo:cholera"]
    with Cache.open(cache_path) as cache:
        similar = {s.appeal_id for s in similar_texts(cache.engine, min(wave))}
    assert len(similar & wave) >= 0.8 * len(wave)
    assert len(similar - wave) <= 2


def test_the_demo_measures_and_the_water_measures_effect(
    cache_path: Path, truth: dict[str, set[int]]
) -> None:
    with Cache.open(cache_path) as cache:
        measures = {m.problem.split(":")[0]: m for m in read_measures(cache.engine)}
        water, scooters = measures["p"], measures["c"]
        assert set(water.members) == next(ids for k, ids in truth.items() if k.startswith("water"))
        assert water.status is MeasureStatus.DONE
        assert water.who
        assert water.what
        assert water.due
        effect = measure_effect(cache.engine, water, NOW.timestamp())
        assert effect.after_per_week is not None
        assert effect.after_per_week < effect.before_per_week  # the burst ended
        assert scooters.category == "roads.other"
        assert scooters.status is MeasureStatus.PLANNED
        assert set(scooters.members) <= truth["other:scooters"]


def test_planting_while_streaming_plants_the_same() -> None:
    generator = DemoGenerator(load_pack(builtin_pack_dir()), seed=3, now=NOW)
    items = list(generator.generate(2200))
    planted, expected = plant_problems(items, seed=3, now=NOW)
    found: list[GroundTruth] = []
    streamed = list(plant_stream(iter(items), seed=3, now=NOW, truth=found))
    assert found == [expected]
    by_id = {g.appeal.id: g for g in streamed}
    assert len(by_id) == len(items)
    assert all(by_id[g.appeal.id] == g for g in planted)
    old = [g for g in items if g.appeal.created_at < NOW - timedelta(days=75)]
    assert [g.appeal.id for g in streamed[: len(old)]] == [g.appeal.id for g in old]


def test_the_demo_service_plants_them_and_a_few_dozen_appeals_stay_as_generated(
    tmp_path: Path,
) -> None:
    from sqlalchemy import text

    from cur_desktop.central.bootstrap import open_service
    from cur_desktop.central.demo import seed_demo

    planted = open_service(tmp_path / "a.sqlite", pack=builtin_pack_dir(), migrate=True, demo=True)
    assert seed_demo(planted, MIN_APPEALS, seed=3, now=NOW, plant=True) == MIN_APPEALS
    small = open_service(tmp_path / "b.sqlite", pack=builtin_pack_dir(), migrate=True, demo=True)
    assert seed_demo(small, 60, seed=3, now=NOW, plant=True) == 60
    count = "SELECT count(*) FROM history WHERE action = 'measure'"
    rumour = "SELECT count(*) FROM appeals WHERE title = 'Холера в водопроводе'"
    with planted.engine.connect() as conn:
        assert conn.execute(text(count)).scalar() > 0
        assert conn.execute(text(rumour)).scalar() > 0
    with small.engine.connect() as conn:
        assert conn.execute(text(count)).scalar() == 0
        assert conn.execute(text(rumour)).scalar() == 0
