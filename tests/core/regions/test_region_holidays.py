"""Regional holidays: one-off dates and every-year month-days."""

from __future__ import annotations

from datetime import date

import pytest

from cur_desktop.regions.holidays import HolidayRules, parse_days


def test_dates_and_annual_days_are_told_apart() -> None:
    dates, annual = parse_days(["2025-03-31", "--06-24", "--06-24", "--01-02"], annual_ok=True)
    assert dates == {date(2025, 3, 31)}
    assert annual == ((1, 2), (6, 24))


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("2025-06-24", "must be a list"),
        ([20250624], r"entry \[0\] must be a string"),
        (["2025-02-30"], r"entry \[0\] '2025-02-30' is not a date"),
        (["20250624"], "is not a date"),
        (["--13-01"], "is not a month and day"),
        (["24.06.2025"], "is not a date"),
    ],
)
def test_bad_entries_are_named(value: object, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        parse_days(value, annual_ok=True)


def test_annual_days_can_be_forbidden() -> None:
    with pytest.raises(ValueError, match="annual day is not allowed"):
        parse_days(["--06-24"], annual_ok=False)


def test_expand_covers_the_years_asked_for() -> None:
    rules = HolidayRules(
        dates=frozenset({date(2024, 4, 10), date(2030, 1, 9)}), annual=((2, 29), (6, 24))
    )
    days = rules.expand(2024, 2025)
    assert days == {
        date(2024, 4, 10),
        date(2024, 2, 29),  # a leap year only
        date(2024, 6, 24),
        date(2025, 6, 24),
    }


def test_json_form_reads_back() -> None:
    rules = HolidayRules(dates=frozenset({date(2025, 7, 28)}), annual=((7, 26), (9, 15)))
    assert rules.to_json() == ["--07-26", "--09-15", "2025-07-28"]
    assert parse_days(rules.to_json(), annual_ok=True) == (rules.dates, rules.annual)
