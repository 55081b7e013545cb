"""What screens read from the outbox: items by key, an operator's unconfirmed commands.

The outbox (:mod:`cur_desktop.cache.outbox`) stores and settles commands; the
console asks it which commands of its operator still wait on an appeal (to show
them as pending and project them onto the appeal), what became of the commands
it stored, and the text of an answer the service did not apply (so it is never
lost). Those questions are SQL, and screens write none (STYLE.md §1): they live
here, return :class:`~cur_desktop.cache.outbox.OutboxItem` objects or plain text,
and run on any thread (one connection per call).

An operator's commands include those stored with no actor (``""``: written before
the outbox kept one), as the sync engine's replay counts them.
"""

from __future__ import annotations

from collections.abc import Iterable

import orjson
from sqlalchemy import Engine, select

from cur_desktop.cache import schema
from cur_desktop.cache.outbox import OutboxItem, OutboxState, item_from_row
from cur_desktop.chunks import chunks
from cur_desktop.domain.enums import Action

__all__ = ["item_by_key", "items_by_key", "unsent_text", "waiting"]

O = schema.outbox  # noqa: E741 - table alias, as in the outbox itself

_UNSENT = (OutboxState.REFUSED.value, OutboxState.DISCARDED.value)


def item_by_key(engine: Engine, key: str) -> OutboxItem | None:
    """The stored item of one idempotency key, whatever its state."""
    with engine.connect() as conn:
        row = conn.execute(select(O).where(O.c.idempotency_key == key)).mappings().first()
    return item_from_row(row) if row is not None else None


def items_by_key(engine: Engine, keys: Iterable[str]) -> dict[str, OutboxItem]:
    """The stored items of these keys, whatever their state (unknown keys left out)."""
    out: dict[str, OutboxItem] = {}
    with engine.connect() as conn:
        for part in chunks(list(keys)):
            for row in conn.execute(select(O).where(O.c.idempotency_key.in_(part))).mappings():
                item = item_from_row(row)
                out[item.idempotency_key] = item
    return out


def waiting(
    engine: Engine, actor: str, appeal_ids: Iterable[int] | None = None
) -> dict[int, list[OutboxItem]]:
    """``actor``'s unconfirmed commands (pending or in conflict) by appeal, oldest first;
    on the given appeals only, or on every appeal (None)."""
    query = (
        select(O)
        .where(
            O.c.state.in_([OutboxState.PENDING.value, OutboxState.CONFLICT.value]),
            O.c.actor.in_([actor, ""]),
        )
        .order_by(O.c.id)
    )
    out: dict[int, list[OutboxItem]] = {}
    with engine.connect() as conn:
        for part in [None] if appeal_ids is None else chunks(list(appeal_ids)):
            where = query if part is None else query.where(O.c.appeal_id.in_(part))
            for row in conn.execute(where).mappings():
                item = item_from_row(row)
                out.setdefault(item.appeal_id, []).append(item)
    return out


def unsent_text(engine: Engine, appeal_id: int, action: Action, actor: str) -> str:
    """The text of ``actor``'s latest ``action`` on the appeal when the service did not
    apply it (refused, or dropped after a conflict); "" otherwise.

    Only the latest: once a later one went through, the refused text is history, and
    an answer reopened for rework starts from the one the citizen got.
    """
    query = (
        select(O.c.params, O.c.state)
        .where(O.c.appeal_id == appeal_id, O.c.action == action.value, O.c.actor == actor)
        .order_by(O.c.id.desc())
        .limit(1)
    )
    with engine.connect() as conn:
        row = conn.execute(query).first()
    if row is None or row.state not in _UNSENT or not row.params:
        return ""
    text = orjson.loads(row.params).get("text")
    return text if isinstance(text, str) else ""
