"""Switching servers from the File menu, and signing in again when the service ends a sign-in."""

from __future__ import annotations

from pathlib import Path

import pytest
import shiboken6

from tests.qt.session.session_support import file_store, launcher, password_filler
from tests.support.central import central_thread
from ui.console.session import servers

pytestmark = pytest.mark.qt

WAIT_MS = 30_000


def test_switching_servers_opens_the_other_servers_own_cache(tmp_path: Path, qtbot: object) -> None:
    with (
        central_thread(tmp_path / "a", appeals=30, seed=1) as a,
        central_thread(tmp_path / "b", appeals=45, seed=2) as b,
    ):
        store = file_store(tmp_path)
        with launcher(tmp_path, store, password_filler(qtbot, a)) as console:
            assert console.start(server=a.url)
            first = console.current
            assert first is not None
            qtbot.waitUntil(lambda: first.caught_up, timeout=WAIT_MS)
            first_window = first.window
            menu_texts = [action.text() for action in first_window.menu("file").actions()]
            assert "Войти на другой сервер…" in menu_texts
            assert menu_texts[-1] == first_window.menus.actions["quit"].text()  # Exit stays last

            console.ask_login = password_filler(qtbot, b)
            assert console.switch_server()
            second = console.current
            assert second is not None
            assert second is not first
            assert second.server == b.url
            qtbot.waitUntil(lambda: second.caught_up, timeout=WAIT_MS)
            assert second.cache.appeals.count(None) == 45
            assert not shiboken6.isValid(first_window)  # the first server's window is gone
            assert first.worker is None  # and its sync stopped
            assert second.cache.path == servers.cache_path_for(b.url, tmp_path / "servers")
            assert servers.has_cache(servers.cache_path_for(a.url, tmp_path / "servers"))
            assert servers.recent_servers(console.settings)[:2] == [b.url, a.url]


def test_a_revoked_token_asks_for_the_password_again(tmp_path: Path, qtbot: object) -> None:
    with central_thread(tmp_path, appeals=20) as central:
        store = file_store(tmp_path)
        login = central.accounts["operator"].login
        with launcher(tmp_path, store, password_filler(qtbot, central)) as console:
            assert console.start(server=central.url)
            running = console.current
            assert running is not None
            qtbot.waitUntil(lambda: running.caught_up, timeout=WAIT_MS)
            old_token = store.get(central.url, login)
            assert old_token is not None
            first_worker = running.worker

            assert central.service is not None
            _user, token_id = central.service.authenticate(old_token)
            central.service.revoke_token(token_id)
            console.sync_now()  # the next call the worker makes is refused
            assert first_worker is not None
            first_worker.request_stop()
            qtbot.waitUntil(lambda: not first_worker.running(), timeout=WAIT_MS)
            console.sync_now()  # a fresh worker with the revoked token: 401, then sign in

            qtbot.waitUntil(
                lambda: store.get(central.url, login) not in (None, old_token), timeout=WAIT_MS
            )
            qtbot.waitUntil(
                lambda: running.worker is not None and running.worker.running(), timeout=WAIT_MS
            )
            bar = running.window.status
            qtbot.waitUntil(lambda: bar.link.text() == "В сети", timeout=WAIT_MS)


def test_stopping_the_sync_and_starting_it_again(tmp_path: Path, qtbot: object) -> None:
    with (
        central_thread(tmp_path, appeals=20) as central,
        launcher(tmp_path, file_store(tmp_path), password_filler(qtbot, central)) as console,
    ):
        assert console.start(server=central.url)
        running = console.current
        assert running is not None
        qtbot.waitUntil(lambda: running.caught_up, timeout=WAIT_MS)
        bar = running.window.status
        worker = running.worker
        assert worker is not None

        running.progress.stop_button.click()  # «Остановить» in the status bar
        qtbot.waitUntil(lambda: not worker.running(), timeout=WAIT_MS)
        qtbot.waitUntil(lambda: bar.link.text() == "Синхронизация остановлена", timeout=WAIT_MS)

        running.window.menus.actions["sync_now"].trigger()  # File → Синхронизировать сейчас
        assert running.worker is not worker
        qtbot.waitUntil(lambda: bar.link.text() == "В сети", timeout=WAIT_MS)
        assert running.worker is not None
        assert running.worker.running()


def test_a_newer_client_announced_by_the_service_is_told_without_blocking(
    tmp_path: Path, qtbot: object
) -> None:
    from dataclasses import replace

    from PySide6.QtWidgets import QMessageBox

    from cur_desktop.client_version import UpdateNotice
    from ui.console.session.connect import sign_in

    with central_thread(tmp_path / "a", appeals=10, seed=3) as a:
        store = file_store(tmp_path)
        account = a.accounts["operator"]
        session = sign_in(a.url, account.login, account.password, store)
        assert session.update is None  # the service runs this very version
        newer = replace(session, update=UpdateNotice("0.1.0", "9.9.9", required=False))
        with launcher(tmp_path, store) as console:
            assert console.open(newer)
            running = console.current
            assert running is not None
            notice = running.window.findChild(QMessageBox, "updateNotice")
            assert notice is not None
            assert notice.isVisible()
            assert not notice.isModal()
            assert "9.9.9" in notice.text()
            notice.close()
