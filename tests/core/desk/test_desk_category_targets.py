"""Categories against their targets (region data) in the desk: each figure against raw SQL."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

import pytest

from cur_desktop.analytics import WallContext
from cur_desktop.cache import Cache
from cur_desktop.desk import Period, compute_desk
from cur_desktop.desk.categories import appeal_ids, category_lines, period_limit
from cur_desktop.domain.dictionaries import Dictionaries
from tests.core.desk.conftest import DESK_NOW
from tests.core.desk.test_desk_figures import FIN, LIVE, _query


def with_targets(d: Dictionaries, targets: dict[str, dict[str, float]]) -> Dictionaries:
    """``d`` with these categories' targets (a fresh index: the original stays as it is)."""
    cats = tuple(
        dataclasses.replace(c, targets=tuple(targets[c.code].items())) if c.code in targets else c
        for c in d.categories
    )
    return dataclasses.replace(d, categories=cats, _by={})


def _parent_case(d: Dictionaries) -> str:
    subs = " ".join(f"WHEN '{c.code}' THEN '{c.parent}'" for c in d.categories if c.parent)
    return f"CASE category {subs} ELSE coalesce(category, '') END"


def _raw(cache: Cache, d: Dictionaries, start: float, end: float) -> dict[str, tuple[Any, ...]]:
    sql = (
        f"SELECT {_parent_case(d)} AS c, "
        f"sum(created_at >= {start} AND created_at < {end}), "
        f"sum({FIN} >= {start} AND {FIN} < {end} AND due_at IS NOT NULL AND {FIN} <= due_at), "
        f"sum({FIN} >= {start} AND {FIN} < {end} AND due_at IS NOT NULL) "
        f"FROM appeals WHERE {LIVE} GROUP BY c"
    )
    return {r[0]: tuple(r[1:]) for r in _query(cache, sql)}


@pytest.fixture
def targeted(desk_cache: Cache, desk_context: WallContext) -> tuple[WallContext, list[str]]:
    """The six busiest top-level categories of November get targets: half of them a
    limit they break, half one they keep; within the norm 0.9 (or 0 for the last)."""
    d = desk_context.dictionaries
    start, end = Period.parse("2026-11").bounds(desk_context.time_zone)
    raw = _raw(desk_cache, d, start, end)
    busiest = sorted((c for c in raw if c and d.category(c)), key=lambda c: -raw[c][0])[:6]
    targets: dict[str, dict[str, float]] = {}
    for i, code in enumerate(busiest):
        n = float(raw[code][0])
        targets[code] = {
            "monthly_max": n - 1 if i % 2 == 0 else n + 5,
            "within_norm": 0.0 if i == 5 else 0.9,
        }
    # the quietest top-level category: a limit only
    quiet = min(
        (c.code for c in d.categories if c.parent is None),
        key=lambda c: raw.get(c, (0,))[0],
    )
    targets[quiet] = {"monthly_max": float(raw.get(quiet, (0,))[0]) + 3}
    context = dataclasses.replace(desk_context, dictionaries=with_targets(d, targets))
    return context, [*busiest, quiet]


@pytest.mark.parametrize("label", ["2026-11", "2026-W47", "2026-Q4", "2026-11-03..2026-11-17"])
def test_category_figures_equal_raw_sql(
    desk_cache: Cache, targeted: tuple[WallContext, list[str]], label: str
) -> None:
    context, codes = targeted
    d = context.dictionaries
    period = Period.parse(label)
    desk = compute_desk(desk_cache, period, context, DESK_NOW)
    lines = {x.code: x for x in category_lines(desk, d)}
    assert set(lines) == set(codes)  # exactly the categories with a target
    start, end = period.bounds(context.time_zone)
    raw = _raw(desk_cache, d, start, end)
    p_start, p_end = period.previous().bounds(context.time_zone)
    raw_before = _raw(desk_cache, d, p_start, p_end)
    for code, line in lines.items():
        received, in_norm, judged = raw.get(code, (0, 0, 0))
        assert line.received == received, code
        assert line.received_previous == raw_before.get(code, (0,))[0], code
        assert line.within_norm == (in_norm / judged if judged else None), code
        category = d.category(code)
        assert category is not None
        monthly = category.target("monthly_max")
        assert line.monthly_max == monthly
        assert line.limit == (None if monthly is None else period_limit(monthly, period))
        if line.limit is not None:
            assert line.over_limit is (received > line.limit)
        target = category.target("within_norm")
        if target is not None and judged:
            assert line.below_norm is (in_norm / judged < target)
        theme = d.theme(category.theme)
        assert theme is not None
        assert line.block == (theme.block or theme.code)


def test_month_breaks_are_the_chosen_ones(
    desk_cache: Cache, targeted: tuple[WallContext, list[str]]
) -> None:
    context, codes = targeted
    desk = compute_desk(desk_cache, Period.parse("2026-11"), context, DESK_NOW)
    lines = {x.code: x for x in category_lines(desk, context.dictionaries)}
    # a month's limit is monthly_max itself: one below the count breaks, five above keeps
    assert [lines[c].over_limit for c in codes[:6]] == [True, False] * 3
    assert lines[codes[5]].below_norm is False  # a target of 0 is always kept
    assert lines[codes[6]].over_limit is False
    assert lines[codes[6]].within_norm_target is None
    assert lines[codes[0]].broken


def test_period_limits() -> None:
    assert period_limit(30, Period.parse("2026-11")) == 30
    assert period_limit(30, Period.parse("2026-02")) == 30
    assert period_limit(30, Period.parse("2026-Q4")) == 90
    assert period_limit(30, Period.parse("2026")) == 360
    assert period_limit(30, Period.parse("2026-W48")) == pytest.approx(7)
    assert period_limit(30, Period("day", date(2026, 11, 5), date(2026, 11, 5))) == 1


def test_drill_opens_the_appeals_counted(
    desk_cache: Cache, targeted: tuple[WallContext, list[str]]
) -> None:
    context, codes = targeted
    d = context.dictionaries
    period = Period.parse("2026-11")
    desk = compute_desk(desk_cache, period, context, DESK_NOW)
    start, end = period.bounds(context.time_zone)
    code = codes[0]
    received = {
        r[0]
        for r in _query(
            desk_cache,
            f"SELECT id FROM appeals WHERE {LIVE} AND {_parent_case(d)} = '{code}' "
            f"AND created_at >= {start} AND created_at < {end}",
        )
    }
    late = {
        r[0]
        for r in _query(
            desk_cache,
            f"SELECT id FROM appeals WHERE {LIVE} AND {_parent_case(d)} = '{code}' "
            f"AND {FIN} >= {start} AND {FIN} < {end} AND due_at IS NOT NULL AND {FIN} > due_at",
        )
    }
    assert received
    assert set(appeal_ids(desk, d, code, "monthly_max")) == received
    assert set(appeal_ids(desk, d, code, "within_norm")) == late


def test_no_targets_no_lines(desk_cache: Cache, desk_context: WallContext) -> None:
    desk = compute_desk(desk_cache, Period.parse("2026-11"), desk_context, DESK_NOW)
    assert category_lines(desk, desk_context.dictionaries) == ()
