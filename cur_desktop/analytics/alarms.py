"""Alarms: what should bring a page forward on the wall, each raised once.

Three kinds, with thresholds in ``resources/wall/alarms.json``
(:class:`~cur_desktop.analytics.wall_context.AlarmThresholds`):

* ``high_importance`` — an appeal of high importance created within the last
  ``recent_minutes`` (key ``high_importance:<id>``; shown on the feed page);
* ``overdue_spike`` — the overdue count grew since the previous snapshot by at
  least ``min_increase`` and by the factor ``min_ratio`` (key by local hour, so
  at most one an hour; risk page);
* ``surge`` — in the last ``window_hours`` one category or one municipality got at
  least ``min_count`` appeals and ``factor`` times its mean over the same span in
  the previous ``baseline_days`` (key by target and local date, so once a day;
  heat map page for a category, map page for a municipality).

An alarm is raised when its condition holds and its key is not among the keys
already raised (carried in :attr:`WallData.alarm_keys`, and kept by the wall
across restarts), so recomputing the same picture raises nothing. Keys that can
no longer recur (older days, appeals past the recent window) are dropped from the
carried set. Qt-free.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from cur_desktop.analytics.columns import DAY, HOUR, Clock, codes, floats, in_window
from cur_desktop.analytics.heatmap import count_by
from cur_desktop.analytics.wall_data import Alarm
from cur_desktop.domain.numbers import display_number

if TYPE_CHECKING:
    import pandas as pd

    from cur_desktop.analytics.wall_context import WallContext
    from cur_desktop.analytics.wall_data import WallData


def _local_date(clock: Clock) -> str:
    return clock.as_datetime(clock.now).astimezone(clock.time_zone).date().isoformat()


def _local_hour(clock: Clock) -> str:
    return clock.as_datetime(clock.now).astimezone(clock.time_zone).strftime("%Y-%m-%dT%H")


def compute_alarms(
    df: pd.DataFrame,
    context: WallContext,
    clock: Clock,
    *,
    overdue_now: int,
    previous: WallData | None,
    now: datetime,
    raised: frozenset[str] = frozenset(),
) -> tuple[tuple[Alarm, ...], frozenset[str], tuple[int, ...]]:
    """(new alarms, every key raised so far, recent high-importance appeal ids).

    ``raised``: the keys a previous run of the wall raised (kept across restarts),
    used when there is no ``previous`` snapshot, so a restarted wall does not raise
    the same alarms again.
    """
    import numpy as np

    limits = context.alarm_thresholds
    seen = previous.alarm_keys if previous is not None else raised
    created = floats(df, "created_at")
    found: list[Alarm] = []

    recent = in_window(created, clock.now - limits.high_importance_recent_minutes * 60.0, np.inf)
    high = recent & (codes(df, "importance") == "high")
    high_ids = tuple(int(i) for i in np.sort(df["id"].to_numpy()[high]))
    found.extend(
        Alarm(
            "high_importance",
            "feed",
            f"high_importance:{appeal_id}",
            f"New high-importance appeal No. {display_number(appeal_id)}",
            now,
            target=str(appeal_id),
        )
        for appeal_id in high_ids
    )

    if previous is not None:
        before = previous.kpi("overdue_now")
        was = int(before.value or 0) if before is not None else 0
        if (
            overdue_now - was >= limits.overdue_spike_min_increase
            and overdue_now >= was * limits.overdue_spike_min_ratio
        ):
            found.append(
                Alarm(
                    "overdue_spike",
                    "risk",
                    f"overdue_spike:{_local_hour(clock)}",
                    f"Overdue appeals rose from {was} to {overdue_now}",
                    now,
                    value=float(overdue_now),
                    baseline=float(was),
                )
            )

    span = limits.surge_window_hours * HOUR
    window = in_window(created, clock.now - span, np.inf)
    base = in_window(created, clock.now - span - limits.surge_baseline_days * DAY, clock.now - span)
    spans = limits.surge_baseline_days * DAY / span
    today = _local_date(clock)
    targets = (
        ("category", "heatmap", tuple(c.code for c in context.dictionaries.categories)),
        ("municipality", "map", context.municipality_codes()),
    )
    for column, page, keys in targets:
        values = codes(df, column)
        now_counts = count_by(values[window], keys)
        base_mean = count_by(values[base], keys) / spans
        for i, key in enumerate(keys):
            got = int(now_counts[i])
            if got >= limits.surge_min_count and got >= limits.surge_factor * base_mean[i]:
                found.append(
                    Alarm(
                        "surge",
                        page,
                        f"surge:{column}:{key}:{today}",
                        f"Surge: {got} appeals in {limits.surge_window_hours} h "
                        f"(usually {base_mean[i]:.1f})",
                        now,
                        target=key,
                        value=float(got),
                        baseline=float(base_mean[i]),
                        span_hours=float(limits.surge_window_hours),
                    )
                )

    new = tuple(a for a in found if a.key not in seen)
    keep_high = {f"high_importance:{i}" for i in high_ids}
    yesterday = clock.as_datetime(clock.now - DAY).astimezone(clock.time_zone).date()
    day_texts = {today, yesterday.isoformat()}
    carried = {
        k for k in seen | {a.key for a in new} if k in keep_high or any(d in k for d in day_texts)
    }
    return new, frozenset(carried), high_ids
