"""Signing in to the real central service: token in the keyring, errors in Russian."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from cur_desktop.cache import Cache
from cur_desktop.credentials import FileKeyring, service_name
from tests.qt.session.session_support import file_store, ini, launcher, password_filler
from tests.support.central import central_thread
from ui.console.session import servers
from ui.console.session.login_dialog import LoginDialog

pytestmark = pytest.mark.qt


def _free_url() -> str:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{s.getsockname()[1]}"


def test_sign_in_keeps_the_token_and_the_next_start_needs_no_password(
    tmp_path: Path, qtbot: object
) -> None:
    store = file_store(tmp_path)
    settings = ini(tmp_path)
    with central_thread(tmp_path, appeals=80) as central:
        account = central.accounts["operator"]
        with launcher(tmp_path, store, password_filler(qtbot, central), settings=settings) as first:
            assert first.start(server=central.url)
            running = first.current
            assert running is not None
            assert running.session is not None
            qtbot.waitUntil(lambda: running.caught_up, timeout=30_000)
            assert running.cache.appeals.count(None) == 80
            qtbot.waitUntil(lambda: running.window.status.link.text() == "В сети", timeout=10_000)
            name = running.window.context.person(account.login)  # by name (issue 14)
            assert name in running.window.status.user.text()

        backend = store.backend
        assert isinstance(backend, FileKeyring)
        token = backend.get_password(service_name(central.url), account.login)
        assert token  # the token is in the keyring…
        text = backend.path.read_text()
        assert account.password not in text  # …and the password is nowhere
        assert stat.S_IMODE(backend.path.stat().st_mode) == 0o600
        assert servers.last_login(settings, central.url) == account.login

        with launcher(tmp_path, store, settings=settings) as second:  # no_dialog: fails if asked
            assert second.start()
            running = second.current
            assert running is not None
            assert running.session is not None
            assert running.session.confirmed
            qtbot.waitUntil(lambda: running.caught_up, timeout=30_000)


def test_wrong_password_is_shown_in_russian(tmp_path: Path, qtbot: object) -> None:
    store = file_store(tmp_path)
    with central_thread(tmp_path, appeals=0) as central:
        dialog = LoginDialog(store, ini(tmp_path), server=central.url)
        qtbot.addWidget(dialog)
        assert not password_filler(qtbot, central, password="not-the-password")(dialog)
        assert dialog.error.text() == "Неверное имя пользователя или пароль."
        assert dialog.password.text() == ""  # typed again, not kept
        assert store.get(central.url, central.accounts["operator"].login) is None


def test_unreachable_service_is_explained_and_offers_the_cache(
    tmp_path: Path, qtbot: object
) -> None:
    url = _free_url()
    cache_path = servers.cache_path_for(url, tmp_path / "servers")
    dialog = LoginDialog(
        file_store(tmp_path),
        ini(tmp_path),
        server=url,
        cache_path=lambda s: servers.cache_path_for(s, tmp_path / "servers"),
    )
    qtbot.addWidget(dialog)
    assert dialog.offline_button.isHidden()  # no cache for this server yet
    dialog.login.setText("ivanova")
    dialog.password.setText("secret")
    dialog.try_sign_in()
    qtbot.waitUntil(lambda: not dialog.busy() and dialog.error.text() != "", timeout=20_000)
    assert "не удаётся связаться" in dialog.error.text().lower()
    assert url in dialog.error.text()

    Cache.open(cache_path).close()  # this workstation has worked with that server before
    dialog.server.setCurrentText("")
    dialog.server.setCurrentText(url)
    assert not dialog.offline_button.isHidden()
    dialog.offline_button.click()
    assert dialog.offline_server == url


def test_not_a_central_service(tmp_path: Path, qtbot: object) -> None:
    import http.server
    import threading

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), http.server.SimpleHTTPRequestHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}"
        dialog = LoginDialog(file_store(tmp_path), ini(tmp_path), server=url, login="x")
        qtbot.addWidget(dialog)
        dialog.password.setText("y")
        dialog.try_sign_in()
        qtbot.waitUntil(lambda: not dialog.busy() and dialog.error.text() != "", timeout=20_000)
        assert "не центральный сервис" in dialog.error.text()
    finally:
        server.shutdown()
        server.server_close()
