"""Deadline risk: appeals about to become overdue, by body, and the most urgent ones.

Left: one horizontal stacked bar per body (the ten with the most appeals close to
their deadline): up to 4 hours left, up to a day, up to three days, in the norm's
own kind of time (working hours for working-time norms), with the number already
overdue written after the bar. Right: the most urgent appeals themselves, by
number, category and municipality (no text, no author). The three bar items and
every label are created once; a refresh calls ``setOpts``/``setText``. Fixed
ranges, 1-pixel pens. GUI thread only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from cur_desktop.domain.numbers import display_number
from widgets.wall import theme
from widgets.wall.page import WallPage, make_label, set_colour

if TYPE_CHECKING:
    from cur_desktop.analytics import Alarm, WallContext, WallData

BODY_ROWS = 10
ITEM_ROWS = 6  # fewer, in type read from six metres
SEGMENTS = (("within_4h", theme.BAD), ("within_day", theme.WARN), ("within_3days", theme.ACCENT))


class RiskPage(WallPage):
    key = "risk"

    def __init__(self, context: WallContext, parent: QWidget | None = None) -> None:
        import pyqtgraph as pg

        super().__init__(context, parent)
        layout = QHBoxLayout(self.body)
        layout.setContentsMargins(0, 0, 0, 0)
        self._layout = layout

        left = QWidget(self.body)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self._left_layout = left_layout
        legend = QHBoxLayout()
        self.legend = [
            make_label(left, "■ " + text, colour=colour)
            for text, colour in (
                (QCoreApplication.translate("RiskPage", "up to 4 h left"), theme.BAD),
                (QCoreApplication.translate("RiskPage", "up to a day"), theme.WARN),
                (QCoreApplication.translate("RiskPage", "up to 3 days"), theme.ACCENT),
                (QCoreApplication.translate("RiskPage", "(N): already overdue"), theme.MUTED),
            )
        ]
        for label in self.legend:
            legend.addWidget(label)
        legend.addStretch(1)
        left_layout.addLayout(legend)
        self.plot = pg.PlotWidget(left, background=theme.BACKGROUND)
        item = self.plot.getPlotItem()
        item.hideButtons()
        item.setMenuEnabled(False)
        item.setMouseEnabled(x=False, y=False)
        item.disableAutoRange()
        item.hideAxis("bottom")
        item.getViewBox().invertY(b=True)
        axis = item.getAxis("left")
        pen = pg.mkPen(QColor(theme.GRID), width=1)
        axis.setPen(pen)
        axis.setTextPen(pg.mkPen(QColor(theme.TEXT), width=1))
        self.bars = []
        for _, colour in SEGMENTS:
            bar = pg.BarGraphItem(
                x0=[0] * BODY_ROWS,
                width=[0] * BODY_ROWS,
                y=list(range(BODY_ROWS)),
                height=0.66,
                brush=QColor(colour),
                pen=None,
            )
            self.plot.addItem(bar)
            self.bars.append(bar)
        self.totals = []
        for i in range(BODY_ROWS):
            text = pg.TextItem("", color=theme.TEXT, anchor=(0.0, 0.5))
            text.setPos(0, i)
            self.plot.addItem(text)
            self.totals.append(text)
        left_layout.addWidget(self.plot, 1)
        layout.addWidget(left, 3)

        right = QWidget(self.body)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        self.items_title = make_label(
            right, QCoreApplication.translate("RiskPage", "Closest to the deadline")
        )
        right_layout.addWidget(self.items_title)
        grid = QGridLayout()
        self._grid = grid
        self.items: list[tuple[QLabel, QLabel, QLabel]] = []
        for i in range(ITEM_ROWS):
            what = make_label(right)
            what.setWordWrap(True)  # a long category takes two lines, never an ellipsis
            left_time = make_label(
                right, align=Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            )
            where = make_label(right, colour=theme.MUTED)
            where.setWordWrap(True)
            grid.addWidget(what, 2 * i, 0)
            grid.addWidget(left_time, 2 * i, 1)
            grid.addWidget(where, 2 * i + 1, 0, 1, 2)
            self.items.append((what, left_time, where))
        grid.setColumnStretch(0, 1)
        right_layout.addLayout(grid)
        right_layout.addStretch(1)
        layout.addWidget(right, 2)
        self._codes: list[str] = []

    def title(self) -> str:
        return QCoreApplication.translate("RiskPage", "Deadline risk")

    def _refresh(self, data: WallData) -> None:
        rows = [r for r in data.risk_by_body if r.at_risk > 0][:BODY_ROWS]
        self._codes = [r.body for r in rows]
        names = self.names
        starts = [0.0] * BODY_ROWS
        for (field, _), bar in zip(SEGMENTS, self.bars, strict=True):
            widths = [float(getattr(r, field)) for r in rows] + [0.0] * (BODY_ROWS - len(rows))
            bar.setOpts(x0=list(starts), width=widths, y=list(range(BODY_ROWS)))
            starts = [s + w for s, w in zip(starts, widths, strict=True)]
        top = max([*starts, 1.0])
        for i, text in enumerate(self.totals):
            if i < len(rows):
                r = rows[i]
                label = names.count(r.at_risk)
                if r.overdue:
                    label += "  (" + names.count(r.overdue) + ")"
                text.setText(label)
                text.setPos(starts[i] + top * 0.01, i)
            else:
                text.setText("")
        self.plot.getAxis("left").setTicks(
            [[(i, names.body_short(r.body)) for i, r in enumerate(rows)], []]
        )
        self.plot.setRange(xRange=(0, top * 1.25), yRange=(-0.6, BODY_ROWS - 0.4), padding=0)

        for i, (what, left_time, where) in enumerate(self.items):
            if i >= len(data.risk_items):
                for w in (what, left_time, where):
                    w.setText("")
                continue
            item = data.risk_items[i]
            what.setText(f"№ {display_number(item.appeal_id)} · {names.category(item.category)}")
            left_time.setText(names.hours(item.remaining_hours, working=item.working_hours))
            set_colour(left_time, theme.BAD if item.remaining_hours <= 4 else theme.WARN)
            # the time left is working time for working-hour norms: «20 мин» at 19:30 may
            # mean tomorrow 09:20, so the deadline itself is said too
            where.setText(
                names.municipality(item.municipality)
                + " · "
                + QCoreApplication.translate("RiskPage", "due %1").replace(
                    "%1", names.when(item.due_at, self.context.time_zone)
                )
            )
        total = sum(r.at_risk for r in data.risk_by_body)
        overdue = sum(r.overdue for r in data.risk_by_body)
        self.subtitle_label.setText(
            QCoreApplication.translate("RiskPage", "at risk: %1; overdue: %2")
            .replace("%1", names.count(total))
            .replace("%2", names.count(overdue))
        )

    def _highlight(self, alarm: Alarm | None) -> None:
        marked = alarm is not None and alarm.kind == "overdue_spike"
        set_colour(self.subtitle_label, theme.BAD if marked else theme.MUTED)

    def _apply_metrics(self, metrics: theme.WallMetrics) -> None:
        self._layout.setSpacing(metrics.margin * 2)
        for label in self.legend:
            label.setFont(metrics.font(metrics.small))
        axis = self.plot.getAxis("left")
        axis.setStyle(tickFont=metrics.font(metrics.small, narrow=True))
        # wide enough for «Адм. г. Новомосковск»: pyqtgraph drops a name that overflows
        axis.setWidth(metrics.px(0.33))
        for text in self.totals:
            text.setFont(metrics.font(metrics.text, bold=True))
        self.items_title.setFont(metrics.font(metrics.heading, bold=True))
        self._grid.setVerticalSpacing(metrics.gap // 3)
        for what, left_time, where in self.items:
            what.setFont(metrics.font(metrics.text))
            left_time.setFont(metrics.font(metrics.text, bold=True))
            where.setFont(metrics.font(metrics.small))
