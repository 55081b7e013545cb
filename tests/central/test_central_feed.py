"""The change feed and the snapshot on SQLite: paging, no gap and no double, expiry, windows."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from cur_desktop.central import schema as s
from cur_desktop.central.db import read_tx, write_tx
from cur_desktop.central.errors import ServiceError
from cur_desktop.central.scope import User
from cur_desktop.central.service import CentralService
from cur_desktop.domain.appeal import Appeal
from cur_desktop.domain.enums import Status
from cur_desktop.protocol.columns import columns_to_appeal
from tests.support.clock import now as clock_now
from tests.support.people import SEEDED, People


def stored(service: CentralService) -> dict[int, Appeal]:
    with read_tx(service.engine) as conn:
        return {r["id"]: columns_to_appeal(r) for r in conn.execute(select(s.appeals)).mappings()}


def test_the_seeded_feed_has_one_position_per_appeal(central_service: CentralService) -> None:
    assert central_service.head() == SEEDED
    with read_tx(central_service.engine) as conn:
        seqs = [r[0] for r in conn.execute(select(s.feed.c.seq).order_by(s.feed.c.seq))]
    assert seqs == list(range(1, SEEDED + 1))


def test_changes_page_with_has_more_and_last(
    central_service: CentralService, people: People
) -> None:
    seen: list[int] = []
    after = 0
    while True:
        page = central_service.changes(people.operator, after, limit=70)
        assert page.head == SEEDED
        seen += [c.seq for c in page.changes]
        assert page.last == (page.changes[-1].seq if page.changes else after)
        after = page.last
        if not page.has_more:
            break
    assert seen == list(range(1, SEEDED + 1))
    empty = central_service.changes(people.operator, after)
    assert (empty.changes, empty.last, empty.has_more) == ((), SEEDED, False)


def test_bad_cursor_and_limit_are_bad_requests(
    central_service: CentralService, people: People
) -> None:
    for after, limit in [(-1, 10), (0, 0)]:
        with pytest.raises(ServiceError) as bad:
            central_service.changes(people.operator, after, limit)
        assert (bad.value.status, bad.value.code) == (400, "bad_request")


def test_snapshot_then_feed_has_no_gap_and_no_double(
    central_service: CentralService, people: People
) -> None:
    """Changes made while the pages are read arrive in the page or through the feed."""
    snap = central_service.start_snapshot(people.operator, closed_window_days=3650)
    cache: dict[int, Appeal] = {}
    movers = central_service.appeal_ids([Status.IN_PROGRESS, Status.ROUTED])[:40]
    after, n = 0, 0
    while True:
        page = central_service.snapshot_page(people.operator, snap.snapshot, after, 25)
        for item in page.items:
            cache[item.appeal.id] = item.appeal
        # writers keep working between pages: some already read, some not yet
        for appeal_id in movers[n * 4 : n * 4 + 4]:
            central_service.apply_action(
                people.operator2, appeal_id, f"w{appeal_id}", "add_note", {"text": "x"}, None
            )
        n += 1
        after = page.last_id
        if not page.has_more:
            break
    cursor = snap.cursor
    while True:
        changes = central_service.changes(people.operator, cursor, 7)
        for c in changes.changes:
            assert c.appeal is not None
            known = cache.get(c.appeal_id)
            if known is None or known.version < c.appeal.version:  # conditional upsert
                cache[c.appeal_id] = c.appeal
        cursor = changes.last
        if not changes.has_more:
            break
    assert cache == stored(central_service)


def test_snapshot_window_leaves_out_long_closed_appeals(
    central_service: CentralService, people: People
) -> None:
    everything = stored(central_service)
    since = clock_now().timestamp() - 7 * 86400
    expected = sorted(
        a.id
        for a in everything.values()
        if a.status.is_open or (a.closed_at or a.answered_at or a.updated_at).timestamp() >= since
    )
    snap = central_service.start_snapshot(people.operator, closed_window_days=7)
    page = central_service.snapshot_page(people.operator, snap.snapshot, 0, 50_000)
    assert [i.appeal.id for i in page.items] == expected
    assert snap.count == len(expected) < len(everything)
    older = central_service.closed_appeals(people.operator, since, 0, 5000)
    assert {i.appeal.id for i in older.items} == set(everything) - set(expected)
    assert all(i.history for i in older.items)


def test_snapshot_pages_carry_full_history_and_expire(
    central_service: CentralService, people: People
) -> None:
    snap = central_service.start_snapshot(people.operator)
    page = central_service.snapshot_page(people.operator, snap.snapshot, 0, 5)
    for item in page.items:
        assert item.history[0].entry.action == "create"
        assert [h.id for h in item.history] == sorted(h.id for h in item.history)
    again = central_service.snapshot_page(people.operator, snap.snapshot, 0, 5)
    assert [i.appeal.id for i in again.items] == [i.appeal.id for i in page.items]
    with pytest.raises(ServiceError) as foreign:
        central_service.snapshot_page(people.operator2, snap.snapshot, 0, 5)
    assert foreign.value.code == "not_found"
    with write_tx(central_service.engine) as conn:
        conn.execute(update(s.snapshots).values(expires_at=clock_now().timestamp() - 1))
    with pytest.raises(ServiceError) as expired:
        central_service.snapshot_page(people.operator, snap.snapshot, page.last_id, 5)
    assert (expired.value.status, expired.value.code) == (410, "snapshot_expired")
    central_service.purge_expired()
    with pytest.raises(ServiceError) as gone:
        central_service.snapshot_page(people.operator, snap.snapshot, 0, 5)
    assert gone.value.code == "not_found"


def test_integration_writes_take_positions_and_deletes_reach_everyone(
    central_service: CentralService, people: People
) -> None:
    bot = User(0, "portal-integration", "Portal", people.operator.role)
    template = stored(central_service)[1]
    start = central_service.head()
    created = central_service.create_appeal(
        template.__class__(
            id=0,
            source=template.source,
            external_id="brand-new-1",
            kind=template.kind,
            created_at=central_service.clock() - timedelta(hours=1),
            text="Новая яма",
            municipality=people.municipality,
            theme="roads",
        ),
        actor=bot,
    )
    assert created.appeal.id > SEEDED
    assert created.appeal.due_at is not None
    assert created.seq == start + 1
    changed = central_service.update_appeal(
        created.appeal.id, {"text": "Новая яма, глубокая"}, actor=bot, base_version=1
    )
    assert changed.appeal.version == 2
    with pytest.raises(ServiceError) as stale:
        central_service.update_appeal(created.appeal.id, {"text": "x"}, actor=bot, base_version=1)
    assert stale.value.code == "stale_version"
    for refused in ({"status": "closed"}, {"colour": "red"}):
        with pytest.raises(ServiceError) as bad:
            central_service.update_appeal(created.appeal.id, refused, actor=bot)
        assert bad.value.code == "bad_request"
    seq = central_service.delete_appeal(created.appeal.id, actor=bot)
    for user in (people.operator, people.mcu, people.wall):
        page = central_service.changes(user, start)
        assert [(c.seq, c.op) for c in page.changes] == [
            (start + 1, "remove"),
            (start + 2, "remove"),
            (seq, "remove"),
        ]
    assert [c.op for c in central_service.changes(people.theme_head, start).changes] == [
        "remove"
    ] * 3
