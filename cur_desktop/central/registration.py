"""An appeal registered by hand at a console: ``POST /api/v1/appeals`` (issue 20).

The registration is an operator command with an idempotency key, like the
actions on existing appeals (:mod:`cur_desktop.central.actions`), and its checks
run in the same spirit and order:

1. a key seen before returns its stored outcome (``duplicate``) and creates
   nothing — a console that lost the answer (killed, cut off) sends the same key
   again and learns the real number; a key of another user or command is ``400``;
2. the role may register at all (``403 forbidden_role``: operators, municipal
   operators, theme heads and the head of the centre);
3. the parameters are read as an import row is checked (``422``: no text, an
   unknown code, a municipality that is not an OKTMO code…);
4. the new appeal is in the caller's scope (``403 out_of_scope``): a municipal
   operator registers for their own municipalities only.

The appeal gets a fresh id — its number, read out in digits — and, as its source
number, the provisional number the citizen may have been told (so it still finds
the appeal on every workstation), status ``new``, the
deadline by the region's SLA rules (:func:`cur_desktop.central.writes.commit_writes`
computes it), and a creation line naming who registered it, through which channel
and under which provisional number the citizen was told; the write takes a feed
position like every change, so every workstation in scope receives it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

import orjson
from sqlalchemy import Connection, Engine, insert, select
from sqlalchemy.exc import IntegrityError

from cur_desktop.central import schema as s
from cur_desktop.central.actions import KEY_MAX, ActionOutcome
from cur_desktop.central.db import write_tx
from cur_desktop.central.errors import ServiceError, bad_request, forbidden_role, out_of_scope
from cur_desktop.central.privacy import appeal_for
from cur_desktop.central.region import Region
from cur_desktop.central.scope import User
from cur_desktop.central.writes import Write, allocate_ids, commit_writes
from cur_desktop.clock import Clock
from cur_desktop.domain.appeal import HistoryEntry, JsonScalar, evolve
from cur_desktop.domain.enums import Action, Status
from cur_desktop.domain.refusal import TransitionRefused
from cur_desktop.domain.registration import (
    REGISTRARS,
    Registration,
    number_key,
    registration_from_params,
    registration_number,
)
from cur_desktop.protocol.wire import appeal_from_wire, appeal_to_wire

CREATE = Action.CREATE.value


def _stored(conn: Connection, key: str, user: User) -> ActionOutcome | None:
    row = conn.execute(select(s.idempotency_keys).where(s.idempotency_keys.c.key == key)).first()
    if row is None:
        return None
    if row.user_id != user.id or row.action != CREATE:
        raise bad_request("this idempotency key was used for another command")
    appeal = appeal_from_wire(orjson.loads(row.outcome))
    return ActionOutcome("duplicate", appeal_for(user, appeal), int(row.seq))


def _refusal(exc: TransitionRefused) -> ServiceError:
    if exc.code == "forbidden_role":
        return forbidden_role()
    return ServiceError(exc.code, 422, exc.reason, reason=exc.reason, params=exc.params)


def register(
    engine: Engine,
    region: Region,
    now: Clock,
    user: User,
    key: str,
    params: Mapping[str, JsonScalar],
) -> ActionOutcome:
    """Register one appeal; see the module docstring for the order of checks."""
    if not key or len(key) > KEY_MAX:
        raise bad_request(f"an idempotency key is 1 to {KEY_MAX} characters")
    try:
        return _register(engine, region, now, user, key, params)
    except IntegrityError:
        # the same key committed by a concurrent delivery between our checks
        with write_tx(engine) as conn:
            stored = _stored(conn, key, user)
        if stored is None:
            raise
        return stored


def _register(
    engine: Engine,
    region: Region,
    now: Clock,
    user: User,
    key: str,
    params: Mapping[str, JsonScalar],
) -> ActionOutcome:
    with write_tx(engine) as conn:
        stored = _stored(conn, key, user)
        if stored is not None:
            return stored
        if user.role not in REGISTRARS:
            raise forbidden_role()
        try:
            registration = registration_from_params(
                params, dicts=region.dicts, personal_data=user.sees_personal_data
            )
        except TransitionRefused as exc:
            raise _refusal(exc) from None
        if not user.scope.contains(registration.municipality, registration.theme):
            raise out_of_scope()
        moment = now()
        (appeal_id,) = allocate_ids(conn, 1)
        source_number = _source_number(conn, registration, appeal_id)
        appeal = registration.to_appeal(appeal_id, source_number, moment)
        appeal = evolve(appeal, {"version": 1})
        entry = _creation_line(registration, appeal_id, source_number, user, moment)
        (written,) = commit_writes(conn, [Write(None, appeal, (entry,), CREATE)], region, moment)
        conn.execute(
            insert(s.idempotency_keys).values(
                key=key,
                user_id=user.id,
                appeal_id=appeal_id,
                action=CREATE,
                seq=written.seq,
                outcome=orjson.dumps(appeal_to_wire(written.appeal)).decode(),
                created_at=moment.timestamp(),
            )
        )
    return ActionOutcome("applied", appeal_for(user, written.appeal), written.seq)


def _source_number(conn: Connection, registration: Registration, appeal_id: int) -> str:
    """The appeal's source number: the provisional number the citizen was told (so it still
    finds the appeal, domain/numbers.py), or its real number when there was none or it is
    taken (two workstations drew the same one: 1 in 34 million).
    """
    # compact («П8Л6Ц5И»): the provisional row a workstation keeps until it hears the
    # answer has the spelled form («П-8Л6-Ц5И») and the same (source, number) must not
    # meet in its cache; number search folds both to one key
    provisional = number_key(registration.provisional)
    if provisional:
        a = s.appeals.c
        taken = conn.execute(
            select(a.id).where(a.source == registration.source.value, a.external_id == provisional)
        ).first()
        if taken is None:
            return provisional
    return registration_number(appeal_id)


def _creation_line(
    registration: Registration, appeal_id: int, number: str, user: User, moment: datetime
) -> HistoryEntry:
    details: dict[str, JsonScalar] = {
        "source": registration.source.value,
        "external_id": number,
        "channel": registration.channel.value,
    }
    if registration.provisional:
        details["provisional"] = registration.provisional
    return HistoryEntry(
        appeal_id=appeal_id,
        at=moment,
        actor=user.login,  # who registered it
        role=user.role.value,
        action=CREATE,
        from_status=None,
        to_status=Status.NEW,
        details=details,
    )
