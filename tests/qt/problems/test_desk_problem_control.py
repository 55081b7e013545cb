"""The desk's «Problem control» tab: the problem modules' figures now, their appeals a key away.

A demo cache with the known problems planted (and their two measures) is opened in
the console; the desk's tab shows, when it is chosen, the open conflict situations
with their reasons, the disinformation cases, the problems and the measures with
their effect, exactly as ``cur_desktop.problems.report`` counts them; Enter on the
conflicts' row shows exactly the open conflicts' appeals in the console's queue.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from cur_desktop.problems.report import problem_control_with_ids
from tests.qt.problems.test_disinfo_case import SHOTS
from tests.support.caches import generated_cache, private_copy
from ui.console.console_context import ConsoleContext
from ui.console.window import ConsoleWindow
from ui.desk.problem_control import _t

NOW = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def cache_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generated_cache(tmp_path_factory, "desk-problem-control", 2500, 7, NOW)


@pytest.fixture
def console(qtbot: QtBot, cache_file: Path, tmp_path: Path) -> Iterator[ConsoleWindow]:
    settings = QSettings(str(tmp_path / "layout.ini"), QSettings.Format.IniFormat)
    with private_copy(cache_file, tmp_path) as cache:
        window = ConsoleWindow(ConsoleContext(cache, clock=lambda: NOW), settings=settings)
        window.show()
        qtbot.waitExposed(window)
        qtbot.waitUntil(window.idle, timeout=15_000)
        yield window
        window.close()
        window.deleteLater()


def test_the_tab_shows_the_figures_now_and_opens_the_conflicts(
    qtbot: QtBot, console: ConsoleWindow
) -> None:
    desk = console.desk.open()
    qtbot.waitExposed(desk)
    tab = desk.problem_control
    assert tab.figures is None  # computed when shown, not with every period
    desk.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.figures is not None, timeout=120_000)
    expected, ids = problem_control_with_ids(console.context.cache.engine, NOW)
    assert tab.figures == expected
    assert tab.ids == ids
    shown = {
        tab.table.item(r, 0).text(): tab.table.item(r, 1).text()  # type: ignore[union-attr]
        for r in range(tab.table.rowCount())
    }
    assert shown[_t("Open conflict situations")] == str(expected.conflicts.open)
    assert expected.conflicts.open == len(ids["conflicts"]) > 0
    assert shown[_t("Problems (3 or more appeals in 60 days)")] == str(expected.problems)
    assert tab.measures.rowCount() == len(expected.measures) == 2
    SHOTS.mkdir(parents=True, exist_ok=True)
    desk.grab().save(str(SHOTS / "desk_problem_control.png"))

    tab.table.setFocus()
    tab.table.setCurrentCell(0, 0)
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    qtbot.waitUntil(console.idle, timeout=15_000)
    model = console.queue.model
    assert {model.appeal_id(i) for i in range(model.rowCount())} == set(ids["conflicts"])
