"""How a deadline reads and looks: remaining time in Russian, colours by SLA state.

The SLA engine answers in a :class:`~cur_desktop.sla.SlaState` (remaining time in the
norm's own kind of time: working hours for ИМ, calendar days for ПОС). Operators read
it in a narrow column at a glance, in one unit for every rule: the real time to the
deadline (or past it), in days and hours («12 дн.», «2 дн. 3 ч»), short times in hours
and minutes, and an overdue deadline with a minus sign on red. The column is sorted
by the deadline's moment, so the text sorts as it reads: «−90 дн.» is never below a
working-time «−76 раб. дн.» that is really 106 days late. Where a rule counts working
time, the working time left is in the tooltip and the detail pane («2 раб. дн. 3 ч
рабочего времени»). A :class:`Deadline` made without ``real_remaining`` (no "now"
known) says the rule's own time, as before. The colours are shared by
the table delegate, the detail pane and (later) the wall.

GUI thread only (translations).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale, QTimeZone
from PySide6.QtGui import QColor

from cur_desktop.sla import SlaState, SlaStatus
from widgets.labels import sla_label

WORKING_DAY_HOURS = 8  # a standard working day, for reading working hours as days
_COARSE_DAYS = 3  # from this many days on, hours no longer matter at a glance


@dataclass(frozen=True, slots=True)
class Deadline:
    """An appeal's SLA state and whether its remaining time is working time."""

    state: SlaState
    working: bool
    #: ``due_at − now`` in real time (None: not known); what the column says while the
    #: deadline runs, so that every row of it is in the same unit
    real_remaining: timedelta | None = None

    def shown_remaining(self) -> tuple[timedelta, bool]:
        """(time left, in working time?) as the column says it."""
        running = self.state.status in (SlaStatus.NORMAL, SlaStatus.AT_RISK, SlaStatus.OVERDUE)
        if running and self.real_remaining is not None:
            return self.real_remaining, False
        return self.state.remaining, self.working


@dataclass(frozen=True, slots=True)
class SlaColours:
    background: QColor
    foreground: QColor


_COLOURS = {
    SlaStatus.NORMAL: SlaColours(QColor("#e3f1e5"), QColor("#1d5e2c")),
    SlaStatus.AT_RISK: SlaColours(QColor("#ffe8b3"), QColor("#6b4500")),
    SlaStatus.OVERDUE: SlaColours(QColor("#c62828"), QColor("#ffffff")),
    SlaStatus.PAUSED: SlaColours(QColor("#e1e6ef"), QColor("#39475e")),
    SlaStatus.DONE: SlaColours(QColor("#eef0f2"), QColor("#55606b")),
    SlaStatus.DONE_LATE: SlaColours(QColor("#f6e1e1"), QColor("#8a2b2b")),
}


def sla_colours(status: SlaStatus) -> SlaColours:
    return _COLOURS[status]


def _t(text: str) -> str:
    return QCoreApplication.translate("SlaFormat", text)


def format_duration(amount: timedelta, *, working: bool) -> str:
    """A non-negative duration the short Russian way («5 ч 20 мин», «2 раб. дн. 3 ч»).

    Under two days it is said in hours (an ИМ norm of 8 working hours reads «8 ч»,
    not «1 раб. дн.»); from :data:`_COARSE_DAYS` days on, in whole days.
    """
    minutes = max(int(amount.total_seconds() // 60), 0)
    total_hours, mins = divmod(minutes, 60)
    day_hours = WORKING_DAY_HOURS if working else 24
    days, hours = divmod(total_hours, day_hours)
    if days >= _COARSE_DAYS or (days >= 2 and not hours):
        text = _t("%1 work d") if working else _t("%1 d")
        return text.replace("%1", str(days))
    if days >= 2:
        text = _t("%1 work d %2 h") if working else _t("%1 d %2 h")
        return text.replace("%1", str(days)).replace("%2", str(hours))
    if total_hours and not mins:
        return _t("%1 h").replace("%1", str(total_hours))
    if total_hours:
        return _t("%1 h %2 min").replace("%1", str(total_hours)).replace("%2", str(mins))
    return _t("%1 min").replace("%1", str(mins))


def deadline_text(deadline: Deadline | None) -> str:
    """What the deadline column shows for one appeal."""
    if deadline is None:
        return "—"
    state = deadline.state
    if state.status is SlaStatus.DONE:
        return _t("on time")
    if state.status is SlaStatus.DONE_LATE:
        return _t("late")
    remaining, working = deadline.shown_remaining()
    left = format_duration(abs(remaining), working=working)
    if state.status is SlaStatus.OVERDUE:
        if _under_a_minute(remaining):
            # passed outside working hours (18:00 due, read at 19:30): no working minute
            # is late yet, and «−0 мин» read as a glitch to the operators on night duty
            return _t("overdue")
        return "−" + left
    if state.status is SlaStatus.PAUSED:
        return _t("paused, %1").replace("%1", left)
    return left


def deadline_tooltip(deadline: Deadline | None, time_zone: QTimeZone | None = None) -> str:
    """A full sentence: the state, the time left or over, and the deadline itself."""
    if deadline is None:
        return _t("No deadline")
    state = deadline.state
    when = format_moment(QDateTime.fromSecsSinceEpoch(int(state.due_at.timestamp())), time_zone)
    left = format_duration(abs(state.remaining), working=deadline.working)
    kind = _t("working time") if deadline.working else _t("calendar time")
    if state.status is SlaStatus.OVERDUE:
        detail = (
            ""  # the state's own label says it; "by 0 min" says nothing
            if _under_a_minute(state.remaining)
            else _t("overdue by %1 (%2)").replace("%1", left).replace("%2", kind)
        )
    elif state.is_finished:
        detail = ""
    else:
        detail = _t("%1 left (%2)").replace("%1", left).replace("%2", kind)
    if detail and deadline.working and deadline.shown_remaining()[1] is False:
        real, _working = deadline.shown_remaining()
        shown = format_duration(abs(real), working=False)
        detail += "; " + (
            _t("%1 in real time").replace("%1", ("−" if real < timedelta(0) else "") + shown)
        )
    parts = [sla_label(state.status), _t("deadline %1").replace("%1", when)]
    if detail:
        parts.insert(1, detail)
    return "; ".join(parts)


def _under_a_minute(amount: timedelta) -> bool:
    return abs(amount) < timedelta(minutes=1)


def format_moment(moment: QDateTime, time_zone: QTimeZone | None = None) -> str:
    """«22.11.2026 14:05» in the region's zone (the machine's when not given)."""
    moment = moment.toTimeZone(time_zone) if time_zone is not None else moment.toLocalTime()
    return QLocale().toString(moment, "dd.MM.yyyy HH:mm")


def _mark_for_lupdate() -> None:  # pragma: no cover - lupdate reads these literals
    QCoreApplication.translate("SlaFormat", "%1 work d")
    QCoreApplication.translate("SlaFormat", "%1 d")
    QCoreApplication.translate("SlaFormat", "%1 work d %2 h")
    QCoreApplication.translate("SlaFormat", "%1 d %2 h")
    QCoreApplication.translate("SlaFormat", "%1 h %2 min")
    QCoreApplication.translate("SlaFormat", "%1 h")
    QCoreApplication.translate("SlaFormat", "%1 min")
    QCoreApplication.translate("SlaFormat", "on time")
    QCoreApplication.translate("SlaFormat", "late")
    QCoreApplication.translate("SlaFormat", "overdue")
    QCoreApplication.translate("SlaFormat", "paused, %1")
    QCoreApplication.translate("SlaFormat", "No deadline")
    QCoreApplication.translate("SlaFormat", "working time")
    QCoreApplication.translate("SlaFormat", "calendar time")
    QCoreApplication.translate("SlaFormat", "overdue by %1 (%2)")
    QCoreApplication.translate("SlaFormat", "%1 left (%2)")
    QCoreApplication.translate("SlaFormat", "deadline %1")
    QCoreApplication.translate("SlaFormat", "%1 in real time")
