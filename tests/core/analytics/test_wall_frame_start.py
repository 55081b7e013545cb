"""The wall's restart: the columns file beside the cache, brought up to date and
checked against the cache, gives the frame a full read of the cache gives."""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from typing import Any

import pandas as pd
import pytest

from cur_desktop.analytics import compute_wall_data, load_wall_frame
from cur_desktop.analytics import wall_frame as frame_module
from cur_desktop.analytics.wall_frame import CODE_COLUMNS, REACTION_COLUMN, columns_path
from cur_desktop.cache import Cache
from cur_desktop.domain.enums import Status
from cur_desktop.sync.writer import CacheWriter
from tests.core.analytics.small_dataset import NOW, dataset, make


def _same_frame(left: pd.DataFrame, right: pd.DataFrame) -> None:
    def canonical(frame: pd.DataFrame) -> pd.DataFrame:
        codes = dict.fromkeys((*CODE_COLUMNS, REACTION_COLUMN), object)
        return frame.sort_values("id").reset_index(drop=True).astype(codes)

    pd.testing.assert_frame_equal(canonical(left), canonical(right), check_dtype=False)


@pytest.fixture
def full_reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the reads of every row (the slow start the file spares)."""
    calls: list[int] = []
    real = frame_module._load_all

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(frame_module, "_load_all", counted)
    return calls


def test_a_restart_reads_the_file_and_only_what_changed(
    small_cache: Cache, tiny_context: Any, full_reads: list[int]
) -> None:
    first = load_wall_frame(small_cache, now=NOW)
    assert full_reads == [1]
    assert columns_path(small_cache).is_file()
    assert first.saved_at == NOW
    # the sync writes while the wall is off: a changed appeal, a new one
    changed = dataclasses.replace(
        dataset()[1], version=2, status=Status.ANSWERED, updated_at=NOW + timedelta(minutes=5)
    )
    added = make(500, NOW, theme="roads", updated_at=NOW + timedelta(minutes=6))
    CacheWriter(small_cache.engine).upsert_newer([changed, added])

    later = NOW + timedelta(minutes=7)
    restarted = load_wall_frame(small_cache, now=later)
    assert full_reads == [1]  # no second read of every row
    whole = load_wall_frame(small_cache, now=later, keep_columns=False)
    _same_frame(restarted.appeals, whole.appeals)
    assert (restarted.max_id, restarted.row_count) == (whole.max_id, whole.row_count)
    assert restarted.ticker == whole.ticker
    assert compute_wall_data(restarted, context=tiny_context, now=later) == compute_wall_data(
        whole, context=tiny_context, now=later
    )


def test_a_restart_masks_only_ticker_rows_changed_since(
    small_cache: Cache, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = load_wall_frame(small_cache, now=NOW)
    masked: list[int] = []
    real = frame_module.mask_ticker_rows

    def counted(rows: Any) -> Any:
        items = real(rows)
        masked.extend(item.appeal_id for item in items)
        return items

    monkeypatch.setattr(frame_module, "mask_ticker_rows", counted)
    restarted = load_wall_frame(small_cache, now=NOW)
    assert masked == []  # the file's masked items are the rows' own: no name model run
    assert restarted.ticker == first.ticker
    newest = first.ticker[0].appeal_id
    appeal = next(a for a in dataset() if a.id == newest)
    answered = dataclasses.replace(
        appeal, version=2, status=Status.ANSWERED, updated_at=NOW + timedelta(minutes=1)
    )
    CacheWriter(small_cache.engine).upsert_newer([answered])
    again = load_wall_frame(small_cache, now=NOW + timedelta(minutes=2))
    assert masked == []  # a status change: the same words, the same masked line
    assert again.ticker == first.ticker
    edited = dataclasses.replace(
        answered, version=3, text="Яма снова открылась", updated_at=NOW + timedelta(minutes=3)
    )
    CacheWriter(small_cache.engine).upsert_newer([edited])
    later = load_wall_frame(small_cache, now=NOW + timedelta(minutes=4))
    assert masked == [newest]
    assert "снова" in later.ticker[0].text


def test_a_file_that_misses_a_change_is_not_trusted(
    small_cache: Cache, full_reads: list[int]
) -> None:
    load_wall_frame(small_cache, now=NOW)
    # one appeal removed and one added: the row count is the same, the ids are not
    writer = CacheWriter(small_cache.engine)
    writer.remove([dataset()[0].id])
    writer.upsert_newer([make(600, NOW - timedelta(days=400), theme="roads")])
    restarted = load_wall_frame(small_cache, now=NOW)
    assert full_reads == [1, 1]
    whole = load_wall_frame(small_cache, now=NOW, keep_columns=False)
    _same_frame(restarted.appeals, whole.appeals)


def test_a_damaged_file_is_read_past_and_written_again(
    small_cache: Cache, full_reads: list[int]
) -> None:
    load_wall_frame(small_cache, now=NOW)
    path = columns_path(small_cache)
    path.write_bytes(path.read_bytes()[:100])
    restarted = load_wall_frame(small_cache, now=NOW)
    assert full_reads == [1, 1]
    whole = load_wall_frame(small_cache, now=NOW, keep_columns=False)
    _same_frame(restarted.appeals, whole.appeals)
    assert load_wall_frame(small_cache, now=NOW).row_count == restarted.row_count
    assert full_reads == [1, 1, 1]  # the keep_columns=False read; the file was good again
