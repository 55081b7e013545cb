"""The sync worker thread, the progress indicator, the status bar's live link and the notices."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimeZone
from PySide6.QtWidgets import QWidget

from cur_desktop.cache import Cache, OutboxItem, OutboxState
from cur_desktop.domain.appeal import Appeal
from cur_desktop.domain.enums import Action, Importance, Kind, Source, Status
from cur_desktop.domain.lifecycle import Command
from cur_desktop.sync import CentralClient
from cur_desktop.sync.status import Link, Phase, Progress, SyncStatus
from tests.qt.session.session_support import FAST, file_store, launcher, password_filler
from tests.support.central import CentralHandle, central_thread
from tests.support.clock import now as clock_now
from tests.sync.sync_support import service_user
from ui.console.session.progress import SyncProgress
from ui.console.status_bar import ConsoleStatusBar
from ui.sync_worker import SyncWorker

pytestmark = pytest.mark.qt

WAIT_MS = 30_000


def _high_appeal(central: CentralHandle, number: str) -> Appeal:
    assert central.service is not None
    draft = Appeal(
        id=0,
        source=Source.IM,
        external_id=number,
        kind=Kind.INCIDENT,
        created_at=clock_now(),
        text="Прорыв трубы, заливает подъезд, срочно нужна аварийная служба",
        title="Прорыв трубы",
        municipality="70701000",
        importance=Importance.HIGH,
    )
    return central.service.create_appeal(draft, actor=service_user(central, "cur_head")).appeal


def test_worker_syncs_settles_a_conflict_and_stops_its_thread(
    tmp_path: Path, qtbot: object
) -> None:
    with central_thread(tmp_path, appeals=40) as central:
        account = central.accounts["operator"]
        client = CentralClient(central.url)
        client.login(account.login, account.password, "test-ws")
        cache = Cache.open(tmp_path / "ws.sqlite")
        worker = SyncWorker(cache, client, backoff=FAST)
        statuses: list[SyncStatus] = []
        conflicts: list[OutboxItem] = []
        worker.status_changed.connect(statuses.append)
        worker.conflict_found.connect(conflicts.append)
        try:
            with qtbot.waitSignal(worker.caught_up, timeout=WAIT_MS):  # type: ignore[attr-defined]
                worker.start()
            assert cache.appeals.count(None) == 40
            qtbot.waitUntil(lambda: statuses[-1].link is Link.ONLINE, timeout=WAIT_MS)

            # an action based on a version the service has moved past, on a new appeal
            # (the generated 40 may hold none, depending on the time of day)
            assert central.service is not None
            fresh = _high_appeal(central, "im-conflict-1")
            qtbot.waitUntil(lambda: cache.appeals.get(fresh.id) is not None, timeout=WAIT_MS)
            target = cache.appeals.get(fresh.id)
            assert target is not None
            assert target.status is Status.NEW
            head = service_user(central, "cur_head")
            central.service.apply_action(
                head, target.id, "k-n", "add_note", {"text": "уточнить"}, target.version
            )
            qtbot.waitUntil(
                lambda: cache.appeals.get(target.id).version > target.version,  # type: ignore[union-attr]
                timeout=WAIT_MS,
            )
            stale = cache.outbox.enqueue(
                target.id,
                Command(Action.TAKE_INTO_WORK, {}),
                base_version=target.version,
                actor=account.login,
            )
            worker.wake()
            qtbot.waitUntil(lambda: bool(conflicts), timeout=WAIT_MS)
            assert conflicts[0].idempotency_key == stale.idempotency_key

            worker.resolve_conflict(stale.idempotency_key, True)  # keep mine: re-sent, new key
            qtbot.waitUntil(
                lambda: bool(cache.outbox.items(OutboxState.CONFIRMED)), timeout=WAIT_MS
            )
            (old,) = cache.outbox.items(OutboxState.DISCARDED)
            assert old.idempotency_key == stale.idempotency_key
            (confirmed,) = cache.outbox.items(OutboxState.CONFIRMED)
            assert confirmed.idempotency_key != stale.idempotency_key
            qtbot.waitUntil(
                lambda: cache.appeals.get(target.id).status is Status.IN_PROGRESS,  # type: ignore[union-attr]
                timeout=WAIT_MS,
            )
            assert worker.running()  # it followed on after settling
        finally:
            worker.stop()
            client.close()
            cache.close()
        assert not worker.running()
        # the last status crosses from the worker's thread as a queued signal: it is told
        # once this thread's event loop runs (asserted at once, it was at times «online»)
        qtbot.waitUntil(lambda: statuses[-1].link is Link.STOPPED, timeout=WAIT_MS)  # type: ignore[attr-defined]


def test_progress_appears_only_after_600_ms_and_hides_when_live(qtbot: object) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)  # type: ignore[attr-defined]
    progress = SyncProgress(holder)
    progress.on_progress(Progress(Phase.SNAPSHOT, 5_000, 20_000))
    assert progress.isHidden()  # a quick sync never shows anything
    assert progress.label.text() == "Получение обращений: 5\xa0000 из 20\xa0000"
    qtbot.waitUntil(lambda: not progress.isHidden(), timeout=5_000)  # type: ignore[attr-defined]
    stops: list[bool] = []
    progress.stop_requested.connect(lambda: stops.append(True))
    progress.on_progress(Progress(Phase.LIVE, 1, None))
    assert progress.isHidden()
    assert not progress.busy()
    progress.on_progress(Progress(Phase.CHANGES, 10, 100))
    progress.stop_button.click()
    assert stops == [True]
    assert progress.isHidden()


def test_status_bar_shows_the_live_link(qtbot: object) -> None:
    bar = ConsoleStatusBar()
    qtbot.addWidget(bar)  # type: ignore[attr-defined]
    # times are shown in the region's zone, whatever the workstation's TZ
    bar.set_time_zone(QTimeZone(b"Europe/Moscow"))
    bar.show_status(SyncStatus(Link.CONNECTING, None))
    assert bar.link.text() == "Подключение…"
    bar.show_status(
        SyncStatus(Link.OFFLINE, None, error="unreachable", retry_in=8, outbox_pending=2)
    )
    assert bar.link.text().startswith("Не в сети, повтор в ")
    assert "Следующая попытка в" in bar.link.toolTip()
    assert bar.outbox.text() == "2 действия ещё не отправлены"
    bar.show_status(SyncStatus(Link.ONLINE, 1_700_000_000.0, outbox_pending=0))
    assert bar.link.text() == "В сети"
    assert bar.outbox.text() == "Все действия отправлены"
    assert bar.last_sync.text().startswith("Синхронизация: 15.11.2023 01:13")  # 22:13 UTC
    bar.show_status(SyncStatus(Link.UNAUTHORIZED, None))
    assert bar.link.text() == "Сеанс завершён: войдите снова"
    bar.set_offline_mode(True)
    assert bar.link.text() == "Не в сети: работа с локальной копией"


def test_new_high_importance_appeal_is_announced_once(tmp_path: Path, qtbot: object) -> None:
    with central_thread(tmp_path, appeals=50) as central:
        store = file_store(tmp_path)
        with launcher(tmp_path, store, password_filler(qtbot, central)) as console:
            assert console.start(server=central.url)
            running = console.current
            assert running is not None
            qtbot.waitUntil(lambda: running.notifier.armed, timeout=WAIT_MS)
            banner = running.notifier.banner
            assert banner.isHidden()  # what the first sync loaded is not news

            created = _high_appeal(central, "im-urgent-1")
            qtbot.waitUntil(lambda: not banner.isHidden(), timeout=WAIT_MS)
            assert "Новое обращение высокой важности" in banner.text.text()
            assert "im-urgent-1" in banner.text.text()

            banner.open_button.click()  # the operator opens it from the notice
            assert banner.isHidden()
            record = running.window.detail.record()
            assert record is not None
            assert record.appeal.id == created.id

            # a later change to the same appeal is not news again
            assert central.service is not None
            head = service_user(central, "cur_head")
            central.service.apply_action(
                head, created.id, "k-note", "add_note", {"text": "выехали"}, created.version
            )
            qtbot.waitUntil(
                lambda: running.cache.appeals.get(created.id).version > created.version,  # type: ignore[union-attr]
                timeout=WAIT_MS,
            )
            assert banner.isHidden()


def test_the_outbox_count_is_the_signed_in_operators(tmp_path: Path) -> None:
    """A shared workstation: a colleague's unsent actions wait for their own sign-in."""
    from ui.console.status_bar import read_status

    with Cache.open(tmp_path / "shared.sqlite") as cache:
        note = Command(Action.ADD_NOTE, {"text": "перезвонить"})
        for actor in ("ivanova", "ivanova", "petrov"):
            cache.outbox.enqueue(1, note, base_version=1, actor=actor)
        cache.set_state("auth.login", "ivanova")
        assert read_status(cache).outbox == 2
        cache.set_state("auth.login", "petrov")
        assert read_status(cache).outbox == 1
