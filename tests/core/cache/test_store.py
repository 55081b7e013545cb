"""Appeals, history, outbox and sync state in a real SQLite cache file."""

from __future__ import annotations

import sqlite3
import sys
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from cur_desktop.cache import Cache, CacheError, OutboxState, QueueFilter
from cur_desktop.domain import (
    Action,
    Appeal,
    Attachment,
    Author,
    Flag,
    HistoryEntry,
    Importance,
    Kind,
    Pause,
    Reaction,
    Source,
    Status,
)
from cur_desktop.domain.lifecycle import Command
from cur_desktop.sync.writer import CacheWriter
from tests.support.clock import now as clock_now

T0 = datetime(2026, 2, 2, 9, 0, tzinfo=UTC)


def appeal(i: int, **changes: object) -> Appeal:
    a = Appeal(
        id=i,
        source=Source.POS,
        external_id=f"pos-{i}",
        kind=Kind.MESSAGE,
        created_at=T0 + timedelta(minutes=i),
        text=f"Обращение {i}",
        theme="roads" if i % 2 else "housing",
        municipality="70701000" if i % 3 else "70602000",
        due_at=T0 + timedelta(hours=i % 7, minutes=i),
    )
    return replace(a, **changes)  # type: ignore[arg-type]


@pytest.fixture
def cache(tmp_path: Path) -> Cache:
    c = Cache.open(tmp_path / "cache.sqlite")
    yield c
    c.close()


def test_every_field_round_trips(cache: Cache) -> None:
    full = appeal(
        1,
        version=5,
        status=Status.CLOSED,
        title="Яма",
        category="roads.potholes",
        subcategory="roads.potholes.yard",
        address="ул. Ленина, 1",
        address_is_private=True,
        lat=54.19,
        lon=37.61,
        body="mintrans",
        executor="Отдел дорог",
        author=Author("Иванов И.", "+79000000000", "a@b.ru", "https://vk.com/id1"),
        url="https://vk.com/wall1_2",
        registered_at=T0,
        importance=Importance.HIGH,
        flags=Flag.CONFLICT | Flag.IMPORTANT,
        me_too=3,
        taken_by="ivanova",
        taken_at=T0,
        postponed_to=T0 + timedelta(days=3),
        pauses=(Pause(T0, T0 + timedelta(hours=1)), Pause(T0 + timedelta(hours=2))),
        first_reaction_at=T0 + timedelta(hours=1),
        interim_answer="Промежуточный",
        interim_answer_at=T0 + timedelta(hours=1),
        answer="Ответ",
        answered_at=T0 + timedelta(hours=5),
        closed_at=T0 + timedelta(days=1),
        reopened_at=T0 + timedelta(hours=3),
        rework_count=2,
        rejection_reason="spam",
        redirected_to="Прокуратура",
        satisfaction_rating=4,
        satisfaction_reaction=Reaction.NEUTRAL,
        merged_into=9,
        attachments=(Attachment("фото.jpg", "https://x/1.jpg", 1024),),
        updated_at=T0 + timedelta(days=1),
    )
    CacheWriter(cache.engine).upsert_newer([full])
    assert cache.appeals.get(1) == full
    assert cache.appeals.get(2) is None


def test_upsert_skips_same_and_older_versions(cache: Cache) -> None:
    assert CacheWriter(cache.engine).upsert_newer(appeal(i) for i in range(1, 11)) == 10
    assert CacheWriter(cache.engine).upsert_newer(appeal(i) for i in range(1, 11)) == 0
    newer = replace(appeal(3), version=2, status=Status.ROUTED)
    older = replace(appeal(4), version=0, text="старое")
    assert CacheWriter(cache.engine).upsert_newer([newer, older]) == 1
    assert cache.appeals.get(3).status is Status.ROUTED  # type: ignore[union-attr]
    assert cache.appeals.get(4).text == "Обращение 4"  # type: ignore[union-attr]
    assert cache.appeals.count() == 10


def test_queue_pages_are_keyset_ordered_by_deadline(cache: Cache) -> None:
    CacheWriter(cache.engine).upsert_newer(appeal(i) for i in range(1, 101))
    CacheWriter(cache.engine).upsert_newer([replace(appeal(50), version=2, status=Status.CLOSED)])
    flt = QueueFilter(themes=("roads",))
    seen: list[int] = []
    after = None
    while page := cache.appeals.queue_page(flt, after=after, limit=7):
        seen.extend(i for i, _ in page)
        after = (page[-1][1], page[-1][0])
    expected = sorted(
        (a for a in (appeal(i) for i in range(1, 101)) if a.theme == "roads" and a.id != 50),
        key=lambda a: (a.due_at, a.id),
    )
    assert seen == [a.id for a in expected]
    assert cache.appeals.count(flt) == len(expected)
    closed = QueueFilter(open_only=False, statuses=(Status.CLOSED,))
    assert cache.appeals.count(closed) == 1
    counts = cache.appeals.counts_by("municipality", flt=QueueFilter())
    assert sum(counts.values()) == 99
    pairs = cache.appeals.counts_by("theme", "status", flt=QueueFilter(open_only=False))
    assert pairs[("housing", "closed")] == 1
    assert sum(pairs.values()) == 100


def test_filters_combine(cache: Cache) -> None:
    CacheWriter(cache.engine).upsert_newer(appeal(i) for i in range(1, 31))
    CacheWriter(cache.engine).upsert_newer(
        [replace(appeal(5), version=2, flags=Flag.IMPORTANT | Flag.CONFLICT, body="b1")]
    )
    assert cache.appeals.count(QueueFilter(flags=Flag.IMPORTANT)) == 1
    assert cache.appeals.count(QueueFilter(flags=Flag.IMPORTANT | Flag.REPEAT)) == 0
    assert cache.appeals.count(QueueFilter(bodies=("b1",))) == 1
    overdue = QueueFilter(overdue_at=T0 + timedelta(hours=1))
    assert cache.appeals.count(overdue) == sum(
        1
        for i in range(1, 31)
        if appeal(i).due_at < T0 + timedelta(hours=1)  # type: ignore[operator]
    )
    window = QueueFilter(
        created_from=T0 + timedelta(minutes=10), created_to=T0 + timedelta(minutes=20)
    )
    assert cache.appeals.count(window) == 10


def test_history_in_order(cache: Cache) -> None:
    entries = [
        HistoryEntry(1, T0 + timedelta(minutes=m), "ivanova", "operator", a, None, s, {"n": m})
        for m, a, s in ((2, "route", Status.ROUTED), (1, "create", Status.NEW))
    ]
    CacheWriter(cache.engine).add_history(entries)
    assert [h.action for h in cache.appeals.history(1)] == ["create", "route"]
    assert cache.appeals.history(1)[0].details == {"n": 1}


def test_outbox_lifecycle(cache: Cache) -> None:
    item = cache.outbox.enqueue(
        7, Command.of(Action.ANSWER, text="Ответ"), base_version=3, actor="ivanova", key="k1"
    )
    assert item.state is OutboxState.PENDING
    assert cache.outbox.size() == 1
    with pytest.raises(Exception, match="UNIQUE"):
        cache.outbox.enqueue(7, Command.of(Action.TAKE), base_version=3, actor="x", key="k1")
    cache.outbox.record_attempt("k1", "connection refused")
    (pending,) = cache.outbox.pending()
    assert pending.attempts == 1
    assert pending.command == Command.of(Action.ANSWER, text="Ответ")
    assert cache.outbox.settle("k1", OutboxState.CONFIRMED, {"version": 4})
    assert not cache.outbox.settle("k1", OutboxState.CONFIRMED)  # exactly once
    assert cache.outbox.size() == 0
    assert cache.outbox.items(OutboxState.CONFIRMED)[0].result == {"version": 4}
    with pytest.raises(ValueError, match="pending"):
        cache.outbox.settle("k1", OutboxState.PENDING)


def test_a_bulk_enqueue_is_stored_whole_or_not_at_all(cache: Cache) -> None:
    take = Command.of(Action.TAKE)
    stored = cache.outbox.enqueue_many([(1, take, 4), (2, take, 7)], actor="ivanova")
    assert [(i.appeal_id, i.base_version, i.actor) for i in stored] == [
        (1, 4, "ivanova"),
        (2, 7, "ivanova"),
    ]
    assert len({i.idempotency_key for i in stored}) == 2
    # the third command of a selection fails to store: the first two must not stay behind
    broken = Command(Action.ADD_NOTE, {"text": object()})  # type: ignore[dict-item]
    with pytest.raises(TypeError):
        cache.outbox.enqueue_many([(3, take, 1), (4, take, 1), (5, broken, 1)], actor="ivanova")
    assert sorted(i.appeal_id for i in cache.outbox.pending()) == [1, 2]


def test_a_command_is_chained_on_the_operators_pending_one_when_it_is_stored(
    cache: Cache,
) -> None:
    note = Command.of(Action.ADD_NOTE, text="позвонить")
    (first,) = cache.outbox.enqueue_many([(1, note, 5)], actor="ivanova", chain=True)
    (second,) = cache.outbox.enqueue_many([(1, note, 5)], actor="ivanova", chain=True)
    (other,) = cache.outbox.enqueue_many([(1, note, 5)], actor="petrov", chain=True)
    assert (first.base_version, second.base_version) == (5, 6)  # after the first one
    assert other.base_version == 5  # a colleague's pending commands are not its chain


def test_the_chain_is_read_when_the_first_command_is_settled_not_before(cache: Cache) -> None:
    """The sync engine looks for chained commands, then asks the service for the current
    record; the console stores one meanwhile. It must be held with the others."""
    take = Command.of(Action.TAKE)
    (first,) = cache.outbox.enqueue_many([(1, take, 5)], actor="ivanova", chain=True)
    assert cache.outbox.chained_on(first) == []  # what the engine saw before its request
    (later,) = cache.outbox.enqueue_many([(1, take, 5)], actor="ivanova", chain=True)
    held = cache.outbox.settle_with_chain(
        first,
        OutboxState.CONFLICT,
        {"error": "stale_version"},
        chained_state=OutboxState.CONFLICT,
        chained_result={"error": "stale_version"},
    )
    assert [i.idempotency_key for i in held] == [later.idempotency_key]
    assert cache.outbox.pending() == []
    # stored after the first was settled: based on the cache's version, chained on nothing
    (fresh,) = cache.outbox.enqueue_many([(1, take, 7)], actor="ivanova", chain=True)
    assert fresh.base_version == 7


def test_a_command_stored_while_another_writer_holds_the_lock_sees_its_write(
    cache: Cache,
) -> None:
    """Deciding the chain and storing happen under one write lock: a command stored while
    the sync engine is mid-write waits for it and is chained on what it committed."""
    import threading
    import time

    from cur_desktop.cache.db import write_locked
    from cur_desktop.cache.outbox import O

    take = Command.of(Action.TAKE)
    holding, stored = threading.Event(), []
    failed: list[BaseException] = []

    def console() -> None:
        holding.wait()
        try:
            stored.extend(cache.outbox.enqueue_many([(1, take, 5)], actor="ivanova", chain=True))
        except BaseException as exc:  # noqa: BLE001 - reported below
            failed.append(exc)

    worker = threading.Thread(target=console)
    worker.start()
    with write_locked(cache.engine) as conn:
        conn.execute(
            O.insert().values(
                idempotency_key="engine-wrote",
                appeal_id=1,
                action="take",
                params="{}",
                base_version=8,
                actor="ivanova",
                created_at=clock_now().timestamp(),
            )
        )
        holding.set()
        time.sleep(0.3)  # lets the console's store start and wait; the asserts hold either way
    worker.join(30)
    assert failed == []
    assert [i.base_version for i in stored] == [9]


def test_pruning_appeals_never_touches_the_outbox(cache: Cache) -> None:
    CacheWriter(cache.engine).upsert_newer([appeal(1)])
    cache.outbox.enqueue(1, Command.of(Action.TAKE), base_version=1, actor="x")
    CacheWriter(cache.engine).remove([1])
    assert cache.outbox.size() == 1


def test_state_and_dictionaries(cache: Cache) -> None:
    assert cache.get_state("cursor") is None
    assert cache.get_state("cursor", "0") == "0"
    cache.set_state("cursor", "42")
    cache.set_state("cursor", "43")
    assert cache.get_state("cursor") == "43"
    assert cache.load_dictionaries() is None
    cache.save_dictionaries({"format": "cur-dictionaries", "themes": []})
    assert cache.load_dictionaries() == {"format": "cur-dictionaries", "themes": []}


def test_wal_mode_and_reopen(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    with Cache.open(path) as c:
        CacheWriter(c.engine).upsert_newer([appeal(1)])
    raw = sqlite3.connect(path)  # noqa: TID251 - inspecting the file from outside
    try:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        raw.close()
    with Cache.open(path) as c:
        assert c.appeals.count() == 1


def test_not_a_cache_file_is_a_clear_error(tmp_path: Path) -> None:
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(CacheError) as err:
        Cache.open(junk)
    assert err.value.code == "not_a_cache"
    with pytest.raises(CacheError) as folder:
        Cache.open(tmp_path)
    assert folder.value.code == "unreadable"
    foreign = tmp_path / "foreign.sqlite"
    raw = sqlite3.connect(foreign)  # noqa: TID251
    raw.execute("CREATE TABLE t (x)")
    raw.close()
    with pytest.raises(CacheError) as not_ours:
        Cache.open(foreign)
    assert not_ours.value.code == "not_a_cache"


def test_the_page_cache_is_sized_per_cache_opened(tmp_path: Path) -> None:
    """The console's connections keep 64 MiB of pages; the wall asks for less."""
    path = tmp_path / "c.sqlite"
    for mib in (64, 8):
        with Cache.open(path, page_cache_mib=mib) as cache, cache.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA cache_size").scalar() == -mib * 1024


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_a_cache_is_readable_by_its_user_only(tmp_path: Path) -> None:
    """Personal data: another user of the workstation must not read the cache (152-ФЗ)."""
    import os
    import stat

    folder = tmp_path / "servers" / "abc"
    path = folder / "cache.sqlite"
    old = os.umask(0o022)  # the usual umask: files 0644, folders 0755
    try:
        with Cache.open(path) as cache:
            cache.set_state("cursor", "1")  # the -wal and -shm files exist now
            for file in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
                assert stat.S_IMODE(file.stat().st_mode) == 0o600, file
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        # a cache left readable by an older build is narrowed when it is opened
        path.chmod(0o644)
        with Cache.open(path):
            pass
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    finally:
        os.umask(old)
