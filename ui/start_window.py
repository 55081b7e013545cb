"""The window of a start that takes a while: what is happening, and that it goes on.

A first demo start generates the region's appeals in the service's own process
(12–20 s for ten thousand on a slow machine) before any console can open; without a
window the operator looked at nothing and clicked the icon again. :class:`StartWindow`
is shown from the first second: a title, the stage («Создаём демонстрационные
обращения…», «Запускаем центральный сервис…»), a moving bar (or a filling one when the
stage knows its total) and the seconds so far. :func:`wait_with_window` keeps it
alive while a child process gets ready, on the GUI thread's event loop (a poll every
:data:`POLL_MS`, no thread), and hands back the ready file's document.

GUI thread only.
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QLabel, QProgressBar, QVBoxLayout, QWidget

from cur_desktop.central import child

POLL_MS = 100


class StartWindow(QWidget):
    """A small framed window: title, stage, bar, seconds."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Regional Management Centre"))
        self.title = QLabel(self.tr("Starting the operator console"))
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.stage = QLabel()
        self.stage.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # moving until a stage knows its total
        self.bar.setTextVisible(False)
        self.elapsed = QLabel()
        self.elapsed.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.elapsed.setStyleSheet("color: #6b7580")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        layout.addWidget(self.title)
        layout.addWidget(self.stage)
        layout.addWidget(self.bar)
        layout.addWidget(self.elapsed)
        self._started = time.monotonic()
        self.setMinimumWidth(520)
        self.tick()

    def set_stage(self, text: str, done: int | None = None, total: int | None = None) -> None:
        """What is being done; with ``total`` the bar fills, without it it moves."""
        self.stage.setText(text)
        if total:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done or 0, total))
        else:
            self.bar.setRange(0, 0)

    def tick(self) -> None:
        seconds = int(time.monotonic() - self._started)
        self.elapsed.setText(self.tr("%n second(s)", "", seconds))


def wait_with_window(
    window: StartWindow,
    process: subprocess.Popen[bytes],
    ready: Path,
    log_path: Path,
    timeout: float,
) -> dict[str, Any]:
    """Wait for ``process`` to write ``ready``, the window shown and counting meanwhile.

    Raises :class:`~cur_desktop.central.child.ServiceStartError` as
    :func:`~cur_desktop.central.child.wait_ready` does (the child died, or the time ran out).
    """
    loop = QEventLoop()
    deadline = time.monotonic() + timeout
    timer = QTimer()
    timer.setInterval(POLL_MS)

    def poll() -> None:
        window.tick()
        if ready.exists() or process.poll() is not None or time.monotonic() > deadline:
            loop.quit()

    timer.timeout.connect(poll)
    window.show()
    window.raise_()
    timer.start()
    try:
        if not (ready.exists() or process.poll() is not None):
            loop.exec()
    finally:
        timer.stop()
    return child.wait_ready(process, ready, log_path, max(deadline - time.monotonic(), 0.0))
