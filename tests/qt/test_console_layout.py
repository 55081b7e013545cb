"""The console window's layout on the screens operators have: nothing pushes it wider
than a 1366-pixel laptop, and what is cut short is still readable in full."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from cur_desktop.cache import Cache
from cur_desktop.sync.writer import CacheWriter
from tests.support.caches import generated_cache, private_copy
from ui.console.console_context import AUTH_LOGIN, AUTH_ROLE, AUTH_SCOPE, ConsoleContext
from ui.console.window import ConsoleWindow
from widgets.queue_model import Column

NOW = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
LAPTOP = (1366, 768)


@pytest.fixture(scope="module")
def demo_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generated_cache(tmp_path_factory, "console-layout", 300, 3, NOW)


@pytest.fixture
def cache(demo_cache: Path, tmp_path: Path) -> Iterator[Cache]:
    with private_copy(demo_cache, tmp_path) as opened:
        yield opened


def test_a_wide_scope_does_not_widen_the_window_past_the_screen(
    qtbot: QtBot, cache: Cache, tmp_path: Path
) -> None:
    dictionaries = ConsoleContext(cache, clock=lambda: NOW).dictionaries
    assert dictionaries is not None
    names = [m.display_name for m in dictionaries.municipalities]
    # an analyst of the region's south: a dozen municipalities in scope
    cache.set_state(AUTH_LOGIN, "analyst-south")
    cache.set_state(AUTH_ROLE, "operator")
    cache.set_state(AUTH_SCOPE, ", ".join(m.oktmo for m in dictionaries.municipalities[:12]))
    settings = QSettings(str(tmp_path / "layout.ini"), QSettings.Format.IniFormat)
    window = ConsoleWindow(ConsoleContext(cache, clock=lambda: NOW), settings=settings)
    try:
        window.status.set_dictionaries(dictionaries)
        window.resize(*LAPTOP)
        window.show()
        qtbot.waitExposed(window)
        qtbot.waitUntil(window.idle, timeout=15_000)
        QApplication.processEvents()

        assert window.minimumSizeHint().width() <= LAPTOP[0]
        assert window.width() <= LAPTOP[0]
        user = window.status.user
        assert user.text().startswith("analyst-south")
        assert user.text().endswith("…")
        for name in names[:12]:  # cut in the bar, whole in the tooltip
            assert name in user.toolTip()
    finally:
        window.close()
        window.deleteLater()


@pytest.mark.parametrize("size", [LAPTOP, (1536, 864), (1600, 900)])
def test_first_start_shows_every_queue_title_beside_its_count(
    qtbot: QtBot, cache: Cache, tmp_path: Path, size: tuple[int, int]
) -> None:
    settings = QSettings(str(tmp_path / "layout.ini"), QSettings.Format.IniFormat)
    window = ConsoleWindow(ConsoleContext(cache, clock=lambda: NOW), settings=settings)
    try:
        window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        qtbot.waitUntil(window.idle, timeout=15_000)
        QApplication.processEvents()

        assert window.width() <= size[0]
        navigator = window.navigator
        metrics = navigator.fontMetrics()
        model = window.navigator_model
        for key, title in model.titles().items():
            cell = navigator.visualRect(model.index_of(key))
            assert cell.width() >= metrics.horizontalAdvance(title) + 8, (title, cell.width())
        if size[0] >= 1600:  # the window's own default size: every column of the queue too
            assert window.queue.table.horizontalScrollBar().maximum() == 0
    finally:
        window.close()
        window.deleteLater()


def test_a_title_written_on_several_lines_reads_whole_in_the_table(
    qtbot: QtBot, cache: Cache, tmp_path: Path
) -> None:
    template = cache.appeals.get(1)
    assert template is not None
    posted = replace(
        template,
        id=cache.appeals.max_id() + 1,
        external_id="im-multiline",
        title="Пост ВКонтакте:\nЯма на дороге у школы\nпомогите!",
        version=1,
    )
    assert CacheWriter(cache.engine).upsert_newer([posted]) == 1
    settings = QSettings(str(tmp_path / "layout.ini"), QSettings.Format.IniFormat)
    window = ConsoleWindow(ConsoleContext(cache, clock=lambda: NOW), settings=settings)
    try:
        window.open_queue("all")
        window.show()
        qtbot.waitExposed(window)
        qtbot.waitUntil(window.idle, timeout=15_000)
        model = window.queue.model
        row = model.row_of(posted.id)
        assert row >= 0
        # one line: the elided cell shows more than the line before the first break
        shown = model.data(model.index(row, Column.TITLE))
        assert shown == "Пост ВКонтакте: Яма на дороге у школы помогите!"
    finally:
        window.close()
        window.deleteLater()
