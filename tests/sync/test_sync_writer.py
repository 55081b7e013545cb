"""The sync engine's cache transactions on a real cache file: order, dedupe, sweep, prune."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError

from cur_desktop.cache import Cache, OutboxState
from cur_desktop.domain.appeal import Appeal, HistoryEntry
from cur_desktop.domain.enums import Action, Kind, Source, Status
from cur_desktop.domain.lifecycle import Command
from cur_desktop.protocol.changes import Change, HistoryItem, Op
from cur_desktop.sync.writer import CacheWriter, PageRows

T0 = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)


def change(
    seq: int, op: Op, appeal_id: int, appeal: Appeal | None, history: list[HistoryEntry]
) -> Change:
    return Change(seq, op, appeal_id, appeal, tuple(HistoryItem(h) for h in history))


def appeal(i: int, version: int = 1, status: Status = Status.NEW, **kw: object) -> Appeal:
    return Appeal(
        id=i,
        source=Source.POS,
        external_id=f"ext-{i}",
        kind=Kind.MESSAGE,
        created_at=T0 + timedelta(minutes=i),
        text=f"яма на дороге номер {i}",
        status=status,
        version=version,
        **kw,
    )


def entry(i: int, minute: int, action: str = "add_note") -> HistoryEntry:
    return HistoryEntry(i, T0 + timedelta(minutes=minute), "op1", "operator", action, None, None)


@pytest.fixture
def cache(tmp_path: Path) -> Cache:
    c = Cache.open(tmp_path / "cache.sqlite")
    yield c
    c.close()


def test_a_page_keeps_the_order_of_its_changes(cache: Cache) -> None:
    writer = CacheWriter(cache.engine)
    writer.snapshot_page(
        PageRows.of([(appeal(1), [entry(1, 0, "create")]), (appeal(2), [])]),
        bulk=True,
        sweep=None,
        state={},
    )
    written = writer.changes_page(
        [
            change(10, "upsert", 1, appeal(1, 2), [entry(1, 5)]),
            change(11, "remove", 1, None, []),
            change(12, "upsert", 1, appeal(1, 3), [entry(1, 7)]),  # back in scope
            change(13, "upsert", 2, appeal(2, 2), []),
            change(14, "remove", 2, None, []),  # left the scope for good
        ],
        {"sync.cursor": "14"},
    )
    got = cache.appeals.get(1)
    assert got is not None
    assert got.version == 3
    assert [h.at for h in cache.appeals.history(1)] == [T0 + timedelta(minutes=7)]
    assert cache.appeals.get(2) is None
    assert written.removed == 1
    assert written.removed_ids == [2]
    assert cache.get_state("sync.cursor") == "14"


def test_feed_history_already_in_the_snapshot_is_not_stored_twice(cache: Cache) -> None:
    writer = CacheWriter(cache.engine)
    snapshot_history = [entry(1, 0, "create"), entry(1, 3, "take")]
    writer.snapshot_page(
        PageRows.of([(appeal(1, 2), snapshot_history)]), bulk=True, sweep=None, state={}
    )
    # the feed from the snapshot's cursor repeats version 2 and brings version 3
    written = writer.changes_page(
        [
            change(5, "upsert", 1, appeal(1, 2), [entry(1, 3, "take")]),
            change(6, "upsert", 1, appeal(1, 3), [entry(1, 4)]),
        ],
        {"sync.cursor": "6"},
    )
    assert written.history == 1
    assert [h.action for h in cache.appeals.history(1)] == ["create", "take", "add_note"]


def test_an_older_version_never_replaces_a_newer_one(cache: Cache) -> None:
    writer = CacheWriter(cache.engine)
    writer.snapshot_page(
        PageRows.of([(appeal(1, 5, title="new"), [])]), bulk=True, sweep=None, state={}
    )
    written = writer.changes_page([change(3, "upsert", 1, appeal(1, 4, title="old"), [])], {})
    assert written.appeals == 0
    got = cache.appeals.get(1)
    assert got is not None
    assert (got.version, got.title) == (5, "new")


def test_replace_mode_sweeps_ids_the_snapshot_did_not_send(cache: Cache) -> None:
    writer = CacheWriter(cache.engine)
    writer.snapshot_page(
        PageRows.of([(appeal(i), [entry(i, 0)]) for i in range(1, 11)]),
        bulk=True,
        sweep=None,
        state={},
    )
    first = writer.snapshot_page(
        PageRows.of([(appeal(2, 2), []), (appeal(4), [entry(4, 0), entry(4, 9)])]),
        bulk=False,
        sweep=(0, 5),
        state={"sync.snapshot.last_id": "5"},
    )
    assert sorted(first.removed_ids) == [1, 3, 5]
    assert first.appeals == 1  # only the changed version is rewritten
    assert cache.appeals.history(1) == []
    assert len(cache.appeals.history(4)) == 2  # history replaced whole, not appended
    assert {a.id for a in cache.appeals.get_many(list(range(1, 11)))} == {2, 4, 6, 7, 8, 9, 10}
    last = writer.snapshot_page(
        PageRows.of([(appeal(7), [])]), bulk=False, sweep=(5, None), state={}
    )
    assert sorted(last.removed_ids) == [6, 8, 9, 10]
    assert cache.get_state("sync.snapshot.last_id") == "5"


def test_rows_and_their_resume_point_commit_together_or_not_at_all(cache: Cache) -> None:
    writer = CacheWriter(cache.engine)
    writer.snapshot_page(PageRows.of([(appeal(1), [])]), bulk=True, sweep=None, state={"k": "1"})
    with pytest.raises(IntegrityError):
        writer.snapshot_page(
            PageRows.of([(appeal(2), [entry(2, 0)]), (appeal(1), [])]),
            bulk=True,
            sweep=None,
            state={"k": "2"},
        )
    assert cache.get_state("k") == "1"
    assert cache.appeals.get(2) is None
    assert cache.appeals.history(2) == []


def test_prune_drops_old_closed_appeals_and_keeps_the_outbox(cache: Cache) -> None:
    writer = CacheWriter(cache.engine)
    now = T0 + timedelta(days=200)
    old = T0 + timedelta(days=10)
    rows = [
        (appeal(1), [entry(1, 0)]),  # open, however old
        (appeal(2, status=Status.CLOSED, closed_at=old), [entry(2, 0)]),
        (appeal(3, status=Status.CLOSED, closed_at=now - timedelta(days=5)), []),
        (appeal(4, status=Status.REJECTED, closed_at=old), []),
        (appeal(5, status=Status.ANSWERED, answered_at=old), []),
    ]
    writer.snapshot_page(PageRows.of(rows), bulk=True, sweep=None, state={})
    note = Command.of(Action.ADD_NOTE, text="проверить")
    waiting = cache.outbox.enqueue(4, note, base_version=1, actor="op1")
    done = cache.outbox.enqueue(5, note, base_version=1, actor="op1")
    cache.outbox.settle(done.idempotency_key, OutboxState.CONFIRMED, {"result": "applied"})
    before = cache.outbox.items()

    pruned = writer.prune_closed((now - timedelta(days=90)).timestamp())

    assert sorted(pruned) == [2, 5]  # 4 waits for its outbox item
    assert {a.id for a in cache.appeals.get_many([1, 2, 3, 4, 5])} == {1, 3, 4}
    assert cache.appeals.history(2) == []
    assert cache.outbox.items() == before
    assert waiting in cache.outbox.items(OutboxState.PENDING)


def test_an_appeal_entering_mid_life_is_listed_for_its_whole_history(cache: Cache) -> None:
    writer = CacheWriter(cache.engine)
    writer.snapshot_page(PageRows.of([(appeal(1), [])]), bulk=True, sweep=None, state={})
    written = writer.changes_page(
        [
            change(7, "upsert", 1, appeal(1, 2), [entry(1, 2)]),  # known: nothing to fetch
            change(8, "upsert", 2, appeal(2), [entry(2, 0, "create")]),  # born now
            change(9, "upsert", 3, appeal(3, 4), [entry(3, 9, "categorise")]),  # moved in
        ],
        {"sync.cursor": "9"},
    )
    assert written.backfill == [3]
    assert writer.pending_backfill() == [3]
    writer.backfilled(3, (appeal(3, 4), [entry(3, 0, "create"), entry(3, 9, "categorise")]))
    assert writer.pending_backfill() == []
    assert cache.get_state("sync.backfill") is None
    assert [h.action for h in cache.appeals.history(3)] == ["create", "categorise"]
