"""A first load's search index built after its rows: deferred while pages come, whole with
the cursor, restored by any writer that finds it deferred with no first load to finish."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from sqlalchemy import text

from cur_desktop.cache import Cache, deferred_index
from cur_desktop.sync.writer import CacheWriter, PageRows
from tests.sync.test_sync_writer import appeal

SNAP = {"sync.snapshot.id": "s1", "sync.snapshot.last_id": "0", "sync.snapshot.mode": "bulk"}


def triggers(cache: Cache) -> set[str]:
    with cache.engine.connect() as conn:
        sql = "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'appeals_fts%'"
        return {str(n) for n in conn.execute(text(sql)).scalars()}


def hits(cache: Cache, word: str) -> list[int]:
    with cache.engine.connect() as conn:
        sql = "SELECT rowid FROM appeals_fts WHERE appeals_fts MATCH :m ORDER BY rowid"
        return [int(i) for i in conn.execute(text(sql), {"m": word}).scalars()]


def page(first: int, last: int) -> PageRows:
    return PageRows.of((appeal(i), []) for i in range(first, last + 1))


def test_pages_defer_the_index_and_the_last_page_restores_it(tmp_path: Path) -> None:
    cache = Cache.open(tmp_path / "c.sqlite")
    writer = CacheWriter(cache.engine)
    writer.put_state(SNAP)
    writer.snapshot_page(page(1, 50), bulk=True, sweep=None, state={"sync.snapshot.last_id": "50"})
    assert triggers(cache) == set()
    assert cache.get_state(deferred_index.DEFERRED) is not None
    assert hits(cache, "яма") == []  # not indexed yet, and no cursor: not a whole cache
    # an action's answer mid-load updates and inserts appeals without the triggers
    assert writer.upsert_newer([replace(appeal(3), version=2, text="снег во дворе"), appeal(90)])
    assert writer.remove([4]) == 1
    last = {"sync.snapshot.id": None, "sync.snapshot.last_id": None, "sync.cursor": "7"}
    writer.snapshot_page(page(51, 60), bulk=True, sweep=None, state=last)
    assert triggers(cache) == set(deferred_index.TRIGGERS)
    assert cache.get_state(deferred_index.DEFERRED) is None
    expected = [i for i in [*range(1, 61), 90] if i not in (3, 4)]
    assert hits(cache, "яма") == expected
    assert hits(cache, "снег") == [3]
    # the triggers work again
    writer.remove([5])
    writer.upsert_newer([appeal(91)])
    assert hits(cache, "яма") == [i for i in [*expected, 91] if i != 5]
    cache.close()


def test_an_abandoned_first_load_is_indexed_when_the_cache_opens(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    cache = Cache.open(path)
    writer = CacheWriter(cache.engine)
    writer.put_state(SNAP)
    writer.snapshot_page(page(1, 20), bulk=True, sweep=None, state={"sync.snapshot.last_id": "20"})
    cache.close()
    again = Cache.open(path)  # a bulk snapshot still to finish: stays deferred
    assert triggers(again) == set()
    CacheWriter(again.engine).put_state({"sync.snapshot.id": None})
    again.close()
    third = Cache.open(path)  # no first load left to finish it: indexed now
    assert triggers(third) == set(deferred_index.TRIGGERS)
    assert hits(third, "яма") == list(range(1, 21))
    third.close()


def test_a_reset_restores_the_index(tmp_path: Path) -> None:
    cache = Cache.open(tmp_path / "c.sqlite")
    writer = CacheWriter(cache.engine)
    writer.put_state(SNAP)
    writer.snapshot_page(page(1, 20), bulk=True, sweep=None, state={"sync.snapshot.last_id": "20"})
    writer.reset({"sync.snapshot.id": None}, wipe=True)
    assert triggers(cache) == set(deferred_index.TRIGGERS)
    writer.upsert_newer([appeal(7)])
    assert hits(cache, "яма") == [7]
    cache.close()
