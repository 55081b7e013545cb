"""«Прочие» in a theme's top, and the categories proposed from its texts.

On a demo cache whose generator planted a problem «Прочие» does not know (electric
scooters left on pavements, growing week by week, in «roads.other»): the alert
names the catch-all, and one proposal holds the planted appeals and nothing else.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import orjson
import pytest
from sqlalchemy import insert

from cur_desktop.cache import Cache, schema
from cur_desktop.demo.problems import generate_with_problems
from cur_desktop.domain.appeal import Appeal
from cur_desktop.domain.dictionaries_io import dictionaries_from_json
from cur_desktop.domain.enums import Kind, Source
from cur_desktop.problems.catch_all import catch_all_alerts, proposals
from cur_desktop.protocol.columns import appeal_to_columns
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
        # the planted one; another theme's catch-all may be in its top too, as the
        # generator's draws fall (they fall otherwise in another time zone)
        assert "roads.other" in [a.category for a in alerts]
        alert = next(a for a in alerts if a.category == "roads.other")
        assert all(a.rank <= 3 and a.category.endswith(".other") for a in alerts)
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


def test_a_topic_grown_to_most_of_the_catch_all_is_still_proposed(tmp_path: Path) -> None:
    """Eight appeals about scooters and two about other things: the eight are one group.

    (A clustering that ignores lemmas found in most texts, as the region-wide one does,
    lost exactly this group: its words were in 8 of the 10 texts.)
    """
    texts = [
        f"Электросамокаты прокатные бросают прямо на тротуаре у дома {n}, пешеходам не пройти"
        for n in range(8)
    ] + [
        "На обочине на Новой 24 стоит брошенный грузовик без колёс второй месяц",
        "Сообщаю о длительной стоянке брошенного автомобиля во дворе, мешает уборке",
    ]
    with Cache.open(tmp_path / "cache.sqlite") as cache:
        with cache.engine.begin() as conn:
            for n, text in enumerate(texts):
                draft = Appeal(
                    id=n + 1,
                    source=Source.POS,
                    external_id=f"CA-{n}",
                    kind=Kind.MESSAGE,
                    created_at=NOW - timedelta(days=n),
                    text=text,
                    municipality="70701000",
                    theme="roads",
                    category="roads.other",
                )
                conn.execute(insert(schema.appeals).values(appeal_to_columns(draft)))
        found = proposals(cache.engine, "roads.other", NOW)
    assert [sorted(p.appeal_ids) for p in found] == [list(range(1, 9))]
    assert "самокат" in found[0].terms or "электросамокат" in found[0].terms
