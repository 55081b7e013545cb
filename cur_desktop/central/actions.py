"""Operator commands on one appeal: idempotent, version-checked, scoped, recorded.

``POST /appeals/{id}/actions`` lands here (``docs/sync-protocol.md``, Actions).
The order of the checks is the contract:

1. a key seen before returns its stored outcome and applies nothing — even if
   the appeal has changed or left the scope since (a replay must not fail just
   because the first attempt succeeded); a key seen with another user, appeal
   or action is ``400`` (``duplicate`` would confirm a command never applied);
2. the role may do the action at all (``403 forbidden_role``);
3. the appeal exists (``404``) and is in the caller's scope (``403 out_of_scope``); an
   action whose result would leave that scope is ``403 leaves_scope``, and a merge
   target outside it is answered like one that does not exist;
4. a colleague's hold (``422 taken_by_other``): before the version, because no
   rebase on the current record would make the command go through;
5. ``base_version`` is current (``409`` with the current record), except for
   ``take``, ``take_over``, ``add_note`` and ``flag``, which mean the same on any version;
6. the lifecycle agrees (``422`` with the refusal's code).

Taken means taken (``cur_desktop/domain/holding.py``): on an appeal a colleague
holds, what only the holder may do is refused as ``taken_by_other``; every refusal
that names a holder carries their display name (``taken_by_name``, from ``users``),
so the operator reads «взято Ивановой А. П.», not a login. ``take_over`` («Забрать
себе») gets the region's rule (``pack.json`` ``"take_over"``) and the holder's idle
working time: since the later of taking the appeal and the holder's own last line
in its history, counted with the region's calendar.

The appeal's row is locked (``SELECT … FOR UPDATE``; SQLite's ``BEGIN IMMEDIATE``
locks the database) before the key is checked a second time, so two deliveries
of one command racing each other apply it once. Keys are consumed only by an
applied command: after a 409 or 422 the client may send the same key again.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import orjson
from sqlalchemy import Connection, Engine, func, insert, select
from sqlalchemy.exc import IntegrityError

from cur_desktop.central import schema as s
from cur_desktop.central.db import write_tx
from cur_desktop.central.errors import ServiceError, bad_request, forbidden_role, not_found
from cur_desktop.central.errors import out_of_scope as out_of_scope_error
from cur_desktop.central.privacy import appeal_for
from cur_desktop.central.region import Region
from cur_desktop.central.scope import User
from cur_desktop.central.writes import Write, commit_writes
from cur_desktop.clock import Clock
from cur_desktop.domain.appeal import Appeal, JsonScalar
from cur_desktop.domain.enums import Action
from cur_desktop.domain.holding import TakeOverRule
from cur_desktop.domain.lifecycle import (
    TRANSITIONS,
    Command,
    TransitionRefused,
    apply,
    check_hold,
)
from cur_desktop.protocol.columns import columns_to_appeal
from cur_desktop.protocol.wire import appeal_from_wire, appeal_to_wire
from cur_desktop.sla import CalendarError

log = logging.getLogger(__name__)

#: Actions that mean the same whatever the operator saw (no version check).
VERSION_FREE = frozenset({Action.TAKE, Action.TAKE_OVER, Action.ADD_NOTE, Action.FLAG})
KEY_MAX = 100


@dataclass(frozen=True, slots=True)
class ActionOutcome:
    result: str  # "applied" or "duplicate"
    appeal: Appeal  # as the caller may see it
    seq: int

    def to_wire(self) -> dict[str, Any]:
        return {"result": self.result, "appeal": appeal_to_wire(self.appeal), "seq": self.seq}


def parse_action(action: str) -> Action:
    try:
        parsed = Action(action)
    except ValueError:
        raise bad_request(f"unknown action {action!r}") from None
    if parsed is Action.CREATE:
        raise bad_request("create is not an action on an existing appeal")
    return parsed


def _stored(
    conn: Connection, key: str, user: User, appeal_id: int, action: Action
) -> ActionOutcome | None:
    row = conn.execute(select(s.idempotency_keys).where(s.idempotency_keys.c.key == key)).first()
    if row is None:
        return None
    # "duplicate" tells the client its command was applied: only for the same command
    if row.user_id != user.id or row.appeal_id != appeal_id or row.action != action.value:
        raise bad_request("this idempotency key was used for another command")
    appeal = appeal_from_wire(orjson.loads(row.outcome))
    return ActionOutcome("duplicate", appeal_for(user, appeal), int(row.seq))


def _lock(conn: Connection, appeal_id: int) -> Appeal | None:
    query = select(s.appeals).where(s.appeals.c.id == appeal_id)
    if conn.dialect.name == "postgresql":
        query = query.with_for_update()
    row = conn.execute(query).mappings().first()
    return None if row is None else columns_to_appeal(row)


def _refusal(conn: Connection, exc: TransitionRefused) -> ServiceError:
    if exc.code == "forbidden_role":
        return forbidden_role()
    params = dict(exc.params)
    holder = params.get("taken_by")
    if isinstance(holder, str) and holder:
        params["taken_by_name"] = display_name(conn, holder)
    return ServiceError(exc.code, 422, exc.reason, reason=exc.reason, params=params)


def display_name(conn: Connection, login: str) -> str:
    """The name people know a user by (``users.name``); the login when there is none."""
    name = conn.execute(select(s.users.c.name).where(s.users.c.login == login)).scalar()
    return str(name).strip() if name and str(name).strip() else login


def take_over_rule(region: Region) -> TakeOverRule:
    """The region's rule for «Забрать себе» (``pack.json`` ``"take_over"``)."""
    try:
        return TakeOverRule.from_doc(region.pack_doc.get("take_over"))
    except ValueError as exc:
        log.warning("region pack: %s; the default take-over rule applies", exc)
        return TakeOverRule()


def holder_idle(
    conn: Connection, region: Region, appeal: Appeal, now: datetime
) -> timedelta | None:
    """Working time since the holder last touched the appeal (took it or wrote a history line)."""
    if not appeal.taken_by:
        return None
    last = conn.execute(
        select(func.max(s.history.c.at)).where(
            s.history.c.appeal_id == appeal.id, s.history.c.actor == appeal.taken_by
        )
    ).scalar()
    moments = [appeal.taken_at] if appeal.taken_at else []
    if last is not None:
        moments.append(datetime.fromtimestamp(float(last), tz=UTC))
    if not moments:
        return None
    try:
        return region.calendar.working_time_between(max(moments), now)
    except CalendarError:  # a year the calendar lacks: wall-clock time, as the domain would
        return None


def apply_action(
    engine: Engine,
    region: Region,
    now: Clock,
    user: User,
    appeal_id: int,
    key: str,
    action: str,
    params: Mapping[str, JsonScalar],
    base_version: int | None,
) -> ActionOutcome:
    """Apply one operator command; see the module docstring for the order of checks."""
    if not key or len(key) > KEY_MAX:
        raise bad_request(f"an idempotency key is 1 to {KEY_MAX} characters")
    command = Command(parse_action(action), dict(params))
    try:
        return _apply(engine, region, now, user, appeal_id, key, command, base_version)
    except IntegrityError:
        # the same key committed by a concurrent delivery between our checks
        with write_tx(engine) as conn:
            stored = _stored(conn, key, user, appeal_id, command.action)
        if stored is None:
            raise
        return stored


def _apply(
    engine: Engine,
    region: Region,
    now: Clock,
    user: User,
    appeal_id: int,
    key: str,
    command: Command,
    base_version: int | None,
) -> ActionOutcome:
    with write_tx(engine) as conn:
        stored = _stored(conn, key, user, appeal_id, command.action)
        if stored is not None:
            return stored
        if user.role not in TRANSITIONS[command.action].roles:
            raise forbidden_role()
        current = _lock(conn, appeal_id)
        if current is None:
            raise not_found()
        if not user.scope.contains(current.municipality, current.theme):
            raise out_of_scope_error()
        stored = _stored(conn, key, user, appeal_id, command.action)
        if stored is not None:
            return stored
        try:  # before the version: no rebase makes a colleague's hold go away
            check_hold(current, command.action, user.role, user.login)
        except TransitionRefused as exc:
            raise _refusal(conn, exc) from None
        if command.action not in VERSION_FREE and base_version != current.version:
            raise ServiceError(
                "stale_version", 409, current=appeal_to_wire(appeal_for(user, current))
            )
        moment = now()
        if command.action is Action.MERGE:
            _check_merge_target(conn, command.params.get("into"), user)
        hold: dict[str, Any] = {}
        if command.action is Action.TAKE_OVER:
            hold = {
                "take_over": take_over_rule(region),
                "holder_idle": holder_idle(conn, region, current, moment),
            }
        try:
            updated, entry = apply(
                current,
                command,
                actor=user.login,
                role=user.role,
                now=moment,
                dicts=region.dicts,
                **hold,
            )
        except TransitionRefused as exc:
            raise _refusal(conn, exc) from None
        if not user.scope.contains(updated.municipality, updated.theme):
            # it would leave the caller's scope (a municipality or theme of another
            # team): only a role whose scope spans both sides may move it (issue 15)
            raise ServiceError(
                "leaves_scope",
                403,
                "the action would move the appeal out of the caller's scope",
                reason="the appeal would leave your scope: ask someone whose scope covers both",
                params={"municipality": updated.municipality, "theme": updated.theme},
            )
        (written,) = commit_writes(
            conn, [Write(current, updated, (entry,), command.action.value)], region, moment
        )
        conn.execute(
            insert(s.idempotency_keys).values(
                key=key,
                user_id=user.id,
                appeal_id=appeal_id,
                action=command.action.value,
                seq=written.seq,
                outcome=orjson.dumps(appeal_to_wire(written.appeal)).decode(),
                created_at=moment.timestamp(),
            )
        )
    return ActionOutcome("applied", appeal_for(user, written.appeal), written.seq)


def _check_merge_target(conn: Connection, into: JsonScalar, user: User) -> None:
    """The appeal merged into must exist and be in the caller's scope; one outside it
    is answered as one that does not exist (its existence is not the caller's to know)."""
    if not isinstance(into, int) or isinstance(into, bool):
        return  # the lifecycle refuses it with its own code
    a = s.appeals.c
    found = conn.execute(select(a.municipality, a.theme).where(a.id == into)).first()
    if found is None or not user.scope.contains(found.municipality, found.theme):
        raise ServiceError(
            "invalid_param",
            422,
            "merge target does not exist",
            reason=f"appeal {into} does not exist",
            params={"param": "into"},
        )
