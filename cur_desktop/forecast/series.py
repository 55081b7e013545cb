"""Daily counts of received appeals by the region's local date, per group.

Days before the first appeal of the cache are not days without appeals: a series
starts at the cache's first local date (not at the first appeal of its group), and
the days from there to ``until`` with no appeal of the group are zeros.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    import pandas as pd

    from cur_desktop.cache import Cache

COLUMNS = {"region": None, "theme": "theme", "municipality": "municipality"}


def daily_counts(
    cache: Cache, time_zone: ZoneInfo, until: date, dimension: str = "region", days: int = 180
) -> pd.DataFrame:
    """Columns: one per group (``*`` for the region), index: local dates up to ``until``."""
    import numpy as np
    import pandas as pd

    column = COLUMNS[dimension]
    start = datetime(until.year, until.month, until.day, tzinfo=time_zone) - timedelta(
        days=days - 1
    )
    end = datetime(until.year, until.month, until.day, tzinfo=time_zone) + timedelta(days=1)
    key = f", coalesce({column}, '')" if column else ""
    sql = (
        f"SELECT created_at{key} FROM appeals WHERE merged_into IS NULL AND id > 0 "  # noqa: S608
        "AND created_at >= :start AND created_at < :end"
    )
    with cache.engine.connect() as conn:
        first = conn.exec_driver_sql(
            "SELECT min(created_at) FROM appeals WHERE merged_into IS NULL AND id > 0"
        ).scalar()
        rows = conn.exec_driver_sql(
            sql, {"start": start.timestamp(), "end": end.timestamp()}
        ).fetchall()
    index = pd.date_range(start.date(), until, freq="D")
    if first is not None:
        first_day = datetime.fromtimestamp(float(first), tz=time_zone).date()
        index = index[index >= pd.Timestamp(first_day)]
    if not rows:
        return pd.DataFrame(index=index)
    created = np.array([r[0] for r in rows], dtype=np.float64)
    local = pd.to_datetime(created, unit="s", utc=True).tz_convert(time_zone).normalize()
    days_ = local.tz_localize(None)
    groups = [r[1] for r in rows] if column else ["*"] * len(rows)
    frame = pd.DataFrame({"day": days_, "group": groups})
    table = frame.groupby(["day", "group"]).size().unstack(fill_value=0)
    return table.reindex(index, fill_value=0).astype(np.float64)
