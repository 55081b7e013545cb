"""The weekly working schedule: which hours of a day count as working time.

Deadlines in working hours mean nothing without it: a body works Mon–Fri
09:00–18:00 with a lunch hour (8 hours), a ЦУР on duty round the clock works
every hour of every day, holidays included. The schedule is regional data (a
region pack's calendar section, format in ``resources/calendars/README.md``),
never code.

Times are minutes from local midnight (0..1440, end exclusive) in the region's
own time zone; the calendar turns them into instants.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NoReturn

from cur_desktop.sla.calendar_data import CalendarDataError

#: A working interval of a day: (start, end) minutes from local midnight.
Interval = tuple[int, int]

DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
MINUTES_PER_DAY = 24 * 60

_STANDARD_DAY: tuple[Interval, ...] = ((9 * 60, 13 * 60), (14 * 60, 18 * 60))
_WHOLE_DAY: tuple[Interval, ...] = ((0, MINUTES_PER_DAY),)


@dataclass(frozen=True, slots=True)
class WorkSchedule:
    """Working intervals for each day of the week, Monday first."""

    week: tuple[tuple[Interval, ...], ...]
    #: Hours of a Saturday or Sunday made working by a transfer of days off.
    working_weekend: tuple[Interval, ...]
    #: False for a round-the-clock service: holidays and transfers do not apply.
    observe_holidays: bool = True
    #: How much shorter a pre-holiday day is (Art. 95 of the Labour Code: one hour).
    shorten_minutes: int = 60

    def __post_init__(self) -> None:
        if len(self.week) != 7:
            msg = f"a week has 7 days, the schedule has {len(self.week)}"
            raise CalendarDataError(msg)
        for name, day in zip(DAY_NAMES, self.week, strict=True):
            _check_day(day, f"schedule.week.{name}")
        _check_day(self.working_weekend, "schedule.working_weekend")
        if not any(self.week):
            msg = "schedule.week: the schedule has no working time at all"
            raise CalendarDataError(msg)
        if not 0 <= self.shorten_minutes < MINUTES_PER_DAY:
            msg = f"schedule.shorten_minutes: {self.shorten_minutes} is out of range"
            raise CalendarDataError(msg)

    @classmethod
    def standard(cls) -> WorkSchedule:
        """Mon–Fri 09:00–13:00 and 14:00–18:00: the 40-hour week."""
        return cls(week=(_STANDARD_DAY,) * 5 + ((), ()), working_weekend=_STANDARD_DAY)

    @classmethod
    def round_the_clock(cls) -> WorkSchedule:
        """Every hour of every day, holidays included (a duty shift)."""
        return cls(
            week=(_WHOLE_DAY,) * 7,
            working_weekend=_WHOLE_DAY,
            observe_holidays=False,
            shorten_minutes=0,
        )

    @classmethod
    def from_config(cls, raw: Any, origin: str = "schedule") -> WorkSchedule:
        """Parse the ``schedule`` section of a region's calendar settings."""
        if raw is None:
            return cls.standard()
        if not isinstance(raw, dict):
            _fail(origin, "must be an object")
        preset = raw.get("preset")
        if preset is not None:
            if set(raw) != {"preset"}:
                _fail(origin, "a preset takes no other fields")
            if preset == "standard":
                return cls.standard()
            if preset == "round_the_clock":
                return cls.round_the_clock()
            _fail(f"{origin}.preset", f"unknown preset {preset!r}")
        unknown = set(raw) - {"week", "working_weekend", "observe_holidays", "shorten_minutes"}
        if unknown:
            _fail(origin, f"unknown fields {sorted(unknown)}")
        week_raw = raw.get("week")
        if not isinstance(week_raw, dict):
            _fail(f"{origin}.week", "must map mon..sun to lists of 'HH:MM-HH:MM'")
        extra = set(week_raw) - set(DAY_NAMES)
        if extra:
            _fail(f"{origin}.week", f"unknown days {sorted(extra)}")
        week = tuple(
            _parse_day(week_raw.get(name, []), f"{origin}.week.{name}") for name in DAY_NAMES
        )
        first_working = next((day for day in week if day), ())
        weekend_raw = raw.get("working_weekend")
        weekend = (
            first_working
            if weekend_raw is None
            else _parse_day(weekend_raw, f"{origin}.working_weekend")
        )
        observe = raw.get("observe_holidays", True)
        if not isinstance(observe, bool):
            _fail(f"{origin}.observe_holidays", "must be true or false")
        shorten = raw.get("shorten_minutes", 60)
        if not isinstance(shorten, int) or isinstance(shorten, bool):
            _fail(f"{origin}.shorten_minutes", "must be an integer")
        return cls(
            week=week, working_weekend=weekend, observe_holidays=observe, shorten_minutes=shorten
        )

    def day_intervals(
        self, weekday: int, *, transferred: bool = False, shortened: bool = False
    ) -> tuple[Interval, ...]:
        """Working intervals of one day; a shortened day ends earlier."""
        day = self.working_weekend if transferred else self.week[weekday]
        if shortened and self.shorten_minutes:
            return shorten(day, self.shorten_minutes)
        return day


def shorten(day: tuple[Interval, ...], minutes: int) -> tuple[Interval, ...]:
    """Cut ``minutes`` off the end of the day, across the lunch break if need be."""
    out = list(day)
    left = minutes
    while out and left > 0:
        start, end = out[-1]
        if end - start > left:
            out[-1] = (start, end - left)
            break
        left -= end - start
        out.pop()
    return tuple(out)


def _parse_day(raw: Any, origin: str) -> tuple[Interval, ...]:
    if not isinstance(raw, list):
        _fail(origin, "must be a list of 'HH:MM-HH:MM'")
    out = []
    for i, text in enumerate(raw):
        if not isinstance(text, str) or text.count("-") != 1:
            _fail(f"{origin}[{i}]", f"{text!r} is not 'HH:MM-HH:MM'")
        start, end = text.split("-")
        out.append((_minutes(start, f"{origin}[{i}]"), _minutes(end, f"{origin}[{i}]")))
    day = tuple(out)
    _check_day(day, origin)
    return day


def _minutes(text: str, origin: str) -> int:
    parts = text.strip().split(":")
    if len(parts) != 2 or not all(p.isdigit() and len(p) == 2 for p in parts):
        _fail(origin, f"{text!r} is not HH:MM")
    hours, minutes = int(parts[0]), int(parts[1])
    if minutes >= 60 or hours * 60 + minutes > MINUTES_PER_DAY:
        _fail(origin, f"{text!r} is not a time of day (00:00..24:00)")
    return hours * 60 + minutes


def _check_day(day: tuple[Interval, ...], origin: str) -> None:
    previous_end = 0
    for start, end in day:
        if not 0 <= start < end <= MINUTES_PER_DAY:
            _fail(origin, f"interval {start}-{end} minutes is empty or outside the day")
        if start < previous_end:
            _fail(origin, "intervals must be in order and must not overlap")
        previous_end = end


def _fail(origin: str, problem: str) -> NoReturn:
    msg = f"{origin}: {problem}"
    raise CalendarDataError(msg)
