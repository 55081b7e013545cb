"""Properties of working-time arithmetic that must hold for any instants and amounts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from cur_desktop.sla.calendar import ProductionCalendar
from cur_desktop.sla.schedule import WorkSchedule

CALENDARS = (
    ProductionCalendar(time_zone="Europe/Moscow", missing_years="raise"),
    ProductionCalendar(time_zone="Europe/Samara", missing_years="raise"),
    ProductionCalendar(time_zone="Asia/Yekaterinburg", missing_years="raise"),
    ProductionCalendar(time_zone="Europe/Moscow", schedule=WorkSchedule.round_the_clock()),
)
# Far enough from the end of 2027 that 200 working hours stay inside the data.
any_instant = st.datetimes(
    min_value=datetime(2023, 1, 1),
    max_value=datetime(2027, 9, 1),
    timezones=st.just(UTC),
)
# Whole hours hit the edges of working intervals (09:00, 13:00, 18:00) exactly.
instants = st.one_of(
    any_instant, any_instant.map(lambda t: t.replace(minute=0, second=0, microsecond=0))
)
amounts = st.one_of(
    st.integers(min_value=0, max_value=200 * 3600 * 10**6).map(
        lambda us: timedelta(microseconds=us)
    ),
    st.integers(min_value=0, max_value=200).map(lambda h: timedelta(hours=h)),
)
positive = amounts.filter(lambda d: d > timedelta(0))
calendars = st.sampled_from(CALENDARS)
props = settings(max_examples=60, deadline=None, database=None)


def _inside_working_time(calendar: ProductionCalendar, moment: datetime) -> bool:
    day = calendar.local_date(moment)
    candidates = calendar.working_intervals(day)
    candidates += calendar.working_intervals(day - timedelta(days=1))  # an end at midnight
    return any(start < moment <= end for start, end in candidates)


@props
@given(calendar=calendars, a=instants, p=instants, y=positive)
def test_adding_the_working_time_between_lands_on_the_end(
    calendar: ProductionCalendar, a: datetime, p: datetime, y: timedelta
) -> None:
    b = calendar.add_working_time(max(a, p), y)  # an instant inside working time, after a
    assert _inside_working_time(calendar, b)
    assert calendar.add_working_time(a, calendar.working_time_between(a, b)) == b


@props
@given(calendar=calendars, moments=st.lists(instants, min_size=3, max_size=3))
def test_working_time_between_is_additive(
    calendar: ProductionCalendar, moments: list[datetime]
) -> None:
    a, b, c = sorted(moments)
    ab = calendar.working_time_between(a, b)
    bc = calendar.working_time_between(b, c)
    assert calendar.working_time_between(a, c) == ab + bc
    assert timedelta(0) <= ab <= b - a
    assert calendar.working_time_between(c, a) == -(ab + bc)


@props
@given(calendar=calendars, a=instants, b=instants, x=amounts, y=amounts)
def test_adding_working_time_is_monotonic(
    calendar: ProductionCalendar, a: datetime, b: datetime, x: timedelta, y: timedelta
) -> None:
    a, b = min(a, b), max(a, b)
    x, y = min(x, y), max(x, y)
    assert calendar.add_working_time(a, x) <= calendar.add_working_time(b, x)
    assert calendar.add_working_time(a, x) <= calendar.add_working_time(a, y)
    assert calendar.add_working_time(a, x) >= a


@props
@given(calendar=calendars, a=instants, x=amounts, y=amounts)
def test_adding_in_two_steps_is_adding_once(
    calendar: ProductionCalendar, a: datetime, x: timedelta, y: timedelta
) -> None:
    once = calendar.add_working_time(a, x + y)
    assert once == calendar.add_working_time(calendar.add_working_time(a, x), y)
    assert calendar.working_time_between(a, once) == x + y


@props
@given(calendar=calendars, a=instants, x=positive)
def test_results_fall_in_working_intervals_never_on_a_holiday(
    calendar: ProductionCalendar, a: datetime, x: timedelta
) -> None:
    due = calendar.add_working_time(a, x)
    assert _inside_working_time(calendar, due)
    last_working_instant = due - timedelta(microseconds=1)
    assert calendar.is_working_day(calendar.local_date(last_working_instant))


@props
@given(calendar=calendars, a=instants, n=st.integers(min_value=1, max_value=25))
def test_add_working_days_ends_the_nth_working_day(
    calendar: ProductionCalendar, a: datetime, n: int
) -> None:
    due = calendar.add_working_days(a, n)
    last_day = calendar.local_date(due - timedelta(microseconds=1))
    assert calendar.is_working_day(last_day)
    assert due == calendar.working_intervals(last_day)[-1][1]
    first_day = calendar.local_date(a)
    days = [first_day + timedelta(days=i) for i in range(1, (last_day - first_day).days + 1)]
    assert sum(calendar.is_working_day(d) for d in days) == n


@props
@given(calendar=calendars, a=instants, n=st.integers(min_value=0, max_value=60))
def test_add_calendar_days_ends_at_local_midnight_of_a_working_day(
    calendar: ProductionCalendar, a: datetime, n: int
) -> None:
    due = calendar.add_calendar_days(a, n)
    local = due.astimezone(calendar.time_zone)
    assert (local.hour, local.minute, local.second) == (0, 0, 0)
    last_day = local.date() - timedelta(days=1)
    assert calendar.is_working_day(last_day)
    assert (last_day - calendar.local_date(a)).days >= n
