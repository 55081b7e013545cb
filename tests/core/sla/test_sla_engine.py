"""The deadline engine: phases, pauses, postponements, reopening and the SLA status."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from cur_desktop.domain.appeal import Appeal, Pause
from cur_desktop.domain.enums import Action, Importance, Kind, Role, Source, Status
from cur_desktop.domain.lifecycle import Command, apply
from cur_desktop.sla import (
    Phase,
    ProductionCalendar,
    SlaStatus,
    compute_sla,
    load_rules,
    met_norm,
    parse_rules,
)

MSK = ZoneInfo("Europe/Moscow")
H = timedelta(hours=1)
CAL = ProductionCalendar(missing_years="raise")
RULES = load_rules()


def msk(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=MSK)


def incident(**changes: Any) -> Appeal:
    """An ИМ incident created on Monday 2 March 2026 at 10:00 Moscow time."""
    base = Appeal(
        id=1,
        source=Source.IM,
        external_id="im-1",
        kind=Kind.INCIDENT,
        created_at=msk(2026, 3, 2, 10),
        text="Яма на дороге",
        status=Status.IN_PROGRESS,
    )
    return replace(base, **changes)


def test_first_answer_deadline_and_status_through_the_day() -> None:
    appeal = incident()
    state = compute_sla(appeal, RULES, CAL, now=msk(2026, 3, 2, 11))
    assert state.due_at == msk(2026, 3, 3, 10)  # 8 working hours
    assert state.phase is Phase.FIRST_ANSWER
    assert state.status is SlaStatus.NORMAL
    assert state.remaining == 7 * H
    assert state.rule == "im"
    assert state.target_at is None
    # The last quarter of the norm (2 h) is at risk; 17:00 leaves exactly 2 h.
    assert compute_sla(appeal, RULES, CAL, now=msk(2026, 3, 2, 16)).status is SlaStatus.NORMAL
    assert compute_sla(appeal, RULES, CAL, now=msk(2026, 3, 2, 17)).status is SlaStatus.AT_RISK
    at_ten = compute_sla(appeal, RULES, CAL, now=msk(2026, 3, 3, 10))
    assert at_ten.status is SlaStatus.OVERDUE
    late = compute_sla(appeal, RULES, CAL, now=msk(2026, 3, 3, 11, 30))
    assert late.status is SlaStatus.OVERDUE
    assert late.remaining == -1.5 * H


def test_high_importance_has_four_hours() -> None:
    state = compute_sla(incident(importance=Importance.HIGH), RULES, CAL, now=msk(2026, 3, 2, 11))
    assert state.due_at == msk(2026, 3, 2, 15)
    assert state.rule == "im-high"


def test_the_clock_starts_at_registration_when_there_is_one() -> None:
    appeal = incident(registered_at=msk(2026, 3, 2, 14))
    assert compute_sla(appeal, RULES, CAL, now=msk(2026, 3, 2, 15)).due_at == msk(2026, 3, 3, 13)


def test_an_interim_answer_switches_to_the_final_norm() -> None:
    appeal = incident(status=Status.INTERIM_ANSWER, interim_answer_at=msk(2026, 3, 2, 12))
    state = compute_sla(appeal, RULES, CAL, now=msk(2026, 3, 5, 12))
    assert state.phase is Phase.FINAL_ANSWER
    # Seven working days after Monday 2 March; Monday 9 March is a holiday.
    assert state.due_at == msk(2026, 3, 12, 18)
    assert state.first_due_at == msk(2026, 3, 3, 10)
    assert state.status is SlaStatus.NORMAL


def test_a_closed_pause_extends_the_deadline_by_the_working_time_it_covered() -> None:
    # 11:00–16:00 covers 4 working hours (lunch is not working time).
    appeal = incident(pauses=(Pause(msk(2026, 3, 2, 11), msk(2026, 3, 2, 16)),))
    assert compute_sla(appeal, RULES, CAL, now=msk(2026, 3, 2, 17)).due_at == msk(2026, 3, 3, 15)


def test_a_pause_after_the_deadline_saves_nothing() -> None:
    appeal = incident(pauses=(Pause(msk(2026, 3, 3, 12), msk(2026, 3, 4, 12)),))
    state = compute_sla(appeal, RULES, CAL, now=msk(2026, 3, 4, 13))
    assert state.due_at == msk(2026, 3, 3, 10)
    assert state.status is SlaStatus.OVERDUE
    still_paused = incident(pauses=(Pause(msk(2026, 3, 3, 12)),))
    assert compute_sla(still_paused, RULES, CAL, now=msk(2026, 3, 4)).status is SlaStatus.OVERDUE


def test_an_open_pause_freezes_the_remaining_time() -> None:
    appeal = incident(pauses=(Pause(msk(2026, 3, 2, 12)),))
    at_five = compute_sla(appeal, RULES, CAL, now=msk(2026, 3, 2, 17))
    assert at_five.status is SlaStatus.PAUSED
    assert at_five.remaining == 6 * H  # as it was at 12:00
    assert at_five.due_at == msk(2026, 3, 3, 15)  # where it would be if resumed now
    next_week = compute_sla(appeal, RULES, CAL, now=msk(2026, 3, 10, 12))
    assert next_week.status is SlaStatus.PAUSED
    assert next_week.remaining == 6 * H
    assert next_week.due_at > at_five.due_at


def test_a_postponement_sets_the_deadline_but_never_earlier() -> None:
    later = incident(postponed_to=msk(2026, 3, 20, 18))
    state = compute_sla(later, RULES, CAL, now=msk(2026, 3, 10))
    assert state.due_at == msk(2026, 3, 20, 18)
    assert state.status is SlaStatus.NORMAL
    earlier = incident(postponed_to=msk(2026, 3, 2, 12))
    assert compute_sla(earlier, RULES, CAL, now=msk(2026, 3, 2, 11)).due_at == msk(2026, 3, 3, 10)


def test_a_postponement_after_an_interim_answer_extends_the_final_answer_only() -> None:
    appeal = incident(
        status=Status.INTERIM_ANSWER,
        interim_answer_at=msk(2026, 3, 3, 12),  # two hours after the first deadline
        postponed_to=msk(2026, 3, 31, 18),
    )
    state = compute_sla(appeal, RULES, CAL, now=msk(2026, 3, 20))
    assert state.phase is Phase.FINAL_ANSWER
    assert state.due_at == msk(2026, 3, 31, 18)
    assert state.first_due_at == msk(2026, 3, 3, 10)
    assert met_norm(appeal, RULES, CAL, stage="first") is False


def test_a_reopened_appeal_restarts_the_clock_and_ignores_old_answers() -> None:
    appeal = incident(
        created_at=msk(2026, 2, 2, 10),
        interim_answer_at=msk(2026, 2, 2, 11),
        answered_at=msk(2026, 2, 3, 10),
        reopened_at=msk(2026, 3, 2, 10),
        status=Status.REOPENED,
    )
    state = compute_sla(appeal, RULES, CAL, now=msk(2026, 3, 2, 11))
    assert state.clock_started_at == msk(2026, 3, 2, 10)
    assert state.phase is Phase.FIRST_ANSWER
    assert state.due_at == msk(2026, 3, 3, 10)
    assert state.status is SlaStatus.NORMAL
    assert met_norm(appeal, RULES, CAL) is None
    assert met_norm(appeal, RULES, CAL, stage="first") is None


def test_answered_appeals_are_done_or_done_late() -> None:
    in_time = incident(status=Status.ANSWERED, answered_at=msk(2026, 3, 3, 9, 30))
    state = compute_sla(in_time, RULES, CAL, now=msk(2026, 3, 20))
    assert state.status is SlaStatus.DONE
    assert state.is_finished
    assert state.remaining == 0.5 * H
    assert met_norm(in_time, RULES, CAL) is True
    late = replace(in_time, answered_at=msk(2026, 3, 3, 11), status=Status.CLOSED)
    assert compute_sla(late, RULES, CAL, now=msk(2026, 3, 20)).status is SlaStatus.DONE_LATE
    assert met_norm(late, RULES, CAL) is False
    assert met_norm(incident(), RULES, CAL) is None
    rejected = incident(status=Status.REJECTED, closed_at=msk(2026, 3, 2, 12))
    assert met_norm(rejected, RULES, CAL) is True
    imported = incident(status=Status.CLOSED)
    assert compute_sla(imported, RULES, CAL, now=msk(2026, 3, 20)).status is SlaStatus.DONE
    assert met_norm(imported, RULES, CAL) is None


def test_first_reaction_and_final_answer_are_judged_separately() -> None:
    appeal = incident(
        status=Status.ANSWERED,
        interim_answer_at=msk(2026, 3, 3, 12),  # after the 8-hour deadline
        first_reaction_at=msk(2026, 3, 3, 12),
        answered_at=msk(2026, 3, 5, 12),  # well within 7 working days of the interim one
    )
    assert met_norm(appeal, RULES, CAL, stage="first") is False
    assert met_norm(appeal, RULES, CAL) is True
    quick = replace(appeal, interim_answer_at=msk(2026, 3, 2, 12), first_reaction_at=None)
    assert met_norm(quick, RULES, CAL, stage="first") is True


def test_pos_thirty_days_with_an_eight_day_target() -> None:
    appeal = incident(
        source=Source.POS,
        kind=Kind.MESSAGE,
        registered_at=msk(2026, 3, 2, 10),
        status=Status.INTERIM_ANSWER,
        interim_answer_at=msk(2026, 3, 4, 10),  # does not change a 59-ФЗ deadline
    )
    state = compute_sla(appeal, RULES, CAL, now=msk(2026, 3, 20))
    assert state.phase is Phase.FIRST_ANSWER
    assert state.due_at == msk(2026, 4, 2)  # the end of 1 April
    assert state.target_at == msk(2026, 3, 11)  # the end of 10 March
    assert state.status is SlaStatus.NORMAL
    assert compute_sla(appeal, RULES, CAL, now=msk(2026, 3, 26)).status is SlaStatus.AT_RISK


def test_the_region_time_zone_moves_the_deadline() -> None:
    yekaterinburg = ProductionCalendar(time_zone="Asia/Yekaterinburg", missing_years="raise")
    appeal = incident(created_at=msk(2026, 3, 2, 15))  # 17:00 in Yekaterinburg
    in_moscow = compute_sla(appeal, RULES, CAL, now=msk(2026, 3, 2, 16)).due_at
    in_yekaterinburg = compute_sla(appeal, RULES, yekaterinburg, now=msk(2026, 3, 2, 16)).due_at
    assert in_moscow == msk(2026, 3, 3, 15)
    assert in_yekaterinburg == datetime(2026, 3, 3, 17, tzinfo=ZoneInfo("Asia/Yekaterinburg"))


@pytest.mark.parametrize(
    ("within", "now", "expected"),
    [
        ({"value": 3, "unit": "working_hours"}, msk(2026, 3, 2, 15), SlaStatus.NORMAL),
        ({"value": 3, "unit": "working_hours"}, msk(2026, 3, 2, 16), SlaStatus.AT_RISK),
        ({"value": 1, "unit": "working_days"}, msk(2026, 3, 2, 11), SlaStatus.AT_RISK),
        ({"value": 12, "unit": "calendar_hours"}, msk(2026, 3, 2, 21), SlaStatus.NORMAL),
        ({"value": 1, "unit": "calendar_days"}, msk(2026, 3, 2, 11), SlaStatus.AT_RISK),
    ],
)
def test_an_absolute_at_risk_threshold(
    within: dict[str, Any], now: datetime, expected: SlaStatus
) -> None:
    rules = parse_rules(
        {
            "format": "cur-sla-rules",
            "version": 1,
            "rules": [
                {
                    "name": "all",
                    "first_answer": {"value": 8, "unit": "working_hours"},
                    "at_risk": {"within": within},
                }
            ],
        }
    )
    assert compute_sla(incident(), rules, CAL, now=now).status is expected


def test_the_engine_follows_the_lifecycle() -> None:
    """Real commands through the state machine: pause, resume, postpone, answer."""
    appeal = incident(status=Status.ROUTED, body="min-roads", theme="roads")

    def do(action: Action, at: datetime, **params: Any) -> None:
        nonlocal appeal
        appeal, _ = apply(
            appeal, Command.of(action, **params), actor="op", role=Role.OPERATOR, now=at
        )

    do(Action.REQUEST_INFO, msk(2026, 3, 2, 11), text="Уточните адрес")
    assert compute_sla(appeal, RULES, CAL, now=msk(2026, 3, 2, 15)).status is SlaStatus.PAUSED
    do(Action.INFO_RECEIVED, msk(2026, 3, 2, 16))
    resumed = compute_sla(appeal, RULES, CAL, now=msk(2026, 3, 2, 16))
    assert resumed.due_at == msk(2026, 3, 3, 15)
    do(Action.POSTPONE, msk(2026, 3, 3, 9), until=msk(2026, 3, 6, 18).isoformat(), reason="x")
    assert compute_sla(appeal, RULES, CAL, now=msk(2026, 3, 4)).due_at == msk(2026, 3, 6, 18)
    do(Action.ANSWER, msk(2026, 3, 5, 12), text="Яму заделали")
    assert met_norm(appeal, RULES, CAL) is True
