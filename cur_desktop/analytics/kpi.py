"""The KPI board: eight figures, each with the same figure one period earlier.

Periods (``Kpi.period``): ``today`` and ``week`` are the region's local calendar
day and week (from Monday) up to now, compared with yesterday and last week up
to the same moment; stocks (``now``: in work, overdue) are compared with the
same moment a week ago, rebuilt from the appeals' times (an appeal was open then
if it had been created and not yet finished; overdue if its stored deadline had
passed); rates over ``7d`` and ``30d`` are rolling windows against the window
before. Satisfaction uses 30 days because ratings are sparse.

"Median reaction time against the norm" covers appeals whose first-answer norm is
counted in hours (the ИМ channels under the shipped rules: 8 working hours, 4 at
high importance), measured in the norm's own kind of time (working hours through
the production calendar); the norm shown is the median norm of those appeals.
Day-long norms (30 days for 59-ФЗ) are about answers, not reactions, and are
counted by "answered within the norm" instead. Qt-free.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import lru_cache
from typing import TYPE_CHECKING

from cur_desktop.analytics.columns import (
    DAY,
    HOUR,
    Clock,
    finished_at,
    first_reaction_at,
    floats,
    in_window,
    rule_index,
)
from cur_desktop.analytics.wall_data import Kpi

if TYPE_CHECKING:
    import pandas as pd

    from cur_desktop.analytics.columns import Bools, Floats
    from cur_desktop.analytics.wall_context import WallContext
    from cur_desktop.sla import ProductionCalendar

KPI_KEYS = (
    "received_today",
    "received_week",
    "in_work",
    "overdue_now",
    "within_norm",
    "reaction_median",
    "satisfied_rating",
    "satisfied_reaction",
)


def _share(hits: int, total: int) -> float | None:
    return hits / total if total else None


def _open_at(created: Floats, fin: Floats, open_now: Floats, t: float) -> Bools:
    import numpy as np

    # open now, or finished after t; a closed appeal without times counts as closed
    was_created: Bools = created <= t
    return np.asarray(was_created & ((open_now == 1) | (fin > t)))


def _within_norm(fin: Floats, due: Floats, start: float, end: float) -> float | None:
    import numpy as np

    done = in_window(fin, start, end) & ~np.isnan(due)
    return _share(int((fin[done] <= due[done]).sum()), int(done.sum()))


def _satisfaction(
    df: pd.DataFrame, when: Floats, start: float, end: float
) -> tuple[float | None, float | None]:
    import numpy as np

    window = in_window(when, start, end)
    rating = floats(df, "satisfaction_rating")[window]
    reactions = df["satisfaction_reaction"].to_numpy(dtype=object)[window]
    rated = ~np.isnan(rating)
    by_rating = _share(int((rating[rated] >= 4).sum()), int(rated.sum()))
    has_reaction = np.array([isinstance(r, str) for r in reactions], dtype=bool)
    by_reaction = _share(
        int((reactions[has_reaction] == "satisfied").sum()), int(has_reaction.sum())
    )
    return by_rating, by_reaction


@lru_cache(maxsize=100_000)
def _working_hours(calendar: ProductionCalendar, start: float, end: float) -> float:
    """Working hours between two epochs; remembered, as a reaction's times never change.

    The wall recomputes every few seconds over the same week of reactions: the
    calendar walk is then done once per appeal, not once per refresh.
    """
    a = datetime.fromtimestamp(start, tz=UTC)
    b = datetime.fromtimestamp(end, tz=UTC)
    return calendar.working_time_between(a, b).total_seconds() / HOUR


def reaction_hours(
    df: pd.DataFrame, context: WallContext, start: float, end: float
) -> tuple[float | None, float | None, bool]:
    """(median reaction, median norm, working) in hours for hour-norm appeals reacted to in
    the window; ``working`` when every one of them counts working time (the room reads
    «раб. ч» then: 8 working hours are not 8 hours)."""
    import numpy as np

    reacted = first_reaction_at(df)
    window = in_window(reacted, start, end)
    if not window.any():
        return None, None, False
    part = df[window]
    rules, index = rule_index(part, context.rules)
    created = floats(part, "created_at")
    registered = floats(part, "registered_at")
    reopened = floats(part, "reopened_at")
    reacted = reacted[window]
    measured: list[float] = []
    norms: list[float] = []
    working = True
    for i in range(len(part)):
        norm = rules[index[i]].first_answer
        if norm.unit.value not in ("working_hours", "calendar_hours"):
            continue
        clock = reopened[i] if not np.isnan(reopened[i]) else created[i]
        if rules[index[i]].clock_starts == "registered" and not np.isnan(registered[i]):
            clock = registered[i] if np.isnan(reopened[i]) else clock
        end_at = max(float(reacted[i]), float(clock))
        if norm.unit.is_working:
            measured.append(_working_hours(context.calendar, float(clock), end_at))
        else:
            measured.append((end_at - clock) / HOUR)
            working = False
        norms.append(norm.value)
    if not measured:
        return None, None, False
    return float(np.median(measured)), float(np.median(norms)), working


def compute_kpis(df: pd.DataFrame, context: WallContext, clock: Clock) -> tuple[Kpi, ...]:
    now = clock.now
    created = floats(df, "created_at")
    due = floats(df, "due_at")
    fin = finished_at(df)
    open_now = df["is_open"].to_numpy()
    week_ago = now - 7 * DAY

    def received(start: float, end: float) -> float:
        return float(in_window(created, start, end + 1e-6).sum())

    in_work = float((open_now == 1).sum())
    was_open = _open_at(created, fin, open_now, week_ago)
    in_work_before = float(was_open.sum())
    overdue = float(((open_now == 1) & (due < now)).sum())
    overdue_before = float((was_open & (due < week_ago)).sum())

    reaction, norm, working = reaction_hours(df, context, now - 7 * DAY, now + 1e-6)
    reaction_prev, _, _ = reaction_hours(df, context, now - 14 * DAY, now - 7 * DAY)
    rating_when = fin.copy()
    rating_now = _satisfaction(df, rating_when, now - 30 * DAY, now + 1e-6)
    rating_prev = _satisfaction(df, rating_when, now - 60 * DAY, now - 30 * DAY)
    return (
        Kpi(
            "received_today",
            received(clock.today, now),
            received(clock.day_start(-1), now - DAY),
            "count",
            higher_is_better=False,
            period="today",
        ),
        Kpi(
            "received_week",
            received(clock.week, now),
            received(clock.week - 7 * DAY, week_ago),
            "count",
            higher_is_better=False,
            period="week",
        ),
        Kpi("in_work", in_work, in_work_before, "count", higher_is_better=False, period="now"),
        Kpi("overdue_now", overdue, overdue_before, "count", higher_is_better=False, period="now"),
        Kpi(
            "within_norm",
            _within_norm(fin, due, now - 7 * DAY, now + 1e-6),
            _within_norm(fin, due, now - 14 * DAY, now - 7 * DAY),
            "share",
            higher_is_better=True,
            period="7d",
        ),
        Kpi(
            "reaction_median",
            reaction,
            reaction_prev,
            "working_hours" if working else "hours",
            higher_is_better=False,
            norm=norm,
            period="7d",
        ),
        Kpi(
            "satisfied_rating",
            rating_now[0],
            rating_prev[0],
            "share",
            higher_is_better=True,
            period="30d",
        ),
        Kpi(
            "satisfied_reaction",
            rating_now[1],
            rating_prev[1],
            "share",
            higher_is_better=True,
            period="30d",
        ),
    )
