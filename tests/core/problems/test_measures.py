"""Measures: folded from their carriers' history lines, and their effect on crafted caches."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from cur_desktop.cache import Cache
from cur_desktop.domain.appeal import Appeal, HistoryEntry
from cur_desktop.domain.enums import Action, Kind, Source, Status
from cur_desktop.problems.clusters import problems_in_cache
from cur_desktop.problems.measures import (
    YEAR,
    Measure,
    MeasureEntry,
    MeasureStatus,
    category_carriers,
    category_problem,
    fold_measures,
    measure_command,
    measure_effect,
    read_measures,
)
from cur_desktop.sync.writer import CacheWriter

SINCE = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
NOW = SINCE + timedelta(days=14)
TULA, OTHER = "70701000", "70602000"


def appeal(i: int, at: datetime, text: str, mun: str = TULA, category: str | None = None) -> Appeal:
    return Appeal(
        id=i,
        source=Source.POS,
        external_id=f"ext-{i}",
        kind=Kind.MESSAGE,
        created_at=at,
        title=text.split(",")[0],
        text=text,
        status=Status.NEW,
        municipality=mun,
        theme=category.split(".")[0] if category else None,
        category=category,
    )


def line(i: int, at: datetime, actor: str, **details: str) -> HistoryEntry:
    return HistoryEntry(i, at, actor, "cur_head", Action.MEASURE.value, None, None, details)


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[Cache]:
    with Cache.open(tmp_path / "cache.sqlite") as c:
        yield c


def test_a_measure_is_its_carriers_newest_line_and_taken_when_first_under_way() -> None:
    t = SINCE.timestamp()
    lines = [
        MeasureEntry(
            1,
            t,
            "head",
            "M-1",
            MeasureStatus.PLANNED,
            "Замена труб",
            "Водоканал",
            "2026-12-01",
            "p:1",
            "",
            TULA,
        ),
        MeasureEntry(2, t, "head", "M-1", MeasureStatus.PLANNED, "Замена труб", "Водоканал"),
        MeasureEntry(1, t + 3600, "boss", "M-1", MeasureStatus.IN_PROGRESS),
        MeasureEntry(1, t + 7200, "boss", "M-1", MeasureStatus.DONE, due="2026-12-10"),
    ]
    (m,) = fold_measures(lines)
    assert m.status is MeasureStatus.DONE
    assert (m.what, m.who, m.due, m.problem, m.municipality) == (
        "Замена труб", "Водоканал", "2026-12-10", "p:1", TULA,
    )  # fmt: skip
    assert m.members == (1, 2)
    assert (m.recorded_at, m.recorded_by, m.updated_at, m.updated_by) == (
        t, "head", t + 7200, "boss",
    )  # fmt: skip
    assert m.taken_at == t + 3600
    assert m.since == t + 3600
    assert not m.is_category


def test_the_command_carries_only_what_was_given() -> None:
    command = measure_command("M-7", MeasureStatus.PLANNED, what=" Ремонт ", who="", due="")
    assert command.action is Action.MEASURE
    assert dict(command.params) == {"measure": "M-7", "status": "planned", "what": "Ремонт"}


def test_a_category_measure_counts_its_category_there_before_after_and_a_year_earlier(
    cache: Cache,
) -> None:
    water = "housing.water"
    rows: list[Appeal] = []
    n = 0

    def add(at: datetime, mun: str = TULA, category: str | None = water) -> None:
        nonlocal n
        n += 1
        rows.append(appeal(n, at, f"Нет воды, обращение {n}", mun, category))

    for d in range(8):  # 8 in the 4 weeks before: 2 a week
        add(SINCE - timedelta(days=3 * d + 1))
    add(SINCE - timedelta(days=2), category="roads.pits")  # another category
    add(SINCE - timedelta(days=2), mun=OTHER)  # another municipality
    add(SINCE - timedelta(days=40))  # before the window
    for d in (2, 9):  # 2 in the 2 weeks since: 1 a week
        add(SINCE + timedelta(days=d))
    year = timedelta(seconds=YEAR)
    for d in range(4):  # a year earlier: 4 in the weeks before, 3 in the weeks after
        add(SINCE - year - timedelta(days=5 * d + 1))
    for d in range(3):
        add(SINCE - year + timedelta(days=4 * d + 1))
    add(SINCE - year - timedelta(days=60))  # the cache holds appeals that old
    first_ids = [1, 2]
    history = [
        line(i, SINCE, "head", measure="M-1", status="in_progress", what="Замена участка",
             problem=category_problem(water, TULA), category=water, municipality=TULA)
        for i in first_ids
    ]  # fmt: skip
    CacheWriter(cache.engine).bulk_load(rows, history)
    (m,) = read_measures(cache.engine)
    assert m.is_category
    assert m.members == (1, 2)
    effect = measure_effect(cache.engine, m, NOW.timestamp())
    assert (effect.before, effect.after, effect.after_days) == (8, 2, 14)
    assert (effect.year_before, effect.year_after) == (4, 3)
    assert effect.before_per_week == 2
    assert effect.after_per_week == 1
    assert effect.change == pytest.approx(-0.5)
    assert effect.year_change == pytest.approx((3 / 2) / (4 / 4) - 1)
    carriers = category_carriers(cache.engine, water, TULA, NOW.timestamp())
    recent = NOW - timedelta(days=60)
    expected = sorted(
        (
            a
            for a in rows
            if a.category == water and a.municipality == TULA and a.created_at >= recent
        ),
        key=lambda a: a.created_at,
        reverse=True,
    )
    assert carriers == [a.id for a in expected]


def test_a_cluster_measure_counts_the_texts_about_its_problem_and_no_year_without_data(
    cache: Cache,
) -> None:
    water = "На улице Седова нет холодной воды, в доме сухие краны"
    rows = [
        appeal(1, SINCE - timedelta(days=6), water),
        appeal(2, SINCE - timedelta(days=5), "Седова: снова нет холодной воды, краны сухие"),
        appeal(3, SINCE - timedelta(days=4), "Нет холодной воды на Седова третий день"),
        appeal(4, SINCE - timedelta(days=3), "Во дворе не вывозят мусор, контейнеры полны"),
        appeal(5, SINCE + timedelta(days=2), "Опять нет холодной воды на улице Седова"),
        appeal(6, SINCE + timedelta(days=3), "Яма на дороге у школы, машины бьют колёса"),
        appeal(7, SINCE + timedelta(days=4), "Нет холодной воды на Седова", mun=OTHER),
    ]
    history = [
        line(i, SINCE, "head", measure="M-1", status="planned", what="Промывка",
             problem="p:1", municipality=TULA)
        for i in (1, 2, 3)
    ]  # fmt: skip
    CacheWriter(cache.engine).bulk_load(rows, history)
    (m,) = read_measures(cache.engine)
    assert isinstance(m, Measure)
    assert m.taken_at is None
    assert m.since == SINCE.timestamp()
    effect = measure_effect(cache.engine, m, NOW.timestamp())
    assert (effect.before, effect.after) == (3, 1)
    assert effect.year_before is None
    assert effect.year_after is None
    assert effect.year_change is None
    # the same figures from the lemmas the problem clusters keep in the cache; a kept
    # lemma text is what is read (a wrong one changes the count: it is not re-made)
    problems_in_cache(cache.engine, NOW, days=400)
    with cache.engine.connect() as conn:
        kept = conn.exec_driver_sql("SELECT count(*) FROM appeal_lemmas").scalar()
    assert kept == len(rows)
    assert measure_effect(cache.engine, m, NOW.timestamp()) == effect
    with cache.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE appeal_lemmas SET lemmas = 'яма школа' WHERE appeal_id = 5")
    assert measure_effect(cache.engine, m, NOW.timestamp()).after == 0
