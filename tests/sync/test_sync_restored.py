"""A central database restored from a backup under the same address: nothing is skipped.

After a restore the service's feed ends below the cursor a workstation stored; new
changes then take positions the workstation believes it has read. Reading on
"after my cursor" would skip them for good (a new appeal that never reaches the
operators). The workstation must notice the feed ending before its cursor and take
the service's state afresh.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from cur_desktop.domain.enums import Status
from tests.support.central import CentralHandle, central_thread
from tests.sync.sync_support import cache_checksum, central_checksum, engine_for, service_user


@pytest.fixture
def central(tmp_path: Path) -> CentralHandle:
    with central_thread(tmp_path / "central", appeals=80) as handle:
        yield handle


def _copy_database(source: sqlite3.Connection, target: sqlite3.Connection) -> None:
    source.backup(target)  # SQLite's online backup: a consistent copy, page by page


def _notes(central: CentralHandle, ids: list[int], tag: str) -> None:
    assert central.service is not None
    head = service_user(central, "cur_head")
    for appeal_id in ids:
        central.service.apply_action(
            head, appeal_id, f"{tag}-{appeal_id}", "add_note", {"text": tag}, None
        )


def test_a_feed_that_ends_before_the_cursor_is_taken_afresh(
    central: CentralHandle, tmp_path: Path
) -> None:
    service = central.service
    assert service is not None
    ids = service.appeal_ids([Status.NEW, Status.ROUTED, Status.IN_PROGRESS], limit=20)
    # the central database, not a cache: opened raw for SQLite's backup API
    backup = sqlite3.connect(tmp_path / "backup.sqlite")  # noqa: TID251
    live = sqlite3.connect(central.db_path)  # noqa: TID251
    operator = service_user(central, "operator")
    try:
        with engine_for(central, tmp_path / "c.sqlite") as engine:  # logged in before it
            _copy_database(live, backup)  # the nightly backup
            restored_head = service.head()
            _notes(central, ids[:6], "before-restore")
            engine.sync_once()
            cursor = int(engine.cache.get_state("sync.cursor") or 0)
            assert cursor == service.head() == restored_head + 6

            _copy_database(backup, live)  # the service's database is restored ...
            assert service.head() == restored_head
            _notes(central, ids[10:13], "after-restore")  # ... and work goes on
            assert service.head() < cursor

            report = engine.sync_once()

            assert not report.cancelled
            assert cache_checksum(engine.cache) == central_checksum(central, operator)
            assert report.snapshot
            assert int(engine.cache.get_state("sync.cursor") or 0) == service.head()
    finally:
        live.close()
        backup.close()
