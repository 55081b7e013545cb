"""The desk for one period: every figure by every dimension, with its comparisons and target.

:func:`compute_desk` reads the period's rows from the cache (and those of the previous
period and of the same period a year earlier), computes the figures of
:mod:`cur_desktop.desk.figures` for the region and per theme block, municipality,
body and channel, and sets each against the region's target (:mod:`.methodology`).
The result (:class:`Desk`) keeps each period's measures, so the appeals behind any
figure are found without another read (:meth:`Desk.appeal_ids`). Call off the GUI
thread; the result is immutable afterwards. Qt-free.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from cur_desktop.bulk import collector_paused
from cur_desktop.desk import figures as fg
from cur_desktop.desk.methodology import Methodology
from cur_desktop.desk.periods import Period

if TYPE_CHECKING:
    import numpy.typing as npt
    import pandas as pd

    from cur_desktop.analytics.wall_context import WallContext
    from cur_desktop.cache import Cache

Table = dict[str, dict[str, float | None]]  # group -> figure -> value


@dataclass(frozen=True)
class PeriodFigures:
    """One period's figures in every dimension, and what is needed to drill into them."""

    period: Period
    start: float
    end: float
    tables: dict[str, Table]
    ids: npt.NDArray[Any] = field(repr=False)
    measures: fg.Measures = field(repr=False)
    keys: dict[str, npt.NDArray[Any]] = field(repr=False)
    rows: pd.DataFrame | None = field(repr=False, default=None)

    def value(
        self, figure: str, dimension: str = "region", group: str = fg.REGION_KEY
    ) -> float | None:
        return self.tables.get(dimension, {}).get(group, {}).get(figure)


@dataclass(frozen=True)
class Desk:
    """The period, the previous one and the same one a year earlier, at ``now``."""

    current: PeriodFigures
    previous: PeriodFigures
    year_ago: PeriodFigures
    now: float
    methodology: Methodology

    def target(
        self, figure: str, dimension: str = "region", group: str = fg.REGION_KEY
    ) -> float | None:
        theme = group if dimension in ("theme", "block") else None
        return self.methodology.target(figure, theme)

    def meets(
        self, figure: str, dimension: str = "region", group: str = fg.REGION_KEY
    ) -> bool | None:
        """Whether the figure reaches its target (None: no target or no value)."""
        target = self.target(figure, dimension, group)
        value = self.current.value(figure, dimension, group)
        if target is None or value is None:
            return None
        return value >= target if fg.figure(figure).higher_is_better else value <= target

    def appeal_ids(
        self, figure: str, dimension: str = "region", group: str = fg.REGION_KEY
    ) -> list[int]:
        p = self.current
        return fg.drill_ids(p.measures, p.ids, p.keys[dimension], fg.figure(figure), group)


def row_keys(rows: pd.DataFrame, context: WallContext) -> dict[str, npt.NDArray[Any]]:
    """Each row's group in every dimension (they do not depend on the period)."""
    keys = {d: fg.group_keys(rows, d) for d in fg.DIMENSIONS}
    keys["block"] = fg.block_keys(keys["theme"], context.dictionaries)
    return keys


def period_figures(
    rows: pd.DataFrame,
    period: Period,
    context: WallContext,
    now: float,
    dimensions: tuple[str, ...] | None = None,
    keys: dict[str, npt.NDArray[Any]] | None = None,
) -> PeriodFigures:
    """The figures of ``period`` over ``rows`` (any superset of :func:`figures.rows_sql`'s:
    the measures select by the period's own bounds); ``dimensions`` limits the tables;
    ``keys`` are :func:`row_keys` of ``rows`` when already known (several periods over
    the same rows)."""
    start, end = period.bounds(context.time_zone)
    m = fg.measures(rows, start, end, now, context.calendar)
    keys = keys if keys is not None else row_keys(rows, context)
    wanted = {"region", *(dimensions or keys)}
    tables = {d: fg.aggregate(m, k) for d, k in keys.items() if d in wanted}
    if fg.REGION_KEY not in tables["region"]:  # no rows at all: the region's zeros
        tables["region"] = {
            fg.REGION_KEY: {s.key: 0.0 if s.agg == "sum" else None for s in fg.all_figures()}
        }
    return PeriodFigures(period, start, end, tables, rows["id"].to_numpy(), m, keys, rows)


def within(
    rows: pd.DataFrame, keys: dict[str, npt.NDArray[Any]], start: float, end: float
) -> tuple[pd.DataFrame, dict[str, npt.NDArray[Any]]]:
    """The rows (and their keys) :func:`figures.rows_sql` gives for ``[start, end)``,
    picked from a superset read once for several periods."""
    import numpy as np

    def f(name: str) -> npt.NDArray[np.float64]:
        return np.asarray(rows[name].to_numpy(dtype=np.float64))

    created = f("created_at")
    since = (created >= start) | (f("answered_at") >= start) | (f("closed_at") >= start)
    since |= f("due_at") >= start
    mask = (rows["is_open"].to_numpy() == 1) | ((created < end) & since)
    return rows[mask].reset_index(drop=True), {d: k[mask] for d, k in keys.items()}


def figures_within(
    rows: pd.DataFrame,
    keys: dict[str, npt.NDArray[Any]],
    period: Period,
    context: WallContext,
    now: float,
    dimensions: tuple[str, ...] | None = None,
) -> PeriodFigures:
    """:func:`period_figures` of ``period`` over its own rows picked from a superset."""
    start, end = period.bounds(context.time_zone)
    part, part_keys = within(rows, keys, start, end)
    return period_figures(part, period, context, now, dimensions, part_keys)


def load_period(cache: Cache, period: Period, context: WallContext, now: float) -> PeriodFigures:
    start, end = period.bounds(context.time_zone)
    return period_figures(fg.load_rows(cache, start, end), period, context, now)


@collector_paused()
def compute_desk(
    cache: Cache,
    period: Period,
    context: WallContext,
    now: datetime,
    methodology: Methodology | None = None,
    rows: pd.DataFrame | None = None,
    keys: dict[str, npt.NDArray[Any]] | None = None,
) -> Desk:
    """The desk of ``period`` at ``now`` (the caller's clock).

    ``rows`` (with their :func:`row_keys`): a superset already read that holds the
    period and the one before (a report reads its months once).
    """
    at = now.timestamp()
    if rows is not None:
        keys = keys if keys is not None else row_keys(rows, context)
        current = figures_within(rows, keys, period, context, at)
        previous = figures_within(rows, keys, period.previous(), context, at)
    else:
        current = load_period(cache, period, context, at)
        previous = load_period(cache, period.previous(), context, at)
    return Desk(
        current=current,
        previous=previous,
        year_ago=load_period(cache, period.year_earlier(), context, at),
        now=at,
        methodology=methodology or Methodology.bundled(),
    )
