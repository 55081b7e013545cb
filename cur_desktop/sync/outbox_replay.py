"""Replaying the outbox exactly once, and settling conflicts the operator decided.

Exactly once is the service's promise for a key (docs/sync-protocol.md §Actions:
keys are stored with their outcome), and ours is to send each item with the key
and base version it was stored with, oldest first, and to leave an item pending
whenever we did not hear the verdict: a timeout or a cut connection may have
applied the command or not, and the re-send with the same key answers
``duplicate`` in the first case. Verdicts:

- ``applied`` / ``duplicate`` → confirmed; the returned appeal is stored if newer;
- ``409 stale_version`` → conflict; the service's current record is stored in the
  item's result and in the cache, and handed to ``on_conflict(item, current)``;
- lifecycle refusal, out of scope, forbidden role, not found → refused.

Only the logged-in operator's own items are sent (an item carries its actor): a
shared workstation never sends one operator's actions under another's token.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import orjson
from sqlalchemy import func, or_, select, update

from cur_desktop.cache import Cache, OutboxItem, OutboxState, schema
from cur_desktop.cache.outbox import item_from_row
from cur_desktop.cache.registrations import Registrations
from cur_desktop.clock import epoch
from cur_desktop.domain.appeal import Appeal
from cur_desktop.domain.enums import Action
from cur_desktop.protocol.changes import item_from_wire
from cur_desktop.protocol.wire import WireError, appeal_from_wire, appeal_to_wire
from cur_desktop.sync.client import CentralClient
from cur_desktop.sync.errors import (
    CentralError,
    NotFound,
    Offline,
    OutOfScope,
    Refused,
    ServerError,
    StaleVersion,
)
from cur_desktop.sync.status import Cancelled, Phase, Progress
from cur_desktop.sync.writer import CacheWriter

log = logging.getLogger(__name__)

O = schema.outbox  # noqa: E741 - the cache's alias for this table

ConflictHandler = Callable[[OutboxItem, Appeal], None]


def _answered_appeal(answer: Mapping[str, Any]) -> Appeal:
    """The appeal of an ``applied``/``duplicate`` answer; a 200 that is not one (cut,
    garbled, from a proxy) is ``bad_response``: the command may have been applied."""
    if answer.get("result") not in ("applied", "duplicate"):
        raise ServerError("bad_response", f"action answer: result {answer.get('result')!r}", 200)
    try:
        return appeal_from_wire(answer["appeal"])
    except (KeyError, TypeError, WireError) as exc:
        raise ServerError("bad_response", f"action answer: {exc}", 200) from exc


@dataclass(slots=True)
class Replayed:
    confirmed: int = 0
    conflicts: int = 0
    refused: int = 0
    changed_ids: list[int] | None = None


class OutboxReplayer:
    def __init__(
        self,
        cache: Cache,
        client: CentralClient,
        writer: CacheWriter,
        *,
        cancel: threading.Event,
        progress: Callable[[Progress], None],
        on_conflict: ConflictHandler | None = None,
    ) -> None:
        self._progress = progress
        self._cache = cache
        self._client = client
        self._writer = writer
        self._cancel = cancel
        self.on_conflict = on_conflict
        self.actor = ""

    def pending(self, limit: int = 100) -> list[OutboxItem]:
        """This operator's pending items, oldest first."""
        query = (
            select(O)
            .where(
                O.c.state == OutboxState.PENDING.value,
                or_(O.c.actor == self.actor, O.c.actor == ""),
            )
            .order_by(O.c.id)
            .limit(limit)
        )
        with self._cache.engine.connect() as conn:
            return [item_from_row(r) for r in conn.execute(query).mappings()]

    def replay(self, done: Replayed | None = None) -> Replayed:
        """Send pending items until none is left; a transit failure stops the pass.

        ``done`` collects the verdicts as they are recorded, so a caller that passes
        it still knows what was settled before a failure ended the pass.
        """
        if done is None:
            done = Replayed()
        if done.changed_ids is None:
            done.changed_ids = []
        sent = 0
        while True:
            batch = self.pending()
            for item in batch:
                if self._cancel.is_set():
                    raise Cancelled
                now = self.get(item.idempotency_key)
                if now is None or now.state is not OutboxState.PENDING:
                    continue  # held with an earlier item of the batch (or settled elsewhere)
                self._send(item, done)
                sent += 1
            if batch:
                self._progress(Progress(Phase.OUTBOX, sent, sent + self._cache.outbox.size()))
            if len(batch) < 100:
                return done

    def _send(self, item: OutboxItem, done: Replayed) -> None:
        """Send one item and record the verdict (and hold the items chained on it)."""
        outbox = self._cache.outbox
        key = item.idempotency_key
        try:
            if item.command.action is Action.CREATE:  # registered by hand (issue 20)
                answer = self._client.register(key=key, params=item.command.params)
            else:
                answer = self._client.action(
                    item.appeal_id,
                    key=key,
                    action=item.command.action.value,
                    params=item.command.params,
                    base_version=item.base_version,
                )
            appeal = _answered_appeal(answer)
        except ServerError as exc:
            if exc.transient:
                outbox.record_attempt(key, exc.code)
                raise
            # the service's own 4xx verdict on this request (400 bad_request: an
            # unknown action, a key used for another command): it will never be
            # applied as sent, and must not block the items behind it
            self._not_applied(
                item, OutboxState.REFUSED, {"error": exc.code, "reason": str(exc)}, done
            )
            return
        except Offline as exc:
            outbox.record_attempt(key, exc.code)
            raise
        except StaleVersion as exc:
            try:
                current = appeal_from_wire(exc.current)
            except WireError as bad:
                outbox.record_attempt(key, "bad_response")
                raise ServerError("bad_response", f"409 current: {bad}", 409) from bad
            self._writer.upsert_newer([current])
            result = {"error": exc.code, "current": dict(exc.current)}
            self._not_applied(item, OutboxState.CONFLICT, result, done, current=current)
            return
        except (Refused, OutOfScope, NotFound) as exc:
            refusal: dict[str, Any] = {"error": exc.code, "reason": str(exc)}
            if isinstance(exc, Refused):
                refusal["params"] = dict(exc.params)
            self._not_applied(item, OutboxState.REFUSED, refusal, done)
            return
        self._writer.upsert_newer([appeal])
        assert done.changed_ids is not None
        if item.command.action is Action.CREATE:
            # the real appeal is stored: the provisional row goes, both numbers are kept
            Registrations(self._cache.engine, clock=self._cache.clock).confirm(key, appeal)
            done.changed_ids.append(appeal.id)
        outbox.settle(
            key,
            OutboxState.CONFIRMED,
            {"result": answer.get("result"), "seq": answer.get("seq"), "version": appeal.version},
        )
        done.confirmed += 1
        done.changed_ids.append(item.appeal_id)

    def _not_applied(
        self,
        item: OutboxItem,
        state: OutboxState,
        result: dict[str, Any],
        done: Replayed,
        *,
        current: Appeal | None = None,
    ) -> None:
        """Settle an item the service did not apply, with the ones chained on it.

        Commands the operator stored on top of this one (same appeal, higher base
        version, docs/sync.md) expect it applied: sent as they are, one of them could
        match a colleague's newer version and apply to an appeal the operator never
        saw. They become conflicts against the service's current record instead (for
        a refusal, it is fetched first), settled in the same transaction.
        """
        outbox = self._cache.outbox
        key = item.idempotency_key
        if item.command.action is Action.CREATE:
            Registrations(self._cache.engine, clock=self._cache.clock).refuse(key)
        chained = outbox.chained_on(item)
        chained_state = OutboxState.CONFLICT
        chained_result: dict[str, Any] = {}
        if chained and current is None:
            try:
                current = item_from_wire(self._client.appeal(item.appeal_id))[0]
            except (OutOfScope, NotFound) as exc:
                chained_state = OutboxState.REFUSED
                chained_result = {"error": exc.code, "reason": str(exc)}
            except (KeyError, TypeError, WireError) as exc:
                outbox.record_attempt(key, "bad_response")
                raise ServerError("bad_response", f"appeal {item.appeal_id}: {exc}", 200) from exc
            except CentralError as exc:
                outbox.record_attempt(key, exc.code)  # stays pending: asked again next pass
                raise
            else:
                self._writer.upsert_newer([current])
        if current is not None and chained_state is OutboxState.CONFLICT:
            chained_result = {"error": "stale_version", "current": appeal_to_wire(current)}
        held = outbox.settle_with_chain(
            item,
            state,
            result,
            chained_state=chained_state,
            chained_result=chained_result,
        )
        assert done.changed_ids is not None
        if current is not None:  # stored in the cache above
            done.changed_ids.append(item.appeal_id)
        if state is OutboxState.CONFLICT:
            done.conflicts += 1
            log.info("outbox item %d: conflict", item.id)
        else:
            done.refused += 1
            log.info("outbox item %d refused: %s", item.id, result.get("error"))
        for follower in held:
            if follower.state is OutboxState.CONFLICT:
                done.conflicts += 1
            else:
                done.refused += 1
            log.info("outbox item %d held: stored on top of item %d", follower.id, item.id)
        if self.on_conflict is not None and current is not None:
            if state is OutboxState.CONFLICT:
                self.on_conflict(self.get(key) or item, current)
            for follower in held:
                if follower.state is OutboxState.CONFLICT:
                    self.on_conflict(follower, current)

    def get(self, key: str) -> OutboxItem | None:
        with self._cache.engine.connect() as conn:
            row = conn.execute(select(O).where(O.c.idempotency_key == key)).mappings().first()
        return item_from_row(row) if row is not None else None

    def resolve_conflict(self, item: OutboxItem, *, reapply: bool) -> OutboxItem | None:
        """The operator's choice after a conflict, in one transaction.

        ``reapply``: the same command is enqueued again against the service's current
        version under a NEW key (the old key's outcome is already "conflict" on the
        service's side of the story) and the old item is discarded; otherwise the old
        item is only discarded. Returns the new item, or None. A second call for the
        same item does nothing (it is no longer in conflict).

        The new item goes to the end of the queue, so it is chained like any command
        stored now (ui/console/actions.py): on top of the operator's commands on the
        appeal still pending (the version after the last of them), else on the
        current version. Two chained conflicts re-applied in turn thus apply in turn.
        The current record it was decided on is kept as what the operator saw.
        """
        with self._cache.engine.begin() as conn:
            row = (
                conn.execute(
                    select(O).where(
                        O.c.idempotency_key == item.idempotency_key,
                        O.c.state == OutboxState.CONFLICT.value,
                    )
                )
                .mappings()
                .first()
            )
            if row is None:
                return None
            result: dict[str, Any] = orjson.loads(row["result"]) if row["result"] else {}
            new_key = None
            if reapply:
                current = result.get("current") or {}
                base = int(current.get("version", row["base_version"]))
                ahead = conn.execute(
                    select(func.max(O.c.base_version)).where(
                        O.c.state == OutboxState.PENDING.value,
                        O.c.appeal_id == row["appeal_id"],
                        O.c.actor == row["actor"],
                    )
                ).scalar()
                if ahead is not None:
                    base = max(base, int(ahead) + 1)
                new_key = str(uuid.uuid4())
                conn.execute(
                    O.insert().values(
                        idempotency_key=new_key,
                        appeal_id=row["appeal_id"],
                        action=row["action"],
                        params=row["params"],
                        base_version=base,
                        actor=row["actor"],
                        created_at=epoch(self._cache.clock),
                        seen=orjson.dumps(current).decode() if current else None,
                    )
                )
                result["replaced_by"] = new_key
            conn.execute(
                update(O)
                .where(O.c.id == row["id"])
                .values(state=OutboxState.DISCARDED.value, result=orjson.dumps(result).decode())
            )
        return self.get(new_key) if new_key else None
