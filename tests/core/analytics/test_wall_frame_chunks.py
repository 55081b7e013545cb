"""The wall's first read, converted a chunk of rows at a time, is the frame read whole."""

from __future__ import annotations

import pandas as pd
import pytest

from cur_desktop.analytics import compute_wall_data, load_wall_frame
from cur_desktop.analytics import wall_frame as frame_module
from cur_desktop.analytics.wall_frame import CODE_COLUMNS, REACTION_COLUMN
from cur_desktop.cache import Cache
from tests.core.analytics.small_dataset import NOW


@pytest.mark.parametrize("chunk", [1, 7, 1000])
def test_a_frame_read_in_chunks_is_the_frame_read_whole(
    small_cache: Cache, tiny_context, monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    whole = load_wall_frame(small_cache, now=NOW)
    assert len(whole) > 7  # several chunks of 7 rows, one row per chunk of 1
    monkeypatch.setattr(frame_module, "CHUNK_ROWS", chunk)
    chunked = load_wall_frame(small_cache, now=NOW, keep_columns=False)
    for name in (*CODE_COLUMNS, REACTION_COLUMN):
        # codes stay categorical across chunks that saw different codes
        assert isinstance(chunked.appeals[name].dtype, pd.CategoricalDtype), name
    pd.testing.assert_frame_equal(
        chunked.appeals.astype(object), whole.appeals.astype(object), check_dtype=False
    )
    assert (chunked.max_id, chunked.row_count, chunked.max_updated) == (
        whole.max_id,
        whole.row_count,
        whole.max_updated,
    )
    assert compute_wall_data(chunked, context=tiny_context, now=NOW) == compute_wall_data(
        whole, context=tiny_context, now=NOW
    )
