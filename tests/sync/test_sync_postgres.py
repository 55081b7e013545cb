"""The whole sync against a service on real PostgreSQL while concurrent writers commit.

On PostgreSQL concurrent transactions commit out of order; the feed's positions are
built so that a reader can never skip one (tests/central/test_feed_postgres.py). This
is the same promise end to end: a workstation pulling the feed again and again while
several writers (each with its own connections, as separate service processes would
be) commit operator actions and imports ends with an exact copy of the service, and
its outbox, replayed during the writes, applied each command once.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from cur_desktop.central.bootstrap import open_service
from cur_desktop.central.demo import ensure_demo_accounts, seed_demo
from cur_desktop.central.importers.records import ImportedAppeal
from cur_desktop.central.scope import User
from cur_desktop.central.service import CentralService
from cur_desktop.domain.enums import Action, Kind, Role, Source, Status
from cur_desktop.domain.lifecycle import Command
from cur_desktop.regions import builtin_pack_dir
from tests.support.central import CentralHandle, _accounts, serve_in_thread
from tests.support.clock import GENERATED_AT
from tests.support.clock import now as clock_now
from tests.support.postgres import temp_database
from tests.sync.sync_support import cache_checksum, central_checksum, engine_for, service_user

pytestmark = pytest.mark.slow

WRITERS = 4
ROUNDS = 40
HEAD = User(999, "pg-writer", "Writer", Role.CUR_HEAD)


@pytest.fixture
def pg_central(tmp_path: Path) -> Iterator[tuple[CentralHandle, str]]:
    """The service on a fresh PostgreSQL database, served from a thread; and the URL."""
    from cur_desktop.central.api import create_app

    with temp_database("cur_sync") as url:
        service = open_service(url, pack=builtin_pack_dir(), migrate=True, demo=True)
        server = None
        thread = None
        try:
            seed_demo(service, 150, seed=13, now=GENERATED_AT)
            accounts = ensure_demo_accounts(service.engine, service.region.dicts)
            server, thread = serve_in_thread(create_app(service, demo=True), service.hub)
            doc = {"accounts": {a.key: a.to_dict() for a in accounts}}
            handle = CentralHandle(server.url, _accounts(doc), tmp_path / "unused", service=service)
            try:
                yield handle, url
            finally:
                handle.close_clients()
        finally:
            if server is not None:
                server.stop()
            if thread is not None:
                thread.join(10)
            service.engine.dispose()


def _writer(url: str, n: int, ids: list[int], stop: threading.Event, errors: list[str]) -> None:
    """One "process": its own engine; actions and small imports in quick succession."""
    service: CentralService = open_service(url)
    rng = random.Random(n)
    try:
        for round_ in range(ROUNDS):
            if stop.is_set():
                return
            appeal_id = rng.choice(ids)
            try:
                if round_ % 5 == 4:
                    service.import_appeals(
                        [
                            ImportedAppeal(
                                source=Source.POS,
                                external_id=f"pg-{n}-{round_}",
                                kind=Kind.MESSAGE,
                                created_at=clock_now() - timedelta(hours=1),
                                row=1,
                                text="Не горит фонарь",
                                theme="roads",
                                municipality="70701000",
                            )
                        ],
                        actor=f"import-{n}",
                    )
                else:
                    service.apply_action(
                        HEAD, appeal_id, f"pg-{n}-{round_}", "add_note", {"text": f"{n}"}, None
                    )
            except Exception as exc:  # noqa: BLE001 - reported by the test
                errors.append(f"writer {n}: {exc!r}")
    finally:
        service.engine.dispose()


def test_a_workstation_pulling_during_concurrent_commits_ends_an_exact_copy(
    pg_central: tuple[CentralHandle, str], tmp_path: Path
) -> None:
    central, url = pg_central
    service = central.service
    assert service is not None
    ids = service.appeal_ids([Status.NEW, Status.ROUTED, Status.IN_PROGRESS], limit=60)
    login = central.accounts["operator"].login
    operator = service_user(central, "operator")
    errors: list[str] = []
    stop = threading.Event()
    with engine_for(central, tmp_path / "c.sqlite") as engine:
        engine.sync_once()
        mine = ids[:5]
        for appeal_id in mine:
            engine.cache.outbox.enqueue(
                appeal_id, Command.of(Action.ADD_NOTE, text="моя"), base_version=1, actor=login
            )
        writers = [
            threading.Thread(target=_writer, args=(url, n, ids, stop, errors))
            for n in range(WRITERS)
        ]
        for t in writers:
            t.start()
        try:
            pulls = 0
            while any(t.is_alive() for t in writers):
                engine.sync_once()
                pulls += 1
        finally:
            stop.set()
            for t in writers:
                t.join(60)
        assert not errors, errors
        assert pulls > 1
        engine.sync_once()

        assert cache_checksum(engine.cache) == central_checksum(central, operator)
        assert int(engine.cache.get_state("sync.cursor") or 0) == service.head()
        assert engine.cache.outbox.size() == 0
    head = service_user(central, "cur_head")
    for appeal_id in mine:
        notes = [
            h
            for h in service.get_appeal(head, appeal_id).history
            if (h.entry.action, h.entry.actor) == ("add_note", login)
        ]
        assert len(notes) == 1
