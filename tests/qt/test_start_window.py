"""A first start shows a window from its first second, not a black screen.

A real child process stands in for the demo service: it takes a moment, then writes
its ready file, as ``cur-central demo`` does after generating the region's appeals.
The start window is on screen, naming the stage, while the GUI thread waits for it.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from cur_desktop.central import child
from ui.start_window import StartWindow, wait_with_window

SHOTS = Path("/tmp/shots/console")
SLOW_SERVICE = (
    "import json, sys, time\n"
    "time.sleep(1.0)\n"
    "open(sys.argv[1], 'w').write(json.dumps({'url': 'http://127.0.0.1:1', 'accounts': {}}))\n"
)


def test_the_start_window_is_shown_while_the_service_gets_ready(
    qtbot: QtBot, tmp_path: Path
) -> None:
    ready = tmp_path / "ready.json"
    log_path = tmp_path / "child.log"
    window = StartWindow()
    qtbot.addWidget(window)
    window.set_stage("Создаём 10 000 демонстрационных обращений…")
    seen: list[tuple[bool, str]] = []
    # looked at from inside the wait: the window is up while the child still works
    probe = QTimer()
    probe.setSingleShot(True)
    probe.setInterval(300)
    probe.timeout.connect(lambda: seen.append((window.isVisible(), window.stage.text())))
    probe.start()
    with log_path.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-c", SLOW_SERVICE, str(ready)], stdout=out, stderr=out
        )
    try:
        doc = wait_with_window(window, process, ready, log_path, timeout=30)
    finally:
        process.wait(10)
    assert doc["url"] == "http://127.0.0.1:1"
    assert seen == [(True, "Создаём 10 000 демонстрационных обращений…")]
    assert window.bar.maximum() == 0  # a moving bar: the stage has no total
    SHOTS.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(SHOTS / "start_window.png"))


def test_a_child_that_dies_is_said_not_waited_for(qtbot: QtBot, tmp_path: Path) -> None:
    window = StartWindow()
    qtbot.addWidget(window)
    log_path = tmp_path / "child.log"
    with log_path.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-c", "import sys; sys.exit(3)"], stdout=out, stderr=out
        )
    with pytest.raises(child.ServiceStartError, match="exited with 3"):
        wait_with_window(window, process, tmp_path / "ready.json", log_path, timeout=30)
