"""Snapshot pages rendered straight from the rows are the domain path's JSON, byte for byte."""

from __future__ import annotations

import orjson

from cur_desktop.central.scope import User
from cur_desktop.central.service import CentralService
from tests.support.people import People


def both_paths(service: CentralService, user: User, limit: int) -> list[tuple[bytes, bytes]]:
    snap = service.start_snapshot(user, closed_window_days=3650)
    pages = []
    after = 0
    while True:
        slow = service.snapshot_page(user, snap.snapshot, after, limit)
        fast = service.snapshot_page_wire(user, snap.snapshot, after, limit)
        pages.append((orjson.dumps(slow.to_wire()), orjson.dumps(fast)))
        after = slow.last_id
        if not slow.has_more:
            return pages


def test_rows_render_as_the_domain_objects_would(
    central_service: CentralService, people: People
) -> None:
    for user in (people.operator, people.head, people.wall):
        pages = both_paths(central_service, user, 37)
        assert len(pages) > 1
        for slow, fast in pages:
            assert fast == slow
        items = [i for _, fast in pages for i in orjson.loads(fast)["items"]]
        assert items
        assert all(i["history"] and i["history"][0]["action"] == "create" for i in items)


def test_an_empty_page_keeps_its_position(central_service: CentralService, people: People) -> None:
    snap = central_service.start_snapshot(people.operator, closed_window_days=3650)
    page = central_service.snapshot_page_wire(people.operator, snap.snapshot, 10**12, 10)
    assert page == {"items": [], "last_id": 10**12, "has_more": False}
