"""The wall's data: columns read once from the cache, aggregates computed with pandas.

Qt-free; see ``/work/brief/WALL_CONTRACT.md`` and issue 5. Typical use, in a worker
thread::

    context = wall_context(cache, pack)
    frame = load_wall_frame(cache, now=now)  # once
    frame = refresh_wall_frame(cache, frame, now=now)  # after each sync batch
    data = compute_wall_data(frame, context=context, now=now, previous=data)
"""

from cur_desktop.analytics.compute import compute_wall_data
from cur_desktop.analytics.wall_context import (
    AlarmThresholds,
    RatingMethodology,
    WallContext,
    context_from_pack,
    load_alarm_thresholds,
    load_methodology,
    wall_context,
)
from cur_desktop.analytics.wall_data import (
    Alarm,
    BodyRisk,
    HeatMap,
    Kpi,
    MunicipalityLoad,
    Rating,
    RatingRow,
    RiskItem,
    TickerItem,
    TopProblem,
    Trends,
    WallData,
)
from cur_desktop.analytics.wall_frame import WallFrame, load_wall_frame, refresh_wall_frame

__all__ = [
    "Alarm",
    "AlarmThresholds",
    "BodyRisk",
    "HeatMap",
    "Kpi",
    "MunicipalityLoad",
    "Rating",
    "RatingMethodology",
    "RatingRow",
    "RiskItem",
    "TickerItem",
    "TopProblem",
    "Trends",
    "WallContext",
    "WallData",
    "WallFrame",
    "compute_wall_data",
    "context_from_pack",
    "load_alarm_thresholds",
    "load_methodology",
    "load_wall_frame",
    "refresh_wall_frame",
    "wall_context",
]
