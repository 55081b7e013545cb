"""Working-time arithmetic on the production calendar, in a region's own time zone.

Every SLA deadline of the product is computed here: "8 working hours", "7 working
days", "30 days" all depend on the year's holidays and transfers, on the region's
working schedule and on its time zone (Russia spans eleven). The central service
calls this on every write and the demo generator for millions of appeals, so the
arithmetic skips whole days and never loops over minutes: each operation is
O(days spanned) over the cached working intervals of :mod:`.workdays`.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from cur_desktop.sla.schedule import MINUTES_PER_DAY
from cur_desktop.sla.workdays import (
    DAY,
    MICROSECOND,
    CalendarError,
    MissingYearError,
    WorkingDays,
    from_us,
    to_us,
)

__all__ = ["CalendarError", "MissingYearError", "ProductionCalendar"]

#: No real calendar has this many days in a row without working time.
MAX_SCAN_DAYS = 3700


class ProductionCalendar(WorkingDays):
    """Working days and hours of one region: holidays, schedule, time zone.

    All methods take aware datetimes and return UTC ones (the domain's convention),
    except :meth:`working_intervals`, which speaks of a local date and answers in
    local time. Construct it with :class:`WorkingDays`' arguments or
    :meth:`from_config` (a region's calendar section).
    """

    def add_working_time(self, start: datetime, amount: timedelta) -> datetime:
        """The instant when ``amount`` of working time has passed since ``start``.

        A deadline that uses up a day's last working minute is that day's end of work
        (18:00), not the next morning. Adding nothing returns ``start`` itself.
        """
        left = amount // MICROSECOND
        if left < 0:
            msg = f"cannot add negative working time {amount}"
            raise ValueError(msg)
        now = to_us(start)
        if left == 0:
            return from_us(now)
        day = self.local_date_us(now)
        for _ in range(MAX_SCAN_DAYS):
            intervals, total = self.day_intervals(day)
            if total and intervals[0][0] >= now and total < left:
                left -= total
            else:
                for s, e in intervals:
                    if e <= now:
                        continue
                    begin = max(s, now)
                    if left <= e - begin:
                        return from_us(begin + left)
                    left -= e - begin
            day += DAY
        raise CalendarError(f"no working time found within {MAX_SCAN_DAYS} days of {start}")

    def working_time_between(self, a: datetime, b: datetime) -> timedelta:
        """Working time from ``a`` to ``b``; negative when ``b`` is before ``a``."""
        ua, ub = to_us(a), to_us(b)
        if ub < ua:
            return -self.working_time_between(b, a)
        day = self.local_date_us(ua)
        last = self.local_date_us(ub)
        total = 0
        while day <= last:
            intervals, day_total = self.day_intervals(day)
            if day_total:
                if intervals[0][0] >= ua and intervals[-1][1] <= ub:
                    total += day_total
                else:
                    for s, e in intervals:
                        lo = max(ua, s)
                        hi = min(ub, e)
                        if hi > lo:
                            total += hi - lo
            day += DAY
        return timedelta(microseconds=total)

    def add_working_days(self, start: datetime, days: int) -> datetime:
        """The end of the ``days``-th working day after the local date of ``start``.

        The day of ``start`` itself does not count (Civil Code Art. 191: a term
        runs from the next day), and the deadline is that day's end of work (18:00,
        17:00 on a shortened day). ``days=0`` means the end of today's work, or of
        the next working day when today is not one.
        """
        if days < 0:
            msg = f"cannot add a negative number of working days ({days})"
            raise ValueError(msg)
        day = self.local_date(start)
        left = days
        if left == 0:
            intervals = self.day_intervals(day)[0]
            if intervals and intervals[-1][1] > to_us(start):
                return from_us(intervals[-1][1])
            left = 1
        for _ in range(MAX_SCAN_DAYS):
            day += DAY
            intervals, total = self.day_intervals(day)
            if total:
                left -= 1
                if left == 0:
                    return from_us(intervals[-1][1])
        raise CalendarError(f"no working day found within {MAX_SCAN_DAYS} days of {start}")

    def add_calendar_days(
        self, start: datetime, days: int, *, roll_to_working_day: bool = True
    ) -> datetime:
        """The instant a term of ``days`` calendar days expires: local midnight after its last day.

        The term runs from the day after ``start`` (Civil Code Art. 191); when its last
        day is not a working day it ends on the next working day (Art. 193), unless
        ``roll_to_working_day`` is False.
        """
        if days < 0:
            msg = f"cannot add a negative number of days ({days})"
            raise ValueError(msg)
        last = self.local_date(start) + timedelta(days=days)
        if roll_to_working_day:
            for _ in range(MAX_SCAN_DAYS):
                if self.day_intervals(last)[1]:
                    break
                last += DAY
        return from_us(self.instant(last, MINUTES_PER_DAY))
