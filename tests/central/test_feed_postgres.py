"""The change feed on real PostgreSQL: concurrent writers can never make a reader skip a change.

What "skip" means: a reader that has seen position N stores cursor N and later
asks for "after N". If a position below N is committed after that, the reader
never sees it. So the property is: at every moment, the committed positions are
exactly 1..head, without holes. Readers here poll concurrently with writers and
check that every answer continues their cursor without a hole.

The first test shows the checker catches the classic mistake (a position taken
from a sequence at the start of a transaction that commits late); the others run
the real feed under scripted and random interleavings.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from sqlalchemy import Engine, select, text, update

from cur_desktop.central import feed
from cur_desktop.central import schema as s
from cur_desktop.central.bootstrap import open_service
from cur_desktop.central.demo import seed_demo
from cur_desktop.central.scope import User
from cur_desktop.central.service import CentralService
from cur_desktop.domain.enums import Role
from cur_desktop.regions import builtin_pack_dir
from tests.support.clock import GENERATED_AT, wait_until
from tests.support.clock import now as clock_now
from tests.support.postgres import database_name, temp_database

OPERATORS = [User(i, f"op{i}", f"Operator {i}", Role.OPERATOR) for i in range(1, 9)]


@pytest.fixture(scope="module")
def pg_template() -> Iterator[str]:
    """A migrated, seeded database that each test copies (PostgreSQL ``TEMPLATE``)."""

    with temp_database("cur_tpl") as url:
        service = open_service(url, pack=builtin_pack_dir(), migrate=True)
        seed_demo(service, 120, seed=3, now=GENERATED_AT)
        service.engine.dispose()
        yield database_name(url)


@pytest.fixture
def pg_service(pg_template: str) -> Iterator[CentralService]:
    with temp_database(template=pg_template) as url:
        service = open_service(url)
        try:
            yield service
        finally:
            service.engine.dispose()


@dataclass
class Reader:
    """Polls ``query(after)`` and records any answer that does not continue its cursor."""

    name: str
    last: int = 0
    polls: int = 0
    holes: list[tuple[int, list[int]]] = field(default_factory=list)

    def check(self, seqs: list[int]) -> None:
        self.polls += 1
        expected = list(range(self.last + 1, self.last + 1 + len(seqs)))
        if seqs != expected:
            self.holes.append((self.last, seqs[:10]))
        if seqs:
            self.last = max(self.last, seqs[-1])


def raw_reader(engine: Engine, table: str, reader: Reader, stop: threading.Event) -> None:
    query = text(f"SELECT seq FROM {table} WHERE seq > :after ORDER BY seq")
    while not stop.is_set():
        with engine.connect() as conn:
            reader.check([r[0] for r in conn.execute(query, {"after": reader.last})])
        time.sleep(0.002)  # a reader's pace between polls; what is asserted is what it saw


def test_the_checker_catches_a_naive_sequence_feed(pg_service: CentralService) -> None:
    """Control: positions from a sequence, taken first, committed out of order, leave a hole."""
    engine = pg_service.engine
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE naive_feed (seq bigint PRIMARY KEY)"))
        conn.execute(text("CREATE SEQUENCE naive_seq"))
    a_allocated, b_committed, looked = threading.Event(), threading.Event(), threading.Event()

    def writer_a() -> None:
        with engine.begin() as conn:
            seq = conn.execute(text("SELECT nextval('naive_seq')")).scalar_one()
            a_allocated.set()
            assert looked.wait(10)
            conn.execute(text("INSERT INTO naive_feed VALUES (:s)"), {"s": seq})

    def writer_b() -> None:
        assert a_allocated.wait(10)
        with engine.begin() as conn:
            seq = conn.execute(text("SELECT nextval('naive_seq')")).scalar_one()
            conn.execute(text("INSERT INTO naive_feed VALUES (:s)"), {"s": seq})
        b_committed.set()

    threads = [threading.Thread(target=writer_a), threading.Thread(target=writer_b)]
    for t in threads:
        t.start()
    assert b_committed.wait(10)
    reader = Reader("naive")
    query = text("SELECT seq FROM naive_feed ORDER BY seq")
    with engine.connect() as conn:
        reader.check([r[0] for r in conn.execute(query)])
    looked.set()
    for t in threads:
        t.join(10)
    assert reader.holes == [(0, [2])]  # position 2 was visible while 1 was not
    with engine.connect() as conn:
        assert [r[0] for r in conn.execute(query)] == [1, 2]  # 1 appeared below the cursor


def slow_transaction(
    service: CentralService, appeal_id: int, *, hold: threading.Event, held: threading.Event
) -> int:
    """A writer that does its own work first, waits, then takes its position and commits."""
    with service.engine.begin() as conn:
        row = conn.execute(
            select(s.appeals.c.version, s.appeals.c.municipality, s.appeals.c.theme)
            .where(s.appeals.c.id == appeal_id)
            .with_for_update()
        ).one()
        conn.execute(
            update(s.appeals)
            .where(s.appeals.c.id == appeal_id)
            .values(version=row.version + 1, me_too=s.appeals.c.me_too + 1)
        )
        held.set()
        assert hold.wait(10)
        entry = feed.FeedEntry(
            appeal_id,
            row.version + 1,
            "update",
            row.municipality,
            row.theme,
            row.municipality,
            row.theme,
        )
        (seq,) = feed.append(conn, [entry], clock_now().timestamp())
    return seq


def test_a_transaction_that_started_first_but_commits_later_leaves_no_hole(
    pg_service: CentralService,
) -> None:
    head = pg_service.head()
    hold, held = threading.Event(), threading.Event()
    result: dict[str, int] = {}
    slow = threading.Thread(
        target=lambda: result.update(slow=slow_transaction(pg_service, 5, hold=hold, held=held))
    )
    slow.start()
    assert held.wait(10)
    # while the slow one holds its appeal, others commit changes to other appeals
    fast = [
        pg_service.apply_action(
            OPERATORS[0], appeal_id, f"f{appeal_id}", "add_note", {"text": "x"}, None
        )
        for appeal_id in (7, 8, 9)
    ]
    reader = Reader("scripted", last=head)
    with pg_service.engine.connect() as conn:
        reader.check([r[0] for r in conn.execute(select(s.feed.c.seq).where(s.feed.c.seq > head))])
    hold.set()
    slow.join(10)
    assert [f.seq for f in fast] == [head + 1, head + 2, head + 3]
    assert result["slow"] == head + 4  # its position is taken at commit, after the others
    with pg_service.engine.connect() as conn:
        reader.check(
            [r[0] for r in conn.execute(select(s.feed.c.seq).where(s.feed.c.seq > reader.last))]
        )
    assert reader.holes == []
    assert reader.last == head + 4


def test_a_writer_holding_a_position_makes_the_next_one_wait(pg_service: CentralService) -> None:
    """Slow between allocating and committing: the next writer queues behind the counter."""
    head = pg_service.head()
    release = threading.Event()
    allocated = threading.Event()

    def holder() -> None:
        with pg_service.engine.begin() as conn:
            feed.append(
                conn,
                [feed.FeedEntry(11, 99, "update", None, None, None, None)],
                clock_now().timestamp(),
            )
            allocated.set()
            assert release.wait(10)

    thread = threading.Thread(target=holder)
    thread.start()
    assert allocated.wait(10)
    done = threading.Event()
    follower = threading.Thread(
        target=lambda: (
            pg_service.apply_action(OPERATORS[1], 12, "after", "add_note", {"text": "x"}, None),
            done.set(),
        )
    )
    follower.start()
    # blocked on the counter's row lock, not committed: PostgreSQL says so itself
    wait_until(lambda: _waiting_on_a_lock(pg_service.engine), what="the follower waits on a lock")
    assert not done.is_set()
    with pg_service.engine.connect() as conn:
        assert conn.execute(select(s.feed.c.seq).where(s.feed.c.seq > head)).all() == []
    release.set()
    thread.join(10)
    follower.join(10)
    assert done.is_set()
    with pg_service.engine.connect() as conn:
        assert [r[0] for r in conn.execute(select(s.feed.c.seq).where(s.feed.c.seq > head))] == [
            head + 1,
            head + 2,
        ]


def test_many_concurrent_writers_never_let_a_reader_skip(pg_service: CentralService) -> None:
    engine = pg_service.engine
    stop = threading.Event()
    errors: list[BaseException] = []
    ids = list(range(1, 121))
    written: list[int] = []
    in_flight = [0, 0]  # now, most at once
    lock = threading.Lock()

    def writer(n: int) -> None:
        rng = random.Random(n)
        user = OPERATORS[n % len(OPERATORS)]
        k = 0
        try:
            while not stop.is_set():
                k += 1
                appeal_id = rng.choice(ids)
                with lock:
                    in_flight[0] += 1
                    in_flight[1] = max(in_flight[1], in_flight[0])
                if n == 0 and k % 5 == 0:  # now and then a slow starter
                    seq = slow_transaction(
                        pg_service,
                        appeal_id,
                        hold=_after(rng.uniform(0.01, 0.08)),
                        held=threading.Event(),
                    )
                else:
                    seq = pg_service.apply_action(
                        user, appeal_id, f"w{n}-{k}", "add_note", {"text": "x"}, None
                    ).seq
                with lock:
                    written.append(seq)
                    in_flight[0] -= 1
        except Exception as exc:  # noqa: BLE001 - reported by the test, not lost in a thread
            errors.append(exc)

    readers = [Reader(f"raw{i}") for i in range(3)]
    api_reader = Reader("changes-api")
    operator = OPERATORS[0]

    def read_changes() -> None:
        while not stop.is_set():
            page = pg_service.changes(operator, api_reader.last, 5000)
            api_reader.check([c.seq for c in page.changes])
            time.sleep(0.002)  # a reader's pace between polls; what is asserted is what it saw

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(8)]
    threads += [
        threading.Thread(target=raw_reader, args=(engine, "feed", r, stop)) for r in readers
    ]
    threads.append(threading.Thread(target=read_changes))
    for t in threads:
        t.start()

    def enough() -> bool:  # the assertions below need this much traffic, however long it takes
        with lock:
            busy = len(written) > 50 and in_flight[1] >= 4
        return busy and all(r.polls > 20 for r in [*readers, api_reader])

    try:
        wait_until(lambda: enough() or errors, timeout=120, what="50 writes, 4 at once")
    finally:
        stop.set()
    for t in threads:
        t.join(20)
    assert errors == []
    head = pg_service.head()
    assert sorted(written) == list(range(121, head + 1))
    assert len(written) > 50
    assert in_flight[1] >= 4  # writers really overlapped
    for reader in [*readers, api_reader]:
        assert reader.holes == [], reader.name
        assert reader.polls > 20, reader.name
    with engine.connect() as conn:
        seqs = [r[0] for r in conn.execute(select(s.feed.c.seq).order_by(s.feed.c.seq))]
    assert seqs == list(range(1, head + 1))


def _waiting_on_a_lock(engine: Engine) -> bool:
    """Whether a session of this database waits for a lock (a row lock, here)."""
    query = text(
        "SELECT count(*) FROM pg_stat_activity"
        " WHERE datname = current_database() AND wait_event_type = 'Lock'"
    )
    with engine.connect() as conn:
        return bool(conn.execute(query).scalar_one())


def _after(seconds: float) -> threading.Event:
    """An event that sets itself after ``seconds`` (the slow starter's "work")."""
    event = threading.Event()
    threading.Timer(seconds, event.set).start()
    return event
