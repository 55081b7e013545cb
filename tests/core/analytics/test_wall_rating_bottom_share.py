"""The red zone's bottom share is the methodology's share of the rated, rounded up, exactly.

Fifty bodies, two appeals each, in a real cache file; each body reacts half an hour
slower than the one before, so the ranking is known by hand.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from cur_desktop.analytics import WallContext, compute_wall_data, load_wall_frame
from cur_desktop.cache import Cache
from cur_desktop.sync.writer import CacheWriter
from tests.core.analytics.small_dataset import NOW, D, H, make

BODIES = 50


def _appeals() -> list:
    appeals = []
    for j in range(BODIES):
        for k in range(2):
            created = NOW - 2 * D - k * H
            appeals.append(
                make(
                    1 + 2 * j + k,
                    created,
                    body=f"test-body-{j:02d}",
                    first_reaction_at=created + j * 0.5 * H,
                )
            )
    return appeals


@pytest.mark.parametrize(("share", "red"), [(0.14, 7), (0.1, 5), (0.28, 14), (0.0, 0)])
def test_bottom_share_of_fifty_rated(
    tmp_path: Path, tiny_context: WallContext, share: float, red: int
) -> None:
    method = replace(tiny_context.methodology, red_below=0.0, yellow_below=0.0)
    context = replace(tiny_context, methodology=replace(method, red_bottom_share=share))
    with Cache.open(tmp_path / "wall.sqlite") as cache:
        CacheWriter(cache.engine).bulk_load(_appeals())
        frame = load_wall_frame(cache, now=NOW)
    data = compute_wall_data(frame, context=context, now=NOW)
    rated = [r for r in data.body_rating.rows if r.code.startswith("test-body-")]
    assert len(rated) == BODIES
    assert all(r.score is not None for r in rated)
    # quantity 100 and speed 100 × (1 − j/2 h / 48 h): body j ranks j-th
    assert [r.code for r in rated] == [f"test-body-{j:02d}" for j in range(BODIES)]
    # 14 % of 50 is 7 (50 × 0.14 is 7.000000000000001 in binary floating point)
    expected = [f"test-body-{j:02d}" for j in range(BODIES - red, BODIES)]
    assert [r.code for r in data.body_rating.red_zone] == expected
