"""The console while the sync writes under it: the operator keeps their place in the queue.

A real window over a real generated cache; the sync's writes are made through the
sync engine's writer on another connection, and the window is refreshed as the sync
worker's change signal refreshes it in production (``ConsoleWindow.refresh``). What
is checked is what the operator sees: the scroll position, the current and selected
rows, the appeal in the detail pane.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelection, QItemSelectionModel, QSettings, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from cur_desktop.cache import Cache
from cur_desktop.domain.enums import Status
from cur_desktop.regions.pack import builtin_pack_dir, load_pack
from cur_desktop.sla import SlaStatus
from cur_desktop.sync.writer import CacheWriter
from tests.support.caches import generated_cache, private_copy
from ui.console.console_context import ConsoleContext
from ui.console.window import ConsoleWindow
from widgets.queue_model import DEADLINE_ROLE, Column

# 12:30 on a working Friday in the region's own zone (Moscow: 09:30 UTC), whatever the zone
NOW = datetime(2026, 11, 20, 12, 30, tzinfo=load_pack(builtin_pack_dir()).timezone).astimezone(UTC)


@pytest.fixture(scope="module")
def demo_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generated_cache(tmp_path_factory, "console-live", 1500, 7, NOW)


@pytest.fixture
def cache(demo_cache: Path, tmp_path: Path) -> Iterator[Cache]:
    with private_copy(demo_cache, tmp_path) as opened:
        yield opened


@pytest.fixture
def window(qtbot: QtBot, cache: Cache, tmp_path: Path) -> Iterator[ConsoleWindow]:
    settings = QSettings(str(tmp_path / "layout.ini"), QSettings.Format.IniFormat)
    shown = ConsoleWindow(ConsoleContext(cache, clock=lambda: NOW), settings=settings)
    shown.resize(1600, 900)
    shown.show()
    qtbot.waitExposed(shown)
    qtbot.waitUntil(shown.idle, timeout=15_000)
    yield shown
    shown.close()
    shown.deleteLater()


def close_elsewhere(qtbot: QtBot, window: ConsoleWindow, cache: Cache, appeal_id: int) -> None:
    """A colleague closes the appeal; the sync writes it and reports the commit."""
    appeal = cache.appeals.get(appeal_id)
    assert appeal is not None
    closed = replace(appeal, status=Status.CLOSED, version=appeal.version + 1, closed_at=NOW)
    assert CacheWriter(cache.engine).upsert_newer([closed]) == 1
    window.refresh()  # the change signal's slot
    qtbot.waitUntil(window.idle, timeout=15_000)
    QApplication.processEvents()


def test_current_appeal_leaving_the_queue_stays_selected_until_the_operator_moves(
    qtbot: QtBot, window: ConsoleWindow, cache: Cache
) -> None:
    table = window.queue.table
    model = window.queue.model
    assert model.rowCount() > 120
    table.verticalScrollBar().setValue(60)
    table.select_row(70)
    table.setFocus()
    qtbot.waitUntil(window.idle, timeout=15_000)
    scroll = table.verticalScrollBar().value()
    reading = model.appeal_id(70)
    following = model.appeal_id(71)
    total = window.queue.total()
    assert window.detail.record() is not None
    assert window.detail.record().appeal.id == reading  # type: ignore[union-attr]

    close_elsewhere(qtbot, window, cache, reading)

    # still there, greyed and said to have left; nothing else became current
    assert model.row_of(reading) == 70
    assert model.is_gone(reading)
    assert window.queue.total() == total - 1  # the count is the queue's own
    status = model.data(model.index(70, Column.TITLE))
    assert status.startswith(QApplication.translate("QueueTableModel", "left the queue"))
    assert table.verticalScrollBar().value() == scroll  # not thrown back to the top
    assert table.current_appeal_id() == reading
    assert [int(i) for i in table.selected_ids()] == [reading]
    record = window.detail.record()
    assert record is not None
    assert record.appeal.id == reading
    assert record.appeal.status is Status.CLOSED  # the detail shows what the sync brought
    assert window.appeal_actions.targets() == [reading]
    shots = Path("/tmp/shots/console")
    shots.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(shots / "gone_row.png"))

    # a second sync keeps it too
    window.refresh()
    qtbot.waitUntil(window.idle, timeout=15_000)
    assert table.current_appeal_id() == reading

    # the operator moves on: the greyed row goes, the next appeal is current
    qtbot.keyClick(table, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: model.row_of(reading) == -1)
    assert table.current_appeal_id() == following
    assert window.selected_ids() == [following]
    assert not model.gone()


def test_a_multi_selection_losing_one_appeal_keeps_it_all(
    qtbot: QtBot, window: ConsoleWindow, cache: Cache
) -> None:
    table = window.queue.table
    model = window.queue.model
    table.verticalScrollBar().setValue(40)
    selection = QItemSelection(model.index(50, 0), model.index(54, len(Column) - 1))
    table.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    table.selectionModel().setCurrentIndex(
        model.index(52, 0), QItemSelectionModel.SelectionFlag.NoUpdate
    )
    qtbot.waitUntil(window.idle, timeout=15_000)
    scroll = table.verticalScrollBar().value()
    selected = [model.appeal_id(r) for r in range(50, 55)]
    gone = selected[2]

    close_elsewhere(qtbot, window, cache, gone)

    assert [int(i) for i in table.selected_ids()] == selected
    assert table.current_appeal_id() == gone
    assert model.is_gone(gone)
    grey = model.data(model.index(model.row_of(gone), Column.TITLE), Qt.ItemDataRole.ForegroundRole)
    assert grey is not None
    assert grey.lightness() > 100  # greyed, not the normal dark text
    assert table.verticalScrollBar().value() == scroll
    assert window.selected_ids() == selected
    assert window.appeal_actions.targets() == selected


def test_a_deadline_passed_seconds_ago_is_red_in_the_overdue_filter(
    qtbot: QtBot, cache: Cache, tmp_path: Path
) -> None:
    clock = [NOW.replace(second=5)]
    settings = QSettings(str(tmp_path / "layout.ini"), QSettings.Format.IniFormat)
    window = ConsoleWindow(ConsoleContext(cache, clock=lambda: clock[0]), settings=settings)
    try:
        window.show()
        qtbot.waitExposed(window)
        qtbot.waitUntil(window.idle, timeout=15_000)
        # an appeal whose deadline was postponed to half a minute from now
        appeal = cache.appeals.get(window.queue.model.appeal_id(0))
        assert appeal is not None
        due = NOW.replace(second=30)
        moved = replace(appeal, postponed_to=due, due_at=due, version=appeal.version + 1)
        assert CacheWriter(cache.engine).upsert_newer([moved]) == 1
        window.refresh()
        qtbot.waitUntil(window.idle, timeout=15_000)

        clock[0] = NOW.replace(second=50)  # the deadline passed 20 s ago, the same minute
        window.queue.filter_bar.overdue.setChecked(True)
        qtbot.waitUntil(window.idle, timeout=15_000)

        model = window.queue.model
        row = model.row_of(appeal.id)
        assert row >= 0  # the filter counts it overdue ...
        deadline = model.data(model.index(row, Column.DEADLINE), DEADLINE_ROLE)
        assert deadline.state.status is SlaStatus.OVERDUE  # ... and so does its red chip
        window.show_appeal(appeal.id)
        record = window.detail.record()
        assert record is not None
        assert record.deadline is not None
        assert record.deadline.state.status is SlaStatus.OVERDUE  # as the detail pane says
    finally:
        window.close()
        window.deleteLater()


def test_the_detail_pane_counts_its_deadline_on_with_the_table(
    qtbot: QtBot, cache: Cache, tmp_path: Path
) -> None:
    clock = [NOW]
    settings = QSettings(str(tmp_path / "layout.ini"), QSettings.Format.IniFormat)
    window = ConsoleWindow(ConsoleContext(cache, clock=lambda: clock[0]), settings=settings)
    try:
        window.show()
        qtbot.waitExposed(window)
        qtbot.waitUntil(window.idle, timeout=15_000)
        appeal = cache.appeals.get(window.queue.model.appeal_id(0))
        assert appeal is not None
        due = NOW + timedelta(minutes=3)
        moved = replace(appeal, postponed_to=due, due_at=due, version=appeal.version + 1)
        assert CacheWriter(cache.engine).upsert_newer([moved]) == 1
        window.refresh()
        qtbot.waitUntil(window.idle, timeout=15_000)
        window.show_appeal(appeal.id)
        qtbot.waitUntil(window.idle, timeout=15_000)
        record = window.detail.record()
        assert record is not None
        assert record.deadline is not None
        assert record.deadline.state.status is not SlaStatus.OVERDUE

        clock[0] = NOW + timedelta(minutes=5)  # the operator is still reading it
        window._tick()  # the window's one timer, a minute later

        model = window.queue.model
        row = model.row_of(appeal.id)
        table_state = model.data(model.index(row, Column.DEADLINE), DEADLINE_ROLE).state
        assert table_state.status is SlaStatus.OVERDUE
        record = window.detail.record()
        assert record is not None
        assert record.deadline is not None
        assert record.deadline.state.status is SlaStatus.OVERDUE  # as the table says
        assert "−2 мин" in window.detail.toPlainText()
    finally:
        window.close()
        window.deleteLater()


def test_a_colleagues_change_to_the_appeal_being_read_reaches_the_detail_pane(
    qtbot: QtBot, window: ConsoleWindow, cache: Cache
) -> None:
    model = window.queue.model
    window.queue.table.select_row(5)
    qtbot.waitUntil(window.idle, timeout=15_000)
    reading = model.appeal_id(5)
    appeal = cache.appeals.get(reading)
    assert appeal is not None
    colleague = "operator07" if appeal.taken_by != "operator07" else "operator08"
    # one sync: a colleague takes this appeal, and a new appeal arrives at the top
    taken = replace(appeal, taken_by=colleague, taken_at=NOW, version=appeal.version + 1)
    new = replace(appeal, id=cache.appeals.max_id() + 1, external_id="pos-new-1", version=1)
    new = replace(new, taken_by="", due_at=NOW, postponed_to=None)
    assert CacheWriter(cache.engine).upsert_newer([taken, new]) == 2
    window.refresh()
    qtbot.waitUntil(window.idle, timeout=15_000)

    assert model.row_of(new.id) >= 0  # the order changed under the operator
    assert window.queue.table.current_appeal_id() == reading  # who stays where they were
    record = window.detail.record()
    assert record is not None
    assert record.appeal.taken_by == colleague  # and sees who has it now
    assert colleague in window.detail.toPlainText()
