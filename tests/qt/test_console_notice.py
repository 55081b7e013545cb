"""The notice of a new high-importance appeal, as a keyboard-only operator meets it: it
never takes the keyboard, and Esc puts it away wherever the keyboard is in the window."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.support.caches import generated_cache, private_copy
from ui.console.console_context import ConsoleContext
from ui.console.session.notifier import HighImportanceNotifier
from ui.console.window import ConsoleWindow

NOW = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def demo_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generated_cache(tmp_path_factory, "console-notice", 200, 4, NOW)


@pytest.fixture
def window(qtbot: QtBot, demo_cache: Path, tmp_path: Path) -> Iterator[ConsoleWindow]:
    with private_copy(demo_cache, tmp_path) as cache:
        settings = QSettings(str(tmp_path / "layout.ini"), QSettings.Format.IniFormat)
        shown = ConsoleWindow(ConsoleContext(cache, clock=lambda: NOW), settings=settings)
        shown.show()
        qtbot.waitExposed(shown)
        shown.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is shown)
        qtbot.waitUntil(shown.idle, timeout=15_000)
        yield shown
        shown.close()
        shown.deleteLater()


@pytest.mark.parametrize("where", ["table", "search", "detail"])
def test_escape_dismisses_the_notice_from_anywhere_in_the_window(
    qtbot: QtBot, window: ConsoleWindow, where: str
) -> None:
    notifier = HighImportanceNotifier(
        window.context.cache, window, window.show_appeal, use_tray=False
    )
    focus = {
        "table": window.queue.table,
        "search": window.queue.filter_bar.search,
        "detail": window.detail,
    }[where]
    focus.setFocus()
    appeal_id = window.queue.model.appeal_id(3)
    notifier.banner.show_notice("<b>Новое обращение высокой важности</b>", appeal_id)
    assert notifier.banner.isVisible()
    assert QApplication.focusWidget() is focus  # the notice never takes the keyboard

    qtbot.keyClick(focus, Qt.Key.Key_Escape)

    assert not notifier.banner.isVisible()
    assert QApplication.focusWidget() is focus
    notifier.close()
