"""The whole suite's clock: real by default, moved for the clock matrix.

``scripts/test_clock.sh`` runs the clock-sensitive folders with ``CUR_TEST_NOW``
set to an instant (ISO 8601 with its offset). Before anything of the product is
imported, this file then moves this process's time there with time-machine (it
ticks on from the instant at the real pace: ``datetime.now``, ``time.time`` and
everything built on them) and sets the clock's own debug option,
``CUR_DESKTOP_CLOCK_START``, for the processes the tests start (the central
service, the console, the wall). The option is refreshed before every test, so a
child started by a test starts within that test's run time of this process.

Everything else about time in the tests goes through :mod:`tests.support.clock`.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

_MOVED_TO = os.environ.get("CUR_TEST_NOW", "").strip()
_CLOCK_ENV = "CUR_DESKTOP_CLOCK_START"  # cur_desktop.clock.CLOCK_START_ENV, read at its import

if _MOVED_TO:
    import time_machine

    _instant = datetime.fromisoformat(_MOVED_TO)
    if _instant.tzinfo is None:
        msg = f"CUR_TEST_NOW={_MOVED_TO!r} needs a UTC offset"
        raise ValueError(msg)
    time_machine.travel(_instant, tick=True).start()
    os.environ[_CLOCK_ENV] = datetime.now(UTC).isoformat()


@pytest.fixture(autouse=True)
def _children_share_the_moved_clock() -> None:
    if _MOVED_TO:
        os.environ[_CLOCK_ENV] = datetime.now(UTC).isoformat()


@pytest.fixture(autouse=True)
def _root_logging_restored() -> Iterator[None]:
    """A command's ``main`` run in-process sets up logging to the stderr pytest captured for
    that test; left in place, later tests log into a closed file ("Logging error")."""
    root = logging.getLogger()
    before, level = list(root.handlers), root.level
    yield
    for handler in list(root.handlers):
        if type(handler) is logging.StreamHandler and handler not in before:  # not pytest's own
            root.removeHandler(handler)
    root.setLevel(level)


def pytest_report_header(config: pytest.Config) -> str | None:
    if not _MOVED_TO:
        return None
    zone = os.environ.get("TZ", "")
    return f"clock moved to {_MOVED_TO} (TZ={zone or 'unset'}); started {datetime.now(UTC)}"
