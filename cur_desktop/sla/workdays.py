"""Which instants of each local date are working time, for one region.

The production calendar's facts (holidays, transfers, shortened days: a data file
per year), the region's own additions (regional holidays), its weekly schedule
and its IANA time zone come together here into one answer per date: the day's
working intervals as absolute instants (integer microseconds since the epoch),
computed once and cached. :class:`~cur_desktop.sla.calendar.ProductionCalendar`
does its arithmetic over these.

DST-safety: intervals become instants through ``zoneinfo``, so working time is
always real elapsed time, even on a day with a clock change (Russia has had none
since 2014, but history and foreign zones do).

Years without a data file are derived from Art. 112 of the Labour Code with a
logged warning, not refused. The central service computes a deadline on every
write: refusing would turn a missing file at New Year into refused citizens'
appeals, while a derived year is right on every public holiday and on the
automatic moves of Art. 112, and may miss only the decree's few transfers. The
derived status is visible (:meth:`WorkingDays.year_status`: ``approximate`` for years
before 2013, which use the holidays as the law then stood, and after 2100), and
``missing_years="raise"`` makes a strict calendar for checks and tests.

Threading: an instance may be shared between threads; its caches only ever grow
with values any thread would compute alike.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, Self
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from cur_desktop.sla.calendar_data import (
    CalendarDataError,
    YearData,
    derive_year,
    load_year_file,
    parse_dates,
)
from cur_desktop.sla.paths import calendars_dir
from cur_desktop.sla.schedule import MINUTES_PER_DAY, Interval, WorkSchedule

log = logging.getLogger(__name__)

MissingYears = Literal["derive", "raise"]

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MICROSECOND = timedelta(microseconds=1)
DAY = timedelta(days=1)
_SATURDAY = 5

#: A day's working intervals as instants (µs since the epoch), and their total length.
DayIntervals = tuple[tuple[tuple[int, int], ...], int]


class CalendarError(Exception):
    """The calendar cannot answer: a year is missing, or no working time is ahead."""


class MissingYearError(CalendarError, LookupError):
    """A year has no data file and the calendar was told not to derive one."""


def to_us(moment: datetime) -> int:
    """An aware datetime as integer microseconds since the epoch."""
    if moment.tzinfo is None:
        msg = f"naive datetime {moment!r}: the calendar needs aware datetimes"
        raise ValueError(msg)
    return (moment - EPOCH) // MICROSECOND


def from_us(us: int) -> datetime:
    """Microseconds since the epoch as a UTC datetime."""
    return EPOCH + timedelta(microseconds=us)


@lru_cache(maxsize=256)
def _read_year(directory: Path, year: int) -> YearData | None:
    path = directory / f"{year}.json"
    if not path.is_file():
        return None
    data = load_year_file(path)
    if data.year != year:
        msg = f"{path}: year: the file says {data.year}"
        raise CalendarDataError(msg)
    return data


class WorkingDays:
    """Holidays, schedule and time zone of one region, answered date by date."""

    def __init__(
        self,
        *,
        time_zone: str = "Europe/Moscow",
        schedule: WorkSchedule | None = None,
        data_dir: Path | None = None,
        extra_holidays: Iterable[date] = (),
        extra_working_days: Iterable[date] = (),
        extra_shortened: Iterable[date] = (),
        missing_years: MissingYears = "derive",
    ) -> None:
        try:
            self.time_zone = ZoneInfo(time_zone)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            msg = f"unknown time zone {time_zone!r}: use an IANA name such as Europe/Samara"
            raise CalendarDataError(msg) from exc
        if missing_years not in ("derive", "raise"):
            msg = f"missing_years must be 'derive' or 'raise', not {missing_years!r}"
            raise ValueError(msg)
        self.schedule = schedule or WorkSchedule.standard()
        self.extra_holidays = frozenset(extra_holidays)
        self.extra_working_days = frozenset(extra_working_days)
        self.extra_shortened = frozenset(extra_shortened)
        both = self.extra_holidays & self.extra_working_days
        if both:
            days = ", ".join(sorted(d.isoformat() for d in both))
            msg = f"days both extra holidays and extra working days: {days}"
            raise CalendarDataError(msg)
        self.missing_years: MissingYears = missing_years
        self._data_dir = data_dir
        self._years: dict[int, YearData] = {}
        self._days: dict[date, DayIntervals] = {}

    @classmethod
    def from_config(
        cls,
        raw: Mapping[str, Any],
        *,
        data_dir: Path | None = None,
        missing_years: MissingYears = "derive",
        origin: str = "calendar",
    ) -> Self:
        """A region's calendar section (format in ``resources/calendars/README.md``)."""
        known = {"time_zone", "extra_holidays", "extra_working_days", "extra_shortened"}
        unknown = set(raw) - known - {"schedule"}
        if unknown:
            msg = f"{origin}: unknown fields {sorted(unknown)}"
            raise CalendarDataError(msg)
        zone = raw.get("time_zone", "Europe/Moscow")
        if not isinstance(zone, str):
            msg = f"{origin}.time_zone: must be an IANA zone name"
            raise CalendarDataError(msg)
        return cls(
            time_zone=zone,
            schedule=WorkSchedule.from_config(raw.get("schedule"), f"{origin}.schedule"),
            data_dir=data_dir,
            extra_holidays=parse_dates(raw.get("extra_holidays", []), "extra_holidays", origin),
            extra_working_days=parse_dates(
                raw.get("extra_working_days", []), "extra_working_days", origin
            ),
            extra_shortened=parse_dates(raw.get("extra_shortened", []), "extra_shortened", origin),
            missing_years=missing_years,
        )

    # --- the year data -----------------------------------------------------------

    def year(self, year: int) -> YearData:
        """The year's facts, read on first use (or derived, see the module docstring)."""
        found = self._years.get(year)
        if found is not None:
            return found
        directory = self._data_dir if self._data_dir is not None else calendars_dir("RU")
        data = _read_year(directory, year)
        if data is None:
            if self.missing_years == "raise":
                msg = f"no production calendar for {year} in {directory}"
                raise MissingYearError(msg)
            data = derive_year(year)
            log.warning(
                "no production calendar for %d in %s: derived from the Labour Code (%s, %s); "
                "the decree's transfers of days off are missing",
                year,
                directory,
                data.source,
                data.status,
            )
        self._years[year] = data
        return data

    def year_status(self, year: int) -> str:
        """``official`` or ``derived``: screens may warn about a derived year."""
        return self.year(year).status

    # --- days ----------------------------------------------------------------------

    def is_working_day(self, day: date) -> bool:
        return self.day_intervals(day)[1] > 0

    def is_shortened(self, day: date) -> bool:
        """A pre-holiday working day, shorter by the schedule's ``shorten_minutes``."""
        return self.schedule.observe_holidays and self.is_working_day(day) and self._shortened(day)

    def working_intervals(self, day: date) -> list[tuple[datetime, datetime]]:
        """The working intervals of a local date, as aware datetimes in local time."""
        zone = self.time_zone
        return [
            (from_us(s).astimezone(zone), from_us(e).astimezone(zone))
            for s, e in self.day_intervals(day)[0]
        ]

    def local_date(self, moment: datetime) -> date:
        """The region's calendar date at an instant."""
        return moment.astimezone(self.time_zone).date()

    def local_date_us(self, us: int) -> date:
        """The region's calendar date at an instant given in µs since the epoch."""
        # Whole seconds are exact here: local midnights fall on whole seconds.
        return datetime.fromtimestamp(us // 1_000_000, self.time_zone).date()

    def _shortened(self, day: date) -> bool:
        return day in self.extra_shortened or day in self.year(day.year).shortened

    def _local_intervals(self, day: date) -> tuple[Interval, ...]:
        schedule = self.schedule
        weekday = day.weekday()
        if not schedule.observe_holidays:
            return schedule.day_intervals(weekday)
        if day in self.extra_working_days:
            working_by_transfer = True
        elif day in self.extra_holidays:
            return ()
        else:
            data = self.year(day.year)
            if weekday < _SATURDAY and day in data.holidays:
                return ()
            working_by_transfer = day in data.working_weekends
        regular = schedule.week[weekday]
        transferred = working_by_transfer and not regular
        if not (regular or transferred):
            return ()
        return schedule.day_intervals(
            weekday, transferred=transferred, shortened=self._shortened(day)
        )

    def instant(self, day: date, minute: int) -> int:
        """The instant (µs since the epoch) of a local date's minute; 1440 is midnight after."""
        if minute >= MINUTES_PER_DAY:
            day += DAY
            minute -= MINUTES_PER_DAY
        local = datetime(
            day.year, day.month, day.day, minute // 60, minute % 60, tzinfo=self.time_zone
        )
        return to_us(local)

    def day_intervals(self, day: date) -> DayIntervals:
        """A local date's working intervals as instants, and their total; cached."""
        cached = self._days.get(day)
        if cached is not None:
            return cached
        spans = []
        for start, end in self._local_intervals(day):
            s, e = self.instant(day, start), self.instant(day, end)
            if e > s:
                spans.append((s, e))
        result = (tuple(spans), sum(e - s for s, e in spans))
        self._days[day] = result
        return result
