"""Every text on every wall page is readable at six metres, at 1920×1080 and 3840×2160.

A situation room reads the wall from about six metres: capitals of at least 1/45 of
the screen height (24 px on a 1080-line screen; ``theme.READABLE_CAP``). Each page is
built over a generated demo cache of the built-in region, shown in a real
:class:`~ui.wall.window.WallWindow` of each size (status strip included) with the
figures of one computation, and every text item is walked: labels, the ticker, and
in the charts the text items and the axes' tick labels. A text below the size
fails, and so does a name cut short (a one-line label whose text does not fit ends
in "…": names are written in full, or wrapped).

``NOT_FOR_THE_ROOM`` lists the few texts not meant to be read from afar, each with
its reason.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QTimeZone
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QGraphicsSimpleTextItem,
    QGraphicsTextItem,
    QGraphicsView,
    QLabel,
    QWidget,
)

from cur_desktop.analytics import WallData, compute_wall_data, load_wall_frame
from cur_desktop.cache import Cache
from tests.support.caches import generated_cache
from widgets.wall import theme
from widgets.wall.pages import PAGE_KEYS, create_page

NOW = datetime(2026, 11, 20, 11, 0, tzinfo=UTC)
SIZES = [(1920, 1080), (3840, 2160)]

#: Texts not meant to be read from across the room (object names).
NOT_FOR_THE_ROOM = {
    # the map's credits (OpenStreetMap, Rosstat): required by the licences, read close up
    "wall-map-attribution",
}
#: Texts cut to one line on purpose (object names): an appeal's own words in the feed,
#: whose whole text is the console's; the names around it are whole.
CUT_ON_PURPOSE = {"wall-appeal-text"}


@pytest.fixture(scope="module")
def wall(tmp_path_factory: pytest.TempPathFactory, qapp: Any) -> tuple[Any, WallData]:
    from ui.wall.app import load_context

    path: Path = generated_cache(tmp_path_factory, "wall-readable", 2500, 11, NOW)
    context = load_context(None)
    with Cache.open(path) as cache:
        frame = load_wall_frame(cache, now=NOW, ticker_size=context.ticker_size)
        data = compute_wall_data(frame, context=context, now=NOW)
    return context, data


def _settle() -> None:
    for _ in range(6):
        QCoreApplication.sendPostedEvents()
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 10)


def _name(obj: Any) -> str:
    names = []
    while obj is not None and isinstance(obj, QWidget):
        if obj.objectName():
            names.append(obj.objectName())
        obj = obj.parentWidget()
    return "/".join(reversed(names[:2])) or "?"


def texts(root: QWidget) -> Iterator[tuple[str, str, QFont, bool]]:
    """(where, text, font, cut) of every visible text under ``root``."""
    from widgets.wall.feed_page import Ticker

    for label in root.findChildren(QLabel):
        text = label.text().strip()
        if not text or not label.isVisibleTo(root) or label.objectName() in NOT_FOR_THE_ROOM:
            continue
        fm = QFontMetrics(label.font())
        one_line = not label.wordWrap() and "\n" not in text and not text.startswith("<")
        one_line = one_line and label.objectName() not in CUT_ON_PURPOSE
        cut = one_line and fm.horizontalAdvance(text) > label.contentsRect().width() + 1
        yield _name(label), text, label.font(), cut
    for ticker in root.findChildren(Ticker):
        if ticker.isVisibleTo(root) and ticker.text:
            yield "ticker", ticker.text[:40], ticker.font(), False
    import pyqtgraph as pg

    for view in root.findChildren(QGraphicsView):
        if not view.isVisibleTo(root) or view.scene() is None:
            continue
        for item in view.scene().items():
            if not item.isVisible():
                continue
            if isinstance(item, QGraphicsTextItem | QGraphicsSimpleTextItem):
                text = (
                    item.toPlainText() if isinstance(item, QGraphicsTextItem) else item.text()
                ).strip()
                if text:
                    yield f"{_name(view)}: chart text", text, item.font(), False
            elif (
                isinstance(item, pg.AxisItem)
                and item.style.get("showValues", True)
                and item.width() > 1
                and item.height() > 1
            ):
                font = item.style.get("tickFont") or item.font()
                yield f"{_name(view)}: axis {item.orientation}", "ticks", font, False


def _coalesced_alarm(context: Any, data: WallData) -> tuple[Any, int]:
    """Three surge alarms coalesced into one banner, the newest with its figures."""
    from cur_desktop.analytics import Alarm

    code = context.municipality_codes()[0]
    return Alarm(
        "surge",
        "map",
        f"surge:municipality:{code}",
        "",
        NOW,
        target=code,
        value=8,
        baseline=1.6,
        span_hours=3,
    ), 3


@pytest.mark.parametrize("alarm", [False, True], ids=["plain", "alarm"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("key", PAGE_KEYS)
def test_every_text_is_readable_from_six_metres(
    wall: tuple[Any, WallData], key: str, size: tuple[int, int], alarm: bool
) -> None:
    from ui.wall.layout import WallSettings
    from ui.wall.rotation import Rotator, Slot
    from ui.wall.window import WallWindow
    from widgets.wall.page import apply_wall_theme

    context, data = wall
    width, height = size
    window = WallWindow("readable", windowed=True, hide_cursor=False)
    try:
        window.resize(width, height)
        window.strip.set_screen_height(height)
        window.strip.set_time_zone(QTimeZone(context.time_zone.key.encode()))
        rotator = Rotator(window, WallSettings())
        rotator.label = context.region_name
        page = create_page(key, context)
        apply_wall_theme(page, height)
        rotator.set_slots([Slot("readable", key, 30.0, page)])
        rotator.set_data(data, 1)
        window.show()
        rotator.start()
        rotator.stop()
        if alarm:  # the banner and the strip's band are read from afar too
            from ui.wall.shell import alarm_label

            raised, count = _coalesced_alarm(context, data)
            page.mark_alarm(raised, count)
            window.strip.show_alarm(alarm_label(raised.kind))
        _settle()
        least = height * theme.READABLE_CAP
        small = []
        cut = []
        seen = 0
        # the page on screen and the strip (the pages covered by it are not seen)
        shown = [*texts(window.stack.currentWidget()), *texts(window.strip)]
        for where, text, font, was_cut in shown:
            seen += 1
            cap = QFontMetrics(font).capHeight()
            if cap < least - 0.5:
                small.append(f"{where} «{text[:40]}»: capitals {cap} px < {least:.0f}")
            if was_cut:
                cut.append(f"{where} «{text}»")
        assert seen > 3, "no text found: the walk is broken"
        if alarm:
            banners = [text for _, text, _, _ in shown if text.startswith("Сигналов: 3")]
            assert banners, "the coalesced banner was not walked"
        assert not small, "\n".join(small)
        assert not cut, "cut with an ellipsis:\n" + "\n".join(cut)
    finally:
        window.allow_close()
        window.close()
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
