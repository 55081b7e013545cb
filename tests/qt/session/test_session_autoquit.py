"""``--quit-after``: the picture is taken once the time has passed *and* the run is ready,
with no polling timer (ui/console/session/autoquit.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from ui.console.session.autoquit import SCREENSHOT_SIZE, AutoQuit

pytestmark = pytest.mark.qt


def test_the_picture_waits_for_ready_then_the_run_ends(qtbot: QtBot, tmp_path: Path) -> None:
    label = QLabel("готово")
    qtbot.addWidget(label)
    label.show()
    ready = [False]
    out = tmp_path / "shots" / "window.png"
    auto = AutoQuit(lambda: label, after_ms=50, screenshot=out, ready=lambda: ready[0])
    try:
        qtbot.waitUntil(lambda: auto.due, timeout=10_000)  # the time has passed ...
        assert auto.saved is None  # ... but the run is not ready: no picture yet
        ready[0] = True
        # the next time the event loop is about to wait, readiness is asked again
        with qtbot.waitSignal(auto.finished, timeout=10_000):
            pass
        assert auto.saved == out
        assert QImage(str(out)).size().toTuple() == SCREENSHOT_SIZE
    finally:
        auto.stop()
        auto.deleteLater()
