"""The problem clusters' kept work (issue 16): lemmas per appeal and the last clustering.

What a call reuses must be what it would compute afresh (``reuse=False``), and must
not outlive the data it was made from: a changed text, a new appeal.
"""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
import pytest
from sqlalchemy import text

from cur_desktop.cache import Cache
from cur_desktop.demo.problems import generate_with_problems
from cur_desktop.problems import clusters
from cur_desktop.problems.clusters import Problem, problems_in_cache
from cur_desktop.text.lemmas import lemma_text, lemmatizer_id

NOW = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("reuse") / "cache.sqlite"
    generate_with_problems(path, 2500, 7, NOW)
    return path


@pytest.fixture
def cache(generated: Path, tmp_path: Path) -> Any:
    path = tmp_path / "cache.sqlite"
    shutil.copy(generated, path)
    with Cache.open(path) as opened:
        yield opened


def fresh(cache: Cache) -> list[Problem]:
    return problems_in_cache(cache.engine, NOW, reuse=False)


def truth(cache: Cache) -> dict[str, list[int]]:
    found: dict[str, list[int]] = orjson.loads(cache.get_state("demo.problems") or "{}")
    return found


def count(cache: Cache, sql: str) -> int:
    with cache.engine.connect() as conn:
        return int(conn.execute(text(sql)).scalar() or 0)


class Counting:
    """Wraps :func:`clusters.cluster` to count the clusterings actually done."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls = 0
        self._cluster = clusters.cluster
        monkeypatch.setattr(clusters, "cluster", self)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self.calls += 1
        return self._cluster(*args, **kwargs)


def test_kept_and_reused_results_equal_fresh_ones(
    cache: Cache, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = fresh(cache)
    assert expected
    assert count(cache, "SELECT count(*) FROM appeal_lemmas") == 0  # reuse=False keeps nothing
    counting = Counting(monkeypatch)
    first = problems_in_cache(cache.engine, NOW)
    assert first == expected
    assert counting.calls == 1
    window = count(
        cache,
        f"SELECT count(*) FROM appeals WHERE created_at >= {NOW.timestamp() - 60 * 86400} "
        "AND merged_into IS NULL",
    )
    assert count(cache, "SELECT count(*) FROM appeal_lemmas") == window
    with cache.engine.connect() as conn:
        row = conn.execute(text("SELECT title, text, lemmas FROM appeals JOIN appeal_lemmas "
                                "ON appeal_id = id LIMIT 1")).one()  # fmt: skip
    assert row.lemmas == lemma_text(" ".join(p for p in (row.title, row.text) if p))
    second = problems_in_cache(cache.engine, NOW)
    assert second == expected
    assert counting.calls == 1  # the kept clustering, not a new one
    # another hour, same rows in the window: the same clusters, the weeks counted anew
    later = NOW.replace(hour=20)
    assert problems_in_cache(cache.engine, later) == problems_in_cache(
        cache.engine, later, reuse=False
    )


def test_a_changed_text_is_lemmatised_and_clustered_again(
    cache: Cache, monkeypatch: pytest.MonkeyPatch
) -> None:
    problems_in_cache(cache.engine, NOW)
    scooters = truth(cache)["other:scooters"]
    moved = scooters[0]
    with cache.engine.begin() as conn:
        conn.execute(
            text("UPDATE appeals SET title = 'Яма', text = :t, version = version + 1 "
                 "WHERE id = :id"),
            {"t": "Глубокая яма на проезжей части у остановки, машины бьют колёса", "id": moved},
        )  # fmt: skip
        conn.execute(text("UPDATE appeals SET status = status WHERE id = :id"), {"id": scooters[1]})
    # the trigger dropped the changed text's lemmas only
    assert count(cache, f"SELECT count(*) FROM appeal_lemmas WHERE appeal_id = {moved}") == 0
    assert count(cache, f"SELECT count(*) FROM appeal_lemmas WHERE appeal_id = {scooters[1]}") == 1
    counting = Counting(monkeypatch)
    found = problems_in_cache(cache.engine, NOW)
    assert counting.calls == 1
    assert found == fresh(cache)
    group = next(p for p in found if scooters[1] in p.appeal_ids)
    assert moved not in group.appeal_ids
    with cache.engine.connect() as conn:
        kept = conn.execute(
            text(f"SELECT lemmas FROM appeal_lemmas WHERE appeal_id = {moved}")
        ).scalar()
    assert kept is not None
    assert "яма" in kept.split()


def test_a_new_appeal_joins_its_problem(cache: Cache, monkeypatch: pytest.MonkeyPatch) -> None:
    problems_in_cache(cache.engine, NOW)
    water = next(ids for label, ids in truth(cache).items() if label.startswith("water"))
    with cache.engine.begin() as conn:
        top = int(conn.execute(text("SELECT max(id) FROM appeals")).scalar() or 0)
        columns = [r[1] for r in conn.execute(text("PRAGMA table_info(appeals)"))]
        moved = {"id": str(top + 1), "external_id": "external_id || '~new'"}
        select = ", ".join(moved.get(c, c) for c in columns)
        conn.execute(
            text(f"INSERT INTO appeals ({', '.join(columns)}) SELECT {select} FROM appeals "
                 f"WHERE id = {water[-1]}")
        )  # fmt: skip
    counting = Counting(monkeypatch)
    found = problems_in_cache(cache.engine, NOW)
    assert counting.calls == 1
    assert found == fresh(cache)
    assert any(top + 1 in p.appeal_ids and water[0] in p.appeal_ids for p in found)
    assert count(cache, f"SELECT count(*) FROM appeal_lemmas WHERE appeal_id = {top + 1}") == 1


def test_lemmas_of_another_lemmatizer_or_of_a_text_changed_meanwhile_are_not_used(
    cache: Cache,
) -> None:
    expected = fresh(cache)
    with cache.engine.begin() as conn:
        ids = [int(i) for i in conn.execute(text("SELECT id FROM appeals LIMIT 50")).scalars()]
        conn.execute(
            text("INSERT INTO appeal_lemmas VALUES (:id, 'other-dictionaries', 'чепуха')"),
            [{"id": i} for i in ids],
        )
    assert problems_in_cache(cache.engine, NOW) == expected
    assert count(cache, "SELECT count(*) FROM appeal_lemmas WHERE lemmas = 'чепуха'") == 0
    # lemmas made from a text the sync has replaced since it was read are not kept
    with cache.engine.connect() as conn:
        row = conn.execute(text(f"SELECT id, title, text FROM appeals WHERE id = {ids[0]}")).one()
    with cache.engine.begin() as conn:
        conn.execute(text(f"UPDATE appeals SET text = 'другое' WHERE id = {ids[0]}"))
    clusters._keep(
        cache.engine, lemmatizer_id(), [(row.id, "старое", row.title, row.text)], None, []
    )
    assert count(cache, f"SELECT count(*) FROM appeal_lemmas WHERE appeal_id = {ids[0]}") == 0


def test_deleted_appeals_take_their_lemmas_along(cache: Cache) -> None:
    problems_in_cache(cache.engine, NOW)
    with cache.engine.connect() as conn:
        some = int(conn.execute(text("SELECT appeal_id FROM appeal_lemmas LIMIT 1")).scalar() or 0)
    with cache.engine.begin() as conn:
        conn.execute(text(f"DELETE FROM appeals WHERE id = {some}"))
    assert count(cache, f"SELECT count(*) FROM appeal_lemmas WHERE appeal_id = {some}") == 0
