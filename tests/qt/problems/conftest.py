"""Workstations for the problem-control tests: a real service, sync engine and window.

As ``tests/qt/actions/conftest.py``: the service in this process on 127.0.0.1, a cache
synced by a real :class:`~cur_desktop.sync.SyncEngine`, the console over the same file.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from cur_desktop.cache import Cache, OutboxItem
from tests.qt.actions.support import Workstation, WorkstationFactory
from tests.support.central import CentralHandle, central_thread
from tests.sync.sync_support import engine_for
from ui.console.console_context import ConsoleContext
from ui.console.window import ConsoleWindow


@pytest.fixture(scope="module")
def central(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CentralHandle]:
    with central_thread(tmp_path_factory.mktemp("central"), appeals=40, seed=17) as handle:
        yield handle


@pytest.fixture
def workstation(
    qtbot: QtBot, central: CentralHandle, tmp_path: Path
) -> Iterator[WorkstationFactory]:
    with ExitStack() as stack:

        def make(who: str = "operator") -> Workstation:
            folder = tmp_path / who
            folder.mkdir()
            conflicts: list[OutboxItem] = []
            engine = stack.enter_context(
                engine_for(
                    central,
                    folder / "cache.sqlite",
                    who,
                    closed_window_days=3650,
                    on_conflict=lambda item, _current: conflicts.append(item),
                )
            )
            engine.sync_once(give_up_after=10)
            cache = stack.enter_context(Cache.open(folder / "cache.sqlite"))
            settings = QSettings(str(folder / "layout.ini"), QSettings.Format.IniFormat)
            window = ConsoleWindow(ConsoleContext(cache), settings=settings)
            stack.callback(window.deleteLater)
            stack.callback(window.close)
            ws = Workstation(who, engine, window, qtbot, conflicts)
            window.conflict_resolved.connect(ws.resolve)
            window.resize(1600, 1000)
            window.show()
            qtbot.waitExposed(window)
            window.activateWindow()
            qtbot.waitUntil(window.idle, timeout=15_000)
            return ws

        yield make
