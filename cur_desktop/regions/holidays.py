"""Regional non-working days on top of the federal production calendar.

Republics set their own holidays (Art. 6 of the Labour Code lets them): some fall
on the same date every year (День Чувашской Республики, 24 June), others move
with the lunar calendar and are declared by a government resolution each year
(Ураза-байрам in Dagestan). A pack lists both in ``pack.json``: ``"2025-03-31"``
is one date, ``"--06-24"`` (ISO 8601's notation for a month and day without a
year) is every year's 24 June. Weekend transfers of a regional holiday are
announced as dates and listed as dates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

_ANNUAL = re.compile(r"--([0-9]{2})-([0-9]{2})")
_LEAP_YEAR = 2000  # a year in which every valid month-day exists


@dataclass(frozen=True)
class HolidayRules:
    """Regional calendar changes: extra non-working days and extra working days."""

    dates: frozenset[date] = frozenset()
    annual: tuple[tuple[int, int], ...] = ()  # (month, day), every year
    working_days: frozenset[date] = frozenset()

    def expand(self, first_year: int, last_year: int) -> frozenset[date]:
        """Every extra non-working day of the years (inclusive)."""
        out = {d for d in self.dates if first_year <= d.year <= last_year}
        for year in range(first_year, last_year + 1):
            for month, day in self.annual:
                try:
                    out.add(date(year, month, day))
                except ValueError:  # 29 February in a common year
                    continue
        return frozenset(out)

    def to_json(self) -> list[str]:
        """The ``extra_holidays`` list as written in ``pack.json``."""
        annual = [f"--{m:02d}-{d:02d}" for m, d in sorted(self.annual)]
        return annual + [d.isoformat() for d in sorted(self.dates)]


def parse_days(
    value: Any, *, annual_ok: bool
) -> tuple[frozenset[date], tuple[tuple[int, int], ...]]:
    """Dates and annual month-days of a JSON list; ValueError names the bad entry."""
    if not isinstance(value, list):
        msg = "must be a list of dates"
        raise ValueError(msg)  # noqa: TRY004 - a ValueError is what callers report
    dates: set[date] = set()
    annual: list[tuple[int, int]] = []
    for i, item in enumerate(value):
        if not isinstance(item, str):
            msg = f"entry [{i}] must be a string, got {item!r}"
            raise ValueError(msg)  # noqa: TRY004
        match = _ANNUAL.fullmatch(item)
        if match is not None:
            if not annual_ok:
                msg = f"entry [{i}] {item!r}: an annual day is not allowed here, give a date"
                raise ValueError(msg)
            month, day = int(match.group(1)), int(match.group(2))
            try:
                date(_LEAP_YEAR, month, day)
            except ValueError as exc:
                msg = f"entry [{i}] {item!r} is not a month and day"
                raise ValueError(msg) from exc
            if (month, day) not in annual:
                annual.append((month, day))
            continue
        try:
            parsed = date.fromisoformat(item) if len(item) == 10 else None
        except ValueError:
            parsed = None
        if parsed is None:
            expected = "YYYY-MM-DD or --MM-DD" if annual_ok else "YYYY-MM-DD"
            msg = f"entry [{i}] {item!r} is not a date ({expected})"
            raise ValueError(msg)
        dates.add(parsed)
    return frozenset(dates), tuple(sorted(annual))
