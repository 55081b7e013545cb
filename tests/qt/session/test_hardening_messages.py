"""What the console says about the service's hardening (issue 15): a throttled sign-in
(«слишком много попыток, повторите через N с») and a cache taken afresh after the
service's database was restored."""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from cur_desktop.central import auth
from cur_desktop.sync.status import Link, SyncStatus
from tests.qt.session.session_support import file_store, ini, password_filler
from tests.support.central import central_thread
from ui.console.session.login_dialog import LoginDialog
from ui.console.status_bar import ConsoleStatusBar

pytestmark = pytest.mark.qt

SHOTS = Path(os.environ.get("CUR_SHOTS", "/tmp/shots/hardening"))


def test_a_throttled_sign_in_says_how_long_to_wait(tmp_path: Path, qtbot: object) -> None:
    store = file_store(tmp_path)
    with central_thread(tmp_path, appeals=0) as central:
        account = central.accounts["operator"]
        for _ in range(auth.LOGIN_FREE):  # someone guessing this account's password
            answer = httpx.post(
                f"{central.api}/auth/token",
                json={"login": account.login, "password": "guess-guess", "workstation": "x"},
                timeout=30,
            )
            assert answer.status_code == 401
        assert central.service is not None
        for _ in range(auth.LOGIN_LOCK_AT - auth.LOGIN_FREE):  # locked: the first wait is
            central.service.login_guard.failed(account.login, "127.0.0.1")  # 1 s, too short
        dialog = LoginDialog(store, ini(tmp_path), server=central.url)
        qtbot.addWidget(dialog)  # type: ignore[attr-defined]
        dialog.show()
        assert not password_filler(qtbot, central)(dialog)  # the right password, too soon
        text = dialog.error.text()
        assert re.fullmatch(r"Слишком много попыток, повторите через \d+ с\.", text), text
        SHOTS.mkdir(parents=True, exist_ok=True)
        dialog.grab().save(str(SHOTS / "login_throttled.png"))
        assert store.get(central.url, account.login) is None


def test_the_status_bar_says_the_cache_was_taken_afresh(qtbot: object) -> None:
    bar = ConsoleStatusBar()
    qtbot.addWidget(bar)  # type: ignore[attr-defined]
    bar.resize(900, 28)
    bar.show()
    at = datetime(2026, 12, 7, 9, 41, tzinfo=UTC).timestamp()
    bar.show_status(SyncStatus(Link.ONLINE, last_success=at, resynced_at=at), now=at + 60)
    assert bar.link.text().startswith("В сети, данные загружены заново в ")
    assert "восстановлены из резервной копии" in bar.link.toolTip()
    SHOTS.mkdir(parents=True, exist_ok=True)
    bar.resize(1200, 28)
    qtbot.waitUntil(lambda: bar.link.width() >= bar.link.sizeHint().width())  # type: ignore[attr-defined]
    bar.grab().save(str(SHOTS / "status_resynced.png"))
    bar.show_status(SyncStatus(Link.ONLINE, last_success=at), now=at + 60)
    assert bar.link.text() == "В сети"


def test_a_console_started_after_a_restore_past_its_cursor_says_it_re_synchronised(
    tmp_path: Path, qtbot: object
) -> None:
    """The issue's conditions end to end: the console synced to cursor C and stopped; the
    service restored from a backup at H < C took new writes past C; the console's sync
    worker, started again, takes the service's state afresh and its status bar says so."""
    from cur_desktop.cache import Cache
    from cur_desktop.central.bootstrap import backup, restore
    from cur_desktop.domain.enums import Status
    from cur_desktop.sync import CentralClient
    from cur_desktop.sync import status as st
    from tests.qt.session.session_support import FAST
    from tests.sync.sync_support import cache_checksum, central_checksum, service_user
    from ui.sync_worker import SyncWorker

    wait_ms = 30_000
    with central_thread(tmp_path / "central", appeals=40) as central:
        service = central.service
        assert service is not None
        account = central.accounts["operator"]
        head = service_user(central, "cur_head")
        ids = service.appeal_ids([Status.NEW, Status.ROUTED, Status.IN_PROGRESS], limit=8)
        client = CentralClient(central.url)
        client.login(account.login, account.password, "test-ws")
        cache = Cache.open(tmp_path / "ws.sqlite")
        bar = ConsoleStatusBar()
        qtbot.addWidget(bar)  # type: ignore[attr-defined]
        bar.resize(1200, 28)
        bar.show()
        saved = tmp_path / "backup.sqlite"
        try:
            worker = SyncWorker(cache, client, backoff=FAST)
            worker.status_changed.connect(bar.show_status)
            with qtbot.waitSignal(worker.caught_up, timeout=wait_ms):  # type: ignore[attr-defined]
                worker.start()
            backup(central.db_path, saved)  # at head H
            backed_up = service.head()
            for n in range(4):
                service.apply_action(
                    head, ids[n % len(ids)], f"lost-{n}", "add_note", {"text": "x"}, None
                )
            qtbot.waitUntil(  # type: ignore[attr-defined]
                lambda: int(cache.get_state(st.CURSOR) or 0) == backed_up + 4, timeout=wait_ms
            )
            worker.stop()  # the console closed for the night
            cursor = backed_up + 4

            restore(central.db_path, saved)
            for n in range(8):
                service.apply_action(
                    head, ids[n % len(ids)], f"after-{n}", "add_note", {"text": "y"}, None
                )
            assert service.head() > cursor

            worker = SyncWorker(cache, client, backoff=FAST)  # the console opened again
            worker.status_changed.connect(bar.show_status)
            with qtbot.waitSignal(worker.caught_up, timeout=wait_ms):  # type: ignore[attr-defined]
                worker.start()
            qtbot.waitUntil(  # type: ignore[attr-defined]
                lambda: bar.link.text().startswith("В сети, данные загружены заново в "),
                timeout=wait_ms,
            )
            operator = service_user(central, "operator")
            assert cache_checksum(cache) == central_checksum(central, operator)
            SHOTS.mkdir(parents=True, exist_ok=True)
            bar.grab().save(str(SHOTS / "status_resynced_after_restore.png"))
        finally:
            worker.stop()
            client.close()
            cache.close()
