"""Live feed: the newest appeals as a list and a ticker, personal data masked.

The items arrive already masked from the analytics (:mod:`cur_desktop.analytics.ticker`:
no author, no phone or e-mail, no private address, and the text cut to one line);
this page only lays them out. The list shows the newest ``LIST_ROWS`` with time,
channel, municipality and category, high-importance ones marked in red; under it
a ticker line scrolls their texts continuously.

The ticker paints one pre-rendered line at a moving offset. Its QTimer runs only
while the page is visible (``showEvent``/``hideEvent``), so a page waiting in a
playlist costs nothing and a closed page leaves no timer behind. Steps are sized
from the elapsed time, so the speed holds even when a frame is late. GUI thread only.
"""

from __future__ import annotations

from time import monotonic
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from cur_desktop.domain.masking import shorten
from cur_desktop.domain.numbers import display_number
from widgets.labels import source_label
from widgets.wall import theme
from widgets.wall.page import ElidedLabel, WallPage, make_label, set_colour

if TYPE_CHECKING:
    from PySide6.QtGui import QHideEvent, QPaintEvent, QShowEvent

    from cur_desktop.analytics import Alarm, TickerItem, WallContext, WallData

LIST_ROWS = 6  # fewer, in type read from six metres
TICKER_ITEMS = 15
FRAME_MS = 16  # ~60 frames a second; the offset follows real time anyway
SPEED = 0.09  # screen heights per second
SEPARATOR = "   •   "
# A claim longer than this is cut at a word: the cases being checked take two lines.
CLAIM_CHARS = 60


class Ticker(QWidget):
    """A line of text moving right to left, forever."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("wall-ticker")
        self.text = ""
        self.offset = 0.0
        self.speed_px = 100.0
        self._last = monotonic()
        self.timer = QTimer(self)
        self.timer.setInterval(FRAME_MS)
        self.timer.timeout.connect(self._step)
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(self.backgroundRole(), QColor(theme.PANEL))
        self.setPalette(palette)

    def set_text(self, text: str) -> None:
        if text != self.text:
            self.text = text
            self.update()

    def start(self) -> None:
        self._last = monotonic()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def _step(self) -> None:
        now = monotonic()
        self.offset += (now - self._last) * self.speed_px
        self._last = now
        width = self.fontMetrics().horizontalAdvance(self.text + SEPARATOR)
        if width > 0:
            self.offset %= width
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        if not self.text:
            return
        painter = QPainter(self)
        try:
            painter.setPen(QColor(theme.TEXT))
            painter.setFont(self.font())
            line = self.text + SEPARATOR
            width = self.fontMetrics().horizontalAdvance(line)
            x = -self.offset
            while x < self.width():
                rect = QRectF(x, 0, width, self.height())
                painter.drawText(rect, int(Qt.AlignmentFlag.AlignVCenter), line)
                x += width
        finally:
            painter.end()


class FeedPage(WallPage):
    key = "feed"

    def __init__(self, context: WallContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(0, 0, 0, 0)
        self._layout = layout
        grid = QGridLayout()
        self._grid = grid
        self.rows: list[tuple[QLabel, QLabel, QLabel, QLabel]] = []
        for i in range(LIST_ROWS):
            time = make_label(self.body, colour=theme.MUTED)
            # names in full (wrapped when long); only the appeal's own words are cut to
            # one line, on purpose
            where = make_label(self.body, colour=theme.ACCENT)
            where.setWordWrap(True)
            what = make_label(self.body, colour=theme.MUTED)
            what.setWordWrap(True)
            text = ElidedLabel(self.body)
            text.setObjectName("wall-appeal-text")
            set_colour(text, theme.TEXT)
            grid.addWidget(time, 2 * i, 0)
            grid.addWidget(where, 2 * i, 1)
            grid.addWidget(what, 2 * i, 2)
            grid.addWidget(text, 2 * i + 1, 1, 1, 2)
            self.rows.append((time, where, what, text))
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(2, 3)
        layout.addLayout(grid)
        layout.addStretch(1)
        # the newest disinformation cases being checked (WallData.room, once a minute),
        # named by their claim with personal data masked: what the room must not repeat
        self.cases_box = make_label(self.body, colour=theme.WARN)
        self.cases_box.setObjectName("wall-feed-cases")
        self.cases_box.setWordWrap(True)
        self.cases_box.hide()
        layout.addWidget(self.cases_box)
        self.ticker = Ticker(self.body)
        layout.addWidget(self.ticker)
        self._marked: str | None = None

    def title(self) -> str:
        return QCoreApplication.translate("FeedPage", "New appeals")

    def _refresh(self, data: WallData) -> None:
        zone = self.context.time_zone
        names = self.names
        for i, (time, where, what, text) in enumerate(self.rows):
            if i >= len(data.ticker):
                for w in (time, where, what, text):
                    w.setText("")
                continue
            item = data.ticker[i]
            local = item.created_at.astimezone(zone)
            time.setText(local.strftime("%H:%M"))
            where.setText(names.municipality(item.municipality))
            what.setText(self._what(item))
            text.setText(item.text)
            high = item.importance == "high" or self._marked == str(item.appeal_id)
            set_colour(time, theme.BAD if high else theme.MUTED)
            set_colour(text, theme.BAD if high else theme.TEXT)
        self.ticker.set_text(
            SEPARATOR.join(
                f"{names.municipality(item.municipality)}: {item.title or item.text}"
                for item in data.ticker[:TICKER_ITEMS]
            )
        )
        self.subtitle_label.setText(
            QCoreApplication.translate("FeedPage", "personal data hidden; newest first")
        )
        self._show_cases(data)

    def _show_cases(self, data: WallData) -> None:
        cases = data.room.cases if data.room is not None else ()
        claims = [
            QCoreApplication.translate("FeedPage", "«%1» (%2)")
            .replace("%1", shorten(case.claim, CLAIM_CHARS))
            .replace("%2", self.names.count(case.appeals))
            .replace(" ", "\u00a0")  # each claim whole on its line
            for case in cases
        ]
        if claims:
            heading = QCoreApplication.translate("FeedPage", "Being checked as disinformation:")
            self.cases_box.setText(heading + " " + "   ·   ".join(claims))
        self.cases_box.setVisible(bool(claims))

    def _what(self, item: TickerItem) -> str:
        # the number the console shows and the search finds (and the alarm banner names)
        parts = [f"№\u00a0{display_number(item.appeal_id)}", source_label(item.source)]
        if item.category:
            parts.append(self.names.category(item.category))
        elif item.theme:
            parts.append(self.names.theme(item.theme))
        if item.importance == "high":
            parts.append(QCoreApplication.translate("FeedPage", "high importance"))
        return " · ".join(parts)

    def _highlight(self, alarm: Alarm | None) -> None:
        target = alarm.target if alarm is not None and alarm.kind == "high_importance" else None
        if target != self._marked:
            self._marked = target
            if self.data is not None:
                self._refresh(self.data)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        self.ticker.start()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 (Qt's name)
        self.ticker.stop()
        super().hideEvent(event)

    def _apply_metrics(self, metrics: theme.WallMetrics) -> None:
        self._grid.setHorizontalSpacing(metrics.margin)
        self._grid.setVerticalSpacing(metrics.gap // 3)
        for time, where, what, text in self.rows:
            time.setFont(metrics.font(metrics.text, bold=True))
            where.setFont(metrics.font(metrics.small, bold=True))
            what.setFont(metrics.font(metrics.small))
            text.setFont(metrics.font(metrics.text))
        self.cases_box.setFont(metrics.font(metrics.text, bold=True))
        self.ticker.setFont(metrics.font(metrics.heading))
        self.ticker.setFixedHeight(metrics.px(0.075))
        self.ticker.speed_px = SPEED * metrics.screen_height
