"""The outbox: operator actions stored first, sent when online, confirmed exactly once.

An action is written here in the same moment the operator makes it, with an
idempotency key the central service deduplicates on; the sync engine sends
pending items in order and records the service's verdict. Items leave the
``pending`` state only through :meth:`Outbox.settle` (or
:meth:`Outbox.settle_with_chain`, which also holds the commands stored on top of
one the service did not apply); nothing here is ever deleted by pruning appeals
(the table has no foreign key to them).

Appeals kept with an item — the one the operator saw when storing it, the
service's current record of a conflict — are kept in the protocol's wire form,
encoded and decoded here (:mod:`cur_desktop.protocol.wire`): callers hand in and
get back :class:`~cur_desktop.domain.Appeal` objects.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import orjson
from sqlalchemy import Connection, Engine, Select, func, select, update

from cur_desktop.cache import schema
from cur_desktop.cache.db import write_locked
from cur_desktop.clock import Clock, epoch, system_clock
from cur_desktop.domain.appeal import Appeal, JsonScalar
from cur_desktop.domain.lifecycle import Command
from cur_desktop.protocol.wire import appeal_from_wire, appeal_to_wire

O = schema.outbox  # noqa: E741 - table alias, as A for appeals


class OutboxState(StrEnum):
    PENDING = "pending"  # waiting to be sent (or re-sent after a network failure)
    CONFIRMED = "confirmed"  # the service applied it (or had applied it before)
    CONFLICT = "conflict"  # stale version: the operator must choose
    REFUSED = "refused"  # the lifecycle or the scope forbids it
    DISCARDED = "discarded"  # the operator dropped it after a conflict


@dataclass(frozen=True, slots=True)
class OutboxItem:
    id: int
    idempotency_key: str
    appeal_id: int
    command: Command
    base_version: int
    actor: str
    created_at: float
    state: OutboxState
    attempts: int
    last_error: str | None
    result: Mapping[str, Any] | None
    seen: Mapping[str, Any] | None = None  # the appeal as the operator saw it (wire form)

    def seen_appeal(self) -> Appeal | None:
        """The appeal as the operator saw it when storing the item (None: not kept, as
        for items stored before the outbox kept it); a :class:`WireError` if unreadable."""
        return appeal_from_wire(self.seen) if self.seen is not None else None

    def current_appeal(self) -> Appeal | None:
        """The service's current record, kept in the result of a conflict (None: none
        kept); a :class:`WireError` if unreadable."""
        raw = (self.result or {}).get("current")
        return appeal_from_wire(raw) if isinstance(raw, Mapping) else None


def item_from_row(row: Mapping[Any, Any]) -> OutboxItem:
    """An outbox row (a mapping of its columns) as an item."""
    from cur_desktop.domain.enums import Action

    params: dict[str, JsonScalar] = orjson.loads(row["params"])
    return OutboxItem(
        id=row["id"],
        idempotency_key=row["idempotency_key"],
        appeal_id=row["appeal_id"],
        command=Command(Action(row["action"]), params),
        base_version=row["base_version"],
        actor=row["actor"],
        created_at=row["created_at"],
        state=OutboxState(row["state"]),
        attempts=row["attempts"],
        last_error=row["last_error"],
        result=orjson.loads(row["result"]) if row["result"] else None,
        seen=orjson.loads(row["seen"]) if row.get("seen") else None,
    )


def _wire_json(appeal: Appeal | None) -> str | None:
    return None if appeal is None else orjson.dumps(appeal_to_wire(appeal)).decode()


class Outbox:
    def __init__(self, engine: Engine, *, clock: Clock = system_clock) -> None:
        self.clock = clock
        self._engine = engine

    def enqueue(
        self,
        appeal_id: int,
        command: Command,
        *,
        base_version: int,
        actor: str,
        key: str | None = None,
    ) -> OutboxItem:
        """Store an action before anything is sent; returns the stored item."""
        return self.enqueue_many([(appeal_id, command, base_version)], actor=actor, key=key)[0]

    def enqueue_many(
        self,
        entries: Sequence[tuple[int, Command, int]],
        *,
        actor: str,
        key: str | None = None,
        seen: Sequence[Appeal | None] = (),
        chain: bool = False,
    ) -> list[OutboxItem]:
        """Store several actions (appeal id, command, base version) in ONE transaction.

        A bulk action on a selection is stored whole or not at all: a crash in the
        middle never leaves half of the operator's selection queued. ``key`` (one
        entry only) fixes the idempotency key, for tests and replays. ``seen``, per
        entry: the appeal as the operator saw it (kept to show a conflict later).

        ``chain=True`` (the console): the base version given is the appeal's version
        in the cache, and a command stored while ``actor`` still has pending ones on
        the appeal is chained on the newest of them (its base + 1: the version the
        service will have once it is applied). Decided under the write lock, in the
        transaction that stores it, so the sync engine cannot settle that item in
        between (:meth:`settle_with_chain` would then miss the new one, which would be
        sent on top of a command the service did not apply).
        """
        if key is not None and len(entries) != 1:
            msg = "a fixed idempotency key is for one entry only"
            raise ValueError(msg)
        if seen and len(seen) != len(entries):
            msg = "seen must give one appeal (or None) per entry"
            raise ValueError(msg)
        now = epoch(self.clock)
        stored: list[OutboxItem] = []
        with write_locked(self._engine) as conn:
            for n, (appeal_id, command, given) in enumerate(entries):
                base_version = _chained_base(conn, appeal_id, actor, given) if chain else given
                before = seen[n] if seen else None
                seen_json = _wire_json(before)
                row = {
                    "idempotency_key": key or str(uuid.uuid4()),
                    "appeal_id": appeal_id,
                    "action": command.action.value,
                    "params": orjson.dumps(dict(command.params)).decode(),
                    "base_version": base_version,
                    "actor": actor,
                    "created_at": now,
                    "seen": seen_json,
                }
                result = conn.execute(O.insert().values(row).returning(*O.c)).mappings().one()
                stored.append(item_from_row(result))
        return stored

    def pending(self, limit: int = 100) -> list[OutboxItem]:
        """Items to send, oldest first: actions replay in the order they were made."""
        query = select(O).where(O.c.state == OutboxState.PENDING).order_by(O.c.id).limit(limit)
        with self._engine.connect() as conn:
            return [item_from_row(r) for r in conn.execute(query).mappings()]

    def items(self, *states: OutboxState) -> list[OutboxItem]:
        query = select(O).order_by(O.c.id)
        if states:
            query = query.where(O.c.state.in_([s.value for s in states]))
        with self._engine.connect() as conn:
            return [item_from_row(r) for r in conn.execute(query).mappings()]

    def size(self) -> int:
        """Actions not yet confirmed by the service (the status bar's figure)."""
        query = select(func.count()).select_from(O).where(O.c.state == OutboxState.PENDING)
        with self._engine.connect() as conn:
            return int(conn.execute(query).scalar_one())

    def record_attempt(self, key: str, error: str | None) -> None:
        """A send failed in transit (network): the item stays pending."""
        with self._engine.begin() as conn:
            conn.execute(
                update(O)
                .where(O.c.idempotency_key == key)
                .values(
                    attempts=O.c.attempts + 1, last_attempt_at=epoch(self.clock), last_error=error
                )
            )

    def settle(self, key: str, state: OutboxState, result: Mapping[str, Any] | None = None) -> bool:
        """Record the service's verdict; False if the item was already settled."""
        if state is OutboxState.PENDING:
            msg = "settle() moves an item out of pending"
            raise ValueError(msg)
        with self._engine.begin() as conn:
            return _settle(conn, key, state, result, now=epoch(self.clock))

    def chained_on(self, item: OutboxItem) -> list[OutboxItem]:
        """The same operator's pending items stored on top of ``item``, oldest first.

        The console stores a command on an appeal that already has unconfirmed ones
        with the version the appeal will have after them (``base + 1`` for each,
        ui/console/actions.py). A later pending item of the same operator on the same
        appeal with a higher base version than ``item`` therefore expects ``item`` to
        have been applied.
        """
        with self._engine.connect() as conn:
            return [item_from_row(r) for r in conn.execute(_chained_query(item)).mappings()]

    def settle_with_chain(
        self,
        item: OutboxItem,
        state: OutboxState,
        result: Mapping[str, Any],
        *,
        chained_state: OutboxState,
        chained_result: Mapping[str, Any],
    ) -> list[OutboxItem]:
        """Settle ``item`` as not applied and the items chained on it, in ONE transaction.

        A command stored on top of one the service did not apply must not be sent as
        it is: its base version is the version the first one would have produced, so
        the service could accept it on top of a colleague's change the operator never
        saw. Such items (:meth:`chained_on`, read again here under the write lock, so
        one the console stores meanwhile is either seen here or chained on nothing:
        :meth:`enqueue_many`) are settled with ``chained_state`` (a conflict: the
        operator decides) and ``chained_result`` plus ``{"after": key}``. Items no
        longer pending are left alone. Returns the chained items as settled.
        """
        if state not in (OutboxState.CONFLICT, OutboxState.REFUSED):
            msg = "only a command that was not applied holds the ones chained on it"
            raise ValueError(msg)
        key = item.idempotency_key
        with write_locked(self._engine) as conn:
            _settle(conn, key, state, result, now=epoch(self.clock))
            held = {**chained_result, "after": key}
            chained = [r["idempotency_key"] for r in conn.execute(_chained_query(item)).mappings()]
            settled = [
                k
                for k in chained
                if _settle(conn, k, chained_state, held, now=epoch(self.clock), sent=False)
            ]
            if not settled:
                return []
            rows = conn.execute(
                select(O).where(O.c.idempotency_key.in_(settled)).order_by(O.c.id)
            ).mappings()
            return [item_from_row(r) for r in rows]


def _chained_base(conn: Connection, appeal_id: int, actor: str, version: int) -> int:
    """The base version of a new command: after ``actor``'s newest pending one, if any."""
    newest = conn.execute(
        select(O.c.base_version)
        .where(
            O.c.state == OutboxState.PENDING.value,
            O.c.appeal_id == appeal_id,
            O.c.actor.in_([actor, ""]),
        )
        .order_by(O.c.id.desc())
        .limit(1)
    ).scalar_one_or_none()
    return int(newest) + 1 if newest is not None else version


def _chained_query(item: OutboxItem) -> Select[Any]:
    return (
        select(O)
        .where(
            O.c.state == OutboxState.PENDING.value,
            O.c.appeal_id == item.appeal_id,
            O.c.actor == item.actor,
            O.c.id > item.id,
            O.c.base_version > item.base_version,
        )
        .order_by(O.c.id)
    )


def _settle(
    conn: Connection,
    key: str,
    state: OutboxState,
    result: Mapping[str, Any] | None,
    *,
    now: float,
    sent: bool = True,
) -> bool:
    """Move ``key`` out of pending (or conflict). ``sent=False``: an item settled without
    being sent (chained on one that was not applied): only from pending, no attempt."""
    values: dict[str, Any] = {
        "state": state.value,
        "result": orjson.dumps(dict(result)).decode() if result is not None else None,
    }
    if sent:
        values.update(attempts=O.c.attempts + 1, last_attempt_at=now)
    states = ["pending", "conflict"] if sent else ["pending"]
    done = conn.execute(
        update(O).where(O.c.idempotency_key == key, O.c.state.in_(states)).values(values)
    )
    return bool(done.rowcount)
