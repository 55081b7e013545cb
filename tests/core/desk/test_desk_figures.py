"""Every desk figure, in every dimension, against a raw SQL query over the same cache.

Working hours are checked against the production calendar's own day walk
(``ProductionCalendar.working_time_between``) over the pairs a raw query returns.
"""

from __future__ import annotations

import statistics
from datetime import UTC, datetime
from typing import Any

import pytest

from cur_desktop.analytics import WallContext
from cur_desktop.cache import Cache
from cur_desktop.desk import Period, compute_desk
from cur_desktop.desk.figures import DIMENSIONS, REGION_KEY
from tests.core.desk.conftest import DESK_NOW

FIN = (
    "CASE WHEN is_open = 0 THEN min(coalesce(answered_at, closed_at), "
    "coalesce(closed_at, answered_at)) END"
)
FIRST = (
    "min(coalesce(first_reaction_at, interim_answer_at, answered_at), "
    "coalesce(interim_answer_at, answered_at, first_reaction_at), "
    "coalesce(answered_at, first_reaction_at, interim_answer_at))"
)
LIVE = "merged_into IS NULL AND id > 0"


def _query(cache: Cache, sql: str) -> list[Any]:
    """Rows of a raw SQL query over the cache file."""
    with cache.engine.connect() as conn:
        return list(conn.exec_driver_sql(sql).fetchall())


def _group(dimension: str) -> str:
    column = DIMENSIONS[dimension]
    return f"'{REGION_KEY}'" if column is None else f"coalesce({column}, '')"


def _raw(
    cache: Cache, dimension: str, start: float, end: float, now: float
) -> dict[str, dict[str, Any]]:
    g = _group(dimension)
    rec = f"(created_at >= {start} AND created_at < {end})"
    fin = f"({FIN} >= {start} AND {FIN} < {end})"
    sql = f"""
    SELECT {g} AS g,  -- total(): 0, not NULL, where every row of a group is NULL
      total({rec}),
      total({fin}),
      total({fin} AND due_at IS NOT NULL),
      total({fin} AND due_at IS NOT NULL AND {FIN} <= due_at),
      total(is_open = 1 AND due_at < {now}),
      total(due_at >= {start} AND due_at < min({end}, {now}) AND (is_open = 1 OR {FIN} > due_at)),
      total({fin} AND satisfaction_rating IS NOT NULL),
      total({fin} AND satisfaction_rating >= 4),
      total({fin} AND satisfaction_reaction IS NOT NULL),
      total({fin} AND satisfaction_reaction = 'satisfied'),
      total({fin} AND rework_count > 0),
      total({rec} AND (flags & 4) != 0),
      total({rec} AND reopened_at IS NOT NULL),
      total({rec} AND ({FIRST} IS NOT NULL OR is_open = 0)),
      total({fin} AND (satisfaction_rating IS NOT NULL OR satisfaction_reaction IS NOT NULL)),
      total({fin} AND (satisfaction_rating >= 4 OR satisfaction_reaction = 'satisfied')),
      total({rec} AND (flags & 64) != 0),
      total({rec} AND (flags & 128) != 0)
    FROM appeals WHERE {LIVE} GROUP BY g"""
    names = (
        "received",
        "finished",
        "judged",
        "in_norm",
        "overdue_now",
        "overdue_period",
        "rated",
        "r45",
        "reacted_im",
        "ok",
        "rework",
        "repeat",
        "reopened",
        "responded",
        "judged_by_author",
        "happy",
        "source_overdue",
        "fast_track",
    )
    return {row[0]: dict(zip(names, row[1:], strict=True)) for row in _query(cache, sql)}


def _share(a: int, b: int) -> float | None:
    return a / b if b else None


PERIODS = ["2026-11", "2026-W47", "2026-11-20", "2026-11-03..2026-11-17", "2026-Q4"]


@pytest.mark.parametrize("label", PERIODS)
@pytest.mark.parametrize("dimension", list(DIMENSIONS))
def test_figures_equal_raw_sql(
    desk_cache: Cache, desk_context: WallContext, label: str, dimension: str
) -> None:
    period = Period.parse(label)
    desk = compute_desk(desk_cache, period, desk_context, DESK_NOW)
    start, end = period.bounds(desk_context.time_zone)
    raw = _raw(desk_cache, dimension, start, end, DESK_NOW.timestamp())
    table = desk.current.tables[dimension]
    assert set(table) <= set(raw)
    for group, r in raw.items():
        if group not in table:  # no appeal of the group touches the period
            assert not any(r.values())
            continue
        got = table[group]
        assert got["received"] == r["received"]
        assert got["finished"] == r["finished"]
        assert got["overdue_now"] == r["overdue_now"]
        assert got["overdue_period"] == r["overdue_period"]
        assert got["within_norm"] == _share(r["in_norm"], r["judged"])
        assert got["satisfied_rating"] == _share(r["r45"], r["rated"])
        assert got["satisfied_reaction"] == _share(r["ok"], r["reacted_im"])
        assert got["rework_share"] == _share(r["rework"], r["finished"])
        assert got["repeat_share"] == _share(r["repeat"], r["received"])
        assert got["reopened_share"] == _share(r["reopened"], r["received"])
        assert got["responded_share"] == _share(r["responded"], r["received"])
        assert got["satisfied_any"] == _share(r["happy"], r["judged_by_author"])
        assert got["source_overdue"] == r["source_overdue"]
        assert got["fast_track"] == r["fast_track"]


def _pairs(cache: Cache, sql: str) -> list[tuple[float, float]]:
    return [(float(a), float(b)) for a, b in _query(cache, sql)]


def _hours(context: WallContext, pairs: list[tuple[float, float]]) -> list[float]:
    cal = context.calendar
    out = []
    for a, b in pairs:
        t0, t1 = datetime.fromtimestamp(a, UTC), datetime.fromtimestamp(b, UTC)
        out.append(max(cal.working_time_between(t0, t1).total_seconds(), 0.0) / 3600)
    return out


@pytest.mark.parametrize("label", ["2026-11", "2026-W48"])
def test_hours_equal_the_calendar_walk(
    desk_cache: Cache, desk_context: WallContext, label: str
) -> None:
    period = Period.parse(label)
    desk = compute_desk(desk_cache, period, desk_context, DESK_NOW)
    start, end = period.bounds(desk_context.time_zone)
    reaction = _hours(
        desk_context,
        _pairs(
            desk_cache,
            (
                f"SELECT created_at, {FIRST} FROM appeals WHERE {LIVE} AND created_at >= {start} "
                f"AND created_at < {end} AND {FIRST} IS NOT NULL"
            ),
        ),
    )
    answer = _hours(
        desk_context,
        _pairs(
            desk_cache,
            (
                f"SELECT created_at, {FIN} FROM appeals WHERE {LIVE} "
                f"AND {FIN} >= {start} AND {FIN} < {end}"
            ),
        ),
    )
    assert reaction
    assert answer
    got = desk.current.tables["region"][REGION_KEY]
    assert got["reaction_hours_median"] == pytest.approx(statistics.median(reaction), abs=1e-6)
    assert got["reaction_hours_mean"] == pytest.approx(statistics.fmean(reaction), abs=1e-6)
    assert got["answer_hours_median"] == pytest.approx(statistics.median(answer), abs=1e-6)
    assert got["answer_hours_mean"] == pytest.approx(statistics.fmean(answer), abs=1e-6)


def test_comparisons_are_the_previous_and_year_earlier_periods(
    desk_cache: Cache, desk_context: WallContext
) -> None:
    desk = compute_desk(desk_cache, Period.parse("2026-11-20"), desk_context, DESK_NOW)
    assert desk.previous.period == Period.parse("2026-11-19")
    assert desk.year_ago.period == Period.parse("2025-11-20")
    start, end = desk.previous.period.bounds(desk_context.time_zone)
    raw = _raw(desk_cache, "region", start, end, DESK_NOW.timestamp())
    assert desk.previous.value("received") == raw[REGION_KEY]["received"]
    assert desk.year_ago.value("received") == 0.0  # the dataset holds one month


def test_drill_down_opens_exactly_the_appeals_counted(
    desk_cache: Cache, desk_context: WallContext
) -> None:
    period = Period.parse("2026-11")
    desk = compute_desk(desk_cache, period, desk_context, DESK_NOW)
    start, end = period.bounds(desk_context.time_zone)
    now = DESK_NOW.timestamp()
    late = {
        r[0]
        for r in _query(
            desk_cache,
            f"SELECT id FROM appeals WHERE {LIVE} AND {FIN} >= {start} AND {FIN} < {end} "
            f"AND due_at IS NOT NULL AND {FIN} > due_at AND theme = 'housing'",
        )
    }
    sql = f"SELECT id FROM appeals WHERE {LIVE} AND is_open = 1 AND due_at < {now}"
    overdue = {r[0] for r in _query(desk_cache, sql)}
    assert late
    assert set(desk.appeal_ids("within_norm", "theme", "housing")) == late
    assert set(desk.appeal_ids("overdue_now")) == overdue


def test_targets_are_region_data(desk_cache: Cache, desk_context: WallContext) -> None:
    desk = compute_desk(desk_cache, Period.parse("2026-11"), desk_context, DESK_NOW)
    target = desk.target("within_norm")
    assert target == desk.methodology.targets["within_norm"]
    value = desk.current.value("within_norm")
    assert value is not None
    assert desk.meets("within_norm") is (value >= target)


def test_theme_blocks_equal_raw_sql(desk_cache: Cache, desk_context: WallContext) -> None:
    period = Period.parse("2026-11")
    desk = compute_desk(desk_cache, period, desk_context, DESK_NOW)
    start, end = period.bounds(desk_context.time_zone)
    cases = " ".join(
        f"WHEN '{t.code}' THEN '{t.block or t.code}'" for t in desk_context.dictionaries.themes
    )
    sql = (
        f"SELECT CASE theme {cases} ELSE coalesce(theme, '') END AS b, "
        f"sum(created_at >= {start} AND created_at < {end}), "
        f"sum({FIN} >= {start} AND {FIN} < {end} AND due_at IS NOT NULL AND {FIN} <= due_at), "
        f"sum({FIN} >= {start} AND {FIN} < {end} AND due_at IS NOT NULL) "
        f"FROM appeals WHERE {LIVE} GROUP BY b"
    )
    raw = {r[0]: r[1:] for r in _query(desk_cache, sql)}
    table = desk.current.tables["block"]
    assert "ЖКХ и энергетика" in table
    for block, (received, in_norm, judged) in raw.items():
        if block in table:
            assert table[block]["received"] == received
            assert table[block]["within_norm"] == _share(in_norm, judged)
