"""The desk in the console: Ctrl+Shift+A opens it, the figures come off the GUI thread, a
double click (or Enter) opens exactly the appeals behind a figure in the console's queue."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence
from pytestqt.qtbot import QtBot

from cur_desktop.cache.queries.queue import load_ids
from tests.support.caches import generated_cache, private_copy
from ui.console.console_context import ConsoleContext
from ui.console.window import ConsoleWindow
from ui.desk.desk_window import DeskWindow
from widgets.desk.figures_model import GROUP_COLUMNS, TOTALS

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
SHOTS = Path(os.environ.get("DESK_SHOTS", "/tmp/shots/desk"))


@pytest.fixture(scope="module")
def desk_cache_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generated_cache(tmp_path_factory, "desk-window", 1500, 16, NOW)


@pytest.fixture
def console(qtbot: QtBot, desk_cache_file: Path, tmp_path: Path) -> Iterator[ConsoleWindow]:
    settings = QSettings(str(tmp_path / "layout.ini"), QSettings.Format.IniFormat)
    with private_copy(desk_cache_file, tmp_path) as cache:
        window = ConsoleWindow(ConsoleContext(cache, clock=lambda: NOW), settings=settings)
        window.show()
        qtbot.waitExposed(window)
        qtbot.waitUntil(window.idle, timeout=15_000)
        yield window
        window.close()
        window.deleteLater()


def _open_desk(qtbot: QtBot, console: ConsoleWindow) -> DeskWindow:
    action = console.menus.actions["desk"]
    assert action.shortcut() == QKeySequence("Ctrl+Shift+A")
    qtbot.keyClick(
        console,
        Qt.Key.Key_A,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    desk = console.desk.desk
    assert desk is not None
    qtbot.waitExposed(desk)
    qtbot.waitUntil(lambda: desk.desk is not None, timeout=20_000)
    return desk


def test_shortcut_opens_the_desk_with_the_months_figures(
    qtbot: QtBot, console: ConsoleWindow
) -> None:
    desk = _open_desk(qtbot, console)
    assert desk.desk is not None
    assert desk.desk.current.period.label == "2026-12"
    # back one month: the figures of November, computed anew
    with qtbot.waitSignal(desk.computed, timeout=20_000):
        qtbot.mouseClick(desk.picker.back, Qt.MouseButton.LeftButton)
    assert desk.desk.current.period.label == "2026-11"
    received = desk.totals.index(TOTALS.index("received"), 1).data()
    assert received == f"{desk.desk.current.value('received'):,.0f}".replace(",", "\u00a0")
    assert desk.groups.rowCount() > 3
    # sortable: by «received», descending, the first row holds the most
    column = 1 + GROUP_COLUMNS.index("received")
    desk.groups_view.sortByColumn(column, Qt.SortOrder.DescendingOrder)
    top = desk.groups_proxy.index(0, column).data(Qt.ItemDataRole.UserRole + 1)
    values = [
        desk.groups.index(r, column).data(Qt.ItemDataRole.UserRole + 1)
        for r in range(desk.groups.rowCount())
    ]
    assert top == max(values)
    # the forecast after the period, with how reliable each one is (a month of data: not rated)
    qtbot.waitUntil(lambda: desk.forecasts.rowCount() > 0, timeout=20_000)
    reliability = desk.forecasts.item(0, 4)
    assert reliability is not None
    assert reliability.text()
    SHOTS.mkdir(parents=True, exist_ok=True)
    desk.grab().save(str(SHOTS / "desk-2026-11.png"))


def test_enter_on_a_figure_opens_its_appeals_in_the_queue(
    qtbot: QtBot, console: ConsoleWindow
) -> None:
    desk = _open_desk(qtbot, console)
    with qtbot.waitSignal(desk.computed, timeout=20_000):
        desk.picker.set_period("2026-11")
    assert desk.desk is not None
    row = desk.groups_proxy.index(0, 0)
    column = 1 + GROUP_COLUMNS.index("within_norm")
    cell = desk.groups_proxy.index(row.row(), column)
    rect = desk.groups_view.visualRect(cell)
    _figure, group = desk.groups.cell_figure(desk.groups_proxy.mapToSource(cell)) or ("", "")
    expected = set(desk.desk.appeal_ids("within_norm", desk.current_dimension(), group))
    assert expected
    # the keyboard: the cell selected, Enter
    qtbot.mouseClick(desk.groups_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert desk.groups_view.currentIndex() == cell
    qtbot.keyClick(desk.groups_view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: console.current_queue() == "desk", timeout=5_000)
    assert console.queue.title.text().startswith("Рассмотрено с опозданием")
    query = console.queue.effective_query()
    assert query is not None
    assert set(load_ids(console.context.cache.engine, query).tolist()) == expected
    qtbot.waitUntil(console.idle, timeout=15_000)
    console.grab().save(str(SHOTS / "desk-drill-console.png"))


def test_report_from_the_desk(qtbot: QtBot, console: ConsoleWindow, tmp_path: Path) -> None:
    desk = _open_desk(qtbot, console)
    written: list[Path] = []
    desk.export_report("weekly", tmp_path / "w.xlsx", written.append)
    qtbot.waitUntil(lambda: bool(written), timeout=60_000)
    assert written[0].stat().st_size > 0
