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
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cur_desktop.desk import Desk, Period, compute_desk
from cur_desktop.desk.categories import CategoryLine, category_lines
from cur_desktop.desk.drill import drill_query
from cur_desktop.desk.rights import DeskRights, desk_rights
from cur_desktop.domain.enums import Role
from ui.desk.problem_control import ProblemControlTab
from ui.tasks import TaskRunner
from widgets.desk.charts import GroupsChart
from widgets.desk.figures_model import (
    GROUP_COLUMNS,
    SORT_ROLE,
    GroupsModel,
    TotalsModel,
    decimal,
    drill_title,
    figure_title,
)
from widgets.desk.period_picker import PeriodPicker
from widgets.desk.ratings_model import RatingsModel

if TYPE_CHECKING:
    from PySide6.QtCore import QModelIndex

    from cur_desktop.analytics.wall_context import WallContext
    from cur_desktop.cache import Cache
    from cur_desktop.desk import Methodology

log = logging.getLogger(__name__)

DIMENSIONS = ("block", "theme", "municipality", "body", "channel")
CATEGORY_COLUMNS = (
    "block",
    "category",
    "received",
    "limit",
    "previous",
    "within_norm",
    "within_norm_target",
    "broken",
)


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
    ratings_shown = Signal()  # a rating is shown (tests wait on it)

    def __init__(
        self,
        cache: Cache,
        context: WallContext,
        clock: Callable[[], datetime],
        methodology: Methodology,
        parent: QWidget | None = None,
        *,
        rights: DeskRights | None = None,
        send_methodology: Callable[[dict[str, Any]], int] | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(self.tr("Analytics — the head's desk"))
        self._cache = cache
        self._context = context
        self._clock = clock
        self._methodology = methodology
        self.rights = rights or desk_rights(Role.CUR_HEAD)
        self._send_methodology = send_methodology
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
        self.methodology_button = QPushButton(self.tr("Load methodology…"))
        self.methodology_button.setToolTip(
            self.tr(
                "Load the region's rating methodology, targets and report sections "
                "(a JSON file); workstations and walls receive it with their sync"
            )
        )
        # operators read; reports are the heads', curators' and block heads'; the
        # methodology the head of the ЦУР's, and only with a service to send it to
        self.report_kind.setVisible(self.rights.may_report)
        self.report_button.setVisible(self.rights.may_report)
        self.methodology_button.setVisible(
            self.rights.may_load_methodology and send_methodology is not None
        )
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
        top.addWidget(self.methodology_button)
        figures_split = QSplitter(Qt.Orientation.Vertical)
        figures_split.addWidget(self.groups_view)
        chart_box = QWidget()
        chart_column = QVBoxLayout(chart_box)
        chart_column.setContentsMargins(0, 0, 0, 0)
        chart_column.addWidget(self.chart_figure)
        chart_column.addWidget(self.chart, stretch=1)
        figures_split.addWidget(chart_box)
        right = QTabWidget()
        right.addTab(figures_split, self.tr("Figures"))
        right.addTab(self._ratings_tab(), self.tr("Ratings"))
        right.addTab(self._categories_tab(), self.tr("Category targets"))
        # conflicts, disinformation, problems and measures now (issue 17, ui/desk/problem_control)
        self.problem_control = ProblemControlTab(cache, self.runner, clock, self.open_appeals.emit)
        right.addTab(self.problem_control, self.tr("Problem control"))
        self.tabs = right
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
        self.methodology_button.clicked.connect(self._ask_methodology)
        self.refresh()

    def _ratings_tab(self) -> QWidget:
        self.rating_subject = QComboBox()
        self.rating_subject.addItem(self.tr("Bodies"), "bodies")
        self.rating_subject.addItem(self.tr("Municipalities"), "municipalities")
        self.rating_cadence = QComboBox()
        self.rating_cadence.addItem(self.tr("Monthly"), "month")
        self.rating_cadence.addItem(self.tr("Weekly"), "week")
        self.rating_rule = QLabel()
        self.rating_rule.setWordWrap(True)
        self.ratings = RatingsModel(self)
        self.ratings_view, self.ratings_proxy = _table(self.ratings, self)
        self.ratings_view.horizontalHeader().setStretchLastSection(True)
        self.ratings_view.activated.connect(self._ratings_activated)
        self.rating_subject.currentIndexChanged.connect(lambda _i: self.refresh_ratings())
        self.rating_cadence.currentIndexChanged.connect(lambda _i: self.refresh_ratings())
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(self.rating_subject)
        row.addWidget(self.rating_cadence)
        row.addWidget(self.rating_rule, stretch=1)
        column.addLayout(row)
        column.addWidget(self.ratings_view, stretch=1)
        return box

    # -- categories against their targets ---------------------------------------------

    def _categories_tab(self) -> QWidget:
        self.category_lines: tuple[CategoryLine, ...] = ()
        self.category_rule = QLabel()
        self.category_rule.setWordWrap(True)
        self.categories = QTableWidget(0, len(CATEGORY_COLUMNS))
        self.categories.setHorizontalHeaderLabels(
            [
                self.tr("Theme block"),
                self.tr("Category"),
                self.tr("Received"),
                self.tr("At most"),
                self.tr("Previous period"),
                self.tr("Within the norm"),
                self.tr("Target"),
                self.tr("Target broken"),
            ]
        )
        self.categories.verticalHeader().hide()
        self.categories.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.categories.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.categories.setAlternatingRowColors(True)
        header = self.categories.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.categories.cellActivated.connect(self._category_activated)
        self.categories.cellDoubleClicked.connect(self._category_activated)
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.category_rule)
        column.addWidget(self.categories, stretch=1)
        return box

    def _show_categories(self, lines: tuple[CategoryLine, ...]) -> None:
        from PySide6.QtGui import QBrush, QColor

        self.category_lines = lines
        desk = self.desk
        self.categories.setRowCount(len(lines))
        red = QBrush(QColor("#f4c7c3"))
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter

        def count(value: float | None) -> str:
            return "—" if value is None else f"{value:,.0f}".replace(",", "\u00a0")

        def share(value: float | None) -> str:
            return "—" if value is None else f"{decimal(100 * value)}\u00a0%"

        def limit(value: float | None) -> str:  # a week's share of a month: one decimal
            if value is None or value == round(value):
                return count(value)
            return decimal(value)

        for i, x in enumerate(lines):
            why = []
            if x.over_limit:
                why.append(self.tr("more than %1").replace("%1", limit(x.limit)))
            if x.below_norm:
                why.append(
                    self.tr("within the norm below %1").replace("%1", share(x.within_norm_target))
                )
            cells = (
                x.block_name,
                x.name,
                count(x.received),
                limit(x.limit),
                count(x.received_previous),
                share(x.within_norm),
                share(x.within_norm_target),
                ("✗ " + "; ".join(why)) if why else "✓",
            )
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if 2 <= j <= 6:
                    item.setTextAlignment(right)
                if (j in (2, 3) and x.over_limit) or (j in (5, 6) and x.below_norm):
                    item.setBackground(red)
                if j == 7 and why:
                    item.setForeground(QBrush(QColor("#b3261e")))
                self.categories.setItem(i, j, item)
        broken = sum(1 for x in lines if x.broken)
        if not lines:
            self.category_rule.setText(
                self.tr(
                    "The region sets no category targets (they are set in the «Categories» "
                    "dock of the console: at most so many appeals a month, a share answered "
                    "within the norm)"
                )
            )
        elif desk is not None:
            self.category_rule.setText(
                self.tr(
                    "%1: %2 categories with targets, %3 broken. «At most»: the monthly "
                    "maximum for the period (a quarter: three months; a week or a day: by "
                    "its days over 30). Enter or a double click opens the appeals received "
                    "(or finished late, on the norm's columns)."
                )
                .replace("%1", desk.current.period.label)
                .replace("%2", str(len(lines)))
                .replace("%3", str(broken))
            )

    def open_category(self, row: int, target: str = "monthly_max") -> list[int]:
        """The appeals behind a category's figure in the console's queue; their ids."""
        from cur_desktop.desk.categories import appeal_ids

        if self.desk is None or not 0 <= row < len(self.category_lines):
            return []
        line = self.category_lines[row]
        ids = appeal_ids(self.desk, self._context.dictionaries, line.code, target)
        figure = "received" if target == "monthly_max" else "within_norm"
        title = f"{drill_title(figure)} — {line.name}, {self.desk.current.period.label}"
        self.open_appeals.emit(drill_query(ids), title)
        return ids

    def _category_activated(self, row: int, column: int) -> None:
        self.open_category(row, "within_norm" if column in (5, 6) else "monthly_max")

    # -- ratings -----------------------------------------------------------------------

    def refresh_ratings(self) -> None:
        """The picked week's or month's rating with its history, off the GUI thread."""
        from cur_desktop.desk.ratings import rating_board

        subject = str(self.rating_subject.currentData())
        cadence = str(self.rating_cadence.currentData())
        day = self.rating_day(cadence)
        d = self._context.dictionaries
        known = (
            tuple(b.code for b in d.bodies)
            if subject == "bodies"
            else tuple(m.oktmo for m in d.municipalities)
        )
        cache, context, now = self._cache, self._context, self._clock()
        rules = self._methodology.rating

        def job() -> object:
            return rating_board(cache, subject, cadence, day, context, now, rules, known)

        self.runner.submit("ratings", job, self._show_ratings, self._failed)

    def rating_day(self, cadence: str) -> date:
        """A day of the week or month rated: the picked period's last (not after today);
        for a week, the last one that ends within the period when one does."""
        from datetime import timedelta

        period = self.picker.period()
        today = self._clock().astimezone(self._context.time_zone).date()
        day = min(period.last, today)
        if cadence == "week":
            week = Period.containing("week", day)
            if week.last > period.last and day - timedelta(days=7) >= period.first:
                day -= timedelta(days=7)
        return day

    def _show_ratings(self, board: object) -> None:
        from cur_desktop.desk.ratings import RatingBoard, bottom_places

        assert isinstance(board, RatingBoard)
        rules = self._methodology.rating
        rated = sum(1 for r in board.rating.rows if r.score is not None)
        bottom = bottom_places(rated, rules.red_bottom_share)
        names = self.names("body" if board.rating.subject == "bodies" else "municipality")
        self.ratings.set_board(board, names, rules.red_below, bottom)
        self.ratings_view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        red = len(board.rating.red)
        self.rating_rule.setText(
            self.tr(
                "%1: %2 rated, %3 in the red zone (score below %4 or the last %5 places); "
                "at least %6 appeals to be rated; methodology version %7"
            )
            .replace("%1", board.rating.period_label)
            .replace("%2", str(rated))
            .replace("%3", str(red))
            .replace("%4", f"{rules.red_below:g}")
            .replace("%5", str(bottom))
            .replace("%6", str(rules.min_volume))
            .replace("%7", str(self._methodology.version))
        )
        self.ratings_shown.emit()

    def open_rating_cell(self, criterion: str, code: str) -> list[int]:
        """The appeals behind a rating cell in the console's queue; their ids."""
        from widgets.desk.ratings_model import criterion_title

        board = self.ratings.board
        if board is None:
            return []
        ids = board.appeal_ids(code, criterion)
        what = criterion_title(criterion)
        if criterion != "received":
            from cur_desktop.desk.ratings import CRITERION_FIGURES

            what = drill_title(CRITERION_FIGURES[criterion])
        title = f"{what} — {self.ratings.name(code)}, {board.rating.period_label}"
        self.open_appeals.emit(drill_query(ids), title)
        return ids

    def _ratings_activated(self, index: QModelIndex) -> None:
        cell = self.ratings.cell_criterion(self.ratings_proxy.mapToSource(index))
        if cell is not None:
            self.open_rating_cell(*cell)

    # -- reading -----------------------------------------------------------------------

    def refresh(self) -> None:
        """Compute the picked period's figures off the GUI thread."""
        period = self.picker.period()
        cache, context, now, method = self._cache, self._context, self._clock(), self._methodology
        self.status.setText(self.tr("Computing %1…").replace("%1", period.label))
        started = time.monotonic()

        def job() -> tuple[Desk, tuple[CategoryLine, ...]]:
            desk = compute_desk(cache, period, context, now, method)
            return desk, category_lines(desk, context.dictionaries)

        def done(result: object) -> None:
            self.last_seconds = time.monotonic() - started
            assert isinstance(result, tuple)
            desk, lines = result
            assert isinstance(desk, Desk)
            self.desk = desk
            self._show_categories(lines)
            self._show(desk)

        self.runner.submit("desk", job, done, self._failed)

        def forecast_job() -> object:
            from cur_desktop.reports.content import forecast_lines

            return forecast_lines(cache, period, context)

        self.runner.submit("forecast", forecast_job, self._show_forecasts, self._failed)
        self.refresh_ratings()
        self.problem_control.refresh()

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
                "—" if f.mase is None else decimal(f.mase, 2),
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

    # -- the region's methodology -----------------------------------------------------

    @property
    def methodology(self) -> Methodology:
        return self._methodology

    def _ask_methodology(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Load the region's methodology"), "", self.tr("JSON (*.json)")
        )
        if path:
            self.load_methodology(Path(path))

    def load_methodology(
        self, path: Path, on_done: Callable[[int | None, str], None] | None = None
    ) -> None:
        """Check ``path`` here, send it to the service (a job), keep it in the cache and
        use it at once; ``on_done(version, error)`` (error "" on success)."""
        import orjson

        from cur_desktop.desk.methodology import CACHE_NAME, MethodologyError, parse

        def failed(text: str) -> None:
            self.status.setText(text)
            if on_done is not None:
                on_done(None, text)
            else:
                QMessageBox.warning(self, self.tr("Methodology not loaded"), text)

        try:
            doc = orjson.loads(path.read_bytes())
            parse(doc)
        except (OSError, orjson.JSONDecodeError, MethodologyError) as exc:
            failed(
                self.tr("%1: not a usable methodology: %2")
                .replace("%1", str(path))
                .replace("%2", str(exc).removeprefix(f"{path}: "))
            )
            return
        send = self._send_methodology
        if send is None:
            failed(self.tr("Not connected to the service: the methodology was not loaded"))
            return
        cache = self._cache
        self.status.setText(self.tr("Loading the methodology…"))

        def job() -> int:
            version = send(doc)
            # the service's version, kept at once (the sync writes the same later)
            cache.save_dictionaries({**doc, "version": version}, CACHE_NAME)
            return version

        def done(version: object) -> None:
            self._methodology = parse({**doc, "version": version})
            self.status.setText(
                self.tr(
                    "Methodology version %1 loaded; workstations and walls get it at their sync"
                ).replace("%1", str(version))
            )
            self.refresh()
            if on_done is not None:
                on_done(int(version), "")  # type: ignore[call-overload]

        def refused(error: BaseException) -> None:
            from cur_desktop.sync.errors import CentralError

            code = error.code if isinstance(error, CentralError) else ""
            if code == "forbidden_role":
                text = self.tr("Only the head of the ЦУР may load the methodology")
            elif code == "methodology_refused":
                text = self.tr("The service refused the methodology: %1").replace("%1", str(error))
            else:
                text = self.tr("The methodology could not be sent: %1").replace("%1", str(error))
            failed(text)

        self.runner.submit("methodology", job, done, refused)

    def closeEvent(self, event: object) -> None:  # noqa: N802
        self.runner.shutdown()
        super().closeEvent(event)  # type: ignore[arg-type]
