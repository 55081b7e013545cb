"""Appeals registered by hand at this workstation: stored first, confirmed exactly once.

:meth:`Registrations.store` writes, in ONE transaction under the write lock, the
three things a registration is before the service has seen it (issue 20):

- the ``create`` command in the outbox, with its idempotency key (the sync sends it,
  :mod:`cur_desktop.sync.outbox_replay`, and the service applies it once per key);
- a *provisional row* in ``appeals`` with a negative id and the provisional number
  as its number, so the appeal is in the queue at once, offline too;
- a row in ``registrations`` tying the key, the provisional id and number together.

When the service answers (:meth:`confirm`, called by the replayer), the provisional
row and its history are deleted and the real appeal (written by the sync's
:class:`~cur_desktop.sync.writer.CacheWriter`, the only writer of real appeals)
takes its place; the registration keeps both numbers, so the one the citizen was
told first still finds the appeal (:meth:`find`). A refused registration
(:meth:`refuse`) loses its provisional row; the outbox keeps the command and the
refusal. Provisional rows are this module's only writes to ``appeals``: negative ids
never collide with the service's, and a snapshot's sweep (ids above its cursor)
never touches them.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from typing import Any

import orjson
from sqlalchemy import Connection, Engine, delete, func, select, update

from cur_desktop.cache import schema
from cur_desktop.cache.db import write_locked
from cur_desktop.clock import Clock, epoch, system_clock
from cur_desktop.domain.appeal import Appeal
from cur_desktop.domain.enums import Action
from cur_desktop.domain.registration import (
    Registration,
    number_key,
    provisional_number,
    registration_number,
)
from cur_desktop.protocol.columns import appeal_to_columns

A = schema.appeals
H = schema.history
O = schema.outbox  # noqa: E741 - table alias, as in outbox.py
R = schema.registrations


@dataclass(frozen=True, slots=True)
class Stored:
    """A registration as stored: the outbox key, the provisional row's id and number."""

    key: str
    provisional_id: int
    number: str


@dataclass(frozen=True, slots=True)
class RegistrationRow:
    key: str
    provisional_id: int
    provisional_number: str
    appeal_id: int | None
    number: str | None
    state: str
    actor: str

    @property
    def current_id(self) -> int:
        """The appeal to show: the real one once confirmed, else the provisional row."""
        return self.appeal_id if self.appeal_id is not None else self.provisional_id


def _row(r: Any) -> RegistrationRow:
    return RegistrationRow(
        key=r.idempotency_key,
        provisional_id=int(r.provisional_id),
        provisional_number=r.provisional_number,
        appeal_id=None if r.appeal_id is None else int(r.appeal_id),
        number=r.number,
        state=r.state,
        actor=r.actor,
    )


class Registrations:
    def __init__(self, engine: Engine, *, clock: Clock = system_clock) -> None:
        self._engine = engine
        self.clock = clock

    def store(self, registration: Registration, *, actor: str, key: str | None = None) -> Stored:
        """Store a registration before anything is sent (see the module docstring)."""
        key = key or str(uuid.uuid4())
        number = provisional_number(key)
        registration = replace(registration, provisional=number)
        params = registration.to_params()
        now = self.clock()
        with write_locked(self._engine) as conn:
            provisional_id = _next_provisional_id(conn)
            conn.execute(
                O.insert().values(
                    idempotency_key=key,
                    appeal_id=provisional_id,
                    action=Action.CREATE.value,
                    params=orjson.dumps(params).decode(),
                    base_version=0,
                    actor=actor,
                    created_at=epoch(self.clock),
                )
            )
            appeal = registration.to_appeal(provisional_id, number, now)
            columns = {k: v for k, v in appeal_to_columns(appeal).items() if k in A.c}
            conn.execute(A.insert().values(columns))
            conn.execute(
                R.insert().values(
                    idempotency_key=key,
                    provisional_id=provisional_id,
                    provisional_number=number,
                    number_key=number_key(number),
                    actor=actor,
                    params=orjson.dumps(params).decode(),
                    created_at=epoch(self.clock),
                )
            )
        return Stored(key, provisional_id, number)

    def get(self, key: str) -> RegistrationRow | None:
        with self._engine.connect() as conn:
            r = conn.execute(select(R).where(R.c.idempotency_key == key)).first()
        return None if r is None else _row(r)

    def confirm(self, key: str, appeal: Appeal) -> int | None:
        """The service applied the registration as ``appeal``: the provisional row goes,
        the real number is kept with the provisional one. The provisional id, or None
        (not a registration of this workstation, or confirmed before)."""
        with write_locked(self._engine) as conn:
            found = _pending(conn, key)
            if found is None:
                return None
            conn.execute(
                update(R)
                .where(R.c.idempotency_key == key)
                .values(
                    state="confirmed", appeal_id=appeal.id, number=registration_number(appeal.id)
                )
            )
            _drop_provisional(conn, found.provisional_id)
        return found.provisional_id

    def refuse(self, key: str) -> int | None:
        """The service refused it: the provisional row goes (the outbox keeps the why)."""
        with write_locked(self._engine) as conn:
            found = _pending(conn, key)
            if found is None:
                return None
            conn.execute(update(R).where(R.c.idempotency_key == key).values(state="refused"))
            _drop_provisional(conn, found.provisional_id)
        return found.provisional_id

    def find(self, typed: str) -> RegistrationRow | None:
        """The registration a number belongs to, provisional or real (as typed)."""
        folded = number_key(typed)
        if not folded:
            return None
        with self._engine.connect() as conn:
            r = conn.execute(
                select(R)
                .where((R.c.number_key == folded) | (R.c.number == folded))
                .order_by(R.c.id.desc())
                .limit(1)
            ).first()
        return None if r is None else _row(r)

    def by_appeal(self, appeal_id: int) -> RegistrationRow | None:
        """The registration of an appeal (by its real or provisional id), if made here."""
        with self._engine.connect() as conn:
            r = conn.execute(
                select(R).where((R.c.appeal_id == appeal_id) | (R.c.provisional_id == appeal_id))
            ).first()
        return None if r is None else _row(r)


def _pending(conn: Connection, key: str) -> RegistrationRow | None:
    r = conn.execute(select(R).where(R.c.idempotency_key == key, R.c.state == "pending")).first()
    return None if r is None else _row(r)


def _drop_provisional(conn: Connection, provisional_id: int) -> None:
    conn.execute(delete(H).where(H.c.appeal_id == provisional_id))
    conn.execute(delete(A).where(A.c.id == provisional_id))


def _next_provisional_id(conn: Connection) -> int:
    """Below every id ever used for a provisional row (never reused: the outbox names it)."""
    lowest = conn.execute(select(func.min(R.c.provisional_id))).scalar()
    in_appeals = conn.execute(select(func.min(A.c.id)).where(A.c.id < 0)).scalar()
    return min(int(lowest or 0), int(in_appeals or 0)) - 1
