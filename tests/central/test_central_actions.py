"""Operator commands on the service (real SQLite file): idempotency, versions, refusals, history."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from cur_desktop.central import schema as s
from cur_desktop.central.db import read_tx
from cur_desktop.central.errors import ServiceError
from cur_desktop.central.service import CentralService
from cur_desktop.domain.appeal import Appeal
from cur_desktop.domain.enums import Status
from cur_desktop.protocol.wire import appeal_from_wire
from tests.support.people import People


def open_appeal(service: CentralService, people: People, *statuses: Status) -> Appeal:
    """An open appeal (in ``statuses`` if given) that nobody has taken.

    The generated data depend on the time of day (``SEED_NOW``): when every appeal in
    these statuses happens to be taken, the head of the centre releases one, as a
    head may, so the tests never depend on the clock.
    """
    wanted = statuses or tuple(st for st in Status if st.is_open)
    taken: Appeal | None = None
    for appeal_id in service.appeal_ids(wanted):
        appeal = service.get_appeal(people.operator, appeal_id).appeal
        if appeal.theme is None:
            continue
        if not appeal.taken_by:
            return appeal
        taken = taken or appeal
    if taken is None:
        pytest.fail(f"no categorised appeal in {wanted}")
    service.apply_action(people.head, taken.id, f"release-{taken.id}", "release", {}, taken.version)
    released = service.get_appeal(people.operator, taken.id).appeal
    assert not released.taken_by
    return released


def history_count(service: CentralService, appeal_id: int) -> int:
    with read_tx(service.engine) as conn:
        return int(
            conn.execute(
                select(func.count()).where(s.history.c.appeal_id == appeal_id)
            ).scalar_one()
        )


def test_an_applied_command_is_versioned_recorded_and_in_the_feed(
    central_service: CentralService, people: People
) -> None:
    appeal = open_appeal(central_service, people)
    before = central_service.head()
    outcome = central_service.apply_action(
        people.operator, appeal.id, "k-1", "add_note", {"text": "позвонить"}, appeal.version
    )
    assert outcome.result == "applied"
    assert outcome.appeal.version == appeal.version + 1
    assert outcome.seq == before + 1 == central_service.head()
    item = central_service.get_appeal(people.operator, appeal.id)
    last = item.history[-1]
    assert (last.entry.actor, last.entry.role, last.entry.action) == ("op1", "operator", "add_note")
    assert last.seq == outcome.seq
    assert abs(last.entry.at - central_service.clock()) < timedelta(seconds=5)
    change = central_service.changes(people.operator, before).changes
    assert [(c.seq, c.op, c.appeal_id) for c in change] == [(outcome.seq, "upsert", appeal.id)]
    assert [h.entry.action for h in change[0].history] == ["add_note"]


def test_replaying_a_key_returns_the_stored_outcome_and_applies_nothing(
    central_service: CentralService, people: People
) -> None:
    appeal = open_appeal(central_service, people, Status.IN_PROGRESS, Status.ROUTED)
    first = central_service.apply_action(
        people.operator, appeal.id, "key-A", "flag", {"flag": "resonance"}, appeal.version
    )
    lines = history_count(central_service, appeal.id)
    # someone else changes the appeal meanwhile: the replay must still return the original
    central_service.apply_action(
        people.operator2, appeal.id, "key-B", "add_note", {"text": "x"}, first.appeal.version
    )
    head = central_service.head()
    replay = central_service.apply_action(
        people.operator, appeal.id, "key-A", "flag", {"flag": "resonance"}, appeal.version
    )
    assert replay.result == "duplicate"
    assert replay.seq == first.seq
    assert replay.appeal == first.appeal
    assert central_service.head() == head
    assert history_count(central_service, appeal.id) == lines + 1  # only key-B's line


def test_a_key_reused_for_another_command_is_refused(
    central_service: CentralService, people: People
) -> None:
    appeal = open_appeal(central_service, people)
    central_service.apply_action(people.operator, appeal.id, "k", "add_note", {"text": "a"}, None)
    other = next(i for i in central_service.appeal_ids(list(Status)) if i != appeal.id)
    with pytest.raises(ServiceError) as refused:
        central_service.apply_action(people.operator, other, "k", "add_note", {"text": "a"}, None)
    assert (refused.value.status, refused.value.code) == (400, "bad_request")
    with pytest.raises(ServiceError) as stolen:
        central_service.apply_action(
            people.operator2, appeal.id, "k", "add_note", {"text": "a"}, None
        )
    assert stolen.value.code == "bad_request"


def test_a_key_reused_for_another_action_on_the_same_appeal_is_refused(
    central_service: CentralService, people: People
) -> None:
    """A "duplicate" answer tells the client its command was applied: it must be the
    same command, or the client confirms an action the service never carried out."""
    appeal = open_appeal(central_service, people, Status.IN_PROGRESS, Status.ROUTED)
    central_service.apply_action(
        people.operator, appeal.id, "k-same", "add_note", {"text": "a"}, appeal.version
    )
    head = central_service.head()
    with pytest.raises(ServiceError) as refused:
        central_service.apply_action(
            people.operator,
            appeal.id,
            "k-same",
            "set_importance",
            {"importance": "high"},
            appeal.version + 1,
        )
    assert (refused.value.status, refused.value.code) == (400, "bad_request")
    assert central_service.head() == head
    again = central_service.apply_action(
        people.operator, appeal.id, "k-same", "add_note", {"text": "a"}, appeal.version
    )
    assert again.result == "duplicate"


def test_a_stale_version_is_refused_with_the_current_record(
    central_service: CentralService, people: People
) -> None:
    appeal = open_appeal(central_service, people, Status.IN_PROGRESS)
    central_service.apply_action(
        people.operator2, appeal.id, "first", "add_note", {"text": "x"}, appeal.version
    )
    head = central_service.head()
    with pytest.raises(ServiceError) as stale:
        central_service.apply_action(
            people.operator, appeal.id, "second", "answer", {"text": "Готово"}, appeal.version
        )
    assert (stale.value.status, stale.value.code) == (409, "stale_version")
    current = appeal_from_wire(stale.value.extra["current"])
    assert current.version == appeal.version + 1
    assert current.status is Status.IN_PROGRESS
    assert central_service.head() == head
    # the refused key is not consumed: after rebasing, the same key applies
    done = central_service.apply_action(
        people.operator, appeal.id, "second", "answer", {"text": "Готово"}, current.version
    )
    assert done.result == "applied"
    assert done.appeal.status is Status.ANSWERED


def test_take_note_and_flag_apply_to_any_version(
    central_service: CentralService, people: People
) -> None:
    appeal = open_appeal(central_service, people, Status.IN_PROGRESS, Status.ROUTED, Status.NEW)
    for n, (action, params) in enumerate(
        [("add_note", {"text": "a"}), ("flag", {"flag": "conflict"}), ("take", {})]
    ):
        outcome = central_service.apply_action(
            people.operator, appeal.id, f"vf-{n}", action, params, base_version=1
        )
        assert outcome.result == "applied"
    assert outcome.appeal.taken_by == "op1"


@pytest.mark.parametrize(
    ("action", "params", "status", "code"),
    [
        ("close", {}, 422, "wrong_status"),
        ("answer", {}, 422, "missing_param"),
        ("route", {"body": "no-such-body"}, 422, "unknown_code"),
        ("set_importance", {"importance": "urgent"}, 422, "invalid_param"),
        ("merge", {"into": 99_999_999}, 422, "invalid_param"),
        ("create", {}, 400, "bad_request"),
        ("explode", {}, 400, "bad_request"),
    ],
)
def test_lifecycle_refusals_carry_their_code(
    central_service: CentralService,
    people: People,
    action: str,
    params: dict[str, object],
    status: int,
    code: str,
) -> None:
    appeal = open_appeal(central_service, people, Status.IN_PROGRESS)
    head = central_service.head()
    with pytest.raises(ServiceError) as refused:
        central_service.apply_action(
            people.operator,
            appeal.id,
            f"r-{action}",
            action,
            params,
            appeal.version,  # type: ignore[arg-type]
        )
    assert (refused.value.status, refused.value.code) == (status, code)
    if status == 422:
        assert refused.value.body()["reason"]
    assert central_service.head() == head


def test_roles_that_may_not_act_get_403(central_service: CentralService, people: People) -> None:
    appeal = open_appeal(central_service, people, Status.IN_PROGRESS)
    for who, action, params in [
        (people.wall, "add_note", {"text": "x"}),
        (people.curator, "answer", {"text": "x"}),
        (people.mcu, "reject", {"reason": "spam"}),
    ]:
        with pytest.raises(ServiceError) as refused:
            central_service.apply_action(
                who, appeal.id, f"x-{who.login}", action, params, appeal.version
            )
        assert (refused.value.status, refused.value.code) == (403, "forbidden_role")
    note = central_service.apply_action(
        people.curator, appeal.id, "cur-note", "add_note", {"text": "на контроле"}, None
    )
    assert note.result == "applied"


def test_missing_appeal_is_404(central_service: CentralService, people: People) -> None:
    with pytest.raises(ServiceError) as missing:
        central_service.apply_action(people.operator, 10**9, "k", "take", {}, None)
    assert (missing.value.status, missing.value.code) == (404, "not_found")


def test_the_deadline_is_recomputed_on_every_write(
    central_service: CentralService, people: People
) -> None:
    appeal = open_appeal(central_service, people, Status.IN_PROGRESS, Status.ROUTED)
    assert appeal.due_at is not None
    until = max(appeal.due_at, central_service.clock()) + timedelta(days=20)
    outcome = central_service.apply_action(
        people.operator,
        appeal.id,
        "postpone-1",
        "postpone",
        {"until": until.timestamp(), "reason": "выезд комиссии"},
        appeal.version,
    )
    assert outcome.appeal.postponed_to == until
    assert outcome.appeal.due_at == until
    stored = central_service.get_appeal(people.operator, appeal.id).appeal
    assert stored.due_at == until
