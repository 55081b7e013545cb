"""Ratings by the region's methodology: criteria from the desk's figures, zones, why red."""

from __future__ import annotations

import pytest

from cur_desktop.analytics import WallContext
from cur_desktop.cache import Cache
from cur_desktop.desk import Period, compute_desk
from cur_desktop.desk.methodology import Methodology, MethodologyError, RatingRules, parse
from cur_desktop.desk.ratings import rate
from tests.core.desk.conftest import DESK_NOW


def test_scores_are_the_weighted_criteria_of_the_figures(
    desk_cache: Cache, desk_context: WallContext
) -> None:
    desk = compute_desk(desk_cache, Period.parse("2026-11"), desk_context, DESK_NOW)
    rules = desk.methodology.rating
    rating = rate(desk.current, "bodies", rules)
    rated = [r for r in rating.rows if r.score is not None]
    assert rated
    for row in rated:
        values = desk.current.tables["body"][row.code]
        assert row.received == values["received"]
        assert row.received >= rules.min_volume
        rework = values["rework_share"]
        assert row.criteria["quality"] == (None if rework is None else 100 * (1 - rework))
        parts = {k: v for k, v in row.criteria.items() if v is not None}
        expected = sum(rules.weights[k] * v for k, v in parts.items()) / sum(
            rules.weights[k] for k in parts
        )
        assert row.score == pytest.approx(expected)
    assert [r.place for r in rated] == list(range(1, len(rated) + 1))
    assert [r.score for r in rated] == sorted((r.score for r in rated), reverse=True)


def test_red_zone_is_the_rule_and_each_red_row_says_why(
    desk_cache: Cache, desk_context: WallContext
) -> None:
    desk = compute_desk(desk_cache, Period.parse("2026-11"), desk_context, DESK_NOW)
    strict = RatingRules(
        min_volume=1,
        weights={"timeliness": 1.0, "quality": 1.0},
        red_below=99.0,
        yellow_below=99.5,
        red_bottom_share=0.25,
    )
    rating = rate(desk.current, "municipalities", strict)
    rated = [r for r in rating.rows if r.score is not None]
    bottom = rated[-((len(rated) + 3) // 4) :]
    for row in rated:
        below = row.score is not None and row.score < strict.red_below
        assert (row.zone == "red") == (below or row in bottom)
        if row.zone == "red":
            assert row.why[0] == ("score" if below else "bottom")
            assert all(row.criteria[k] is not None for k in row.why[1:])


def test_methodology_refuses_unknown_criteria() -> None:
    doc = dict(Methodology.bundled().doc)
    doc["rating"] = {**doc["rating"], "weights": {"loudness": 1.0}}
    with pytest.raises(MethodologyError, match="loudness"):
        parse(doc)


def test_the_wall_gets_its_criteria_from_the_same_document() -> None:
    from cur_desktop.analytics.wall_context import _methodology

    m = Methodology.bundled()
    wall = _methodology(m.wall_rating_doc())
    assert wall.period_days == m.rating.period_days
    assert wall.red_bottom_share == m.rating.red_bottom_share
    assert wall.weights == m.rating.weights  # quality included (the wall rates it too)
