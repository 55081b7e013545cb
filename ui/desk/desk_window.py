"""The head's desk: figures for a period by region, theme block, municipality, body, channel.

A window of its own beside the console (View → «Аналитика», Ctrl+Shift+A). The
period picker chooses the period; the figures are computed off the GUI thread
(:func:`cur_desktop.desk.compute_desk` in a :class:`~ui.tasks.TaskRunner` job, the
newest period wins); the tables sort by any column; Enter or a double click on a figure
opens the appeals behind it in the console's queue (:attr:`DeskWindow.open_appeals`).
The reports («Отчёт…») are written by a job too. Everything here reads: nobody
changes an appeal from the desk. GUI thread only.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cur_desktop.desk import Desk, Period, compute_desk
from cur_desktop.desk.drill import drill_query
from ui.tasks import TaskRunner
from widgets.desk.charts import GroupsChart
from widgets.desk.figures_model import (
    GROUP_COLUMNS,
    SORT_ROLE,
    GroupsModel,
    TotalsModel,
    drill_title,
    figure_title,
)
from widgets.desk.period_picker import PeriodPicker

if TYPE_CHECKING:
    from PySide6.QtCore import QModelIndex

    from cur_desktop.analytics.wall_context import WallContext
    from cur_desktop.cache import Cache
    from cur_desktop.desk import Methodology

log = logging.getLogger(__name__)

DIMENSIONS = ("block", "theme", "municipality", "body", "channel")


def _table(model: object, parent: QWidget) -> tuple[QTableView, QSortFilterProxyModel]:
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)  # type: ignore[arg-type]
    proxy.setSortRole(SORT_ROLE)
    view = QTableView()
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the model's own order until clicked
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.setAlternatingRowColors(True)
    return view, proxy


class DeskWindow(QWidget):
    """The desk over one cache; ``clock`` gives "now" (the console's)."""

    open_appeals = Signal(object, str)  # (QueueQuery, title): the console shows it
    computed = Signal()  # a period's figures are shown (tests wait on it)

    def __init__(
        self,
        cache: Cache,
        context: WallContext,
        clock: Callable[[], datetime],
        methodology: Methodology,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(self.tr("Analytics — the head's desk"))
        self._cache = cache
        self._context = context
        self._clock = clock
        self._methodology = methodology
        self.desk: Desk | None = None
        self.runner = TaskRunner(self, name="desk")
        self.last_seconds = 0.0
        today = clock().astimezone(context.time_zone).date()
        self.picker = PeriodPicker(today)
        self.dimension = QComboBox()
        for key, text in (
            ("block", self.tr("Theme blocks")),
            ("theme", self.tr("Themes")),
            ("municipality", self.tr("Municipalities")),
            ("body", self.tr("Bodies")),
            ("channel", self.tr("Channels")),
        ):
            self.dimension.addItem(text, key)
        self.chart_figure = QComboBox()
        for key in GROUP_COLUMNS:
            self.chart_figure.addItem(figure_title(key), key)
        self.report_kind = QComboBox()
        for key, text in (
            ("monthly", self.tr("Monthly report")),
            ("quarterly", self.tr("Quarterly report")),
            ("weekly", self.tr("Weekly bulletin")),
        ):
            self.report_kind.addItem(text, key)
        self.report_button = QPushButton(self.tr("Export…"))
        self.status = QLabel()
        self.totals = TotalsModel(self)
        self.groups = GroupsModel(self)
        self.totals_view, self.totals_proxy = _table(self.totals, self)
        self.groups_view, self.groups_proxy = _table(self.groups, self)
        self.chart = GroupsChart()
        self.forecasts = QTableWidget(0, 5)
        self.forecasts.setHorizontalHeaderLabels(
            [
                self.tr("What"),
                self.tr("Forecast"),
                self.tr("80 % interval"),
                "MASE",
                self.tr("Reliability"),
            ]
        )
        self.forecasts.verticalHeader().hide()
        self.forecasts.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.forecasts.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )

        top = QHBoxLayout()
        top.addWidget(self.picker, stretch=1)
        top.addWidget(QLabel(self.tr("By:")))
        top.addWidget(self.dimension)
        top.addSpacing(16)
        top.addWidget(self.report_kind)
        top.addWidget(self.report_button)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.groups_view)
        chart_box = QWidget()
        chart_column = QVBoxLayout(chart_box)
        chart_column.setContentsMargins(0, 0, 0, 0)
        chart_column.addWidget(self.chart_figure)
        chart_column.addWidget(self.chart, stretch=1)
        right.addWidget(chart_box)
        body = QSplitter(Qt.Orientation.Horizontal)
        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(self.totals_view)
        forecast_box = QWidget()
        forecast_column = QVBoxLayout(forecast_box)
        forecast_column.setContentsMargins(0, 0, 0, 0)
        forecast_column.addWidget(QLabel(self.tr("Forecast: the 7 days after the period")))
        forecast_column.addWidget(self.forecasts, stretch=1)
        left.addWidget(forecast_box)
        left.setSizes([560, 240])
        body.addWidget(left)
        body.addWidget(right)
        body.setSizes([520, 1000])
        column = QVBoxLayout(self)
        column.addLayout(top)
        column.addWidget(body, stretch=1)
        column.addWidget(self.status)
        self.resize(1560, 900)

        self.picker.period_changed.connect(lambda _label: self.refresh())
        self.dimension.currentIndexChanged.connect(lambda _i: self._show_groups())
        self.chart_figure.currentIndexChanged.connect(lambda _i: self._show_chart())
        # Enter or a double click on a figure: its appeals in the queue
        self.totals_view.activated.connect(self._totals_activated)
        self.groups_view.activated.connect(self._groups_activated)
        self.report_button.clicked.connect(self._ask_report)
        self.refresh()

    # -- reading -----------------------------------------------------------------------

    def refresh(self) -> None:
        """Compute the picked period's figures off the GUI thread."""
        period = self.picker.period()
        cache, context, now, method = self._cache, self._context, self._clock(), self._methodology
        self.status.setText(self.tr("Computing %1…").replace("%1", period.label))
        started = time.monotonic()

        def job() -> Desk:
            return compute_desk(cache, period, context, now, method)

        def done(desk: object) -> None:
            self.last_seconds = time.monotonic() - started
            self._show(desk)  # type: ignore[arg-type]

        self.runner.submit("desk", job, done, self._failed)

        def forecast_job() -> object:
            from cur_desktop.reports.content import forecast_lines

            return forecast_lines(cache, period, context)

        self.runner.submit("forecast", forecast_job, self._show_forecasts, self._failed)

    def _show_forecasts(self, lines: object) -> None:
        from cur_desktop.reports.content import ForecastLine

        rows = [line for line in lines if isinstance(line, ForecastLine)]  # type: ignore[attr-defined]
        reliability = {
            "good": self.tr("reliable: clearly better than last week repeated"),
            "fair": self.tr("fairly reliable: a little better than last week repeated"),
            "poor": self.tr("unreliable: no better than last week repeated"),
            "unknown": self.tr("not rated: too short a history"),
        }
        self.forecasts.setRowCount(len(rows))
        for i, f in enumerate(rows):
            name = self.tr("The region") if f.name == "Весь регион" else f.name
            cells = (
                name,
                f"{f.next_week:,.0f}".replace(",", "\u00a0"),
                "—"
                if f.reliability == "unknown"
                else f"{f.low:,.0f}–{f.high:,.0f}".replace(",", "\u00a0"),
                "—" if f.mase is None else f"{f.mase:.2f}",
                reliability[f.reliability],
            )
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if j in (1, 2, 3):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.forecasts.setItem(i, j, item)

    def _failed(self, error: BaseException) -> None:
        log.error("the desk could not compute its figures", exc_info=error)
        self.status.setText(
            self.tr("The figures could not be computed: %1").replace("%1", str(error))
        )

    def _show(self, desk: Desk) -> None:
        self.desk = desk
        self.totals.set_desk(desk)
        self._show_groups()
        p = desk.current.period
        self.status.setText(
            self.tr("%1: %2 – %3, compared with %4 and %5 (%6 s)")
            .replace("%1", p.label)
            .replace("%2", f"{p.first:%d.%m.%Y}")
            .replace("%3", f"{p.last:%d.%m.%Y}")
            .replace("%4", desk.previous.period.label)
            .replace("%5", desk.year_ago.period.label)
            .replace("%6", f"{self.last_seconds:.2f}")
        )
        self.computed.emit()

    def names(self, dimension: str) -> dict[str, str]:
        d = self._context.dictionaries
        if dimension == "theme":
            return {t.code: t.name for t in d.themes}
        if dimension == "municipality":
            return {m.oktmo: m.display_name for m in d.municipalities}
        if dimension == "body":
            return {b.code: b.short_name or b.name for b in d.bodies}
        if dimension == "channel":
            return {c.code: c.name for c in d.channels}
        return {}

    def current_dimension(self) -> str:
        return str(self.dimension.currentData())

    def _show_groups(self) -> None:
        dimension = self.current_dimension()
        self.groups.set_desk(self.desk, dimension, self.names(dimension))
        self.groups_view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self._show_chart()

    def _show_chart(self) -> None:
        if self.desk is None:
            return
        key = str(self.chart_figure.currentData())
        dim = self.current_dimension()
        groups = self.groups.groups
        current = [self.desk.current.value(key, dim, g) or 0.0 for g in groups]
        previous = [self.desk.previous.value(key, dim, g) or 0.0 for g in groups]
        names = [self.groups.group_name(g) for g in groups]
        self.chart.show_values(figure_title(key), names, current, previous)

    # -- drilling down -----------------------------------------------------------------

    def open_figure(self, figure: str, dimension: str = "region", group: str = "*") -> list[int]:
        """Show the appeals behind a figure in the console's queue; their ids."""
        if self.desk is None:
            return []
        ids = self.desk.appeal_ids(figure, dimension, group)
        name = "" if dimension == "region" else f" — {self.groups.group_name(group)}"
        title = f"{drill_title(figure)}{name}, {self.desk.current.period.label}"
        self.open_appeals.emit(drill_query(ids), title)
        return ids

    def _totals_activated(self, index: QModelIndex) -> None:
        key = self.totals.cell_figure(self.totals_proxy.mapToSource(index))
        if key is not None:
            self.open_figure(key)

    def _groups_activated(self, index: QModelIndex) -> None:
        cell = self.groups.cell_figure(self.groups_proxy.mapToSource(index))
        if cell is not None:
            self.open_figure(cell[0], self.current_dimension(), cell[1])

    # -- reports -----------------------------------------------------------------------

    def report_period(self, kind: str) -> Period:
        """The report's period: the picked one's month, quarter or week."""
        from cur_desktop.reports import REPORT_KINDS

        return Period.containing(REPORT_KINDS[kind], self.picker.period().first)

    def _ask_report(self) -> None:
        kind = str(self.report_kind.currentData())
        period = self.report_period(kind)
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the report"),
            f"{kind}-{period.label}.pdf",
            self.tr("PDF (*.pdf);;Excel (*.xlsx)"),
        )
        if path:
            self.export_report(kind, Path(path))

    def export_report(
        self, kind: str, path: Path, on_done: Callable[[Path], None] | None = None
    ) -> None:
        """Write the report of ``kind`` for the picked period to ``path`` (a job)."""
        from cur_desktop.reports import build_content, write_report

        period = self.report_period(kind)
        cache, context, now, method = self._cache, self._context, self._clock(), self._methodology
        self.status.setText(self.tr("Writing %1…").replace("%1", path.name))

        def job() -> Path:
            write_report(build_content(cache, kind, period, context, now, method), path)
            return path

        def done(result: object) -> None:
            self.status.setText(self.tr("Saved %1").replace("%1", str(result)))
            if on_done is not None:
                on_done(path)

        self.runner.submit("report", job, done, self._failed)

    def closeEvent(self, event: object) -> None:  # noqa: N802
        self.runner.shutdown()
        super().closeEvent(event)  # type: ignore[arg-type]
