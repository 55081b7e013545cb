"""``cur-desktop sync`` under the service's login limits (issue 15, item 2): a throttled
sign-in is told how long to wait, in the words the console uses."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from cur_desktop.central import auth
from tests.support.central import CentralHandle, central_thread

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def central(tmp_path: Path) -> Iterator[CentralHandle]:
    with central_thread(tmp_path / "central", appeals=5) as handle:
        yield handle


def test_a_throttled_sign_in_says_how_long_to_wait(central: CentralHandle, tmp_path: Path) -> None:
    account = central.accounts["operator"]
    for _ in range(auth.LOGIN_FREE):  # someone guessing this account's password
        answer = httpx.post(
            f"{central.api}/auth/token",
            json={"login": account.login, "password": "guess-guess", "workstation": "x"},
            timeout=30,
        )
        assert answer.status_code == 401
    assert central.service is not None
    for _ in range(auth.LOGIN_LOCK_AT - auth.LOGIN_FREE):  # and on until it is locked:
        central.service.login_guard.failed(account.login, "127.0.0.1")  # whatever our pace
    cache = tmp_path / "c.sqlite"
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "cur_desktop.sync",
            "--server",
            central.url,
            "--cache",
            str(cache),
            "--login",
            account.login,
            "--once",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO), "CUR_PASSWORD": account.password},
    )
    assert run.returncode == 1, run.stdout + run.stderr
    said = re.search(r"слишком много попыток, повторите через (\d+) с", run.stdout)
    assert said is not None, run.stdout + run.stderr
    assert auth.LOCK_S - 120 <= int(said.group(1)) <= auth.LOCK_S
