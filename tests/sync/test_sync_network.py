"""Connections cut in the middle of a response: retried, and nothing lost or doubled."""

from __future__ import annotations

from pathlib import Path

import pytest

from cur_desktop.cache import OutboxState
from cur_desktop.domain.enums import Action, Status
from cur_desktop.domain.lifecycle import Command
from cur_desktop.sync import Link, Offline, Phase, Progress, SyncStatus
from tests.support.central import CentralHandle, central_thread
from tests.sync.sync_support import (
    CuttingProxy,
    cache_checksum,
    central_checksum,
    engine_for,
    service_user,
)


@pytest.fixture(scope="module")
def central(tmp_path_factory: pytest.TempPathFactory) -> CentralHandle:
    with central_thread(tmp_path_factory.mktemp("central"), appeals=400) as handle:
        yield handle


@pytest.fixture
def proxy(central: CentralHandle) -> CuttingProxy:
    p = CuttingProxy(central.url)
    yield p
    p.close()


def test_cut_snapshot_page_and_feed_page_are_fetched_again(
    central: CentralHandle, proxy: CuttingProxy, tmp_path: Path
) -> None:
    service = central.service
    assert service is not None
    statuses: list[SyncStatus] = []
    pages: list[int] = []

    def cut_second_page(progress: Progress) -> None:
        if progress.phase is Phase.SNAPSHOT:
            pages.append(progress.done)
            if len(pages) == 1:
                proxy.cut_next(3000)  # the next page's response dies after 3000 bytes

    with engine_for(
        central,
        tmp_path / "c.sqlite",
        url=proxy.url,
        snapshot_page_size=100,
        on_progress=cut_second_page,
        on_status=statuses.append,
    ) as engine:
        engine.client.compress = False  # plain JSON: the cut lands inside the body
        report = engine.sync_once()
        assert proxy.cuts == 1
        assert Link.OFFLINE in [s.link for s in statuses]
        assert engine.status.link is Link.ONLINE
        assert report.appeals == 400
        operator = service_user(central, "operator")
        assert cache_checksum(engine.cache) == central_checksum(central, operator)

        # now a feed page: changes on the service, and the answer to /changes cut
        head = service_user(central, "cur_head")
        for appeal_id in service.appeal_ids([Status.NEW, Status.ROUTED], limit=20):
            service.apply_action(
                head, appeal_id, f"cut-{appeal_id}", "add_note", {"text": "z"}, None
            )
        proxy.cut_next(2000)
        engine.sync_once()
        assert proxy.cuts == 2
        assert cache_checksum(engine.cache) == central_checksum(central, operator)


def test_an_action_whose_answer_is_cut_is_applied_once(
    central: CentralHandle, proxy: CuttingProxy, tmp_path: Path
) -> None:
    service = central.service
    assert service is not None
    head = service_user(central, "cur_head")
    with engine_for(central, tmp_path / "c.sqlite", url=proxy.url) as engine:
        engine.sync_once()
        appeal_id = service.appeal_ids([Status.NEW, Status.ROUTED, Status.IN_PROGRESS], limit=1)[0]
        before = len(service.get_appeal(head, appeal_id).history)
        item = engine.cache.outbox.enqueue(
            appeal_id,
            Command.of(Action.ADD_NOTE, text="позвонить заявителю"),
            base_version=1,
            actor=central.accounts["operator"].login,
        )
        proxy.cut_next(100)  # the service applies it; we never hear the answer
        with pytest.raises(Offline):
            engine.replay_outbox()
        assert proxy.cuts == 1
        (pending,) = engine.cache.outbox.items(OutboxState.PENDING)
        assert pending.attempts == 1

        report = engine.sync_once()  # the re-send with the same key answers "duplicate"
        assert report.confirmed == 1
        (done,) = engine.cache.outbox.items(OutboxState.CONFIRMED)
        assert done.idempotency_key == item.idempotency_key
        assert done.result is not None
        assert done.result["result"] == "duplicate"
        history = service.get_appeal(head, appeal_id).history
        notes = [h for h in history if h.entry.details.get("text") == "позвонить заявителю"]
        assert len(history) == before + 1
        assert len(notes) == 1
        assert [h for h in engine.cache.appeals.history(appeal_id) if h.action == "add_note"][
            -1
        ].details.get("text") == "позвонить заявителю"
