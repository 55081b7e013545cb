"""Reporting periods of the head's desk: a day, an ISO week, a calendar month, a quarter,
a year, or any run of days; each compared with the one before and a year earlier.

A period is a run of the region's local dates (``first`` to ``last``, both included);
:meth:`Period.bounds` turns it into UTC epoch seconds at the region's local midnights.
Text forms, as the command line and the reports name them: ``2026-11-05`` (day),
``2026-W48`` (ISO week), ``2026-11`` (month), ``2026-Q4`` (quarter), ``2026`` (year),
``2026-11-01..2026-11-15`` (custom). Qt-free.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

KINDS = ("day", "week", "month", "quarter", "year", "custom")

_WEEK = re.compile(r"^(\d{4})-W(\d{1,2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_YEAR = re.compile(r"^(\d{4})$")
_CUSTOM = re.compile(r"^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$")


class PeriodError(ValueError):
    """A period's text form that names no period."""


def _month_end(year: int, month: int) -> date:
    following = date(year + month // 12, month % 12 + 1, 1)
    return following - timedelta(days=1)


def _shift_year(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True, slots=True)
class Period:
    """Local dates ``first``..``last`` (inclusive) of one kind."""

    kind: str
    first: date
    last: date

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise PeriodError(f"unknown period kind {self.kind!r}")
        if self.last < self.first:
            raise PeriodError(f"a period ends after it starts: {self.first}..{self.last}")

    @classmethod
    def parse(cls, text: str) -> Period:
        """``2026-11``, ``2026-Q4``, ``2026-W48``, ``2026``, ``2026-11-05`` or ``a..b``."""
        value = text.strip()
        try:
            if m := _CUSTOM.match(value):
                return cls("custom", date.fromisoformat(m[1]), date.fromisoformat(m[2]))
            if m := _WEEK.match(value):
                monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
                return cls("week", monday, monday + timedelta(days=6))
            if m := _QUARTER.match(value):
                year, q = int(m[1]), int(m[2])
                return cls("quarter", date(year, 3 * q - 2, 1), _month_end(year, 3 * q))
            if m := _MONTH.match(value):
                year, month = int(m[1]), int(m[2])
                return cls("month", date(year, month, 1), _month_end(year, month))
            if m := _YEAR.match(value):
                year = int(m[1])
                return cls("year", date(year, 1, 1), date(year, 12, 31))
            day = date.fromisoformat(value)
        except ValueError as exc:
            raise PeriodError(f"{text!r} names no period: {exc}") from None
        return cls("day", day, day)

    @classmethod
    def containing(cls, kind: str, day: date) -> Period:
        """The period of ``kind`` that holds the local date ``day`` (custom: the day)."""
        if kind == "week":
            monday = day - timedelta(days=day.weekday())
            return cls("week", monday, monday + timedelta(days=6))
        if kind == "month":
            return cls("month", day.replace(day=1), _month_end(day.year, day.month))
        if kind == "quarter":
            q = (day.month - 1) // 3 + 1
            return cls("quarter", date(day.year, 3 * q - 2, 1), _month_end(day.year, 3 * q))
        if kind == "year":
            return cls("year", date(day.year, 1, 1), date(day.year, 12, 31))
        return cls("day" if kind == "day" else kind, day, day)

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    @property
    def label(self) -> str:
        """The text form :meth:`parse` reads back."""
        if self.kind == "day":
            return self.first.isoformat()
        if self.kind == "week":
            year, week, _ = self.first.isocalendar()
            return f"{year}-W{week:02d}"
        if self.kind == "month":
            return f"{self.first.year}-{self.first.month:02d}"
        if self.kind == "quarter":
            return f"{self.first.year}-Q{(self.first.month - 1) // 3 + 1}"
        if self.kind == "year":
            return str(self.first.year)
        return f"{self.first.isoformat()}..{self.last.isoformat()}"

    def previous(self) -> Period:
        """The period just before: the previous month, quarter, week; custom: as long."""
        if self.kind in ("month", "quarter", "year"):
            return Period.containing(self.kind, self.first - timedelta(days=1))
        return Period(self.kind, self.first - timedelta(self.days), self.first - timedelta(1))

    def year_earlier(self) -> Period:
        """The same period a year before (a week: the same ISO week number)."""
        if self.kind == "week":
            year, week, _ = self.first.isocalendar()
            try:
                monday = date.fromisocalendar(year - 1, week, 1)
            except ValueError:  # week 53
                monday = date.fromisocalendar(year - 1, 52, 1)
            return Period("week", monday, monday + timedelta(days=6))
        if self.kind in ("month", "quarter", "year"):
            return Period.containing(self.kind, _shift_year(self.first, -1))
        return Period(self.kind, _shift_year(self.first, -1), _shift_year(self.last, -1))

    def bounds(self, time_zone: ZoneInfo) -> tuple[float, float]:
        """(start, end) as UTC epoch seconds: local midnight of ``first`` and after ``last``."""
        end_day = self.last + timedelta(days=1)
        start = datetime(self.first.year, self.first.month, self.first.day, tzinfo=time_zone)
        end = datetime(end_day.year, end_day.month, end_day.day, tzinfo=time_zone)
        return start.timestamp(), end.timestamp()
