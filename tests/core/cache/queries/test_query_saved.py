"""Saved queues: stored per owner in the order they were made, unique names per owner,
deleted by id, and a row a newer or broken build left unreadable is skipped."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import orjson
import pytest

from cur_desktop.cache import Cache
from cur_desktop.cache.queries.filters import FilterValues
from cur_desktop.cache.queries.saved import (
    DuplicateNameError,
    delete_saved,
    list_saved,
    save_queue,
)


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[Cache]:
    with Cache.open(tmp_path / "cache.sqlite") as opened:
        yield opened


def test_saved_queues_come_back_in_the_order_they_were_saved(cache: Cache) -> None:
    pits = FilterValues(text="яма", municipality="70701000", date_from=date(2026, 11, 1))
    first = save_queue(cache.engine, "operator03", "Ямы в Туле", "open", pits)
    second = save_queue(cache.engine, "operator03", "Срочные", "risk", FilterValues(overdue=True))
    saved = list_saved(cache.engine, "operator03")
    assert [(s.id, s.name, s.base, s.position) for s in saved] == [
        (first, "Ямы в Туле", "open", 0),
        (second, "Срочные", "risk", 1),
    ]
    assert saved[0].filters == pits
    assert saved[0].key == f"saved:{first}"
    assert list_saved(cache.engine, "operator04") == []


def test_names_are_unique_per_owner(cache: Cache) -> None:
    save_queue(cache.engine, "operator03", "Мои", "open", FilterValues(text="двор"))
    with pytest.raises(DuplicateNameError):
        save_queue(cache.engine, "operator03", "Мои", "new", FilterValues())
    other = save_queue(cache.engine, "local", "Мои", "open", FilterValues())
    assert [s.id for s in list_saved(cache.engine, "local")] == [other]
    assert len(list_saved(cache.engine, "operator03")) == 1


def test_a_deleted_queue_is_gone_and_the_next_goes_to_the_end(cache: Cache) -> None:
    first = save_queue(cache.engine, "local", "Один", "open", FilterValues())
    second = save_queue(cache.engine, "local", "Два", "open", FilterValues())
    delete_saved(cache.engine, first)
    third = save_queue(cache.engine, "local", "Три", "open", FilterValues())
    saved = list_saved(cache.engine, "local")
    assert [s.id for s in saved] == [second, third]
    assert saved[-1].position == 2


def test_an_unreadable_row_is_skipped(cache: Cache) -> None:
    kept = save_queue(cache.engine, "local", "Хороший", "open", FilterValues(text="свет"))
    rows = [
        ("Сломанный", "{not json"),
        ("Список", orjson.dumps([1, 2]).decode()),
        ("Дата", orjson.dumps({"base": "open", "filters": {"date_from": "вчера"}}).decode()),
    ]
    with cache.engine.begin() as conn:
        for n, (name, query) in enumerate(rows, start=5):
            conn.exec_driver_sql(
                "INSERT INTO saved_queries (owner, name, query, position, created_at) "
                "VALUES ('local', ?, ?, ?, 0)",
                (name, query, n),
            )
    assert [s.id for s in list_saved(cache.engine, "local")] == [kept]


def test_a_row_without_a_base_narrows_the_open_queue(cache: Cache) -> None:
    with cache.engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO saved_queries (owner, name, query, position, created_at) "
            "VALUES ('local', 'Старый', ?, 0, 0)",
            (orjson.dumps({"version": 1, "filters": {"theme": "roads", "new": 1}}).decode(),),
        )
    (saved,) = list_saved(cache.engine, "local")
    assert (saved.base, saved.filters) == ("open", FilterValues(theme="roads"))
