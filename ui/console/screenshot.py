"""The console over a cache, rendered to PNG without a display (documentation, support).

``cur-desktop screenshot --view console --cache PATH --out FILE.png [--size WxH]`` calls
:func:`render_console_screenshot`. The window is the real one, on Qt's ``offscreen``
platform when no application exists yet; it uses a throw-away settings file, so a
screenshot never reads or changes the user's saved layout. The picture is taken once
every background read has finished (queue ids, counts, related appeals).
"""

from __future__ import annotations

import logging
import os
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from cur_desktop.cache import Cache
from cur_desktop.cache.queries.filters import FilterValues

log = logging.getLogger(__name__)

DEFAULT_SIZE = (1920, 1080)
TIMEOUT_S = 120.0


class ScreenshotError(RuntimeError):
    """The console could not be rendered (no appeal to show, a read that never ended)."""


def render_console_screenshot(
    cache_path: Path | str,
    out_png: Path | str,
    size: tuple[int, int] = DEFAULT_SIZE,
    queue: str | None = None,
    *,
    filters: FilterValues | None = None,
    appeal_id: int | None = None,
    now: datetime | None = None,
    timeout_s: float = TIMEOUT_S,
) -> Path:
    """Render the console over ``cache_path`` into ``out_png``; returns the PNG's path.

    ``queue`` is a navigator key (``risk``, ``mun:70701000``…; default: all open);
    ``filters`` are put into the filter bar; ``appeal_id`` is made current (default:
    the queue's first). ``now`` fixes the clock deadlines count from (default: now).
    """
    from PySide6.QtCore import QCoreApplication, QEvent, QSettings

    if QCoreApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ui.app import create_application
    from ui.console.console_context import ConsoleContext
    from ui.console.window import ConsoleWindow

    app = create_application(["cur-desktop"])
    out = Path(out_png)
    out.parent.mkdir(parents=True, exist_ok=True)
    cache = Cache.open(cache_path)
    clock = (lambda: now) if now is not None else None
    try:
        with tempfile.TemporaryDirectory(prefix="cur-screenshot-") as scratch:
            settings = QSettings(str(Path(scratch) / "layout.ini"), QSettings.Format.IniFormat)
            window = ConsoleWindow(
                ConsoleContext(cache, clock=clock), settings=settings, queue=queue
            )
            try:
                window.resize(*size)
                window.show()
                _wait(app, window.idle, timeout_s)
                if filters is not None:
                    window.queue.filter_bar.set_values(filters)
                    _wait(app, window.idle, timeout_s)
                if appeal_id is not None:
                    window.show_appeal(appeal_id)
                    _wait(app, window.idle, timeout_s)
                _settle(app)
                if not window.grab().save(str(out)):
                    raise ScreenshotError(f"could not write {out}")
            finally:
                window.close()
                window.deleteLater()
                QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    finally:
        cache.close()
    log.info("console screenshot written to %s", out)
    return out


def _wait(app: object, done: Callable[[], bool], timeout_s: float) -> None:
    from PySide6.QtCore import QCoreApplication, QEventLoop

    deadline = time.monotonic() + timeout_s
    while True:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        if done():
            return
        if time.monotonic() > deadline:
            raise ScreenshotError(f"the console was still reading after {timeout_s:.0f} s")
        time.sleep(0.005)


def _settle(app: object) -> None:
    """Let layouts and pending paints run."""
    from PySide6.QtCore import QCoreApplication

    for _ in range(5):
        QCoreApplication.processEvents()
