"""The live loop: a change on the service reaches the cache within a second or two."""

from __future__ import annotations

import signal
import threading
from pathlib import Path

import pytest

from cur_desktop.cache import Cache, OutboxState
from cur_desktop.domain.enums import Action, Status
from cur_desktop.domain.lifecycle import Command
from cur_desktop.sync import Link, Phase, Progress, SyncReport, SyncStatus
from tests.support.central import CentralHandle, central_process, central_thread
from tests.support.clock import wait_until
from tests.sync.sync_support import CliRun, CuttingProxy, cli_args, engine_for, service_user


@pytest.fixture(scope="module")
def central(tmp_path_factory: pytest.TempPathFactory) -> CentralHandle:
    with central_thread(tmp_path_factory.mktemp("central"), appeals=200, ping_every=0.5) as h:
        yield h


# Without a push, the engine would look again only when its live wait times out (60 s):
# a change that arrives well before that came by the stream, however loaded the machine.
PUSHED = 30.0


def _version(cache: Cache, appeal_id: int) -> int:
    appeal = cache.appeals.get(appeal_id)
    return appeal.version if appeal is not None else 0


def test_follow_brings_changes_live_survives_a_cut_and_stops_on_cancel(
    central: CentralHandle, tmp_path: Path
) -> None:
    service = central.service
    assert service is not None
    head = service_user(central, "cur_head")
    proxy = CuttingProxy(central.url)
    live = threading.Event()
    statuses: list[SyncStatus] = []

    def on_progress(progress: Progress) -> None:
        if progress.phase is Phase.LIVE:
            live.set()

    with engine_for(
        central,
        tmp_path / "c.sqlite",
        url=proxy.url,
        on_progress=on_progress,
        on_status=statuses.append,
    ) as engine:
        result: list[SyncReport] = []
        worker = threading.Thread(target=lambda: result.append(engine.follow()))
        worker.start()
        try:
            assert live.wait(30)
            ids = service.appeal_ids([Status.NEW, Status.ROUTED, Status.IN_PROGRESS], limit=3)

            target = service.get_appeal(head, ids[0]).appeal
            service.apply_action(head, target.id, "live-1", "add_note", {"text": "a"}, None)
            wait_until(
                lambda: _version(engine.cache, target.id) > target.version,
                timeout=PUSHED,
                what="the change pushed live",
            )

            # the stream dies under us: the engine goes offline, reconnects, and goes on
            live.clear()
            proxy.cut_next(1)
            assert live.wait(10)
            assert Link.OFFLINE in [s.link for s in statuses]
            second = service.get_appeal(head, ids[1]).appeal
            service.apply_action(head, second.id, "live-2", "add_note", {"text": "b"}, None)
            wait_until(
                lambda: _version(engine.cache, second.id) > second.version,
                timeout=PUSHED,
                what="the change pushed live after the reconnection",
            )

            # an operator action enqueued while live is sent at once
            item = engine.cache.outbox.enqueue(
                ids[2],
                Command.of(Action.ADD_NOTE, text="c"),
                base_version=1,
                actor=central.accounts["operator"].login,
            )
            engine.wake()
            confirmed = lambda: bool(engine.cache.outbox.items(OutboxState.CONFIRMED))  # noqa: E731
            wait_until(confirmed, timeout=PUSHED, what="the command sent at once")
            assert engine.cache.outbox.items(OutboxState.CONFIRMED)[0].id == item.id
        finally:
            engine.cancel()
            worker.join(PUSHED)
            proxy.close()
        assert not worker.is_alive()  # the cancel cut the 60 s live wait short
        assert result[0].cancelled
        assert engine.status.link is Link.STOPPED
        assert engine.status.last_success is not None


@pytest.mark.slow
def test_the_headless_command_follows_until_interrupted(tmp_path: Path) -> None:
    with central_process(tmp_path, appeals=150) as central:
        cache_path = tmp_path / "c.sqlite"
        run = CliRun(
            cli_args(central, cache_path, "operator"), central.accounts["operator"].password
        )
        try:
            run.wait_for(lambda line: line.startswith("live "))
            appeal_id = 1
            answer = central.client("cur_head").post(
                f"/appeals/{appeal_id}/actions",
                json={"key": "cli-live", "action": "add_note", "params": {"text": "d"}},
            )
            assert answer.status_code == 200, answer.text
            run.wait_for(lambda line: line.startswith("live: ") and "1 changed" in line, 10)
            run.process.send_signal(signal.SIGINT)
            assert run.finish(20) == 0
        finally:
            if run.process.poll() is None:
                run.process.kill()
        assert run.lines[-1].startswith("summary: appeals 151,")  # 150 + the live one
        assert run.lines[-1].endswith("interrupted")
