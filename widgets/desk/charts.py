"""The desk's charts (pyqtgraph): a figure across the groups, this period against the previous.

GUI thread only; pyqtgraph is imported when the chart is built (start-up time).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QVBoxLayout, QWidget

CURRENT = "#2F5D9E"
PREVIOUS = "#9DB7DA"
TOP = 12


class GroupsChart(QWidget):
    """Bars of one figure for the first groups: the period and, beside it, the previous one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        import pyqtgraph as pg

        self.plot = pg.PlotWidget(background="w")
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideButtons()
        self.plot.addLegend(offset=(-10, 10))
        self.bars: list[Any] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot)

    def show_values(
        self, title: str, names: list[str], current: list[float], previous: list[float]
    ) -> None:
        import pyqtgraph as pg

        names, current, previous = names[:TOP], current[:TOP], previous[:TOP]
        self.plot.clear()
        self.plot.setTitle(title, color="#1F2A37")
        xs = list(range(len(names)))
        now = pg.BarGraphItem(
            x=[x - 0.2 for x in xs],
            height=current,
            width=0.4,
            brush=CURRENT,
            name=self.tr("This period"),
        )
        before = pg.BarGraphItem(
            x=[x + 0.2 for x in xs],
            height=previous,
            width=0.4,
            brush=PREVIOUS,
            name=self.tr("Previous period"),
        )
        self.bars = [now, before]
        for bar in self.bars:
            self.plot.addItem(bar)
        axis = self.plot.getAxis("bottom")
        axis.setTicks(
            [[(x, n if len(n) <= 14 else n[:13] + "…") for x, n in zip(xs, names, strict=True)]]
        )
        self.plot.setXRange(-0.7, max(len(names) - 0.3, 0.3), padding=0)
