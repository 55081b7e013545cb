"""``--quit-after`` and ``--screenshot``: end a GUI run by itself, picture first.

Used by ``cur-desktop console`` and ``cur-desktop demo`` on machines without a
screen (scripts/demo.sh), by tests that run the real program, and for the
documentation's screenshots. The picture must show something real, so the run
ends only when the given time has passed *and* the caller says it is ready (the
first sync reached the service's head, the window's reads are done) — or after a
generous limit, with a warning, so a broken service never hangs a script.

Nothing polls: a single-shot timer marks the time, and readiness is then asked each
time the event loop is about to wait (``QAbstractEventDispatcher.aboutToBlock``) —
it can only change while events are handled (a sync signal, a read's result, a
timer), and asking costs a few attribute reads. A second single-shot timer is the
limit.

GUI thread only.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QAbstractEventDispatcher, QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)

READY_LIMIT_S = 180.0
SCREENSHOT_SIZE = (1920, 1080)  # the documentation's size (issue 4)


class AutoQuit(QObject):
    """Quits the application after ``after_ms`` once ``ready()``, saving ``widget`` first."""

    finished = Signal()  # the picture is saved (if asked for); the application quits next

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
        after = after_ms if after_ms is not None else 1000
        self.saved: Path | None = None
        self.due = False  # the time has passed; waiting for ready() now
        self._watching: QAbstractEventDispatcher | None = None
        self._time = self._single_shot(after, self._time_passed)
        self._limit = self._single_shot(after + int(READY_LIMIT_S * 1000), self._give_up)
        self._finish_soon = self._single_shot(0, self._finish)  # never inside a dispatcher
        self._time.start()
        self._limit.start()
        if screenshot is not None:
            shown = widget()
            if shown is not None:
                shown.resize(*SCREENSHOT_SIZE)

    def _single_shot(self, interval: int, slot: Callable[[], None]) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(interval)
        timer.timeout.connect(slot)
        return timer

    def stop(self) -> None:
        for timer in (self._time, self._limit, self._finish_soon):
            timer.stop()
        self._unwatch()

    def _time_passed(self) -> None:
        self.due = True
        if self._ready():
            self._finish_soon.start()
            return
        dispatcher = QAbstractEventDispatcher.instance()
        if dispatcher is not None:
            self._watching = dispatcher
            dispatcher.aboutToBlock.connect(self._check)

    def _check(self) -> None:
        if self._watching is not None and self._ready():
            self._unwatch()
            self._finish_soon.start()

    def _unwatch(self) -> None:
        if self._watching is not None:
            self._watching.aboutToBlock.disconnect(self._check)
            self._watching = None

    def _give_up(self) -> None:
        log.warning("still not ready after %.0f s: finishing anyway", READY_LIMIT_S)
        self._finish()

    def _finish(self) -> None:
        self.stop()
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
        self.finished.emit()
        app = QCoreApplication.instance()
        if app is not None:
            app.quit()
