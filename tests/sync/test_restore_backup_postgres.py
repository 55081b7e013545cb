"""docs/central.md's PostgreSQL backup and restore, performed as written (issue 15, item 1).

``pg_dump --format=custom`` while the service runs; the service stopped; ``dropdb``,
``createdb``, ``pg_restore --no-owner``, then ``cur-central restore --db URL`` (a
subprocess, the real command); the service started again on the same address. The
workstation synced past the backup's head before the restore, and the restored
service takes new writes until its head is past the workstation's cursor: the head
check cannot see it, the feed's identity must. The workstation ends with an exact copy
of the service and says that it re-synchronised (status, report, log).
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import make_url

from cur_desktop.central.bootstrap import open_service
from cur_desktop.central.demo import ensure_demo_accounts, seed_demo
from cur_desktop.central.service import CentralService
from cur_desktop.domain.enums import Status
from cur_desktop.regions import builtin_pack_dir
from cur_desktop.sync import status as st
from tests.support.central import CentralHandle, _accounts
from tests.support.clock import GENERATED_AT
from tests.support.postgres import admin_url, temp_database
from tests.sync.sync_support import cache_checksum, central_checksum, engine_for, service_user

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]


class Serving:
    """The service on ``url`` served from a thread, stopped and started on one port."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.port = 0
        self.service: CentralService | None = None
        self._server = None
        self._thread = None

    def start(self) -> CentralService:
        from cur_desktop.central.api import create_app
        from cur_desktop.central.server import CentralServer, bind, run_in_thread
        from tests.support.clock import wait_until

        service = open_service(self.url, pack=builtin_pack_dir(), migrate=True, demo=True)
        # a restart listens where it did before: the workstation knows no other address
        server = CentralServer(
            create_app(service, demo=True), service.hub, bind("127.0.0.1", self.port)
        )
        thread = run_in_thread(server)
        wait_until(lambda: server.started or not thread.is_alive(), timeout=20, what="listening")
        assert server.started
        self.port = int(server.url.rsplit(":", 1)[1])
        self.service, self._server, self._thread = service, server, thread
        return service

    def stop(self) -> None:
        if self._server is not None:
            self._server.stop()
        if self._thread is not None:
            self._thread.join(10)
        if self.service is not None:
            self.service.engine.dispose()
        self.service = self._server = self._thread = None


@pytest.fixture
def pg(tmp_path: Path) -> Iterator[tuple[Serving, CentralHandle]]:
    with temp_database("cur_restore") as url:
        serving = Serving(url)
        service = serving.start()
        try:
            seed_demo(service, 60, seed=15, now=GENERATED_AT)
            accounts = ensure_demo_accounts(service.engine, service.region.dicts)
            doc = {"accounts": {a.key: a.to_dict() for a in accounts}}
            handle = CentralHandle(
                f"http://127.0.0.1:{serving.port}",
                _accounts(doc),
                tmp_path / "unused",
                service=service,
            )
            try:
                yield serving, handle
            finally:
                handle.close_clients()
        finally:
            serving.stop()


def _run(*args: str) -> None:
    done = subprocess.run(args, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, f"{args[0]}: {done.stdout}{done.stderr}"


def _notes(handle: CentralHandle, ids: list[int], tag: str, count: int) -> None:
    assert handle.service is not None
    head = service_user(handle, "cur_head")
    for n in range(count):
        handle.service.apply_action(
            head, ids[n % len(ids)], f"{tag}-{n}", "add_note", {"text": tag}, None
        )


def test_the_documented_postgresql_restore_is_noticed_past_the_cursor(
    pg: tuple[Serving, CentralHandle], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    serving, handle = pg
    url = serving.url
    name = str(make_url(url).database)
    maintenance = admin_url()  # dropdb/createdb connect to another database of the server
    service = handle.service
    assert service is not None
    ids = service.appeal_ids([Status.NEW, Status.ROUTED, Status.IN_PROGRESS], limit=12)
    dump = tmp_path / "cur.dump"
    with engine_for(handle, tmp_path / "c.sqlite") as engine:  # logged in before the backup
        engine.sync_once()
        _run("pg_dump", "--format=custom", f"--file={dump}", url)  # online, at head H
        backed_up = service.head()
        _notes(handle, ids[:6], "lost-by-restore", 6)
        engine.sync_once()
        cursor = int(engine.cache.get_state(st.CURSOR) or 0)
        assert cursor == service.head() == backed_up + 6

        serving.stop()  # every service process stopped
        _run("dropdb", f"--maintenance-db={maintenance}", "--force", name)
        _run("createdb", f"--maintenance-db={maintenance}", name)
        _run("pg_restore", "--no-owner", f"--dbname={url}", str(dump))
        restored = subprocess.run(
            [sys.executable, "-m", "cur_desktop.central", "restore", "--db", url],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
            cwd=REPO,
            env={**os.environ, "PYTHONPATH": str(REPO)},
        )
        assert restored.returncode == 0, restored.stderr
        assert "new epoch" in restored.stdout

        handle.service = service = serving.start()  # the same address
        assert service.head() == backed_up
        # work goes on, past the cursor, on the same appeals too (the same versions)
        _notes(handle, ids, "after-restore", 10)
        assert service.head() > cursor

        with caplog.at_level(logging.WARNING, logger="cur_desktop.sync"):
            report = engine.sync_once()

        assert report.resynced
        assert report.snapshot
        assert engine.status.resynced_at is not None
        assert any("restored or replaced" in r.getMessage() for r in caplog.records)
        operator = service_user(handle, "operator")
        assert cache_checksum(engine.cache) == central_checksum(handle, operator)
        assert int(engine.cache.get_state(st.CURSOR) or 0) == service.head()
