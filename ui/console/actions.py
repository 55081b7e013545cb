"""Operator commands into the outbox: stored first, sent by the sync, shown as pending.

The console never talks to the central service itself (STYLE.md §1): an action the
operator takes is written to the cache's outbox (:meth:`Outbox.enqueue`) with the
version of the appeal the operator saw and a fresh idempotency key, and the sync
worker is woken to send it. Until the service confirms it the appeal is *pending*.

The version a command is stored with is the version the service will have when
the command arrives: the cached version, or — when the operator has already queued
commands on this appeal that the service has not confirmed yet — the version after
the last of them (each applied command moves the version on by one). So an
operator can categorise, route and answer in a row while offline, and the
commands replay in order without tripping over one another's versions.

:func:`projected` applies the pending commands to the cached appeal with the
lifecycle itself, so menus enable what the appeal *will* allow (route after a
pending categorise) without duplicating any rule here.

GUI thread (the outbox writes take a millisecond; the sync engine's thread writes
the same file through its own connection).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QObject, Signal

from cur_desktop.cache import Cache, OutboxItem, OutboxState
from cur_desktop.cache import outbox_queries as outbox
from cur_desktop.domain.appeal import Appeal
from cur_desktop.domain.dictionaries import Dictionaries
from cur_desktop.domain.enums import Action, Role
from cur_desktop.domain.lifecycle import Command, TransitionRefused, apply
from cur_desktop.protocol.wire import WireError

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Seen:
    """An appeal as the operator saw it when a command was stored (for conflicts)."""

    appeal: Appeal
    command: Command


class ActionSubmitter(QObject):
    """Stores operator commands in the cache's outbox and wakes the sync."""

    submitted = Signal(list)
    """Outbox keys just stored (one per appeal)."""

    def __init__(self, cache: Cache, actor: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cache = cache
        self.actor = actor
        self._wake: Callable[[], None] | None = None
        self._seen: dict[str, Seen] = {}

    def set_wake(self, wake: Callable[[], None]) -> None:
        """What to call after storing commands (C-session passes ``SyncWorker.wake``)."""
        self._wake = wake

    def submit(self, appeal_ids: Sequence[int], command: Command) -> list[str]:
        """Store ``command`` for each appeal; the outbox keys, in the order of ``appeal_ids``.

        All of a selection is stored in one transaction: whole or not at all. Appeals
        no longer in the cache are skipped (nothing to base a version on).
        """
        appeal_ids = list(dict.fromkeys(appeal_ids))  # one command per appeal, in order
        appeals = {a.id: a for a in self._cache.appeals.get_many(appeal_ids)}
        entries: list[tuple[int, Command, int]] = []
        for appeal_id in appeal_ids:
            if appeal_id < 0:  # a registration the service has not confirmed yet
                log.info("appeal %d is not registered yet: %s not stored", appeal_id, command)
                continue
            appeal = appeals.get(appeal_id)
            if appeal is None:
                log.warning(
                    "appeal %d is not in the cache: %s not stored", appeal_id, command.action.value
                )
                continue
            entries.append((appeal_id, command, appeal.version))
        seen = [appeals[appeal_id] for appeal_id, _, _ in entries]  # the outbox encodes them
        # chained on this operator's pending commands in the storing transaction itself
        items = (
            self._cache.outbox.enqueue_many(entries, actor=self.actor, seen=seen, chain=True)
            if entries
            else []
        )
        for item in items:
            self._seen[item.idempotency_key] = Seen(appeals[item.appeal_id], command)
        keys = [item.idempotency_key for item in items]
        if keys:
            log.info("%d %s command(s) stored in the outbox", len(keys), command.action.value)
            self.submitted.emit(keys)
            if self._wake is not None:
                self._wake()
        return keys

    def stored(self, keys: Sequence[str]) -> None:
        """Commands another part of the console stored in the outbox itself (a registration,
        cache/registrations.py): followed as this submitter's are, and the sync woken."""
        if keys:
            self.submitted.emit(list(keys))
            if self._wake is not None:
                self._wake()

    def seen(self, key: str) -> Seen | None:
        """The appeal as the operator saw it when ``key`` was stored.

        Kept in the outbox too, so a conflict found after a restart still shows it.
        """
        found = self._seen.get(key)
        if found is not None:
            return found
        item = outbox.item_by_key(self._cache.engine, key)
        if item is None:
            return None
        try:
            appeal = item.seen_appeal()
        except WireError:
            log.warning("outbox item %s: the appeal as seen cannot be read", key)
            return None
        if appeal is None:
            return None  # stored before the outbox kept it
        found = Seen(appeal, item.command)
        self._seen[key] = found
        return found

    # -- reading the outbox -----------------------------------------------------------

    def waiting_for(self, appeal_id: int) -> list[OutboxItem]:
        """This operator's unconfirmed commands on one appeal, oldest first."""
        return self.waiting([appeal_id]).get(appeal_id, [])

    def waiting(self, appeal_ids: Iterable[int] | None = None) -> dict[int, list[OutboxItem]]:
        """Unconfirmed commands (pending or in conflict) by appeal, oldest first."""
        return outbox.waiting(self._cache.engine, self.actor, appeal_ids)

    def unsent_text(self, appeal_id: int, action: Action) -> str:
        """The text of this operator's latest ``action`` on the appeal when the service did
        not apply it (refused, or dropped after a conflict): an answer is never lost."""
        return outbox.unsent_text(self._cache.engine, appeal_id, action, self.actor)

    def states(self, keys: Iterable[str]) -> dict[str, OutboxItem]:
        """The stored items of these keys, whatever their state."""
        return outbox.items_by_key(self._cache.engine, keys)


def projected(
    appeal: Appeal,
    waiting: Sequence[OutboxItem],
    *,
    actor: str,
    role: Role,
    now: datetime,
    dicts: Dictionaries | None,
) -> Appeal:
    """``appeal`` as it will be once the pending commands are applied (best guess).

    Uses the lifecycle itself; a command it refuses is skipped (the service will
    refuse it too, and the operator hears about it then).
    """
    for item in waiting:
        if item.state is not OutboxState.PENDING:
            continue
        try:
            appeal, _ = apply(appeal, item.command, actor=actor, role=role, now=now, dicts=dicts)
        except (TransitionRefused, ValueError):
            continue
    return appeal


def pending_ids(
    waiting: Mapping[int, Sequence[OutboxItem]], state: OutboxState = OutboxState.PENDING
) -> frozenset[int]:
    """Appeals with at least one command in ``state`` (not yet sent, or in conflict)."""
    return frozenset(
        appeal_id for appeal_id, items in waiting.items() if any(i.state is state for i in items)
    )
