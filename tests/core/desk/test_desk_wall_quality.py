"""The wall's rating has the quality criterion (answers not returned for rework).

Checked per body and municipality against a raw SQL query over the fixed generated
dataset; the wall's bundled rating weights are the desk's bundled methodology's.
"""

from __future__ import annotations

from datetime import timedelta

import orjson
import pytest
from sqlalchemy import text

from cur_desktop.analytics import WallContext, load_methodology
from cur_desktop.analytics.columns import Clock
from cur_desktop.analytics.rating import compute_ratings
from cur_desktop.analytics.wall_frame import load_wall_frame
from cur_desktop.cache import Cache
from cur_desktop.desk import Methodology
from cur_desktop.paths import resources_dir
from tests.core.desk.conftest import DESK_NOW

FIN = (
    "CASE WHEN is_open = 0 THEN min(coalesce(answered_at, closed_at), "
    "coalesce(closed_at, answered_at)) END"
)


def test_the_wall_rates_quality_as_raw_sql_counts_it(
    desk_cache: Cache, desk_context: WallContext
) -> None:
    frame = load_wall_frame(desk_cache, now=DESK_NOW, keep_columns=False)
    assert "rework_count" in frame.appeals.columns
    bodies, muns = compute_ratings(
        frame.appeals, desk_context, Clock.at(DESK_NOW, desk_context.time_zone)
    )
    since = (DESK_NOW - timedelta(days=desk_context.methodology.period_days)).timestamp()
    for rating, column in ((bodies, "body"), (muns, "municipality")):
        with desk_cache.engine.connect() as conn:
            raw = {
                code: (finished, reworked)
                for code, finished, reworked in conn.execute(
                    text(
                        f"SELECT {column}, sum({FIN} IS NOT NULL), "
                        f"sum({FIN} IS NOT NULL AND rework_count > 0) FROM appeals "
                        "WHERE merged_into IS NULL AND created_at >= :since "
                        f"AND created_at <= :now GROUP BY {column}"
                    ),
                    {"since": since, "now": DESK_NOW.timestamp()},
                )
            }
        checked = 0
        for row in rating.rows:
            finished, reworked = raw.get(row.code, (0, 0))
            if not finished:
                assert row.quality is None
                continue
            assert row.quality == pytest.approx(100.0 * (1 - reworked / finished))
            checked += 1
        assert checked >= 5
        assert any(r.quality is not None and r.quality < 100 for r in rating.rows)


def test_the_walls_bundled_rating_is_the_desks() -> None:
    desk = Methodology.bundled()
    wall = load_methodology()
    assert wall.weights == desk.rating.weights
    assert "quality" in wall.weights
    assert (wall.red_below, wall.yellow_below, wall.red_bottom_share) == (
        desk.rating.red_below,
        desk.rating.yellow_below,
        desk.rating.red_bottom_share,
    )
    assert (wall.period_days, wall.min_volume) == (desk.rating.period_days, desk.rating.min_volume)
    doc = orjson.loads((resources_dir() / "wall" / "rating_methodology.json").read_bytes())
    assert "quality" in doc["description"]
