"""The canonical lifecycle of an appeal as an explicit state machine.

One table, :data:`TRANSITIONS`, says for every :class:`Action` from which
statuses it may start, which status it leads to, which roles may do it and
which parameters it needs. :func:`apply` is the only way an appeal changes
status anywhere in the product (central service, importers, demo generator):
it checks the table, applies the change to a copy of the appeal and returns
the history entry that records it. A refusal is a :class:`TransitionRefused`
with a stable ``code`` the UI translates and a reason in plain English for logs.

Pure and Qt-free; deadlines are the SLA engine's business, this module only
records the facts the engine reads (pauses, postponements, answer times).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from cur_desktop.domain.action_effects import FLAG_NAMES, HANDLERS, Ctx, may_release, no_change
from cur_desktop.domain.appeal import Appeal, HistoryEntry, JsonScalar, evolve, utc
from cur_desktop.domain.dictionaries import Dictionaries
from cur_desktop.domain.enums import Action, Role, Status
from cur_desktop.domain.holding import HELD, TakeOverRule, blocked_by_hold, take_over_forbidden
from cur_desktop.domain.refusal import TransitionRefused

S = Status
R = Role

#: Roles that process appeals day to day.
PROCESSORS = frozenset({R.OPERATOR, R.THEME_HEAD, R.CUR_HEAD, R.MUNICIPAL_OPERATOR})
#: ЦУР's own staff: quality control, rejection, merging are theirs, not a municipality's.
CUR_STAFF = frozenset({R.OPERATOR, R.THEME_HEAD, R.CUR_HEAD})
HEADS = frozenset({R.THEME_HEAD, R.CUR_HEAD})
SYSTEM = frozenset({R.SYSTEM})
#: Statuses in which someone still works on the appeal.
WORKING = frozenset({S.NEW, S.ROUTED, S.IN_PROGRESS, S.INTERIM_ANSWER, S.REOPENED})
ANY_STATUS = frozenset(Status)


@dataclass(frozen=True, slots=True)
class Transition:
    action: Action
    sources: frozenset[Status]
    target: Status | None  # None: the status stays as it is
    roles: frozenset[Role]
    required: tuple[str, ...] = ()


def _t(
    action: Action,
    sources: frozenset[Status],
    target: Status | None,
    roles: frozenset[Role],
    *required: str,
) -> Transition:
    return Transition(action, sources, target, roles, required)


TRANSITIONS: Mapping[Action, Transition] = {
    t.action: t
    for t in (
        _t(Action.CREATE, frozenset(), S.NEW, PROCESSORS | SYSTEM),
        _t(Action.TAKE, WORKING, None, PROCESSORS),
        _t(Action.TAKE_OVER, WORKING, None, PROCESSORS),
        _t(Action.RELEASE, WORKING, None, PROCESSORS),
        _t(
            Action.TAKE_INTO_WORK,
            frozenset({S.NEW, S.ROUTED, S.REOPENED}),
            S.IN_PROGRESS,
            PROCESSORS | SYSTEM,
        ),
        _t(Action.CATEGORISE, WORKING, None, PROCESSORS | SYSTEM, "theme"),
        _t(
            Action.ROUTE,
            frozenset({S.NEW, S.ROUTED, S.IN_PROGRESS, S.REOPENED}),
            S.ROUTED,
            PROCESSORS | SYSTEM,
            "body",
        ),
        _t(
            Action.POSTPONE,
            frozenset({S.ROUTED, S.IN_PROGRESS, S.INTERIM_ANSWER}),
            None,
            PROCESSORS | SYSTEM,
            "until",
            "reason",
        ),
        _t(
            Action.REQUEST_INFO,
            frozenset({S.ROUTED, S.IN_PROGRESS}),
            None,
            PROCESSORS | SYSTEM,
            "text",
        ),
        _t(Action.INFO_RECEIVED, frozenset({S.ROUTED, S.IN_PROGRESS}), None, PROCESSORS | SYSTEM),
        _t(
            Action.INTERIM_ANSWER,
            frozenset({S.ROUTED, S.IN_PROGRESS}),
            S.INTERIM_ANSWER,
            PROCESSORS | SYSTEM,
            "text",
        ),
        _t(
            Action.ANSWER,
            frozenset({S.ROUTED, S.IN_PROGRESS, S.INTERIM_ANSWER}),
            S.ANSWERED,
            PROCESSORS | SYSTEM,
            "text",
        ),
        _t(
            Action.RETURN_FOR_REWORK,
            frozenset({S.INTERIM_ANSWER, S.ANSWERED}),
            S.IN_PROGRESS,
            CUR_STAFF,
            "reason",
        ),
        _t(Action.CLOSE, frozenset({S.ANSWERED}), S.CLOSED, CUR_STAFF | SYSTEM),
        _t(Action.RATE, frozenset({S.ANSWERED, S.CLOSED}), S.CLOSED, CUR_STAFF | SYSTEM),
        _t(
            Action.REOPEN,
            frozenset({S.ANSWERED, S.CLOSED}),
            S.REOPENED,
            CUR_STAFF | SYSTEM,
            "reason",
        ),
        _t(
            Action.REJECT,
            frozenset({S.NEW, S.ROUTED, S.IN_PROGRESS, S.REOPENED}),
            S.REJECTED,
            CUR_STAFF | SYSTEM,
            "reason",
        ),
        _t(
            Action.REDIRECT,
            frozenset({S.NEW, S.ROUTED, S.IN_PROGRESS, S.REOPENED}),
            S.REDIRECTED,
            PROCESSORS | SYSTEM,
            "to",
        ),
        _t(Action.FLAG, ANY_STATUS, None, PROCESSORS | SYSTEM, "flag"),
        _t(Action.UNFLAG, ANY_STATUS, None, PROCESSORS | SYSTEM, "flag"),
        _t(Action.SET_IMPORTANCE, WORKING, None, CUR_STAFF | SYSTEM, "importance"),
        _t(Action.MERGE, WORKING, S.CLOSED, CUR_STAFF | SYSTEM, "into"),
        _t(Action.ADD_NOTE, ANY_STATUS, None, PROCESSORS | SYSTEM | {R.CURATOR}, "text"),
        _t(Action.ME_TOO, WORKING, None, PROCESSORS | SYSTEM),
        _t(Action.RESOLVE_CONFLICT, ANY_STATUS, None, CUR_STAFF, "how"),
        _t(Action.DISINFO_CASE, ANY_STATUS, None, CUR_STAFF, "case", "status"),
        _t(Action.MEASURE, ANY_STATUS, None, HEADS | SYSTEM, "measure", "what", "status"),
    )
}


@dataclass(frozen=True, slots=True)
class Command:
    """An operator's (or an integration's) request to change one appeal."""

    action: Action
    params: Mapping[str, JsonScalar]

    @classmethod
    def of(cls, action: Action, **params: JsonScalar) -> Command:
        return cls(action, params)


def check(appeal: Appeal | None, action: Action, role: Role) -> Transition:
    """Return the transition for ``action`` or raise why it is refused."""
    transition = TRANSITIONS[action]
    if role not in transition.roles:
        raise TransitionRefused(
            "forbidden_role",
            f"role {role.value} may not {action.value}",
            role=role.value,
            action=action.value,
        )
    if action is Action.CREATE:
        return transition
    if appeal is None:
        msg = f"{action.value} needs an appeal"
        raise ValueError(msg)
    if appeal.status not in transition.sources:
        raise TransitionRefused(
            "wrong_status",
            f"cannot {action.value} an appeal in status {appeal.status.value}",
            status=appeal.status.value,
            action=action.value,
        )
    return transition


def check_hold(appeal: Appeal, action: Action, role: Role, actor: str) -> None:
    """Refuse ``action`` when a colleague holds the appeal (``holding.py``: taken means taken)."""
    if blocked_by_hold(appeal, action, role, actor):
        raise TransitionRefused(
            "taken_by_other",
            f"taken by {appeal.taken_by}: only they may {action.value} it",
            taken_by=appeal.taken_by,
            action=action.value,
        )


def allowed_actions(
    appeal: Appeal, role: Role, actor: str, *, take_over: TakeOverRule | None = None
) -> tuple[Action, ...]:
    """Actions a role may start on this appeal now (menus enable only these).

    A colleague's hold leaves out what only the holder may do (:data:`HELD`) and
    offers ``take_over`` instead (unless ``take_over`` says only heads may; whether
    the holder has been idle long enough is the service's to judge).
    """
    rule = take_over or TakeOverRule()
    out = []
    for action, transition in TRANSITIONS.items():
        if action is Action.CREATE:
            continue
        if role in transition.roles and appeal.status in transition.sources:
            if action is Action.TAKE and appeal.taken_by:
                continue
            if action is Action.TAKE_OVER and (
                not appeal.taken_by or appeal.taken_by == actor or take_over_forbidden(role, rule)
            ):
                continue
            if action in HELD and blocked_by_hold(appeal, action, role, actor):
                continue
            if action is Action.RELEASE and not may_release(appeal, role, actor):
                continue
            if action is Action.REQUEST_INFO and appeal.is_paused:
                continue
            if action is Action.INFO_RECEIVED and not appeal.is_paused:
                continue
            out.append(action)
    return tuple(out)


def creation_entry(appeal: Appeal, actor: str, role: Role) -> HistoryEntry:
    """The first history line of a new appeal."""
    check(None, Action.CREATE, role)
    return HistoryEntry(
        appeal_id=appeal.id,
        at=appeal.created_at,
        actor=actor,
        role=role.value,
        action=Action.CREATE.value,
        from_status=None,
        to_status=appeal.status,
        details={"source": appeal.source.value, "external_id": appeal.external_id},
    )


def apply(
    appeal: Appeal,
    command: Command,
    *,
    actor: str,
    role: Role,
    now: datetime,
    dicts: Dictionaries | None = None,
    take_over: TakeOverRule | None = None,
    holder_idle: timedelta | None = None,
) -> tuple[Appeal, HistoryEntry]:
    """Apply one command: the new appeal (version + 1) and its history entry.

    With ``dicts`` given, every code in the parameters (theme, category,
    municipality, body, rejection reason) must exist in the region's dictionaries.
    A colleague's hold refuses what only the holder may do (``taken_by_other``);
    ``take_over`` (the region's rule) and ``holder_idle`` (the holder's idle working
    time, counted by the caller with the region's calendar) decide ``take_over``.
    """
    now = utc(now)
    transition = check(appeal, command.action, role)
    check_hold(appeal, command.action, role, actor)
    params = command.params
    for name in transition.required:
        value = params.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            raise TransitionRefused(
                "missing_param", f"{command.action.value} needs {name}", param=name
            )
    handler = HANDLERS.get(command.action, no_change)
    changes, details = handler(
        Ctx(appeal, params, actor, role, now, dicts, take_over or TakeOverRule(), holder_idle)
    )
    target = transition.target
    new_status = target if target is not None else appeal.status
    changes.update(status=new_status, version=appeal.version + 1, updated_at=now)
    updated = evolve(appeal, changes)
    entry = HistoryEntry(
        appeal_id=appeal.id,
        at=now,
        actor=actor,
        role=role.value,
        action=command.action.value,
        from_status=appeal.status,
        to_status=new_status,
        details=details,
    )
    return updated, entry


__all__ = [
    "FLAG_NAMES",
    "TRANSITIONS",
    "Command",
    "Transition",
    "TransitionRefused",
    "allowed_actions",
    "apply",
    "check",
    "check_hold",
    "creation_entry",
]
