"""Shared pieces of the session tests: a token store on a real file keyring, settings, launchers."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QSettings

from cur_desktop.credentials import FileKeyring, TokenStore
from cur_desktop.sync.status import Backoff
from tests.support.central import CentralHandle
from ui.console.session.launcher import ConsoleLauncher
from ui.console.session.login_dialog import LoginDialog

FAST = Backoff(base=0.05, cap=0.3)


def file_store(tmp_path: Path) -> TokenStore:
    return TokenStore(FileKeyring(tmp_path / "keyring" / "tokens.json"))


def ini(tmp_path: Path, name: str = "settings") -> QSettings:
    return QSettings(str(tmp_path / f"{name}.ini"), QSettings.Format.IniFormat)


def password_filler(
    qtbot: object, handle: CentralHandle, who: str = "operator", password: str | None = None
) -> Callable[[LoginDialog], bool]:
    """What an operator does in the sign-in dialog: type the password and press Sign in."""

    def ask(dialog: LoginDialog) -> bool:
        account = handle.accounts[who]
        if not dialog.server_url():
            dialog.server.setCurrentText(handle.url)
        dialog.login.setText(account.login)
        dialog.password.setText(password if password is not None else account.password)
        dialog.try_sign_in()
        qtbot.waitUntil(lambda: not dialog.busy(), timeout=20_000)  # type: ignore[attr-defined]
        qtbot.waitUntil(  # type: ignore[attr-defined]
            lambda: dialog.session is not None or dialog.error.text() != "", timeout=5_000
        )
        accepted = dialog.session is not None
        dialog.deleteLater()
        return accepted

    return ask


def no_dialog(dialog: LoginDialog) -> bool:
    dialog.deleteLater()
    msg = "the sign-in dialog was shown although a token was stored"
    raise AssertionError(msg)


@contextmanager
def launcher(
    tmp_path: Path,
    store: TokenStore,
    ask: Callable[[LoginDialog], bool] = no_dialog,
    *,
    settings: QSettings | None = None,
) -> Iterator[ConsoleLauncher]:
    """A console launcher with throw-away settings and caches; closed (threads joined) after."""
    instance = ConsoleLauncher(
        settings=settings or ini(tmp_path),
        store=store,
        layout_settings=ini(tmp_path, "layout"),
        cache_root=tmp_path / "servers",
        backoff=FAST,
        ask_login=ask,
    )
    try:
        yield instance
    finally:
        instance.close()
        instance.deleteLater()
