"""Russian word forms in full-text search, against a real cache file."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from cur_desktop.cache import Cache, QueueFilter
from cur_desktop.cache.search import fts_query, index_id, index_text
from cur_desktop.domain import Appeal, Kind, Source, Status
from cur_desktop.sync.writer import CacheWriter

T0 = datetime(2026, 1, 12, 8, 0, tzinfo=UTC)

TEXTS = {
    1: "На складе у дома 5 горит свет всю ночь",
    2: "Склады на Пролетарской завалены мусором",
    3: "Ёлку на площади так и не убрали",
    4: "Дорога разбита, ямы по колено",
    5: "Прошу отремонтировать дороги в посёлке Рассвет",
    6: "Нет ОТОПЛЕНИЯ в школе № 12",
    7: "About the bus schedule: buses are late",
    8: "Автобус 18 не пришёл, ждали час на остановке",
    9: "Текущий ремонт подъезда не проводился, с крыши течёт",
    10: "Провели текущий ремонт",
}


def incident(i: int, text: str = "", **fields: str) -> Appeal:
    return Appeal(
        id=i,
        source=Source.IM,
        external_id=f"im-{i}",
        kind=Kind.INCIDENT,
        created_at=T0 + timedelta(minutes=i),
        text=text,
        **fields,  # type: ignore[arg-type]
    )


@pytest.fixture
def cache(tmp_path: Path) -> Cache:
    c = Cache.open(tmp_path / "cache.sqlite")
    CacheWriter(c.engine).upsert_newer(
        incident(i, text, address="ул. Пролетарская" if i == 8 else "") for i, text in TEXTS.items()
    )
    yield c
    c.close()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("склад", [2, 1]),  # «склад» finds «складе» and «склады», newest first
        ("складов", [2, 1]),
        ("СКЛАДЕ", [2, 1]),
        ("елка", [3]),  # ё folded to е
        ("ёлки", [3]),
        ("дороги", [5, 4]),
        ("дорогой", [5, 4]),
        ("отопление", [6]),
        ("школы 12", [6]),
        ("посёлка", [5]),
        # A fleeting vowel (посёлок → посёлке) changed the Snowball stem; lemmas agree.
        ("поселок", [5]),
        ("посёлке", [5]),
        ("bus", [7]),
        ("автобусы", [8]),
        ("пролетарской", [8, 2]),  # address is indexed too
        ("склад -мусор", [1]),
        ('"завалены мусором"', [2]),
        ('"мусором завалены"', []),
        ("скла*", [2, 1]),
        ("скла", [2, 1]),  # the last word typed, not a word yet: a prefix
        ("склад*", [2, 1]),
        ("склад дорога", []),
        # a participle that is also an adjective keeps the adjective only
        ("текла", [9]),
        ("текущего", [10, 9]),
        ("разбитую", [4]),
    ],
)
def test_russian_word_forms(cache: Cache, query: str, expected: list[int]) -> None:
    assert cache.appeals.search(query) == expected


def test_search_syntax_cannot_break_the_query(cache: Cache) -> None:
    for nasty in ('"', "AND OR NOT", "NEAR(", "*", "-", "(склад", "склад)", "^склад", "col:склад"):
        cache.appeals.search(nasty)  # no exception
    assert fts_query("   ") is None
    assert fts_query("-склад") is None  # only exclusions: nothing to search for
    assert cache.appeals.search("") == []


def test_index_follows_updates_and_deletes(cache: Cache) -> None:
    old = cache.appeals.get(1)
    assert old is not None
    CacheWriter(cache.engine).upsert_newer([replace(old, version=2, text="Фонарь не горит")])
    assert cache.appeals.search("склад") == [2]
    assert cache.appeals.search("фонари") == [1]
    # a status-only change keeps the text indexed (the guarded trigger does not fire)
    CacheWriter(cache.engine).upsert_newer(
        [replace(old, version=3, text="Фонарь не горит", status=Status.ROUTED)]
    )
    assert cache.appeals.search("фонарь") == [1]
    CacheWriter(cache.engine).remove([1])
    assert cache.appeals.search("фонарь") == []
    assert cache.appeals.search_count("склад") == 1


def test_search_pages_and_filters(cache: Cache) -> None:
    assert cache.appeals.search("склад", limit=1) == [2]
    assert cache.appeals.search("склад", before_id=2) == [1]
    assert cache.appeals.search("склад", flt=QueueFilter(ids=(1,))) == [1]


def test_an_index_built_by_another_lemmatizer_is_rebuilt_on_open(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    with Cache.open(path) as c:
        assert c.get_state("fts.stemmer") == index_id()
        CacheWriter(c.engine).upsert_newer(
            [
                Appeal(
                    id=1,
                    source=Source.POS,
                    external_id="p1",
                    kind=Kind.MESSAGE,
                    created_at=T0,
                    text="Складе",
                )
            ]
        )
        with c.engine.begin() as conn:  # as an older build left it: other tokens
            conn.exec_driver_sql("INSERT INTO appeals_fts(appeals_fts) VALUES ('delete-all')")
            conn.exec_driver_sql("INSERT INTO appeals_fts(rowid, body) VALUES (1, 'скл')")
        c.set_state("fts.stemmer", "pymorphy3:0.0:older-dictionaries:1")
        assert c.appeals.search("склады") == []
    with Cache.open(path) as c:
        assert c.get_state("fts.stemmer") == index_id()
        assert c.appeals.search("склады") == [1]


def test_index_text_is_case_and_yo_insensitive() -> None:
    assert index_text(1, "", "ЁЛКИ", "Ёлка ёлкой", None) == index_text(
        1, "", "елки", "елка елкой", ""
    )
    assert index_text(None, None, None, None, None) == "ǀ"
    assert index_text(None, None, None, "дом 12а", None).startswith("дом 12а ǀ")


def test_a_cache_indexed_by_snowball_is_migrated_and_reindexed_by_lemma(tmp_path: Path) -> None:
    from cur_desktop.cache.db import create_cache_engine
    from cur_desktop.cache.migrate import upgrade

    path = tmp_path / "old.sqlite"
    engine = create_cache_engine(path)
    upgrade(engine, "0003")  # the stemmer's triggers
    with engine.begin() as conn:  # the columns of that revision only
        conn.exec_driver_sql(
            "INSERT INTO appeals (id, version, source, external_id, kind, status, is_open, "
            "importance, text, created_at) VALUES (7, 1, 'im', 'im-9102891', 'incident', "
            "'new', 1, 'normal', 'Затопило подвале, течёт с потолка', 0)"
        )
        assert (
            conn.exec_driver_sql(
                "SELECT count(*) FROM appeals_fts WHERE appeals_fts MATCH 'подвал'"
            ).scalar_one()
            == 1
        )  # a Snowball stem (the stem of «подвал» itself is «подва»)
    engine.dispose()
    with Cache.open(path) as c:
        assert c.get_state("fts.stemmer") == index_id()
        for query in ("подвал", "текло", "im-9102891", "№ 7"):
            assert c.appeals.search(query) == [7], query
        CacheWriter(c.engine).upsert_newer(  # the new triggers follow the source number
            [replace(c.appeals.get(7), version=2, external_id="im-1234567")]  # type: ignore[arg-type]
        )
        assert c.appeals.search("im-1234567") == [7]
        assert c.appeals.search("im-9102891") == []


def test_related_appeals_match_titles_by_lemma(tmp_path: Path) -> None:
    from cur_desktop.cache.queries.related import Relation, related_appeals

    with Cache.open(tmp_path / "c.sqlite") as c:
        titles = {1: "Протечка в подвале", 2: "Протечки в подвалах дома", 3: "Подвал сухой"}
        CacheWriter(c.engine).upsert_newer(incident(i, title=t) for i, t in titles.items())
        first = c.appeals.get(1)
        assert first is not None
        similar = [
            r.appeal_id
            for r in related_appeals(c.engine, first, personal=True)
            if r.relation is Relation.SIMILAR_TEXT
        ]
        assert similar == [2]


def test_index_text_is_the_same_in_every_process() -> None:
    """A contentless index deletes a row by re-reading its tokens: their order must not
    depend on the process (Python's string hashes are seeded per process)."""
    import os
    import subprocess
    import sys

    code = (
        "from cur_desktop.cache.search import index_text;"
        "print(index_text(5, 'im-77', 'Ямы у дома', 'Дома ямы, света нет, газа нет, "
        "детской площадки нет', 'ул. Мира', 'Иванова Мария', '+7 903 000-00-00'))"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
        ).stdout
        for seed in (1, 2, 3)
    }
    assert len(outputs) == 1
