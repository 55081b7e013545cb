"""Workstations for the console action tests: a real service, a real sync engine, a real window.

The central service runs in this process on 127.0.0.1 (``central_thread``) once per
module; each test opens workstations — a cache file synced by a real
:class:`~cur_desktop.sync.SyncEngine` logged in as a demo account, and a
:class:`~ui.console.window.ConsoleWindow` over the same file through its own
connection, as on an operator's machine. Until the session's sync worker drives
the engine in its thread, :meth:`Workstation.sync` drives it here and refreshes
the window, the way the worker's signals will.
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
    with central_thread(tmp_path_factory.mktemp("central"), appeals=60, seed=11) as handle:
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
            # the worker forwards the engine's conflicts to the window as conflict_found
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
            stack.callback(window.deleteLater)  # after close (the stack unwinds backwards)
            stack.callback(window.close)
            ws = Workstation(who, engine, window, qtbot, conflicts)
            # wired as the session's run_console wires the worker
            window.conflict_resolved.connect(ws.resolve)
            window.resize(1600, 900)
            window.show()
            qtbot.waitExposed(window)
            window.activateWindow()
            qtbot.waitUntil(window.idle, timeout=15_000)
            return ws

        yield make
