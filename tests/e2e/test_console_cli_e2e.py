"""``cur-desktop console`` as a user starts it: offline from a cache, the sign-in dialog, errors."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from cur_desktop.cache import Cache
from cur_desktop.commands import generate_into
from cur_desktop.credentials import FileKeyring, TokenStore
from tests.support.central import central_thread
from ui.console.session import servers
from ui.console.session.connect import sign_in

pytestmark = pytest.mark.qt

REPO = Path(__file__).resolve().parents[2]


def _console(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": str(REPO),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        # as on a machine without a keyring service: the token file under XDG_CONFIG_HOME
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
    }
    return subprocess.run(
        [sys.executable, "-m", "ui.main", "console", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=120,
        check=False,
    )


def test_offline_console_opens_a_cache_and_saves_it(tmp_path: Path) -> None:
    cache = tmp_path / "cache.sqlite"
    generate_into(cache, None, 200, 4)
    shot = tmp_path / "offline.png"
    run = _console(
        tmp_path,
        "--offline",
        "--cache",
        str(cache),
        "--quit-after",
        "200",
        "--screenshot",
        str(shot),
    )
    assert run.returncode == 0, run.stdout + run.stderr
    image = QImage(str(shot))
    assert (image.width(), image.height()) == (1920, 1080)


def test_offline_without_a_cache_says_so(tmp_path: Path) -> None:
    run = _console(tmp_path, "--offline", "--server", "http://127.0.0.1:9")
    assert run.returncode == 1
    assert "no cache to work offline from" in run.stderr


def test_without_a_token_the_sign_in_dialog_is_shown(tmp_path: Path) -> None:
    shot = tmp_path / "login.png"
    run = _console(
        tmp_path,
        "--server",
        "http://127.0.0.1:9",
        "--login",
        "ivanova",
        "--quit-after",
        "200",
        "--screenshot",
        str(shot),
    )
    assert run.returncode == 0, run.stdout + run.stderr  # the operator cancelled the dialog
    image = QImage(str(shot))
    assert 0 < image.width() < 1000  # the dialog, not a console


def test_a_stored_token_opens_the_synced_console_without_a_password(tmp_path: Path) -> None:
    with central_thread(tmp_path / "central", appeals=70) as central:
        account = central.accounts["operator"]
        # yesterday's sign-in left its token where the program keeps it without a keyring
        store = TokenStore(FileKeyring(tmp_path / "config" / "cur-desktop" / "tokens.json"))
        sign_in(central.url, account.login, account.password, store).client.close()
        shot = tmp_path / "console.png"
        run = _console(
            tmp_path,
            "--server",
            central.url,
            "--login",
            account.login,
            "--quit-after",
            "200",
            "--screenshot",
            str(shot),
        )
        assert run.returncode == 0, run.stdout + run.stderr
        assert "sign-in dialog" not in run.stdout
        assert QImage(str(shot)).width() == 1920  # the console itself
        cache_path = servers.cache_path_for(
            central.url, tmp_path / "data" / "cur-desktop" / "servers"
        )
        with Cache.open(cache_path) as cache:
            assert cache.appeals.count(None) == 70
