"""An overdue deadline with no working minute over it says «просрочено», not «−0 мин».

The SLA engine calls a deadline overdue once its moment has passed, and counts what is
over in working time. A deadline at 18:00 read at 19:30, or one that falls outside
working hours, therefore has zero working minutes over it until the next working
morning; the clock matrix (08:00 in Kamchatka) showed the detail pane writing «−0 мин»
all that time.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QTimeZone

from cur_desktop.sla import SlaStatus
from cur_desktop.sla.engine import Phase, SlaState
from widgets.sla_format import Deadline, deadline_text, deadline_tooltip

DUE = datetime(2026, 12, 4, 15, 0, tzinfo=UTC)  # Friday 18:00 in Moscow


def _overdue(by: timedelta) -> Deadline:
    state = SlaState(
        status=SlaStatus.OVERDUE,
        phase=Phase.FIRST_ANSWER,
        due_at=DUE,
        remaining=-by,
        target_at=None,
        first_due_at=DUE,
        clock_started_at=DUE - timedelta(days=3),
        finished_at=None,
        rule="pos",
    )
    return Deadline(state, working=True)


@pytest.mark.parametrize("by", [timedelta(0), timedelta(seconds=59)])
def test_no_working_minute_over_is_said_overdue(qapp: object, by: timedelta) -> None:
    deadline = _overdue(by)
    assert deadline_text(deadline) == "просрочено"
    tip = deadline_tooltip(deadline, QTimeZone(b"Europe/Moscow"))
    assert "0 мин" not in tip
    assert "04.12.2026 18:00" in tip


@pytest.mark.parametrize(
    ("by", "shown"),
    [
        (timedelta(minutes=1), "−1 мин"),
        (timedelta(minutes=2), "−2 мин"),
        (timedelta(hours=2), "−2 ч"),
    ],
)
def test_working_minutes_over_are_counted(qapp: object, by: timedelta, shown: str) -> None:
    deadline = _overdue(by)
    assert deadline_text(deadline) == shown
    assert "просрочено на" in deadline_tooltip(deadline, QTimeZone(b"Europe/Moscow")).casefold()
