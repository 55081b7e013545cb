"""The outbox keeps the appeal an operator saw in the form the core encodes, and answers
the console's questions (what waits, what became of a key, an unsent answer's text)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from cur_desktop.cache import Cache, OutboxState
from cur_desktop.cache import outbox_queries as q
from cur_desktop.domain.appeal import Appeal
from cur_desktop.domain.enums import Action, Kind, Source, Status
from cur_desktop.domain.lifecycle import Command

T0 = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)


def appeal(i: int) -> Appeal:
    return Appeal(
        id=i,
        source=Source.POS,
        external_id=f"ext-{i}",
        kind=Kind.MESSAGE,
        created_at=T0,
        text="фонарь не горит",
        status=Status.NEW,
        version=2,
    )


def test_the_seen_appeal_is_stored_by_the_core_and_read_back(tmp_path: Path) -> None:
    note = Command.of(Action.ADD_NOTE, text="позвонить")
    with Cache.open(tmp_path / "c.sqlite") as cache:
        first, second = cache.outbox.enqueue_many(
            [(1, note, 2), (2, note, 2)], actor="op1", seen=[appeal(1), None]
        )
        assert first.seen_appeal() == appeal(1)
        assert second.seen_appeal() is None
        stored = q.item_by_key(cache.engine, first.idempotency_key)
        assert stored is not None
        assert stored.seen_appeal() == appeal(1)
        assert stored.current_appeal() is None
        assert q.item_by_key(cache.engine, "no-such-key") is None


def test_waiting_items_and_the_text_of_an_unsent_answer(tmp_path: Path) -> None:
    answer = Command.of(Action.ANSWER, text="Фонарь заменён")
    with Cache.open(tmp_path / "c.sqlite") as cache:
        mine = cache.outbox.enqueue(1, answer, base_version=2, actor="op1")
        cache.outbox.enqueue(1, answer, base_version=2, actor="op2")
        other = cache.outbox.enqueue(2, answer, base_version=2, actor="op1")
        waiting = q.waiting(cache.engine, "op1")
        assert {k: [i.idempotency_key for i in v] for k, v in waiting.items()} == {
            1: [mine.idempotency_key],
            2: [other.idempotency_key],
        }
        assert list(q.waiting(cache.engine, "op1", [2])) == [2]
        assert q.unsent_text(cache.engine, 1, Action.ANSWER, "op1") == ""
        cache.outbox.settle(mine.idempotency_key, OutboxState.REFUSED, {"error": "refused"})
        assert q.unsent_text(cache.engine, 1, Action.ANSWER, "op1") == "Фонарь заменён"
        assert 1 not in q.waiting(cache.engine, "op1")
        found = q.items_by_key(cache.engine, [mine.idempotency_key, "gone"])
        assert list(found) == [mine.idempotency_key]
        assert found[mine.idempotency_key].state is OutboxState.REFUSED
