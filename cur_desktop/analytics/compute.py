"""From the frame to :class:`WallData`: every aggregate of the wall in one pure function.

:func:`compute_wall_data` is a pure function of the frame, the context, ``now``
and the previous snapshot (for alarms): no cache, no clock, no Qt. It runs in the
wall's worker thread after :func:`~cur_desktop.analytics.wall_frame.load_wall_frame`;
each aggregate lives in its own module (kpi, heatmap, trends, rating, risk,
alarms) and all are vectorised pandas/numpy over the frame's columns.

:class:`RoomReader` adds what the problem-control work counts (open conflict
situations, open disinformation cases: ``cur_desktop.problems``), read from the cache
by the worker at most once a minute and handed in as ``room``.
"""

from __future__ import annotations

import logging
import time
from datetime import datetime
from typing import TYPE_CHECKING

from cur_desktop.analytics.alarms import compute_alarms
from cur_desktop.analytics.columns import Clock
from cur_desktop.analytics.heatmap import compute_heatmaps, compute_municipalities
from cur_desktop.analytics.kpi import compute_kpis
from cur_desktop.analytics.rating import compute_ratings
from cur_desktop.analytics.risk import compute_risk
from cur_desktop.analytics.trends import compute_trends
from cur_desktop.analytics.wall_data import ROOM_CASES, RoomCase, RoomFigures, WallData
from cur_desktop.domain.appeal import utc

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from cur_desktop.analytics.wall_context import WallContext
    from cur_desktop.analytics.wall_frame import WallFrame
    from cur_desktop.problems.disinfo import DisinfoCase

log = logging.getLogger(__name__)


def compute_wall_data(
    frame: WallFrame,
    *,
    context: WallContext,
    now: datetime,
    previous: WallData | None = None,
    raised: frozenset[str] = frozenset(),
    room: RoomFigures | None = None,
) -> WallData:
    """Every aggregate the wall shows, at ``now``; alarms are those new since ``previous``.

    Without ``previous`` (the first computation), alarms whose keys are in ``raised``
    (what the wall raised before it was restarted) are not raised again.
    """
    now = utc(now)
    clock = Clock.at(now, context.time_zone)
    df = frame.appeals
    kpis = compute_kpis(df, context, clock)
    heat, by_theme, top = compute_heatmaps(df, context, clock)
    municipalities = compute_municipalities(df, context, clock, heat)
    bodies, muns = compute_ratings(df, context, clock)
    risk_by_body, risk_items = compute_risk(df, context, clock)
    overdue = next(k for k in kpis if k.key == "overdue_now")
    alarms, keys, recent_high = compute_alarms(
        df,
        context,
        clock,
        overdue_now=int(overdue.value or 0),
        previous=previous,
        now=now,
        raised=raised,
    )
    return WallData(
        computed_at=now,
        data_as_of=frame.data_as_of,
        total_appeals=len(df),
        kpis=kpis,
        heatmap=heat,
        category_heatmaps=by_theme,
        top_problems=top,
        municipalities=municipalities,
        trends=compute_trends(df, clock),
        body_rating=bodies,
        municipality_rating=muns,
        risk_by_body=risk_by_body,
        risk_items=risk_items,
        ticker=frame.ticker,
        alarms=alarms,
        alarm_keys=keys,
        recent_high=recent_high,
        room=room,
    )


class RoomReader:
    """Reads :class:`RoomFigures` from the cache, at most every ``every_seconds``.

    The first call of a run returns None: the first picture after a restart does not
    wait for them (they come with the next recomputation). Each figure is read on
    its own; one that fails is None and logged, and never stops the wall's figures.
    """

    def __init__(self, every_seconds: float = 60.0) -> None:
        self.every_seconds = every_seconds
        self._figures: RoomFigures | None = None
        self._read_at: float | None = None

    def read(self, engine: Engine, now: datetime) -> RoomFigures | None:
        moment = time.monotonic()
        if self._read_at is None:
            self._read_at = moment - self.every_seconds  # due at the next call
            return None
        if moment - self._read_at >= self.every_seconds:
            self._figures = room_figures(engine, now)
            self._read_at = moment
        return self._figures


def room_figures(engine: Engine, now: datetime) -> RoomFigures:
    """Open conflict situations and open disinformation cases in the cache now."""
    conflicts: int | None = None
    cases: int | None = None
    try:
        from cur_desktop.problems.conflict_cache import conflict_counts
        from cur_desktop.problems.conflict_rules import region_conflict_rules

        conflicts = conflict_counts(engine, region_conflict_rules(), utc(now)).open
    except Exception:
        log.exception("wall: open conflict situations could not be counted")
    named: tuple[RoomCase, ...] = ()
    try:
        from cur_desktop.problems.disinfo import count_cases, read_cases

        found = read_cases(engine)
        cases = count_cases(found).open
        newest = sorted((c for c in found if c.open), key=lambda c: -c.first_seen)
        named = tuple(_room_case(c) for c in newest[:ROOM_CASES])
    except Exception:
        log.exception("wall: open disinformation cases could not be counted")
    return RoomFigures(conflicts, cases, named)


def _room_case(case: DisinfoCase) -> RoomCase:
    """An open case as the wall names it: the claim masked (names, phones, addresses)."""
    from cur_desktop.domain.masking import mask_text

    return RoomCase(mask_text(case.claim), len(case.members), case.first_seen)
