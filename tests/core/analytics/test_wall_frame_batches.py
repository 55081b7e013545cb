"""Sync batches written into the wall's columns in place give the frame read from scratch.

The refresh writes a batch's rows into the frame's arrays (``frame_store``): changed
appeals overwritten, new ones appended into spare room, merged and removed ones
replaced by the last row. After any sequence of batches the frame must hold exactly
the rows a full read gives, and every aggregate of the wall must be the same.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from cur_desktop.analytics import (
    compute_wall_data,
    frame_store,
    load_wall_frame,
    refresh_wall_frame,
    wall_context,
)
from cur_desktop.analytics import wall_frame as frame_module
from cur_desktop.analytics.frame_store import FrameStore
from cur_desktop.cache import Cache
from cur_desktop.domain.appeal import Appeal, evolve
from cur_desktop.domain.enums import Status
from cur_desktop.regions import builtin_pack_dir, load_pack
from cur_desktop.sync.writer import CacheWriter
from tests.support.caches import generated_cache, private_copy

DEMO_NOW = datetime.fromisoformat("2026-03-11T09:00:00+00:00")


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generated_cache(tmp_path_factory, "wall-batches", 3000, 19, DEMO_NOW)


@pytest.fixture
def demo(demo_path: Path, tmp_path: Path) -> Iterator[Cache]:
    with private_copy(demo_path, tmp_path) as cache:
        yield cache


def canonical(df: pd.DataFrame) -> pd.DataFrame:
    """The rows by id, code columns as plain values (their category order is not data)."""
    out = df.sort_values("id", kind="stable").reset_index(drop=True)
    for name in frame_module.CATEGORICAL:
        out[name] = out[name].astype(object).where(out[name].notna(), None)
    return out


def _batch(
    cache: Cache, rnd: random.Random, at: datetime, step: int, size: int
) -> tuple[list[int], list[int]]:
    """Write one batch like a sync's: changed, new, merged appeals and a removal.
    Returns (ids written, ids removed)."""
    picked = rnd.sample(_unmerged_ids(cache), size)
    appeals = [a for a in cache.appeals.get_many(picked) if a is not None]
    statuses = [Status.IN_PROGRESS, Status.ANSWERED, Status.CLOSED, Status.REOPENED]
    changed: list[Appeal] = []
    for k, a in enumerate(appeals[:-2]):
        status = statuses[(k + step) % len(statuses)]
        values: dict[str, Any] = {"version": a.version + 1, "status": status, "updated_at": at}
        if status is Status.CLOSED:
            values |= {"answered_at": at, "closed_at": at, "satisfaction_rating": 1 + k % 5}
        if k % 7 == 0:  # a code no frame has seen yet, in some batches
            values["theme"] = f"theme-new-{step}"
        changed.append(evolve(a, values))
    # one appeal merged into another (it must leave the frame)
    merged = evolve(appeals[-2], {"version": appeals[-2].version + 1, "merged_into": picked[0],
                                  "updated_at": at})  # fmt: skip
    top = cache.appeals.max_id()
    new = [
        evolve(a, {"id": top + i + 1, "external_id": f"batch-{top + i + 1}", "created_at": at,
                   "updated_at": at, "status": Status.NEW})
        for i, a in enumerate(appeals[: size // 2])
    ]  # fmt: skip
    CacheWriter(cache.engine).upsert_newer([*changed, merged, *new])
    removed = [appeals[-1].id]  # pruned, and reported by the sync engine
    CacheWriter(cache.engine).remove(removed)
    return [a.id for a in (*changed, merged, *new)], removed


def _unmerged_ids(cache: Cache) -> list[int]:
    with cache.engine.connect() as conn:
        rows = conn.exec_driver_sql("SELECT id FROM appeals WHERE merged_into IS NULL").all()
    return sorted(int(r[0]) for r in rows)


def test_a_sequence_of_batches_gives_the_frame_read_from_scratch(
    demo: Cache, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(frame_store, "MIN_SPARE", 64)  # spare room: an eighth of the rows
    context = wall_context(demo, load_pack(builtin_pack_dir()))
    frame = load_wall_frame(demo, now=DEMO_NOW, keep_columns=False)
    assert frame.store is not None
    capacity = frame.store.capacity
    rnd = random.Random(19)
    at = DEMO_NOW
    with caplog.at_level("INFO", logger="cur_desktop.analytics.wall_frame"):
        for step in range(6):
            at += timedelta(minutes=1)
            size = 900 if step == 3 else 40  # one batch larger than the spare room
            written, removed = _batch(demo, rnd, at, step, size)
            told = step != 4  # one batch found by the scan, as after another process wrote
            frame = refresh_wall_frame(
                demo,
                frame,
                now=at,
                changed_ids=written if told else None,
                removed_ids=removed,
            )
    assert "reloading" not in caplog.text  # every batch went in place
    assert frame.store is not None
    assert frame.store.capacity > capacity
    scratch = load_wall_frame(demo, now=at, keep_columns=False)
    pd.testing.assert_frame_equal(canonical(frame.appeals), canonical(scratch.appeals))
    assert (frame.max_id, frame.row_count) == (scratch.max_id, scratch.row_count)
    assert frame.max_updated == scratch.max_updated
    assert frame.ticker == scratch.ticker
    incremental = compute_wall_data(frame, context=context, now=at)
    whole = compute_wall_data(scratch, context=context, now=at)
    assert incremental == whole


def test_a_frame_refreshed_twice_is_read_again(demo: Cache) -> None:
    """The refresh takes the frame's columns over: the old frame must not be refreshed
    again from its (since updated) arrays; it is read whole instead, and right."""
    frame = load_wall_frame(demo, now=DEMO_NOW, keep_columns=False)
    at = DEMO_NOW + timedelta(minutes=1)
    written, removed = _batch(demo, random.Random(3), at, 0, 20)
    first = refresh_wall_frame(demo, frame, now=at, changed_ids=written, removed_ids=removed)
    again = refresh_wall_frame(demo, frame, now=at, changed_ids=written, removed_ids=removed)
    assert again.store is not first.store
    pd.testing.assert_frame_equal(canonical(first.appeals), canonical(again.appeals))


def test_the_frame_views_the_store_and_cannot_be_written_through(demo: Cache) -> None:
    frame = load_wall_frame(demo, now=DEMO_NOW, keep_columns=False)
    assert frame.store is not None
    ids = frame.appeals["id"].to_numpy()
    assert not ids.flags.writeable
    with pytest.raises(ValueError, match="read-only"):
        frame.appeals.loc[0, "satisfaction_rating"] = 5.0


def test_store_sparse_ids_growth_and_removal() -> None:
    """Ids far beyond the rows go to the dict index; growth keeps every row."""
    base = pd.DataFrame(
        {
            "id": np.array([1, 2, 3], dtype=np.int64),
            "code": pd.Categorical(["a", None, "b"]),
            "x": np.array([0.5, np.nan, 2.0]),
        }
    )
    store = FrameStore.from_frame(base, categorical=frozenset({"code"}), integers=frozenset({"id"}))
    far = 10**12
    many = [(far + i, "c" if i % 2 else None, float(i)) for i in range(store.capacity + 5)]
    store.apply([(2, "z", 7.0), *many], [1])
    frame = store.frame()
    assert len(frame) == 2 + len(many)
    assert store.rows_of([1, 2, 3, far, far + 4, 99]).tolist()[0] == -1
    assert store.rows_of([99]).tolist() == [-1]
    by_id = frame.set_index("id")
    assert by_id.loc[2, "code"] == "z"
    assert by_id.loc[2, "x"] == 7.0
    assert by_id.loc[3, "code"] == "b"
    assert by_id.loc[far + 3, "code"] == "c"
    assert pd.isna(by_id.loc[far + 4, "code"])
    assert by_id.loc[far + 4, "x"] == 4.0
    store.apply([], [far, 3])
    assert sorted(store.frame()["id"].tolist()) == sorted(
        [2, *(far + i for i in range(1, len(many)))]
    )
    rows = store.rows_of(store.frame()["id"].tolist())
    assert rows.tolist() == list(range(store.rows))  # the index follows every move


def test_store_ids_once_too_far_are_found_when_the_dense_index_grows(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(frame_store, "MIN_SPARE", 2)
    monkeypatch.setattr(frame_store, "DENSE_FACTOR", 1)
    monkeypatch.setattr(frame_store, "DENSE_SLACK", 0)
    base = pd.DataFrame({"id": np.array([1, 2, 3], dtype=np.int64), "x": np.zeros(3)})
    store = FrameStore.from_frame(base, categorical=frozenset(), integers=frozenset({"id"}))
    store.apply([(7, 7.0), (8, 8.0)], [])  # beyond the dense index's limit: the dict
    store.apply([(i, float(i)) for i in range(20, 30)], [])  # grows the arrays and the index
    ids = [1, 2, 3, 7, 8, *range(20, 30)]
    rows = store.rows_of(ids)
    assert (rows >= 0).all()
    frame = store.frame()
    assert frame["id"].to_numpy()[rows].tolist() == ids
    assert frame["x"].to_numpy()[rows].tolist() == [0.0, 0.0, 0.0, *map(float, ids[3:])]
