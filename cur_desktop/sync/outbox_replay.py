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
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import orjson
from sqlalchemy import or_, select, update

from cur_desktop.cache import Cache, OutboxItem, OutboxState, schema
from cur_desktop.cache.outbox import _item as outbox_item
from cur_desktop.domain.appeal import Appeal
from cur_desktop.sync.client import CentralClient
from cur_desktop.sync.decode import decode_appeal
from cur_desktop.sync.errors import (
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
            return [outbox_item(r) for r in conn.execute(query).mappings()]

    def replay(self) -> Replayed:
        """Send pending items until none is left; a transit failure stops the pass."""
        done = Replayed(changed_ids=[])
        sent = 0
        while True:
            batch = self.pending()
            for item in batch:
                if self._cancel.is_set():
                    raise Cancelled
                self._send(item, done)
                sent += 1
            if batch:
                self._progress(Progress(Phase.OUTBOX, sent, sent + self._cache.outbox.size()))
            if len(batch) < 100:
                return done

    def _send(self, item: OutboxItem, done: Replayed) -> None:
        outbox = self._cache.outbox
        key = item.idempotency_key
        try:
            answer = self._client.action(
                item.appeal_id,
                key=key,
                action=item.command.action.value,
                params=item.command.params,
                base_version=item.base_version,
            )
        except (Offline, ServerError) as exc:
            outbox.record_attempt(key, exc.code)
            raise
        except StaleVersion as exc:
            current = decode_appeal(exc.current)
            self._writer.upsert_newer([current])
            outbox.settle(
                key, OutboxState.CONFLICT, {"error": exc.code, "current": dict(exc.current)}
            )
            done.conflicts += 1
            assert done.changed_ids is not None
            done.changed_ids.append(item.appeal_id)
            log.info("outbox item %d: conflict at version %d", item.id, current.version)
            if self.on_conflict is not None:
                settled = self.get(key) or item
                self.on_conflict(settled, current)
            return
        except (Refused, OutOfScope, NotFound) as exc:
            result: dict[str, Any] = {"error": exc.code, "reason": str(exc)}
            if isinstance(exc, Refused):
                result["params"] = dict(exc.params)
            outbox.settle(key, OutboxState.REFUSED, result)
            done.refused += 1
            log.info("outbox item %d refused: %s", item.id, exc.code)
            return
        appeal = decode_appeal(answer["appeal"])
        self._writer.upsert_newer([appeal])
        outbox.settle(
            key,
            OutboxState.CONFIRMED,
            {"result": answer.get("result"), "seq": answer.get("seq"), "version": appeal.version},
        )
        done.confirmed += 1
        assert done.changed_ids is not None
        done.changed_ids.append(item.appeal_id)

    def get(self, key: str) -> OutboxItem | None:
        with self._cache.engine.connect() as conn:
            row = conn.execute(select(O).where(O.c.idempotency_key == key)).mappings().first()
        return outbox_item(row) if row is not None else None

    def resolve_conflict(self, item: OutboxItem, *, reapply: bool) -> OutboxItem | None:
        """The operator's choice after a conflict, in one transaction.

        ``reapply``: the same command is enqueued again against the service's current
        version under a NEW key (the old key's outcome is already "conflict" on the
        service's side of the story) and the old item is discarded; otherwise the old
        item is only discarded. Returns the new item, or None. A second call for the
        same item does nothing (it is no longer in conflict).
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
                new_key = str(uuid.uuid4())
                conn.execute(
                    O.insert().values(
                        idempotency_key=new_key,
                        appeal_id=row["appeal_id"],
                        action=row["action"],
                        params=row["params"],
                        base_version=int(current.get("version", row["base_version"])),
                        actor=row["actor"],
                        created_at=time.time(),
                    )
                )
                result["replaced_by"] = new_key
            conn.execute(
                update(O)
                .where(O.c.id == row["id"])
                .values(state=OutboxState.DISCARDED.value, result=orjson.dumps(result).decode())
            )
        return self.get(new_key) if new_key else None
