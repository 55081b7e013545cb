"""A wall page over a cache, rendered to PNG without a display.

``cur-desktop screenshot --view wall [--page NAME] --cache PATH --out FILE.png
[--size WxH]`` calls :func:`render_wall_screenshot`. The picture is what the wall
shows: the page in a real :class:`WallWindow` of the requested size, themed for
that height, with the status strip (data age, clock) along the bottom — ЦУРs send
such pictures to officials, so it must say how current the figures are.

The figures are computed in the calling thread (there is no event loop to wait
for); Qt's ``offscreen`` platform is used when no application exists yet.
"""

from __future__ import annotations

import logging
import os
import time
from datetime import datetime
from pathlib import Path

from cur_desktop.clock import system_clock

log = logging.getLogger(__name__)

DEFAULT_SIZE = (1920, 1080)


class WallScreenshotError(RuntimeError):
    """The page could not be rendered (unknown page, unreadable cache)."""


def render_wall_screenshot(
    cache_path: Path | str,
    out_png: Path | str,
    size: tuple[int, int] = DEFAULT_SIZE,
    *,
    page: str | None = None,
    pack: Path | None = None,
    now: datetime | None = None,
) -> Path:
    """Render wall page ``page`` (default: the first of the default playlist) to ``out_png``."""
    from PySide6.QtCore import QCoreApplication, QEvent

    if QCoreApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from cur_desktop.analytics import compute_wall_data, load_wall_frame
    from cur_desktop.analytics.compute import room_figures
    from cur_desktop.cache import Cache
    from cur_desktop.cache.queries.status import last_sync as read_last_sync
    from ui.app import create_application
    from ui.wall.app import load_context
    from ui.wall.layout import WallSettings
    from ui.wall.rotation import Rotator, Slot
    from ui.wall.status_strip import freshness
    from ui.wall.window import WallWindow
    from widgets.wall.page import apply_wall_theme
    from widgets.wall.pages import PAGE_KEYS, create_page

    key = page or PAGE_KEYS[0]
    if key not in PAGE_KEYS:
        raise WallScreenshotError(f"unknown wall page {key!r} (known: {', '.join(PAGE_KEYS)})")
    create_application(["cur-desktop"])
    moment = now or system_clock()
    context = load_context(pack)
    cache = Cache.open(cache_path)
    try:
        frame = load_wall_frame(cache, now=moment, ticker_size=context.ticker_size)
        # the room figures too (open conflicts, disinformation cases), as the running wall
        # shows them from its second computation on
        room = room_figures(cache.engine, moment)
        data = compute_wall_data(frame, context=context, now=moment, room=room)
        last_sync = read_last_sync(cache)
    finally:
        cache.close()
    if last_sync is None and data.data_as_of is not None:
        last_sync = data.data_as_of.timestamp()
    out = Path(out_png)
    out.parent.mkdir(parents=True, exist_ok=True)
    window = WallWindow("screenshot", windowed=True, hide_cursor=False)
    try:
        from PySide6.QtCore import QTimeZone

        width, height = size
        window.resize(width, height)
        window.strip.set_screen_height(height)
        window.strip.set_time_zone(QTimeZone(context.time_zone.key.encode()))
        settings = WallSettings()
        rotator = Rotator(window, settings)
        rotator.label = context.region_name
        widget = create_page(key, context)
        apply_wall_theme(widget, height)
        rotator.set_slots([Slot("screenshot", key, settings.page_seconds, widget)])
        rotator.set_data(data, 1)
        state = freshness(
            last_sync, moment.timestamp(), settings.stale_after_minutes * 60, expect_sync=False
        )
        window.strip.show_freshness(state, last_sync, moment.timestamp())
        window.show()
        rotator.start()
        rotator.stop()
        _settle()
        if not window.grab().save(str(out)):
            raise WallScreenshotError(f"could not write {out}")
    finally:
        window.allow_close()
        window.close()
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    log.info("wall screenshot of page %s written to %s", key, out)
    return out


def _settle() -> None:
    """Let layouts, pyqtgraph's deferred geometry updates and pending paints run."""
    from PySide6.QtCore import QCoreApplication, QEventLoop

    for _ in range(12):
        QCoreApplication.sendPostedEvents()
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        time.sleep(0.02)
