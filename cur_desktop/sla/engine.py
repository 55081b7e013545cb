"""The deadline engine: where an appeal stands against its norm, now.

Given an appeal, the rule set and the region's calendar, :func:`compute_sla`
says which deadline is in force and how the appeal stands against it. The
central service stores ``due_at`` on every write; screens colour the queue by
``status``; analytics count "answered within the norm" with :func:`met_norm`.

How the deadline in force is found (``resources/sla/README.md`` for the data):

* the clock starts at registration (or creation), at ``reopened_at`` for a
  reopened appeal; answers given before a reopening are ignored;
* until an interim answer, the first-answer norm applies; after one, the rule's
  final-answer norm counts from the interim answer (without a final-answer norm
  the first deadline stays);
* each closed pause (waiting for the citizen) started before the deadline
  extends it by the time it covered, in the norm's own kind of time; a pause
  started after the deadline saves nothing;
* an open pause freezes the remaining time: the deadline shown is where it
  would be if the clock ran again now;
* a postponement (``postponed_to``, set by the lifecycle) sets the deadline in
  force, but never earlier than the computed one. After an interim answer it is
  taken to extend the final answer: the first-answer deadline (a KPI of first
  reactions) then ignores it, as the appeal alone does not say when it was made.

Pure functions of their arguments (``now`` is a parameter), Qt-free.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Literal

from cur_desktop.domain.appeal import Appeal, Pause, utc
from cur_desktop.sla.calendar import ProductionCalendar
from cur_desktop.sla.rules import Norm, SlaRule, SlaRules, Unit


class SlaStatus(StrEnum):
    NORMAL = "normal"
    AT_RISK = "at_risk"
    OVERDUE = "overdue"
    PAUSED = "paused"
    DONE = "done"  # answered or closed in time
    DONE_LATE = "done_late"


class Phase(StrEnum):
    FIRST_ANSWER = "first_answer"
    FINAL_ANSWER = "final_answer"  # after an interim answer


@dataclass(frozen=True, slots=True)
class SlaState:
    """Where one appeal stands. Times are UTC."""

    status: SlaStatus
    phase: Phase
    due_at: datetime  # the deadline in force
    #: Time left until ``due_at`` in the norm's kind of time (working time for
    #: working units); negative when overdue; frozen while paused; for a finished
    #: appeal, the margin it finished with.
    remaining: timedelta
    target_at: datetime | None
    first_due_at: datetime  # the first-answer deadline, for first-reaction KPIs
    clock_started_at: datetime
    finished_at: datetime | None
    rule: str

    @property
    def is_finished(self) -> bool:
        return self.status in (SlaStatus.DONE, SlaStatus.DONE_LATE)


def compute_sla(
    appeal: Appeal, rules: SlaRules, calendar: ProductionCalendar, *, now: datetime
) -> SlaState:
    """The appeal's deadline in force and its SLA status at ``now``."""
    now = utc(now)
    rule = rules.rule_for(appeal)
    clock = _clock_start(appeal, rule)
    interim = _since(appeal.interim_answer_at, clock)
    final_norm = rule.final_answer if interim is not None else None
    base, first_due = _phase_deadline(
        appeal, rule.first_answer, calendar, clock, until=interim, postponed=final_norm is None
    )
    if final_norm is not None and interim is not None:
        phase, norm, start = Phase.FINAL_ANSWER, final_norm, interim
        base, due = _phase_deadline(appeal, norm, calendar, interim, until=None, postponed=True)
    else:
        phase, norm, start = Phase.FIRST_ANSWER, rule.first_answer, clock
        due = first_due
    target = rule.target.deadline(calendar, clock) if rule.target is not None else None
    finished = None if appeal.status.is_open else _finished_at(appeal, clock)

    def state(status: SlaStatus, due_at: datetime, remaining: timedelta) -> SlaState:
        return SlaState(
            status=status,
            phase=phase,
            due_at=due_at,
            remaining=remaining,
            target_at=target,
            first_due_at=first_due,
            clock_started_at=clock,
            finished_at=finished,
            rule=rule.name,
        )

    if not appeal.status.is_open:
        if finished is None:  # imported without times: nothing says it was late
            return state(SlaStatus.DONE, due, timedelta(0))
        margin = norm.measure(calendar, finished, due)
        late = finished > due
        return state(SlaStatus.DONE_LATE if late else SlaStatus.DONE, due, margin)

    paused = _open_pause(appeal.pauses, start)
    if paused is not None and paused < due:
        frozen = norm.measure(calendar, paused, due)
        projected = norm.extend(calendar, due, norm.measure(calendar, paused, max(now, paused)))
        return state(SlaStatus.PAUSED, projected, frozen)

    remaining = norm.measure(calendar, now, due)
    if now >= due:
        return state(SlaStatus.OVERDUE, due, remaining)
    if _at_risk(
        rule=rule,
        norm=norm,
        calendar=calendar,
        start=start,
        base=base,
        now=now,
        due=due,
        remaining=remaining,
    ):
        return state(SlaStatus.AT_RISK, due, remaining)
    return state(SlaStatus.NORMAL, due, remaining)


def met_norm(
    appeal: Appeal,
    rules: SlaRules,
    calendar: ProductionCalendar,
    *,
    stage: Literal["final", "first"] = "final",
) -> bool | None:
    """Whether an appeal met its norm; None while that is not yet known.

    ``final``: a finished appeal answered (or closed) by the deadline in force —
    the KPI "share answered within the norm". ``first``: the first reaction
    (interim answer or answer) came by the first-answer deadline.
    """
    if stage == "first":
        rule = rules.rule_for(appeal)
        clock = _clock_start(appeal, rule)
        reactions = [
            t
            for t in (appeal.first_reaction_at, appeal.interim_answer_at, appeal.answered_at)
            if t is not None and t >= clock
        ]
        if not reactions:
            return None
        first = min(reactions)
        interim = _since(appeal.interim_answer_at, clock)
        final = interim is not None and rule.final_answer is not None
        _, due = _phase_deadline(
            appeal, rule.first_answer, calendar, clock, until=interim, postponed=not final
        )
        return first <= due
    if appeal.status.is_open:
        return None
    moment = appeal.answered_at or appeal.closed_at or appeal.updated_at or appeal.created_at
    state = compute_sla(appeal, rules, calendar, now=moment)
    if state.finished_at is None:
        return None
    return state.status is SlaStatus.DONE


# --- internals -----------------------------------------------------------------------


def _clock_start(appeal: Appeal, rule: SlaRule) -> datetime:
    if appeal.reopened_at is not None:
        return utc(appeal.reopened_at)
    if rule.clock_starts == "registered" and appeal.registered_at is not None:
        return utc(appeal.registered_at)
    return utc(appeal.created_at)


def _since(moment: datetime | None, clock: datetime) -> datetime | None:
    """``moment`` if it belongs to the current round (not before the clock start)."""
    return utc(moment) if moment is not None and moment >= clock else None


def _finished_at(appeal: Appeal, clock: datetime) -> datetime | None:
    return _since(appeal.answered_at, clock) or _since(appeal.closed_at, clock)


def _phase_deadline(
    appeal: Appeal,
    norm: Norm,
    calendar: ProductionCalendar,
    start: datetime,
    *,
    until: datetime | None,
    postponed: bool,
) -> tuple[datetime, datetime]:
    """The norm's bare deadline from ``start``, and with closed pauses and the postponement."""
    base = due = norm.deadline(calendar, start)
    for pause in sorted(appeal.pauses, key=lambda p: p.start):
        if pause.end is None:
            continue
        begin = max(utc(pause.start), start)
        end = utc(pause.end)
        if until is not None:
            end = min(end, until)
        if end <= begin or begin >= due:
            continue
        due = norm.extend(calendar, due, norm.measure(calendar, begin, end))
    if postponed and appeal.postponed_to is not None:
        due = max(due, utc(appeal.postponed_to))
    return base, due


def _open_pause(pauses: tuple[Pause, ...], start: datetime) -> datetime | None:
    if pauses and pauses[-1].end is None:
        return max(utc(pauses[-1].start), start)
    return None


def _at_risk(
    *,
    rule: SlaRule,
    norm: Norm,
    calendar: ProductionCalendar,
    start: datetime,
    base: datetime,
    now: datetime,
    due: datetime,
    remaining: timedelta,
) -> bool:
    within = rule.at_risk.within
    if within is not None:
        if within.unit is Unit.WORKING_DAYS:
            return calendar.add_working_days(now, int(within.value)) >= due
        return within.measure(calendar, now, due) <= within.amount()
    share = rule.at_risk.share or 0.0
    # An hour norm spans exactly its amount; a day norm's span depends on the days.
    hours = norm.unit in (Unit.WORKING_HOURS, Unit.CALENDAR_HOURS)
    span = norm.amount() if hours else norm.measure(calendar, start, base)
    return remaining <= span * share
