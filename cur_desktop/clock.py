"""The one clock: where every module takes "now" for domain time.

Time is this product's subject (working hours, the production calendar, eleven
time zones, deadlines), so "now" is injected, never read from the wall clock on
the spot: the central service, the demo generators, the sync engine, the outbox,
the SLA engine's callers, the analytics and the wall all take a :class:`Clock`
and default to :func:`system_clock`. Tests pin it or move it; nothing else needs
to change for a test to run at 03:30 on the Monday after the New Year holidays.

A clock is any callable returning a timezone-aware UTC ``datetime``. Monotonic
timers for timeouts and pacing (``time.monotonic``) are not domain time and stay
where they are.

Debug option: ``CUR_DESKTOP_CLOCK_START`` (an ISO 8601 instant with its offset,
e.g. ``2026-01-12T03:30:00+03:00``) starts this process's system clock at that
instant; it then runs at the real pace. A process started through
:func:`child_env` (the demo service the console starts, say) inherits the moved
clock at the parent's current reading, so parent and child agree to within the
time it takes to start.
"""

from __future__ import annotations

import logging
import os
from datetime import UTC, datetime, timedelta
from typing import Protocol

log = logging.getLogger(__name__)

#: Environment variable of the debug option (see the module docstring).
CLOCK_START_ENV = "CUR_DESKTOP_CLOCK_START"


class Clock(Protocol):
    """A source of "now"."""

    def __call__(self) -> datetime:
        """The current instant, timezone-aware, in UTC."""
        ...


def _parse_start(value: str) -> datetime:
    try:
        start = datetime.fromisoformat(value.strip())
    except ValueError as exc:
        msg = f"{CLOCK_START_ENV}={value!r} is not an ISO 8601 instant"
        raise ValueError(msg) from exc
    if start.tzinfo is None:
        msg = f"{CLOCK_START_ENV}={value!r} has no UTC offset (write e.g. +03:00 or Z)"
        raise ValueError(msg)
    return start.astimezone(UTC)


def _offset_from_env() -> timedelta | None:
    value = os.environ.get(CLOCK_START_ENV)
    if not value:
        return None
    start = _parse_start(value)
    offset = start - datetime.now(UTC)
    log.info("the clock is moved to %s by %s (a debug option)", start, CLOCK_START_ENV)
    return offset


_OFFSET: timedelta | None = _offset_from_env()


def system_clock() -> datetime:
    """The machine's time in UTC, moved by ``CUR_DESKTOP_CLOCK_START`` if it was set."""
    now = datetime.now(UTC)
    return now if _OFFSET is None else now + _OFFSET


def epoch(clock: Clock = system_clock) -> float:
    """The clock's reading as POSIX seconds (what the databases store as ``REAL``)."""
    return clock().timestamp()


def is_moved() -> bool:
    """Whether this process runs on a moved clock (the debug option)."""
    return _OFFSET is not None


def child_env() -> dict[str, str]:
    """Environment entries that give a child process this process's clock.

    Empty on the real clock; with the debug option, the current reading, so the
    child's clock starts where the parent's is now.
    """
    if _OFFSET is None:
        return {}
    return {CLOCK_START_ENV: system_clock().isoformat()}


class PinnedClock:
    """A clock that stands still at one instant until moved (tests, reports "as of")."""

    def __init__(self, at: datetime) -> None:
        if at.tzinfo is None:
            msg = "a pinned clock needs a timezone-aware instant"
            raise ValueError(msg)
        self.at = at.astimezone(UTC)

    def __call__(self) -> datetime:
        return self.at

    def advance(self, delta: timedelta) -> None:
        """Move the clock forward (or back, with a negative ``delta``)."""
        self.at += delta


class StartedClock:
    """A clock that starts at an instant and runs at the real pace from there."""

    def __init__(self, start: datetime, base: Clock = system_clock) -> None:
        if start.tzinfo is None:
            msg = "a started clock needs a timezone-aware instant"
            raise ValueError(msg)
        self._base = base
        self._offset = start.astimezone(UTC) - base()

    def __call__(self) -> datetime:
        return self._base() + self._offset
