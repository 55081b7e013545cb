"""One year of the production calendar: reading the data file, or deriving it by law.

The Russian production calendar changes every year: the Labour Code (Art. 112)
fixes the public holidays and moves a holiday that falls on a weekend to the next
working day, and each year a government decree transfers a few more days off
(the January holidays that fell on a weekend above all). The decree's facts are
data (``resources/calendars/RU/<year>.json``, format in that folder's README);
this module reads and checks such a file, and derives a year from Art. 112 alone
for years whose decree is not in the data.

Pure and Qt-free; nothing here knows about time zones or working hours.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any, NoReturn

FORMAT = "cur-production-calendar"
VERSION = 1
STATUSES = ("official", "derived", "approximate")
#: Art. 112 took its present form (January 1–6 and 8, plus Christmas) in 2013.
FIRST_DERIVABLE_YEAR = 2013
LAST_DERIVABLE_YEAR = 2100

#: (month, day) of the non-working public holidays of Art. 112 of the Labour Code.
PUBLIC_HOLIDAYS: tuple[tuple[int, int], ...] = (
    *((1, d) for d in range(1, 9)),
    (2, 23),
    (3, 8),
    (5, 1),
    (5, 9),
    (6, 12),
    (11, 4),
)

_SATURDAY = 5

#: The public holidays as the law stood before 2013, for years no decree file covers
#: (imports of old data: an Open311 example from 2010). ``(first year, holidays, whether
#: January holidays on a weekend moved too)``, newest first; earlier years use the last.
#: 2005–2012: Art. 112 as amended by Federal Law № 201-ФЗ of 29.12.2004 (1–5 January,
#: Christmas, 23 February, 8 March, 1 and 9 May, 12 June, 4 November). 2002–2004: the
#: Labour Code as enacted (1–2 January, 7 January, 23 February, 8 March, 1–2 May, 9 May,
#: 12 June, 7 November, 12 December). Before 2002: Art. 65 of the КЗоТ as amended in
#: 1992 (the same without 23 February).
HISTORIC_HOLIDAYS: tuple[tuple[int, tuple[tuple[int, int], ...], bool], ...] = (
    (
        2005,
        (*((1, d) for d in range(1, 6)), (1, 7), (2, 23), (3, 8), (5, 1), (5, 9), (6, 12), (11, 4)),
        True,
    ),
    (
        2002,
        (
            (1, 1),
            (1, 2),
            (1, 7),
            (2, 23),
            (3, 8),
            (5, 1),
            (5, 2),
            (5, 9),
            (6, 12),
            (11, 7),
            (12, 12),
        ),
        True,
    ),
    (
        1,
        ((1, 1), (1, 2), (1, 7), (3, 8), (5, 1), (5, 2), (5, 9), (6, 12), (11, 7), (12, 12)),
        True,
    ),
)


class CalendarDataError(ValueError):
    """A calendar file (or a region's calendar section) is malformed."""


@dataclass(frozen=True, slots=True)
class YearData:
    """The facts of one year: which weekdays are off, which weekend days work."""

    year: int
    status: str
    source: str
    holidays: frozenset[date]  # non-working days falling on Mon–Fri
    working_weekends: frozenset[date]
    shortened: frozenset[date]
    working_days: int  # official totals of the five-day 40-hour week
    hours_40: int

    def is_working_day(self, day: date) -> bool:
        if day.weekday() >= _SATURDAY:
            return day in self.working_weekends
        return day not in self.holidays

    def recount(self) -> tuple[int, int]:
        """Working days and 40-hour-week hours recomputed from the lists."""
        days = hours = 0
        day = date(self.year, 1, 1)
        while day.year == self.year:
            if self.is_working_day(day):
                days += 1
                hours += 7 if day in self.shortened else 8
            day += timedelta(days=1)
        return days, hours


def load_year_file(path: Path) -> YearData:
    """Read and check one calendar file; :class:`CalendarDataError` says what is wrong."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        msg = f"{path}: cannot read calendar: {exc}"
        raise CalendarDataError(msg) from exc
    return parse_year(raw, origin=str(path))


def parse_year(raw: Any, *, origin: str = "<calendar>") -> YearData:
    """Build a :class:`YearData` from the decoded JSON of a calendar file."""
    if not isinstance(raw, dict):
        _fail(origin, "", "must be a JSON object")
    if raw.get("format") != FORMAT:
        _fail(origin, "format", f"must be {FORMAT!r}")
    if raw.get("version") != VERSION:
        _fail(origin, "version", f"unsupported version {raw.get('version')!r}")
    year = raw.get("year")
    if not isinstance(year, int) or isinstance(year, bool):
        _fail(origin, "year", "must be an integer")
    status = raw.get("status")
    if status not in STATUSES:
        _fail(origin, "status", f"must be one of {STATUSES}")
    source = raw.get("source")
    if not isinstance(source, str) or not source.strip():
        _fail(origin, "source", "must name the decree or law")
    holidays = _dates(raw, "holidays", year, origin)
    weekends = _dates(raw, "working_weekends", year, origin)
    shortened = _dates(raw, "shortened", year, origin)
    for day in holidays:
        if day.weekday() >= _SATURDAY:
            _fail(origin, "holidays", f"{day} is a weekend day: list only Mon–Fri")
    for day in weekends:
        if day.weekday() < _SATURDAY:
            _fail(origin, "working_weekends", f"{day} is not a Saturday or Sunday")
    totals = raw.get("totals")
    if not isinstance(totals, dict):
        _fail(origin, "totals", "must be an object")
    counts = []
    for key in ("working_days", "hours_40"):
        value = totals.get(key)
        if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
            _fail(origin, f"totals.{key}", "must be a positive integer")
        counts.append(value)
    data = YearData(
        year=year,
        status=status,
        source=source,
        holidays=holidays,
        working_weekends=weekends,
        shortened=shortened,
        working_days=counts[0],
        hours_40=counts[1],
    )
    for day in shortened:
        if not data.is_working_day(day):
            _fail(origin, "shortened", f"{day} is not a working day")
    return data


def derive_year(year: int) -> YearData:
    """The year as Art. 112 alone makes it, without the government's decree.

    A holiday on a weekend moves to the next working day, except the January
    holidays (the decree transfers those, to days nobody can guess). A working
    day right before a public holiday is shortened by one hour (Art. 95).

    Years before 2013 use the holidays as the law then stood
    (:data:`HISTORIC_HOLIDAYS`), years after 2100 the present law; both are marked
    ``approximate`` (no decree's transfers, the law's later changes unknown). Only
    years ``datetime`` cannot hold are refused.
    """
    if not 1 <= year <= 9998:
        msg = f"cannot derive the production calendar of {year}: outside years 1–9998"
        raise CalendarDataError(msg)
    holidays: tuple[tuple[int, int], ...] = PUBLIC_HOLIDAYS
    move_january = False
    status, source = "derived", "ст. 112 ТК РФ"
    if year < FIRST_DERIVABLE_YEAR:
        first, holidays, move_january = next(h for h in HISTORIC_HOLIDAYS if year >= h[0])
        status = "approximate"
        source = (
            "ст. 112 ТК РФ в ред. 2005–2012 (приблизительно)"
            if first == 2005
            else "ст. 112 ТК РФ в ред. 2002 (приблизительно)"
            if first == 2002
            else "ст. 65 КЗоТ РСФСР в ред. 1992 (приблизительно)"
        )
    elif year > LAST_DERIVABLE_YEAR:
        status, source = "approximate", "ст. 112 ТК РФ (приблизительно)"
    fixed = [date(year, m, d) for m, d in holidays]
    days_off = {d for d in fixed if d.weekday() < _SATURDAY}
    for day in fixed:
        if day.weekday() >= _SATURDAY and (move_january or day.month != 1):
            moved = day + timedelta(days=1)
            while moved.weekday() >= _SATURDAY or moved in days_off:
                moved += timedelta(days=1)
            days_off.add(moved)
    # The day before Jan 1 of the next year counts too: Dec 31 is shortened.
    eves = {*fixed, date(year + 1, 1, 1)}
    shortened = set()
    for holiday in eves:
        eve = holiday - timedelta(days=1)
        if eve.year == year and eve.weekday() < _SATURDAY and eve not in days_off:
            shortened.add(eve)
    partial = YearData(
        year=year,
        status=status,
        source=source,
        holidays=frozenset(days_off),
        working_weekends=frozenset(),
        shortened=frozenset(shortened),
        working_days=0,
        hours_40=0,
    )
    days, hours = partial.recount()
    return YearData(
        year=year,
        status=status,
        source=partial.source,
        holidays=partial.holidays,
        working_weekends=partial.working_weekends,
        shortened=partial.shortened,
        working_days=days,
        hours_40=hours,
    )


def parse_dates(values: Any, field: str, origin: str) -> frozenset[date]:
    """A list of ISO dates, checked: used by year files and region sections alike."""
    if not isinstance(values, list):
        _fail(origin, field, "must be a list of ISO dates")
    out: set[date] = set()
    for i, value in enumerate(values):
        if not isinstance(value, str):
            _fail(origin, f"{field}[{i}]", "must be an ISO date string")
        try:
            day = date.fromisoformat(value)
        except ValueError:
            _fail(origin, f"{field}[{i}]", f"{value!r} is not an ISO date (YYYY-MM-DD)")
        if day in out:
            _fail(origin, f"{field}[{i}]", f"{value} is listed twice")
        out.add(day)
    return frozenset(out)


def _dates(raw: dict[str, Any], field: str, year: int, origin: str) -> frozenset[date]:
    days = parse_dates(raw.get(field), field, origin)
    for day in days:
        if day.year != year:
            _fail(origin, field, f"{day} is not in {year}")
    return days


def _fail(origin: str, field: str, problem: str) -> NoReturn:
    where = f"{origin}: {field}" if field else origin
    msg = f"{where}: {problem}"
    raise CalendarDataError(msg)
