"""Trends: incoming appeals by hour and by day against last week, with a forecast band.

Two pyqtgraph plots. Today's hours and the last fortnight's days are bars (a
1-pixel line is invisible from across the room); last week is a line with dots;
the forecast for the coming days is a line in its band (10th–90th percentile of
the same weekday in past weeks), drawn with a fill between two curves. Every item
is created once and refreshed with ``setOpts``/``setData``; ranges are fixed per
refresh (no auto-range), pens are 1 pixel, antialiasing off (PERFORMANCE.md).
The forecast method is written under the chart: the room should know it is a
seasonal-naive estimate, not a model. Each legend row starts with what the vertical
axis below it counts (appeals per hour, per day). GUI thread only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from widgets.wall import theme
from widgets.wall.names import weekday
from widgets.wall.page import WallPage, make_label

if TYPE_CHECKING:
    from cur_desktop.analytics import WallContext, WallData


def _pen(colour: str) -> Any:
    import pyqtgraph as pg

    pen = pg.mkPen(QColor(colour), width=1)
    pen.setCosmetic(True)
    return pen


def _plot(parent: QWidget) -> Any:
    import pyqtgraph as pg

    widget = pg.PlotWidget(parent, background=theme.BACKGROUND)
    item = widget.getPlotItem()
    item.hideButtons()
    item.setMenuEnabled(False)
    item.setMouseEnabled(x=False, y=False)
    item.disableAutoRange()
    item.showGrid(x=False, y=True, alpha=0.25)
    for name in ("left", "bottom"):
        axis = item.getAxis(name)
        axis.setPen(_pen(theme.GRID))
        axis.setTextPen(_pen(theme.MUTED))
    return widget


class TrendsPage(WallPage):
    key = "trends"

    def __init__(self, context: WallContext, parent: QWidget | None = None) -> None:
        import pyqtgraph as pg

        super().__init__(context, parent)
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(0, 0, 0, 0)
        self._layout = layout

        self.hour_title = make_label(
            self.body,
            QCoreApplication.translate("TrendsPage", "By hour: today and the same day a week ago"),
        )
        # what the vertical axis counts, first in the legend row above it
        self.hour_unit = QCoreApplication.translate("TrendsPage", "Appeals per hour:")
        self.hour_legend = self._legend(
            (theme.MUTED, self.hour_unit),
            (theme.ACCENT, "■ " + QCoreApplication.translate("TrendsPage", "today")),
            (theme.LAST_WEEK, "●— " + QCoreApplication.translate("TrendsPage", "a week ago")),
        )
        self.hour_plot = _plot(self.body)
        self.hour_bars = pg.BarGraphItem(
            x=list(range(24)), height=[0] * 24, width=0.7, brush=QColor(theme.ACCENT), pen=None
        )
        self.hour_last = pg.PlotDataItem(
            [],
            [],
            pen=_pen(theme.LAST_WEEK),
            symbol="o",
            symbolPen=None,
            symbolBrush=QColor(theme.LAST_WEEK),
            antialias=False,
        )
        self.hour_plot.addItem(self.hour_bars)
        self.hour_plot.addItem(self.hour_last)
        self.hour_plot.getAxis("bottom").setTicks([[(h, f"{h:02d}") for h in range(0, 24, 2)], []])
        # What the axes last got: setRange/setTicks re-lay out and repaint an axis even when
        # nothing changed, so a refresh that keeps them (most do) leaves them alone.
        self._hour_top = -1.0
        self._day_view: tuple[object, ...] = ()

        self.day_title = make_label(
            self.body,
            QCoreApplication.translate(
                "TrendsPage", "By day: the last two weeks and a forecast for the next week"
            ),
        )
        self.day_unit = QCoreApplication.translate("TrendsPage", "Appeals per day:")
        self.day_legend = self._legend(
            (theme.MUTED, self.day_unit),
            (theme.ACCENT, "■ " + QCoreApplication.translate("TrendsPage", "received")),
            (
                theme.LAST_WEEK,
                "●— " + QCoreApplication.translate("TrendsPage", "seven days earlier"),
            ),
            (
                theme.FORECAST,
                "▬ " + QCoreApplication.translate("TrendsPage", "forecast and its band"),
            ),
        )
        self.day_plot = _plot(self.body)
        self.day_bars = pg.BarGraphItem(
            x=[0], height=[0], width=0.7, brush=QColor(theme.ACCENT), pen=None
        )
        self.day_last = pg.PlotDataItem(
            [],
            [],
            pen=_pen(theme.LAST_WEEK),
            symbol="o",
            symbolPen=None,
            symbolBrush=QColor(theme.LAST_WEEK),
            antialias=False,
        )
        self.band_low = pg.PlotCurveItem([], [], pen=_pen(theme.FORECAST))
        self.band_high = pg.PlotCurveItem([], [], pen=_pen(theme.FORECAST))
        band = QColor(theme.FORECAST)
        band.setAlpha(70)
        self.band = pg.FillBetweenItem(self.band_low, self.band_high, brush=band)
        self.forecast = pg.PlotDataItem(
            [],
            [],
            pen=_pen(theme.FORECAST),
            symbol="s",
            symbolPen=None,
            symbolBrush=QColor(theme.FORECAST),
            antialias=False,
        )
        for item in (self.day_bars, self.band, self.band_low, self.band_high):
            self.day_plot.addItem(item)
        self.day_plot.addItem(self.day_last)
        self.day_plot.addItem(self.forecast)
        self.method = make_label(
            self.body,
            QCoreApplication.translate(
                "TrendsPage",
                "Forecast: for each coming day, the median of the same weekday over the "
                "last four weeks; the band spans their 10th to 90th percentile.",
            ),
            colour=theme.MUTED,
        )
        self.method.setWordWrap(True)

        layout.addWidget(self.hour_title)
        layout.addLayout(self.hour_legend[0])
        layout.addWidget(self.hour_plot, 2)
        layout.addWidget(self.day_title)
        layout.addLayout(self.day_legend[0])
        layout.addWidget(self.day_plot, 3)
        layout.addWidget(self.method)

    def _legend(self, *entries: tuple[str, str]) -> tuple[QHBoxLayout, list[Any]]:
        row = QHBoxLayout()
        labels = []
        for colour, text in entries:
            label = make_label(self.body, text, colour=colour)
            row.addWidget(label)
            labels.append(label)
        row.addStretch(1)
        return row, labels

    def title(self) -> str:
        return QCoreApplication.translate("TrendsPage", "Incoming appeals")

    def _refresh(self, data: WallData) -> None:
        tr = data.trends
        hours = list(tr.hours)
        self.hour_bars.setOpts(x=hours, height=list(tr.today_by_hour))
        self.hour_last.setData(hours, list(tr.last_week_by_hour))
        top = float(max([*tr.today_by_hour, *tr.last_week_by_hour, 1]))
        if top != self._hour_top:
            self._hour_top = top
            self.hour_plot.setRange(xRange=(-0.7, 23.7), yRange=(0, top * 1.12), padding=0)

        n = len(tr.days)
        xs = list(range(-(n - 1), 1))
        fx = list(range(1, len(tr.forecast_days) + 1))
        self.day_bars.setOpts(x=xs, height=list(tr.by_day))
        self.day_last.setData(xs, list(tr.last_week_by_day))
        self.band_low.setData(fx, list(tr.forecast_low))
        self.band_high.setData(fx, list(tr.forecast_high))
        self.forecast.setData(fx, list(tr.forecast))
        day_top = float(max([*tr.by_day, *tr.last_week_by_day, *tr.forecast_high, 1]))
        zone = self.context.time_zone
        ticks = []
        for x, day in zip([*xs, *fx], [*tr.days, *tr.forecast_days], strict=True):
            local = day.astimezone(zone)
            ticks.append((x, f"{weekday(local.weekday())} {local.day}"))
        view = (day_top, *ticks)
        if view != self._day_view:
            self._day_view = view
            self.day_plot.setRange(
                xRange=(xs[0] - 0.7 if xs else -0.7, (fx[-1] if fx else 0) + 0.7),
                yRange=(0, day_top * 1.12),
                padding=0,
            )
            self.day_plot.getAxis("bottom").setTicks([ticks, []])
        now = data.computed_at.astimezone(zone)
        self.subtitle_label.setText(
            QCoreApplication.translate("TrendsPage", "as of %1").replace(
                "%1", now.strftime("%d.%m.%Y %H:%M")
            )
        )

    def _apply_metrics(self, metrics: theme.WallMetrics) -> None:
        self._layout.setSpacing(metrics.gap // 2)
        for label in (self.hour_title, self.day_title):
            label.setFont(metrics.font(metrics.heading, bold=True))
        for label in (*self.hour_legend[1], *self.day_legend[1]):
            label.setFont(metrics.font(metrics.text))
        self.method.setFont(metrics.font(metrics.small))
        tick_font = metrics.font(metrics.small, narrow=True)
        for plot in (self.hour_plot, self.day_plot):
            for name in ("left", "bottom"):
                axis = plot.getAxis(name)
                axis.setStyle(tickFont=tick_font, tickTextOffset=metrics.gap // 2)
            plot.getAxis("left").setWidth(metrics.px(0.06))
            plot.getAxis("bottom").setHeight(metrics.px(0.045))
        size = metrics.px(0.012)
        for item in (self.hour_last, self.day_last, self.forecast):
            item.setSymbolSize(size)
