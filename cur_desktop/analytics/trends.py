"""Incoming appeals over time, against last week, with a forecast band for the next days.

By hour: today's local hours up to now, against the same weekday a week ago (the
whole day). By day: the last ``DAYS`` local days (today partial), each against
the day seven days earlier.

The forecast is deliberately simple and says so on the page: **seasonal-naive by
weekday**. For each of the next ``FORECAST_DAYS`` days, take the same weekday in
the last ``WEEKS`` complete weeks (days before today only); the point is their
median and the band runs from their 10th to their 90th percentile (numpy's linear
quantiles). Appeals follow the working week far more than any trend over a month,
and a method the room can understand beats one it has to trust. Qt-free.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cur_desktop.analytics.columns import Clock, floats, local_hours
from cur_desktop.analytics.wall_data import Trends

if TYPE_CHECKING:
    import pandas as pd

DAYS = 14
FORECAST_DAYS = 7
WEEKS = 4
BAND = (0.1, 0.9)
METHOD = "seasonal-naive by weekday: median of the last 4 same weekdays, band 10-90 %"


def compute_trends(df: pd.DataFrame, clock: Clock) -> Trends:
    import numpy as np

    created = floats(df, "created_at")
    oldest = clock.day_start(-(DAYS + 7 * WEEKS + 7))
    recent = created[(created >= oldest) & (created <= clock.now)]
    recent.sort()

    # day boundaries as epochs (local midnights, DST-safe), from oldest to tomorrow
    first = -(7 * WEEKS + DAYS)
    bounds = np.array([clock.day_start(k) for k in range(first, 2)], dtype=np.float64)
    per_day = np.diff(np.searchsorted(recent, bounds, side="left"))
    # per_day[k - first] is the count of day offset k (k = 0 is today, partial)

    def day(k: int) -> int:
        return int(per_day[k - first])

    offsets = list(range(-(DAYS - 1), 1))
    by_day = tuple(day(k) for k in offsets)
    last_week = tuple(day(k - 7) for k in offsets)

    today = recent[recent >= clock.today]
    week_ago = recent[(recent >= clock.day_start(-7)) & (recent < clock.day_start(-6))]
    hours_today = np.bincount(local_hours(today, clock.time_zone), minlength=24)[:24]
    hours_week = np.bincount(local_hours(week_ago, clock.time_zone), minlength=24)[:24]
    current_hour = int(local_hours(np.array([clock.now]), clock.time_zone)[0])

    forecast: list[float] = []
    low: list[float] = []
    high: list[float] = []
    for ahead in range(1, FORECAST_DAYS + 1):
        # the same weekday in past complete weeks: ahead - 7, ahead - 14, ... (< today)
        same = [day(ahead - 7 * w) for w in range(1, WEEKS + 2) if ahead - 7 * w < 0][:WEEKS]
        values = np.array(same, dtype=np.float64)
        forecast.append(float(np.median(values)))
        low.append(float(np.quantile(values, BAND[0])))
        high.append(float(np.quantile(values, BAND[1])))

    return Trends(
        hours=tuple(range(24)),
        today_by_hour=tuple(int(v) for v in hours_today),
        last_week_by_hour=tuple(int(v) for v in hours_week),
        current_hour=current_hour,
        days=tuple(clock.as_datetime(clock.day_start(k)) for k in offsets),
        by_day=by_day,
        last_week_by_day=last_week,
        forecast_days=tuple(
            clock.as_datetime(clock.day_start(k)) for k in range(1, FORECAST_DAYS + 1)
        ),
        forecast=tuple(forecast),
        forecast_low=tuple(low),
        forecast_high=tuple(high),
        method=METHOD,
    )
