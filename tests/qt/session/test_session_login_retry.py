"""The sign-in dialog from the keyboard, against the real service.

Enter signs in, also on a workstation that has a cache for the server (where «work
offline» is offered beside it). After a network problem what the operator typed is
kept for the retry: a wrong password is cleared (it must be typed again), but an
address that does not answer says nothing about the password.
"""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from cur_desktop.cache import Cache
from tests.qt.session.session_support import file_store, ini
from tests.support.central import central_thread
from ui.console.session import servers
from ui.console.session.login_dialog import LoginDialog


def _free_url() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{s.getsockname()[1]}"


def test_a_mistyped_address_keeps_the_password_for_the_retry(tmp_path: Path, qtbot: QtBot) -> None:
    with central_thread(tmp_path, appeals=0) as central:
        account = central.accounts["operator"]
        dialog = LoginDialog(file_store(tmp_path), ini(tmp_path), server=_free_url())
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.login.setText(account.login)
        dialog.password.setText(account.password)
        dialog.try_sign_in()
        qtbot.waitUntil(lambda: not dialog.busy() and dialog.error.text() != "", timeout=20_000)
        assert "не удаётся связаться" in dialog.error.text().lower()
        assert dialog.password.text() == account.password  # not typed again

        dialog.server.setCurrentText(central.url)  # the operator corrects the address
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=20_000)
        assert dialog.session is not None
        assert dialog.session.login == account.login
        dialog.session.client.close()


@pytest.mark.parametrize("cached", [False, True], ids=["new-workstation", "has-a-cache"])
def test_enter_signs_in(tmp_path: Path, qtbot: QtBot, cached: bool) -> None:
    with central_thread(tmp_path, appeals=0) as central:
        account = central.accounts["operator"]

        def cache_for(server: str) -> Path:
            return servers.cache_path_for(server, tmp_path / "servers")

        if cached:  # «work offline» is offered beside «sign in»
            Cache.open(cache_for(central.url)).close()
        dialog = LoginDialog(
            file_store(tmp_path),
            ini(tmp_path),
            server=central.url,
            login=account.login,
            cache_path=cache_for,
        )
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        assert dialog.offline_button.isVisible() == cached
        assert dialog.focusWidget() is dialog.password
        dialog.password.setText(account.password)
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=20_000)
        assert dialog.offline_server is None  # signed in, not opened offline
        assert dialog.session is not None
        dialog.session.client.close()
