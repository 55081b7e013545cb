"""``--quit-after`` and ``--screenshot``: end a GUI run by itself, picture first.

Used by ``cur-desktop console`` and ``cur-desktop demo`` on machines without a
screen (scripts/demo.sh), by tests that run the real program, and for the
documentation's screenshots. The picture must show something real, so the run
ends only when the given time has passed *and* the caller says it is ready (the
first sync reached the service's head, the window's reads are done) — or after a
generous limit, with a warning, so a broken service never hangs a script.

GUI thread only.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)

POLL_MS = 100
READY_LIMIT_S = 180.0
SCREENSHOT_SIZE = (1920, 1080)  # the documentation's size (issue 4)


class AutoQuit(QObject):
    """Quits the application after ``after_ms`` once ``ready()``, saving ``widget`` first."""

    def __init__(
        self,
        widget: Callable[[], QWidget | None],
        *,
        after_ms: int | None,
        screenshot: Path | None,
        ready: Callable[[], bool] = lambda: True,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._widget = widget
        self._screenshot = screenshot
        self._ready = ready
        self._after_s = (after_ms if after_ms is not None else 1000) / 1000
        self._started = time.monotonic()
        self.saved: Path | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._poll)
        self._timer.start()
        if screenshot is not None:
            shown = widget()
            if shown is not None:
                shown.resize(*SCREENSHOT_SIZE)

    def stop(self) -> None:
        self._timer.stop()

    def _poll(self) -> None:
        waited = time.monotonic() - self._started
        if waited < self._after_s:
            return
        if not self._ready() and waited < self._after_s + READY_LIMIT_S:
            return
        if not self._ready():
            log.warning("still not ready after %.0f s: finishing anyway", waited)
        self._timer.stop()
        widget = self._widget()
        if self._screenshot is not None and widget is not None:
            for _ in range(5):
                QCoreApplication.processEvents()
            self._screenshot.parent.mkdir(parents=True, exist_ok=True)
            if widget.grab().save(str(self._screenshot)):
                self.saved = self._screenshot
                sys.stdout.write(f"window saved to {self._screenshot}\n")
                sys.stdout.flush()
            else:
                log.error("could not write %s", self._screenshot)
        app = QCoreApplication.instance()
        if app is not None:
            app.quit()
