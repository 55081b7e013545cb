"""A backup restored under the same address, and the service's head already past the
workstation's cursor (issue 15, item 1): the workstation must still notice.

Workstation synced to cursor C; the backup was taken at head H < C; after the restore
the service takes new writes until its head passes C. The head check (head < cursor)
no longer fires: only the feed's identity (the mark of the row at C, with the feed's
epoch) tells the workstation that position C is not what it read. It takes a new
snapshot, ends with an exact copy of the service, and says so in its status, its
report and the log.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from cur_desktop.central.bootstrap import backup, restore
from cur_desktop.central.db import copy_sqlite
from cur_desktop.domain.enums import Status
from cur_desktop.sync import status as st
from tests.support.central import CentralHandle, central_thread
from tests.sync.sync_support import cache_checksum, central_checksum, engine_for, service_user


@pytest.fixture
def central(tmp_path: Path) -> CentralHandle:
    with central_thread(tmp_path / "central", appeals=80) as handle:
        yield handle


def _notes(central: CentralHandle, ids: list[int], tag: str, count: int) -> None:
    """``count`` notes on the appeals ``ids`` in turn, each a change of its own."""
    assert central.service is not None
    head = service_user(central, "cur_head")
    for n in range(count):
        appeal_id = ids[n % len(ids)]
        central.service.apply_action(head, appeal_id, f"{tag}-{n}", "add_note", {"text": tag}, None)


@pytest.mark.parametrize("how", ["cur-central restore", "a plain copy of the file"])
def test_a_restore_whose_head_passed_the_cursor_is_taken_afresh(
    central: CentralHandle, tmp_path: Path, caplog: pytest.LogCaptureFixture, how: str
) -> None:
    service = central.service
    assert service is not None
    ids = service.appeal_ids([Status.NEW, Status.ROUTED, Status.IN_PROGRESS], limit=12)
    operator = service_user(central, "operator")
    saved = tmp_path / "backup.sqlite"
    with engine_for(central, tmp_path / "c.sqlite") as engine:  # logged in before it
        engine.sync_once()
        backup(central.db_path, saved)  # the nightly backup, at head H
        backed_up_head = service.head()
        _notes(central, ids[:5], "lost-by-restore", 5)
        engine.sync_once()
        cursor = int(engine.cache.get_state(st.CURSOR) or 0)
        assert cursor == service.head() == backed_up_head + 5
        assert engine.cache.get_state(st.FEED_MARK)

        if how == "cur-central restore":
            restore(central.db_path, saved)  # copies and gives the feed a new epoch
        else:
            copy_sqlite(saved, central.db_path)  # forgotten: only the marks can tell
        assert service.head() == backed_up_head
        # work goes on, past the cursor; the first five appeals get one change each
        # again, so their versions are the ones the cache holds for the lost changes
        _notes(central, ids, "after-restore", 9)
        assert service.head() > cursor

        with caplog.at_level(logging.WARNING, logger="cur_desktop.sync"):
            report = engine.sync_once()

        assert not report.cancelled
        assert report.resynced
        assert report.snapshot
        assert engine.status.resynced_at is not None
        assert cache_checksum(engine.cache) == central_checksum(central, operator)
        for appeal_id in ids[:5]:  # same version as the lost change, the service's row
            cached = engine.cache.appeals.get(appeal_id)
            assert cached is not None
            current = service.get_appeal(service_user(central, "cur_head"), appeal_id).appeal
            assert (cached.version, cached.updated_at) == (current.version, current.updated_at)
        assert int(engine.cache.get_state(st.CURSOR) or 0) == service.head()
        assert any("restored or replaced" in r.getMessage() for r in caplog.records)

        # and it stays in step afterwards, without another snapshot
        _notes(central, ids, "later", 2)
        again = engine.sync_once()
        assert not again.snapshot
        assert cache_checksum(engine.cache) == central_checksum(central, operator)


def test_an_unchanged_feed_is_read_on_with_its_mark(central: CentralHandle, tmp_path: Path) -> None:
    service = central.service
    assert service is not None
    ids = service.appeal_ids([Status.NEW, Status.ROUTED, Status.IN_PROGRESS], limit=5)
    with engine_for(central, tmp_path / "c.sqlite") as engine:
        engine.sync_once()
        first_mark = engine.cache.get_state(st.FEED_MARK)
        _notes(central, ids, "on", 3)
        report = engine.sync_once()
        assert not report.resynced
        assert not report.snapshot
        assert engine.cache.get_state(st.FEED_MARK) not in (None, first_mark)


def test_the_service_refuses_a_mark_that_is_not_its_own(central: CentralHandle) -> None:
    client = central.client("operator")
    head = client.get("/changes", params={"after": 0, "limit": 1})
    mark = head.headers["X-Feed-Mark"]
    last = head.json()["last"]
    ok = client.get("/changes", params={"after": last, "mark": mark})
    assert ok.status_code == 200
    wrong = client.get("/changes", params={"after": last, "mark": "0" * 20})
    assert wrong.status_code == 409
    assert wrong.json()["error"] == "feed_changed"
