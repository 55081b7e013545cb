"""The rules of a colleague's hold (cur_desktop/domain/holding.py), which service and console share.

The service applies them (tests/central/test_taken.py drives it over HTTP); the console
enables its menu from the same :func:`allowed_actions`. Pure domain: no service here.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from cur_desktop.domain.appeal import Appeal
from cur_desktop.domain.enums import Action, Kind, Role, Source, Status
from cur_desktop.domain.holding import HELD, TakeOverRule
from cur_desktop.domain.lifecycle import Command, TransitionRefused, allowed_actions, apply

NOW = datetime(2026, 3, 3, 7, 0, tzinfo=UTC)
HELD_BY_PETROVA = Appeal(
    id=1,
    source=Source.POS,
    external_id="1",
    kind=Kind.MESSAGE,
    created_at=NOW - timedelta(days=1),
    text="Яма",
    status=Status.IN_PROGRESS,
    theme="roads",
    municipality="70701000",
    taken_by="petrova",
    taken_at=NOW - timedelta(hours=1),
)


def test_a_colleague_is_offered_notes_flags_and_take_over_only() -> None:
    offered = set(allowed_actions(HELD_BY_PETROVA, Role.OPERATOR, "ivanova"))
    assert {Action.TAKE_OVER, Action.FLAG, Action.UNFLAG, Action.ADD_NOTE} <= offered
    assert not offered & HELD  # nothing that moves the appeal on
    assert Action.TAKE not in offered
    assert Action.RELEASE not in offered
    holder = set(allowed_actions(HELD_BY_PETROVA, Role.OPERATOR, "petrova"))
    assert {Action.ANSWER, Action.ROUTE, Action.RELEASE} <= holder
    assert Action.TAKE_OVER not in holder  # nothing to take over from oneself


def test_heads_return_for_rework_and_prioritise_over_a_hold_but_take_over_to_answer() -> None:
    interim = replace(HELD_BY_PETROVA, status=Status.INTERIM_ANSWER)
    offered = set(allowed_actions(interim, Role.CUR_HEAD, "head"))
    assert {Action.RETURN_FOR_REWORK, Action.SET_IMPORTANCE, Action.TAKE_OVER} <= offered
    assert Action.ANSWER not in offered
    with pytest.raises(TransitionRefused) as refused:
        apply(interim, Command.of(Action.ANSWER, text="Сделано"), actor="head",
              role=Role.CUR_HEAD, now=NOW)  # fmt: skip
    assert (refused.value.code, refused.value.params["taken_by"]) == ("taken_by_other", "petrova")


def test_integrations_are_never_held_back() -> None:
    answered, _ = apply(
        HELD_BY_PETROVA, Command.of(Action.ANSWER, text="Ответ из ПОС"), actor="pos",
        role=Role.SYSTEM, now=NOW,
    )  # fmt: skip
    assert answered.status is Status.ANSWERED


def test_take_over_waits_for_the_holders_idle_time_unless_a_head_asks() -> None:
    command = Command.of(Action.TAKE_OVER)
    with pytest.raises(TransitionRefused) as early:
        apply(HELD_BY_PETROVA, command, actor="ivanova", role=Role.OPERATOR, now=NOW,
              holder_idle=timedelta(hours=3, minutes=59))  # fmt: skip
    assert early.value.code == "holder_active"
    taken, entry = apply(HELD_BY_PETROVA, command, actor="ivanova", role=Role.OPERATOR,
                         now=NOW, holder_idle=timedelta(hours=4))  # fmt: skip
    assert (taken.taken_by, entry.details["previous_taken_by"]) == ("ivanova", "petrova")
    by_head, _ = apply(HELD_BY_PETROVA, command, actor="head", role=Role.THEME_HEAD, now=NOW,
                       holder_idle=timedelta(0))  # fmt: skip
    assert by_head.taken_by == "head"
    heads_only = TakeOverRule(heads_only=True)
    with pytest.raises(TransitionRefused) as refused:
        apply(HELD_BY_PETROVA, command, actor="ivanova", role=Role.OPERATOR, now=NOW,
              take_over=heads_only, holder_idle=timedelta(days=30))  # fmt: skip
    assert refused.value.code == "heads_only"
    offered = allowed_actions(HELD_BY_PETROVA, Role.OPERATOR, "ivanova", take_over=heads_only)
    assert Action.TAKE_OVER not in offered


def test_the_region_rule_is_read_from_the_pack() -> None:
    assert TakeOverRule.from_doc(None) == TakeOverRule(heads_only=False, idle_working_hours=4.0)
    assert TakeOverRule.from_doc({"idle_working_hours": 8}).idle == timedelta(hours=8)
    assert TakeOverRule.from_doc({"heads_only": True}).heads_only
    hours = "idle_working_hours"
    for bad in ([], {"heads_only": "yes"}, {hours: -1}, {hours: True}, {hours: "4"}):
        with pytest.raises(ValueError, match="take_over"):
            TakeOverRule.from_doc(bad)
