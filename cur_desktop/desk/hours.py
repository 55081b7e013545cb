"""Working hours between many pairs of instants at once, through the production calendar.

:meth:`ProductionCalendar.working_time_between` walks the days of one pair; a month's
desk has tens of thousands of pairs. Here the calendar's working intervals over the
whole span are laid out once as a cumulative curve (working seconds since the first
day, flat outside working time, rising one second per second inside it), and the
working time between ``a`` and ``b`` is ``W(b) − W(a)``: one :func:`numpy.interp`
per array, exactly what the calendar's own walk adds up. Qt-free.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cur_desktop.analytics.columns import Floats
    from cur_desktop.sla import ProductionCalendar

HOUR = 3600.0


def working_hours(calendar: ProductionCalendar, start: Floats, end: Floats) -> Floats:
    """Working hours from ``start`` to ``end`` (epoch seconds; NaN where either is NaN).

    An ``end`` before its ``start`` gives 0 (a reaction stamped before creation is
    an import's rounding, not negative work).
    """
    import numpy as np

    both = ~np.isnan(start) & ~np.isnan(end)
    out = np.full(len(start), np.nan)
    if not both.any():
        return out
    lo = float(min(start[both].min(), end[both].min()))
    hi = float(max(start[both].max(), end[both].max()))
    xs, cumulative = _curve(calendar, lo, hi)
    w_start = np.interp(start[both], xs, cumulative)
    w_end = np.interp(end[both], xs, cumulative)
    out[both] = np.maximum(w_end - w_start, 0.0) / HOUR
    return out


def _curve(calendar: ProductionCalendar, lo: float, hi: float) -> tuple[Floats, Floats]:
    import numpy as np

    day = calendar.local_date(datetime.fromtimestamp(lo, tz=UTC)) - timedelta(days=1)
    last = calendar.local_date(datetime.fromtimestamp(hi, tz=UTC)) + timedelta(days=1)
    xs: list[float] = [lo - 1.0]
    ws: list[float] = [0.0]
    total = 0.0
    while day <= last:
        for s, e in calendar.day_intervals(day)[0]:
            s_sec, e_sec = s / 1e6, e / 1e6
            xs.extend((s_sec, e_sec))
            ws.extend((total, total + (e_sec - s_sec)))
            total += e_sec - s_sec
        day += timedelta(days=1)
    xs.append(max(hi, xs[-1]) + 1.0)
    ws.append(total)
    return np.asarray(xs, dtype=np.float64), np.asarray(ws, dtype=np.float64)
