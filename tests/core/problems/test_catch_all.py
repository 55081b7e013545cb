"""«Прочие» in a theme's top, and the categories proposed from its texts.

On a demo cache whose generator planted a problem «Прочие» does not know (electric
scooters left on pavements, growing week by week, in «roads.other»): the alert
names the catch-all, and one proposal holds the planted appeals and nothing else.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import orjson
import pytest

from cur_desktop.cache import Cache
from cur_desktop.demo.problems import generate_with_problems
from cur_desktop.domain.dictionaries_io import dictionaries_from_json
from cur_desktop.problems.catch_all import catch_all_alerts, proposals
from cur_desktop.text.lemmas import may_be_person_name

NOW = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def demo_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("catch-all") / "cache.sqlite"
    generate_with_problems(path, 2500, 11, NOW)
    return path


def test_a_catch_all_in_the_top_is_found_and_split(demo_cache: Path) -> None:
    with Cache.open(demo_cache) as cache:
        doc = cache.load_dictionaries()
        assert doc is not None
        dicts = dictionaries_from_json(doc)
        truth = set(orjson.loads(cache.get_state("demo.problems") or "{}")["other:scooters"])
        alerts = catch_all_alerts(cache.engine, dicts, NOW)
        assert [a.category for a in alerts] == ["roads.other"]
        alert = alerts[0]
        assert alert.theme == "roads"
        assert alert.rank <= 3
        assert 0 < alert.count <= alert.theme_count
        found = proposals(cache.engine, "roads.other", NOW)
    recent = {i for i in truth if any(i in p.appeal_ids for p in found)}
    scooters = max(found, key=lambda p: len(truth & set(p.appeal_ids)))
    planted = truth & set(scooters.appeal_ids)
    print(
        f"proposals: {len(found)}; the scooters' one: {scooters.size} appeals, "
        f"{len(planted)} planted of {len(recent)} in the period, terms {scooters.terms}"
    )
    assert planted == recent  # every planted appeal of the period in one proposal
    assert len(planted) == scooters.size  # and nothing else in it
    assert scooters.examples == ("Самокаты на тротуаре",)
    assert any("самокат" in t for t in scooters.terms)
    # a name in the texts (the generator signs some with surnames) never names a group
    assert not any(may_be_person_name(t) for p in found for t in p.terms), found
    assert scooters.suggested_name()
    assert set(scooters.open_ids) <= set(scooters.appeal_ids)


def test_no_alert_without_a_catch_all_in_the_top(demo_cache: Path) -> None:
    with Cache.open(demo_cache) as cache:
        doc = cache.load_dictionaries()
        assert doc is not None
        dicts = dictionaries_from_json(doc)
        assert catch_all_alerts(cache.engine, dicts, NOW, top=1) == []
        assert proposals(cache.engine, "roads.potholes.none", NOW) == []
