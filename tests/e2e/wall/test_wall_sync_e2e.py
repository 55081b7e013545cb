"""The wall against the real central service: its own cache filled by the sync engine
with the wall account's token, no personal data arriving, and a refused token reported
in the status strip instead of a dialog."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from cur_desktop.cache import Cache
from cur_desktop.cache.store import QueueFilter
from tests.support.central import CentralHandle, central_thread
from ui.wall.user_settings import WallUserSettings

pytestmark = pytest.mark.qt

WAIT_MS = 60_000


@pytest.fixture(scope="module")
def central(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CentralHandle]:
    with central_thread(tmp_path_factory.mktemp("wall-central"), appeals=400, seed=3) as handle:
        yield handle


@pytest.fixture
def started(tmp_path: Path) -> Iterator[list[Any]]:
    shells: list[Any] = []
    yield shells
    for shell in shells:
        shell.stop()


def _wall(tmp_path: Path, central: CentralHandle, token: str) -> Any:
    from ui.wall.app import build_shell

    token_file = tmp_path / "wall-token"
    token_file.write_text(token + "\n", encoding="utf-8")
    args = argparse.Namespace(
        layout=None,
        server=central.url,
        cache=tmp_path / "wall.sqlite",
        token_file=token_file,
        pack=None,
        windowed=True,
        quit_after=None,
        screenshot=None,
    )
    memory = WallUserSettings(QSettings(str(tmp_path / "wall.ini"), QSettings.Format.IniFormat))
    shell, _ = build_shell(args, memory)
    return shell


def test_wall_syncs_its_own_cache_without_personal_data(
    central: CentralHandle, tmp_path: Path, qtbot: QtBot, started: list[Any]
) -> None:
    from sqlalchemy import func, select

    from cur_desktop.central import schema
    from cur_desktop.central.db import read_tx
    from ui.wall.status_strip import Freshness

    assert central.service is not None
    with read_tx(central.service.engine) as conn:  # merged duplicates count once on the wall
        one_each = conn.execute(
            select(func.count()).where(schema.appeals.c.merged_into.is_(None))
        ).scalar_one()
    shell = _wall(tmp_path, central, central.login("wall", "wall-pc"))
    started.append(shell)
    shell.start()
    qtbot.waitUntil(
        lambda: shell.data is not None and shell.data.total_appeals == one_each, timeout=WAIT_MS
    )
    strip = shell.windows["main"].strip
    qtbot.waitUntil(lambda: strip.state.kind is Freshness.FRESH, timeout=WAIT_MS)
    assert "Данные на" in strip.freshness.text()
    assert strip.message_text() == ""
    with Cache.open(tmp_path / "wall.sqlite") as cache:
        ids = [row[0] for row in cache.appeals.queue_page(QueueFilter(open_only=False), limit=500)]
        appeals = cache.appeals.get_many(ids)
        assert len(appeals) == 400
        assert all(a.author.is_empty for a in appeals)  # the service sent no personal data
    assert QApplication.activeModalWidget() is None


def test_refused_token_is_said_in_the_strip(
    central: CentralHandle, tmp_path: Path, qtbot: QtBot, started: list[Any]
) -> None:
    shell = _wall(tmp_path, central, "not-a-token")
    started.append(shell)
    shell.start()
    strip = shell.windows["main"].strip
    qtbot.waitUntil(lambda: "отклонил токен" in strip.message_text(), timeout=WAIT_MS)
    assert QApplication.activeModalWidget() is None
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog)]


def test_a_newer_client_rolled_out_is_said_in_the_strip_not_in_a_dialog(
    tmp_path: Path, qtbot: QtBot, started: list[Any]
) -> None:
    with central_thread(
        tmp_path / "central", appeals=20, seed=4, latest_client_version="99.0.0"
    ) as rolled_out:
        shell = _wall(tmp_path, rolled_out, rolled_out.login("wall", "wall-pc"))
        started.append(shell)
        shell.start()
        strip = shell.windows["main"].strip
        qtbot.waitUntil(lambda: "99.0.0" in strip.message_text(), timeout=WAIT_MS)
        assert "Доступна версия 99.0.0" in strip.message_text()
        assert QApplication.activeModalWidget() is None
        assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog)]
        shell.stop()


def test_new_appeals_reach_the_screen_while_the_wall_runs(
    tmp_path: Path, qtbot: QtBot, started: list[Any]
) -> None:
    """The demo activity adds appeals every fraction of a second: sync → cache → the worker's
    refresh → the page on screen, with no restart and no reload of everything."""
    (tmp_path / "central").mkdir()
    with central_thread(tmp_path / "central", appeals=100, seed=5, live=True) as live:
        shell = _wall(tmp_path, live, live.login("wall", "wall-pc"))
        started.append(shell)
        shell.start()
        qtbot.waitUntil(
            lambda: shell.data is not None and shell.data.total_appeals >= 100, timeout=WAIT_MS
        )
        first = shell.data.total_appeals
        runs = shell.service.recomputations
        qtbot.waitUntil(lambda: shell.data.total_appeals >= first + 3, timeout=WAIT_MS)
        assert shell.service.recomputations > runs
        page = shell.rotators["main"].current.page
        assert page.data is shell.data  # the page on screen shows the newest figures
        shell.stop()  # before the service goes away
