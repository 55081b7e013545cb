"""Induced failures never open a dialog: the wall logs them and says so in its strip.

Each fault is real: a cache file of random bytes, a layout file that is not JSON,
a cache whose appeals table disappears while the wall runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from cur_desktop.cache.db import create_cache_engine
from tests.qt.wall.conftest import copy_cache


def _no_dialog() -> None:
    assert QApplication.activeModalWidget() is None
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog)]
    assert dialogs == []


def _strips(shell: Any) -> list[str]:
    return [w.strip.message_text() for w in shell.windows.values()]


def test_corrupt_cache(make_shell: Any, tmp_path: Path, qtbot: QtBot) -> None:
    broken = tmp_path / "cache.sqlite"
    broken.write_bytes(b"this is not an SQLite database at all " * 200)
    shell = make_shell(cache=broken)
    with qtbot.waitSignal(shell.service.failed, timeout=30_000):
        shell.start()
    _no_dialog()
    window = shell.windows["main"]
    assert window.isVisible()
    assert "Кэш не читается" in window.strip.message_text()
    assert shell.data is None


def test_broken_layout_file_falls_back_to_the_built_in_layout(
    make_shell: Any, wall_cache: Path, tmp_path: Path, qtbot: QtBot
) -> None:
    layout = tmp_path / "wall.json"
    layout.write_text('{"format": "cur-desktop-wall-layout", "version": 1, "screens": [', "utf-8")
    shell = make_shell(layout=layout, cache=wall_cache)
    with qtbot.waitSignal(shell.data_shown, timeout=30_000):
        shell.start()
    _no_dialog()
    assert shell.layout.source is None  # the built-in layout runs instead
    assert list(shell.windows) == ["main"]
    (message,) = _strips(shell)
    assert "wall.json" in message
    assert "JSON" in message
    shell.set_message("test", "очень длинное сообщение " * 40)
    window = shell.windows["main"]
    QApplication.sendPostedEvents()  # the layout requests the long text posted, handled now
    assert window.geometry() == window.screen().geometry()  # elided, never wider than the screen


def test_failing_recomputation_keeps_the_last_figures(
    make_shell: Any, wall_cache: Path, tmp_path: Path, qtbot: QtBot
) -> None:
    cache = copy_cache(wall_cache, tmp_path)
    shell = make_shell(cache=cache)
    with qtbot.waitSignal(shell.data_shown, timeout=30_000):
        shell.start()
    shown = shell.data
    engine = create_cache_engine(cache)
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql("ALTER TABLE appeals RENAME TO appeals_gone")
    finally:
        engine.dispose()
    with qtbot.waitSignal(shell.service.failed, timeout=30_000):
        shell.service.request()
    _no_dialog()
    (message,) = _strips(shell)
    assert "Не удалось пересчитать" in message
    assert shell.data is shown  # the room still sees the last good figures
    page = shell.rotators["main"].current.page
    assert page.data is shown
