"""Working-time arithmetic on the real production calendar, in several time zones."""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from cur_desktop.sla.calendar import CalendarError, MissingYearError, ProductionCalendar
from cur_desktop.sla.calendar_data import CalendarDataError
from cur_desktop.sla.schedule import WorkSchedule, shorten

MSK = ZoneInfo("Europe/Moscow")
SAMARA = ZoneInfo("Europe/Samara")
YEKT = ZoneInfo("Asia/Yekaterinburg")
H = timedelta(hours=1)

CAL = ProductionCalendar(missing_years="raise")


def msk(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=MSK)


def test_new_year_holidays_are_skipped() -> None:
    # 30 Dec 2025 17:00: one hour that day, then nothing until Monday 12 January 2026.
    due = CAL.add_working_time(msk(2025, 12, 30, 17), 8 * H)
    assert due == msk(2026, 1, 12, 17)
    assert due.tzinfo is UTC
    assert CAL.working_time_between(msk(2025, 12, 30, 17), due) == 8 * H
    assert not any(CAL.is_working_day(date(2026, 1, d)) for d in range(1, 12))
    assert CAL.is_working_day(date(2026, 1, 12))


def test_a_transferred_working_saturday_counts() -> None:
    saturday = date(2024, 11, 2)
    assert CAL.is_working_day(saturday)
    assert CAL.is_shortened(saturday)
    intervals = CAL.working_intervals(saturday)
    assert intervals[0][0] == msk(2024, 11, 2, 9)
    assert intervals[-1][1] == msk(2024, 11, 2, 17)  # shortened by one hour
    # Friday 17:00 + 2 working hours: 1 h on Friday, 1 h on the working Saturday.
    assert CAL.add_working_time(msk(2024, 11, 1, 17), 2 * H) == msk(2024, 11, 2, 10)
    # Monday 4 November is the holiday itself.
    assert not CAL.is_working_day(date(2024, 11, 4))


def test_a_shortened_day_ends_an_hour_early() -> None:
    # Thursday 30 April 2026 ends at 17:00; 1–3 May are off.
    assert CAL.is_shortened(date(2026, 4, 30))
    assert CAL.add_working_time(msk(2026, 4, 30, 16), 2 * H) == msk(2026, 5, 4, 10)
    assert CAL.working_time_between(msk(2026, 4, 30, 0), msk(2026, 5, 1, 0)) == 7 * H
    # A deadline that uses up the last working minute is 17:00, not the next morning.
    assert CAL.add_working_time(msk(2026, 4, 30, 16), H) == msk(2026, 4, 30, 17)


def test_a_whole_day_of_work_ends_that_evening() -> None:
    assert CAL.add_working_time(msk(2026, 3, 2, 8), 8 * H) == msk(2026, 3, 2, 18)
    assert CAL.add_working_time(msk(2026, 3, 2, 8), 8 * H + timedelta(microseconds=1)) == (
        msk(2026, 3, 3, 9) + timedelta(microseconds=1)
    )


def test_lunch_is_not_working_time() -> None:
    assert CAL.add_working_time(msk(2026, 3, 3, 12, 30), H) == msk(2026, 3, 3, 14, 30)
    assert CAL.working_time_between(msk(2026, 3, 3, 13), msk(2026, 3, 3, 14)) == timedelta(0)


def test_yearly_working_time_equals_the_official_hours() -> None:
    year = CAL.working_time_between(msk(2024, 1, 1), msk(2025, 1, 1))
    assert year == 1979 * H


@pytest.mark.parametrize(
    ("zone", "hours"),
    [(MSK, 8), (SAMARA, 7), (YEKT, 6)],
)
def test_the_same_instants_are_different_working_time_in_each_zone(
    zone: ZoneInfo, hours: int
) -> None:
    calendar = ProductionCalendar(time_zone=zone.key, missing_years="raise")
    start = datetime(2026, 3, 2, 6, tzinfo=UTC)  # 09:00 MSK, 10:00 Samara, 11:00 Yekaterinburg
    end = datetime(2026, 3, 2, 15, tzinfo=UTC)  # 18:00 MSK
    assert calendar.working_time_between(start, end) == hours * H


def test_deadlines_end_at_local_end_of_work() -> None:
    yekaterinburg = ProductionCalendar(time_zone="Asia/Yekaterinburg", missing_years="raise")
    start = datetime(2026, 3, 2, 12, tzinfo=YEKT)
    due = yekaterinburg.add_working_days(start, 1)
    assert due == datetime(2026, 3, 3, 18, tzinfo=YEKT)
    assert due == datetime(2026, 3, 3, 13, tzinfo=UTC)
    # A Moscow instant late in the evening is already the next morning in Yekaterinburg.
    assert yekaterinburg.local_date(msk(2026, 3, 2, 23)) == date(2026, 3, 3)


def test_russian_zones_have_no_clock_change() -> None:
    every_hour = WorkSchedule.round_the_clock()
    for zone in ("Europe/Moscow", "Europe/Samara", "Asia/Yekaterinburg"):
        calendar = ProductionCalendar(time_zone=zone, schedule=every_hour)
        tz = ZoneInfo(zone)
        start, end = datetime(2026, 1, 1, tzinfo=tz), datetime(2027, 1, 1, tzinfo=tz)
        assert calendar.working_time_between(start, end) == timedelta(days=365)


def test_a_day_with_a_clock_change_is_counted_in_real_time() -> None:
    # Berlin moved its clocks on 29 March 2026: that local day lasted 23 hours.
    calendar = ProductionCalendar(
        time_zone="Europe/Berlin", schedule=WorkSchedule.round_the_clock()
    )
    berlin = ZoneInfo("Europe/Berlin")
    day = calendar.working_time_between(
        datetime(2026, 3, 29, tzinfo=berlin), datetime(2026, 3, 30, tzinfo=berlin)
    )
    assert day == 23 * H
    start = datetime(2026, 3, 28, 12, tzinfo=berlin)
    assert calendar.add_working_time(start, 24 * H) == start.astimezone(UTC) + 24 * H


def test_add_working_days_counts_from_the_next_day() -> None:
    # Friday 20 Feb 2026; Monday 23 February is a holiday.
    assert CAL.add_working_days(msk(2026, 2, 20, 10), 7) == msk(2026, 3, 4, 18)
    assert CAL.add_working_days(msk(2026, 2, 20, 10), 1) == msk(2026, 2, 24, 18)
    # Zero: the end of today's work, or of the next working day.
    assert CAL.add_working_days(msk(2026, 2, 20, 10), 0) == msk(2026, 2, 20, 18)
    assert CAL.add_working_days(msk(2026, 2, 20, 19), 0) == msk(2026, 2, 24, 18)
    # Ending on a shortened day ends at 17:00.
    assert CAL.add_working_days(msk(2026, 4, 29, 10), 1) == msk(2026, 4, 30, 17)


def test_add_calendar_days_rolls_past_days_off() -> None:
    # 30 days from 10 April 2026 is Sunday 10 May; 11 May is a holiday: the term ends 12 May.
    assert CAL.add_calendar_days(msk(2026, 4, 10, 15), 30) == msk(2026, 5, 13)
    assert CAL.add_calendar_days(msk(2026, 4, 10, 15), 30, roll_to_working_day=False) == msk(
        2026, 5, 11
    )
    assert CAL.add_calendar_days(msk(2026, 3, 2, 9), 2) == msk(2026, 3, 5)


def test_regional_holidays_and_working_days() -> None:
    # Chuvashia: 24 June (Wednesday in 2026) is the Day of the Republic.
    chuvashia = ProductionCalendar.from_config(
        {"time_zone": "Europe/Moscow", "extra_holidays": ["2026-06-24"]}, missing_years="raise"
    )
    assert not chuvashia.is_working_day(date(2026, 6, 24))
    assert chuvashia.add_working_time(msk(2026, 6, 23, 17), 2 * H) == msk(2026, 6, 25, 10)
    assert CAL.add_working_time(msk(2026, 6, 23, 17), 2 * H) == msk(2026, 6, 24, 10)
    worked = ProductionCalendar(
        extra_working_days=[date(2026, 6, 13)], extra_shortened=[date(2026, 6, 13)]
    )
    assert worked.working_intervals(date(2026, 6, 13))[-1][1] == msk(2026, 6, 13, 17)


def test_round_the_clock_ignores_holidays() -> None:
    duty = ProductionCalendar(schedule=WorkSchedule.round_the_clock())
    start = msk(2025, 12, 31, 20)
    assert duty.add_working_time(start, 8 * H) == start + 8 * H
    assert duty.is_working_day(date(2026, 1, 1))
    assert not duty.is_shortened(date(2026, 4, 30))
    assert duty.add_working_days(start, 1) == msk(2026, 1, 2)


def test_custom_schedule_from_config() -> None:
    calendar = ProductionCalendar.from_config(
        {
            "time_zone": "Europe/Samara",
            "schedule": {
                "week": {d: ["08:00-12:00", "13:00-17:00"] for d in ("mon", "tue", "wed")},
                "shorten_minutes": 30,
            },
        },
        missing_years="raise",
    )
    samara = ZoneInfo("Europe/Samara")
    assert not calendar.is_working_day(date(2026, 3, 5))  # Thursday is off in this schedule
    # Wednesday 16:00 + 2 h: 1 h that day, Monday 9 March is a holiday, 1 h on Tuesday.
    due = calendar.add_working_time(datetime(2026, 3, 4, 16, tzinfo=samara), 2 * H)
    assert due == datetime(2026, 3, 10, 9, tzinfo=samara)
    assert calendar.working_intervals(date(2026, 3, 6)) == []


@pytest.mark.parametrize(
    ("raw", "where"),
    [
        ({"time_zone": "Mars/Olympus"}, "Mars/Olympus"),
        ({"extra_holidays": ["2026-02-30"]}, r"extra_holidays\[0\]"),
        ({"holidays": []}, "unknown fields"),
        ({"schedule": {"preset": "nights"}}, r"schedule\.preset"),
        ({"schedule": {"week": {"mon": ["18:00-09:00"]}}}, r"schedule\.week\.mon"),
        ({"schedule": {"week": {"mon": ["9:00-18:00"]}}}, r"schedule\.week\.mon\[0\]"),
        ({"schedule": {"week": {"mon": ["09:00-13:00", "12:00-18:00"]}}}, "overlap"),
        ({"schedule": {"week": {}}}, "no working time"),
        ({"extra_holidays": ["2026-06-24"], "extra_working_days": ["2026-06-24"]}, "both"),
    ],
)
def test_malformed_region_sections_are_refused(raw: dict[str, object], where: str) -> None:
    with pytest.raises(CalendarDataError, match=where):
        ProductionCalendar.from_config(raw)


def test_shorten_crosses_the_lunch_break() -> None:
    day = ((540, 780), (840, 870))  # 09:00–13:00, 14:00–14:30
    assert shorten(day, 60) == ((540, 750),)


def test_missing_years_raise_or_derive(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    strict = ProductionCalendar(data_dir=tmp_path, missing_years="raise")
    with pytest.raises(MissingYearError, match="2026"):
        strict.is_working_day(date(2026, 5, 4))
    lenient = ProductionCalendar(data_dir=tmp_path)
    with caplog.at_level(logging.WARNING, logger="cur_desktop.sla.workdays"):
        assert not lenient.is_working_day(date(2026, 3, 9))  # 8 March moved by Art. 112
    assert "derived" in caplog.text
    assert lenient.year_status(2026) == "derived"
    assert CAL.year_status(2026) == "official"
    # Before the present law: the holidays of their time, marked approximate (issue 13).
    assert not lenient.is_working_day(date(2010, 5, 3))  # 1 May 2010 was a Saturday
    assert lenient.is_working_day(date(2010, 5, 4))
    assert lenient.year_status(2010) == "approximate"


def test_bad_arguments_are_refused() -> None:
    with pytest.raises(ValueError, match="naive"):
        CAL.add_working_time(datetime(2026, 3, 2, 9), H)
    with pytest.raises(ValueError, match="negative"):
        CAL.add_working_time(msk(2026, 3, 2, 9), -H)
    with pytest.raises(ValueError, match="negative"):
        CAL.add_working_days(msk(2026, 3, 2, 9), -1)
    assert CAL.add_working_time(msk(2026, 3, 7, 9), timedelta(0)) == msk(2026, 3, 7, 9)
    assert CAL.working_time_between(msk(2026, 3, 3, 10), msk(2026, 3, 2, 10)) == -8 * H


def test_a_calendar_without_any_working_day_ahead_gives_up() -> None:
    every_day = [date(2026, 1, 1) + timedelta(days=i) for i in range(4000)]
    nothing = ProductionCalendar(extra_holidays=every_day)
    with pytest.raises(CalendarError, match="no working"):
        nothing.add_working_time(msk(2026, 1, 1), H)
