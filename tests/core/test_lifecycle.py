"""Every lifecycle transition, allowed and refused, and what each records in history."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from cur_desktop.domain import Action, Appeal, Flag, Kind, Reaction, Role, Source, Status
from cur_desktop.domain.dictionaries import Body, Category, Dictionaries, Municipality, Theme
from cur_desktop.domain.lifecycle import (
    TRANSITIONS,
    Command,
    TransitionRefused,
    allowed_actions,
    apply,
    creation_entry,
)

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

# Parameters that satisfy every action's requirements.
GOOD_PARAMS = {
    Action.TAKE: {},
    Action.TAKE_OVER: {},
    Action.RELEASE: {},
    Action.TAKE_INTO_WORK: {},
    Action.CATEGORISE: {"theme": "roads", "category": "roads.potholes"},
    Action.ROUTE: {"body": "mintrans"},
    Action.POSTPONE: {"until": (NOW + timedelta(days=20)).isoformat(), "reason": "работы весной"},
    Action.REQUEST_INFO: {"text": "Уточните адрес"},
    Action.INFO_RECEIVED: {},
    Action.INTERIM_ANSWER: {"text": "Работы запланированы"},
    Action.ANSWER: {"text": "Яма заделана"},
    Action.RETURN_FOR_REWORK: {"reason": "ответ не по существу"},
    Action.CLOSE: {"rating": 5},
    Action.RATE: {"reaction": "satisfied"},
    Action.REOPEN: {"reason": "яма снова появилась"},
    Action.REJECT: {"reason": "spam"},
    Action.REDIRECT: {"to": "Прокуратура"},
    Action.FLAG: {"flag": "conflict"},
    Action.UNFLAG: {"flag": "conflict"},
    Action.SET_IMPORTANCE: {"importance": "high"},
    Action.MERGE: {"into": 99},
    Action.ADD_NOTE: {"text": "позвонили в УК"},
    Action.ME_TOO: {"co_author_name": "Анна Смирнова", "co_author_phone": "+7 910 000-00-00"},
    Action.RESOLVE_CONFLICT: {"resolved": True, "how": "позвонили автору, извинились"},
    Action.DISINFO_CASE: {"case": "D-1", "status": "checking", "claim": "вода отравлена"},
    Action.MEASURE: {"measure": "M-1", "what": "замена труб", "status": "planned"},
}


def make_appeal(status: Status = Status.NEW, **changes: object) -> Appeal:
    base = Appeal(
        id=1,
        source=Source.IM,
        external_id="im-1",
        kind=Kind.INCIDENT,
        created_at=NOW - timedelta(hours=2),
        text="Огромная яма на улице Ленина",
        status=status,
        theme="roads",
        municipality="70701000",
        due_at=NOW + timedelta(hours=6),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def prepared(action: Action, status: Status) -> Appeal:
    """An appeal in ``status`` that meets the action's non-status preconditions."""
    appeal = make_appeal(status)
    if action is Action.RELEASE:
        appeal = replace(appeal, taken_by="ivanova")
    if action is Action.INFO_RECEIVED:
        appeal = replace(appeal, pauses=(make_pause(),))
    if action is Action.UNFLAG:
        appeal = replace(appeal, flags=Flag.CONFLICT)
    return appeal


def make_pause():  # type: ignore[no-untyped-def]
    from cur_desktop.domain import Pause

    return Pause(NOW - timedelta(hours=1))


CASES = [(action, status) for action in Action if action is not Action.CREATE for status in Status]


@pytest.mark.parametrize(("action", "status"), CASES)
def test_every_action_in_every_status(action: Action, status: Status) -> None:
    """Allowed where the table says so (with the table's target status); refused elsewhere."""
    transition = TRANSITIONS[action]
    role = next(iter(sorted(transition.roles)))
    if role is Role.SYSTEM and len(transition.roles) > 1:
        role = min(transition.roles - {Role.SYSTEM})
    appeal = prepared(action, status)
    command = Command(action, GOOD_PARAMS[action])
    if status in transition.sources:
        updated, entry = apply(appeal, command, actor="ivanova", role=role, now=NOW)
        expected = transition.target or status
        assert updated.status is expected
        assert updated.version == appeal.version + 1
        assert updated.updated_at == NOW
        assert entry.action == action.value
        assert entry.from_status is status
        assert entry.to_status is expected
        assert entry.actor == "ivanova"
        assert entry.role == role.value
        assert entry.at == NOW
    else:
        with pytest.raises(TransitionRefused) as refused:
            apply(appeal, command, actor="ivanova", role=role, now=NOW)
        assert refused.value.code == "wrong_status"
        assert refused.value.params["status"] == status.value


@pytest.mark.parametrize("action", [a for a in Action if a is not Action.CREATE])
def test_roles_outside_the_table_are_refused(action: Action) -> None:
    transition = TRANSITIONS[action]
    status = next(iter(transition.sources))
    for role in set(Role) - transition.roles:
        with pytest.raises(TransitionRefused) as refused:
            apply(
                prepared(action, status),
                Command(action, GOOD_PARAMS[action]),
                actor="x",
                role=role,
                now=NOW,
            )
        assert refused.value.code == "forbidden_role"


def test_wall_and_curator_change_nothing_but_curator_notes() -> None:
    assert all(Role.WALL not in t.roles for t in TRANSITIONS.values())
    curator = {a for a, t in TRANSITIONS.items() if Role.CURATOR in t.roles}
    assert curator == {Action.ADD_NOTE}


@pytest.mark.parametrize(
    "action", [a for a, t in TRANSITIONS.items() if t.required and a is not Action.CREATE]
)
def test_required_parameters(action: Action) -> None:
    transition = TRANSITIONS[action]
    status = next(iter(sorted(transition.sources)))
    for missing in transition.required:
        params = {k: v for k, v in GOOD_PARAMS[action].items() if k != missing}
        with pytest.raises(TransitionRefused) as refused:
            apply(
                prepared(action, status),
                Command(action, params),
                actor="x",
                role=Role.SYSTEM if Role.SYSTEM in transition.roles else Role.OPERATOR,
                now=NOW,
            )
        assert refused.value.code == "missing_param"
        assert refused.value.params["param"] == missing
    blank = dict(GOOD_PARAMS[action])
    first = transition.required[0]
    if isinstance(blank[first], str):
        blank[first] = "   "
        with pytest.raises(TransitionRefused):
            apply(
                prepared(action, status),
                Command(action, blank),
                actor="x",
                role=Role.SYSTEM if Role.SYSTEM in transition.roles else Role.OPERATOR,
                now=NOW,
            )


@pytest.mark.parametrize("action", [Action.ANSWER, Action.ADD_NOTE, Action.REJECT])
def test_a_text_over_the_limit_is_refused_and_one_at_it_is_taken(action: Action) -> None:
    from cur_desktop.domain.action_effects import MAX_TEXT

    transition = TRANSITIONS[action]
    status = next(iter(sorted(transition.sources)))
    name = "reason" if action is Action.REJECT else "text"
    for length, fits in ((MAX_TEXT, True), (MAX_TEXT + 1, False)):
        params = {**GOOD_PARAMS[action], name: "ж" * length}
        command = Command(action, params)
        if fits:
            apply(prepared(action, status), command, actor="x", role=Role.OPERATOR, now=NOW)
            continue
        with pytest.raises(TransitionRefused) as refused:
            apply(prepared(action, status), command, actor="x", role=Role.OPERATOR, now=NOW)
        assert refused.value.code == "too_long"
        assert refused.value.params == {"param": name, "limit": MAX_TEXT}


def test_creation_entry() -> None:
    entry = creation_entry(make_appeal(), "import", Role.SYSTEM)
    assert entry.to_status is Status.NEW
    assert entry.from_status is None
    assert entry.details["source"] == "im"
    with pytest.raises(TransitionRefused):
        creation_entry(make_appeal(), "wall", Role.WALL)


def test_full_path_new_to_closed_records_facts() -> None:
    a = make_appeal(theme=None)
    steps = [
        (Action.CATEGORISE, {"theme": "roads", "category": "roads.potholes"}),
        (Action.ROUTE, {"body": "mintrans"}),
        (Action.TAKE_INTO_WORK, {}),
        (Action.INTERIM_ANSWER, {"text": "Работы запланированы на май"}),
        (Action.ANSWER, {"text": "Яма заделана"}),
        (Action.CLOSE, {"rating": 4}),
    ]
    history = []
    t = NOW
    for action, params in steps:
        t += timedelta(minutes=30)
        a, entry = apply(a, Command(action, params), actor="ivanova", role=Role.OPERATOR, now=t)
        history.append(entry)
    assert a.status is Status.CLOSED
    assert a.category == "roads.potholes"
    assert a.body == "mintrans"
    assert a.first_reaction_at == NOW + timedelta(minutes=120)  # the interim answer
    assert a.answered_at == NOW + timedelta(minutes=150)
    assert a.closed_at == NOW + timedelta(minutes=180)
    assert a.satisfaction_rating == 4
    assert a.is_satisfied is True
    assert a.taken_by == ""  # answering releases the take
    assert [h.to_status for h in history] == [
        Status.NEW,
        Status.ROUTED,
        Status.IN_PROGRESS,
        Status.INTERIM_ANSWER,
        Status.ANSWERED,
        Status.CLOSED,
    ]
    assert a.version == 7


def test_route_needs_a_theme_first() -> None:
    with pytest.raises(TransitionRefused) as refused:
        apply(
            make_appeal(theme=None),
            Command.of(Action.ROUTE, body="mintrans"),
            actor="x",
            role=Role.OPERATOR,
            now=NOW,
        )
    assert refused.value.code == "needs_theme"


def test_a_category_settles_an_imports_needs_category_mark() -> None:
    flagged = make_appeal(theme="roads", flags=Flag.NEEDS_CATEGORY | Flag.CONFLICT)
    OPERATOR = Role.OPERATOR  # noqa: N806
    params = {"theme": "roads", "category": "roads.potholes"}
    result = apply(
        flagged, Command.of(Action.CATEGORISE, **params), actor="x", role=Role.OPERATOR, now=NOW
    )
    assert result[0].flags == Flag.CONFLICT
    # a theme alone leaves the mark: the appeal still needs its category
    themed = apply(
        flagged, Command.of(Action.CATEGORISE, theme="roads"), actor="x", role=OPERATOR, now=NOW
    )
    assert themed[0].flags & Flag.NEEDS_CATEGORY


def test_take_by_another_operator_is_refused_and_heads_may_release() -> None:
    taken = make_appeal(Status.ROUTED, taken_by="petrov")
    with pytest.raises(TransitionRefused) as refused:
        apply(taken, Command.of(Action.TAKE), actor="ivanova", role=Role.OPERATOR, now=NOW)
    assert refused.value.code == "taken_by_other"
    assert refused.value.params["taken_by"] == "petrov"
    with pytest.raises(TransitionRefused):
        apply(taken, Command.of(Action.RELEASE), actor="ivanova", role=Role.OPERATOR, now=NOW)
    released, entry = apply(
        taken, Command.of(Action.RELEASE), actor="head", role=Role.CUR_HEAD, now=NOW
    )
    assert released.taken_by == ""
    assert entry.details["was_taken_by"] == "petrov"
    with pytest.raises(TransitionRefused) as not_taken:
        apply(released, Command.of(Action.RELEASE), actor="head", role=Role.CUR_HEAD, now=NOW)
    assert not_taken.value.code == "not_taken"


def test_pause_and_resume_record_intervals() -> None:
    a = make_appeal(Status.IN_PROGRESS)
    a, _ = apply(
        a, Command.of(Action.REQUEST_INFO, text="адрес?"), actor="x", role=Role.OPERATOR, now=NOW
    )
    assert a.is_paused
    with pytest.raises(TransitionRefused) as twice:
        apply(a, Command.of(Action.REQUEST_INFO, text="?"), actor="x", role=Role.OPERATOR, now=NOW)
    assert twice.value.code == "already_paused"
    later = NOW + timedelta(hours=3)
    a, entry = apply(a, Command.of(Action.INFO_RECEIVED), actor="x", role=Role.OPERATOR, now=later)
    assert not a.is_paused
    assert a.pauses[0].start == NOW
    assert a.pauses[0].end == later
    assert entry.details["paused_seconds"] == 3 * 3600
    with pytest.raises(TransitionRefused) as not_paused:
        apply(a, Command.of(Action.INFO_RECEIVED), actor="x", role=Role.OPERATOR, now=later)
    assert not_paused.value.code == "not_paused"


def test_answer_ends_an_open_pause() -> None:
    a = make_appeal(Status.IN_PROGRESS, pauses=(make_pause(),))
    a, _ = apply(a, Command.of(Action.ANSWER, text="ok"), actor="x", role=Role.OPERATOR, now=NOW)
    assert not a.is_paused
    assert a.pauses[-1].end == NOW


def test_postpone_must_move_the_deadline_later() -> None:
    a = make_appeal(Status.IN_PROGRESS)
    earlier = (NOW + timedelta(hours=1)).isoformat()
    with pytest.raises(TransitionRefused) as refused:
        apply(
            a,
            Command.of(Action.POSTPONE, until=earlier, reason="r"),
            actor="x",
            role=Role.OPERATOR,
            now=NOW,
        )
    assert refused.value.params["param"] == "until"
    with pytest.raises(TransitionRefused):
        apply(
            a,
            Command.of(Action.POSTPONE, until="not a date", reason="r"),
            actor="x",
            role=Role.OPERATOR,
            now=NOW,
        )
    until = NOW + timedelta(days=10)
    b, entry = apply(
        a,
        Command.of(Action.POSTPONE, until=until.timestamp(), reason="подрядчик"),
        actor="x",
        role=Role.OPERATOR,
        now=NOW,
    )
    assert b.postponed_to == until
    assert entry.details["reason"] == "подрядчик"
    assert entry.details["previous_due"] == a.due_at.isoformat()  # type: ignore[union-attr]


def test_return_for_rework_clears_the_answer_and_counts() -> None:
    a = make_appeal(Status.ANSWERED, answer="отписка", answered_at=NOW)
    b, entry = apply(
        a,
        Command.of(Action.RETURN_FOR_REWORK, reason="не по существу"),
        actor="head",
        role=Role.THEME_HEAD,
        now=NOW,
    )
    assert b.status is Status.IN_PROGRESS
    assert b.answer == ""
    assert b.answered_at is None
    assert b.rework_count == 1
    assert entry.details["returned_answer"] == "отписка"
    with pytest.raises(TransitionRefused) as refused:
        apply(
            a,
            Command.of(Action.RETURN_FOR_REWORK, reason="r"),
            actor="m",
            role=Role.MUNICIPAL_OPERATOR,
            now=NOW,
        )
    assert refused.value.code == "forbidden_role"


def test_reopen_marks_repeat_and_restarts_the_clock() -> None:
    a = make_appeal(Status.CLOSED, closed_at=NOW - timedelta(days=1), postponed_to=NOW)
    b, _ = apply(
        a, Command.of(Action.REOPEN, reason="не решено"), actor="sys", role=Role.SYSTEM, now=NOW
    )
    assert b.status is Status.REOPENED
    assert b.reopened_at == NOW
    assert b.closed_at is None
    assert b.postponed_to is None
    assert Flag.REPEAT in b.flags


def test_satisfaction_validation() -> None:
    a = make_appeal(Status.ANSWERED)
    for bad in ({"rating": 6}, {"rating": "5"}, {"reaction": "happy"}):
        with pytest.raises(TransitionRefused) as refused:
            apply(a, Command(Action.RATE, bad), actor="s", role=Role.SYSTEM, now=NOW)
        assert refused.value.code == "invalid_param"
    with pytest.raises(TransitionRefused) as empty:
        apply(a, Command(Action.RATE, {}), actor="s", role=Role.SYSTEM, now=NOW)
    assert empty.value.code == "missing_param"
    b, _ = apply(
        a, Command.of(Action.RATE, reaction="dissatisfied"), actor="s", role=Role.SYSTEM, now=NOW
    )
    assert b.satisfaction_reaction is Reaction.DISSATISFIED
    assert b.is_satisfied is False


def test_flags_and_merge() -> None:
    a = make_appeal(Status.ROUTED)
    b, _ = apply(
        a, Command.of(Action.FLAG, flag="important"), actor="x", role=Role.OPERATOR, now=NOW
    )
    assert Flag.IMPORTANT in b.flags
    c, _ = apply(
        b, Command.of(Action.UNFLAG, flag="important"), actor="x", role=Role.OPERATOR, now=NOW
    )
    assert Flag.IMPORTANT not in c.flags
    with pytest.raises(TransitionRefused):
        apply(a, Command.of(Action.FLAG, flag="boring"), actor="x", role=Role.OPERATOR, now=NOW)
    for into in (1, 0, "2", True):
        with pytest.raises(TransitionRefused):
            apply(a, Command.of(Action.MERGE, into=into), actor="x", role=Role.OPERATOR, now=NOW)
    merged, entry = apply(
        a, Command.of(Action.MERGE, into=7), actor="x", role=Role.OPERATOR, now=NOW
    )
    assert merged.status is Status.CLOSED
    assert merged.merged_into == 7
    assert entry.details == {"into": 7}


def test_codes_are_checked_against_dictionaries() -> None:
    dicts = Dictionaries(
        themes=(Theme("roads", "Дороги"), Theme("health", "Здравоохранение")),
        categories=(
            Category("roads.potholes", "Ямы", "roads"),
            Category("roads.potholes.yard", "Во дворах", "roads", parent="roads.potholes"),
            Category("health.queue", "Очереди", "health"),
        ),
        municipalities=(Municipality("70701000", "Тула"), Municipality("70602000", "Алексин")),
        bodies=(
            Body("mintrans", "Минтранс", themes=("roads",)),
            Body("alexin", "Администрация Алексина", municipalities=("70602000",)),
        ),
        rejection_reasons=(),
        templates=(),
    )
    a = make_appeal(theme=None)

    def refused_code(action: Action, appeal: Appeal = a, **params: object) -> str:
        with pytest.raises(TransitionRefused) as refused:
            apply(
                appeal,
                Command(action, params),  # type: ignore[arg-type]
                actor="x",
                role=Role.OPERATOR,
                now=NOW,
                dicts=dicts,
            )
        return refused.value.code

    assert refused_code(Action.CATEGORISE, theme="space") == "unknown_code"
    assert (
        refused_code(Action.CATEGORISE, theme="roads", category="health.queue") == "invalid_param"
    )
    assert (
        refused_code(
            Action.CATEGORISE, theme="roads", category="roads.potholes", subcategory="health.queue"
        )
        == "invalid_param"
    )
    assert refused_code(Action.CATEGORISE, theme="roads", municipality="99999999") == "unknown_code"
    ok, entry = apply(
        a,
        Command.of(
            Action.CATEGORISE,
            theme="roads",
            category="roads.potholes",
            subcategory="roads.potholes.yard",
        ),
        actor="x",
        role=Role.OPERATOR,
        now=NOW,
        dicts=dicts,
    )
    assert ok.subcategory == "roads.potholes.yard"
    assert entry.details["previous_theme"] is None
    assert refused_code(Action.ROUTE, ok, body="nobody") == "unknown_code"
    assert refused_code(Action.ROUTE, ok, body="alexin") == "invalid_param"  # serves another town
    rejected = replace(ok, status=Status.ROUTED)
    assert refused_code(Action.REJECT, rejected, reason="no-such-reason") == "unknown_code"


def test_allowed_actions_follow_the_table() -> None:
    a = make_appeal(Status.ROUTED)
    ops = allowed_actions(a, Role.OPERATOR, "ivanova")
    assert Action.TAKE in ops
    assert Action.RELEASE not in ops
    assert Action.INFO_RECEIVED not in ops
    assert Action.CLOSE not in ops
    taken = replace(a, taken_by="ivanova", pauses=(make_pause(),))
    ops = allowed_actions(taken, Role.OPERATOR, "ivanova")
    assert Action.RELEASE in ops
    assert Action.TAKE not in ops
    assert Action.INFO_RECEIVED in ops
    assert Action.REQUEST_INFO not in ops
    assert allowed_actions(a, Role.WALL, "wall") == ()
    assert allowed_actions(a, Role.CURATOR, "boss") == (Action.ADD_NOTE,)


def test_wall_view_strips_personal_data() -> None:
    from cur_desktop.domain import Author

    a = make_appeal(
        author=Author("Иванов Иван", "+79990000000", "i@example.ru"),
        address="ул. Ленина, 5, кв. 12",
        address_is_private=True,
        lat=54.2,
        lon=37.6,
        taken_by="ivanova",
    )
    wall = a.without_personal_data()
    assert wall.author.is_empty
    assert wall.address == ""
    assert wall.lat is None
    assert wall.taken_by == ""
    public = replace(a, address="пр. Ленина (проезжая часть)", address_is_private=False)
    assert public.without_personal_data().address == "пр. Ленина (проезжая часть)"


def test_appeal_validation() -> None:
    with pytest.raises(ValueError, match="OKTMO"):
        make_appeal(municipality="7070")
    with pytest.raises(ValueError, match="rating"):
        make_appeal(satisfaction_rating=0)
