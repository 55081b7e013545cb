"""The desk's «Problem control» tab: conflicts, disinformation, problems and measures now.

What :func:`cur_desktop.problems.report.problem_control_with_ids` counts at the
desk's "now" (not for the picked period: these are open situations): open conflict
situations and their reasons, disinformation cases per status and the median hours
to refutation, problem clusters and the growing ones, and each measure with its
effect (appeals per week before and since, and a year earlier). Enter or a double
click on a figure with appeals behind it shows them in the console's queue. Computed
off the GUI thread by the desk's runner. GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cur_desktop.cache import Cache, QueueFilter
from cur_desktop.cache.queries.queue import Order, QueueQuery
from cur_desktop.problems.report import ProblemControl, problem_control_with_ids
from ui.tasks import TaskRunner

CONTEXT = "DeskProblemControl"
_IDS_ROLE = Qt.ItemDataRole.UserRole
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def _t(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def _per_week(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}".replace(".", ",")


def _change(value: float | None) -> str:
    if value is None:
        return "—"
    percent = round(100 * value)
    return (f"+{percent} %" if percent > 0 else f"{percent} %").replace("-", "−")


class ProblemControlTab(QWidget):
    """The figures (a table: what, how many) and the measures with their effect."""

    def __init__(
        self,
        cache: Cache,
        runner: TaskRunner,
        clock: Callable[[], datetime],
        open_appeals: Callable[[QueueQuery, str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._cache = cache
        self._runner = runner
        self._clock = clock
        self._open = open_appeals
        self.figures: ProblemControl | None = None
        self._stale = True
        self.ids: dict[str, tuple[int, ...]] = {}
        column = QVBoxLayout(self)
        column.setContentsMargins(4, 4, 4, 4)
        self.note = QLabel(_t("Now, whatever the period: the situations still open"))
        column.addWidget(self.note)
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels([_t("Figure"), _t("Now")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.table.activated.connect(lambda index: self.open_row(index.row()))
        column.addWidget(self.table, stretch=3)
        column.addWidget(QLabel(_t("Measures and their effect (appeals per week)")))
        headers = [_t("Measure"), _t("Who"), _t("Status"), _t("Before"), _t("Since"),
                   _t("Change"), _t("A year earlier")]  # fmt: skip
        self.measures = QTableWidget(0, len(headers))
        self.measures.setHorizontalHeaderLabels(headers)
        self.measures.verticalHeader().hide()
        self.measures.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        mh = self.measures.horizontalHeader()
        for col in range(len(headers)):
            mh.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        mh.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        column.addWidget(self.measures, stretch=2)

    def refresh(self) -> None:
        """Compute again now if the tab is shown, else when it is (seconds: the clusters)."""
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        engine, now = self._cache.engine, self._clock()
        self._runner.submit(
            "problem-control", lambda: problem_control_with_ids(engine, now), self._show
        )

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _show(self, result: object) -> None:
        assert isinstance(result, tuple)
        pc, ids = result
        assert isinstance(pc, ProblemControl)
        self.figures = pc
        self.ids = ids
        c = pc.conflicts
        reasons = {
            "low_rating": _t("rating 1–3"),
            "dissatisfied": _t("«недоволен»"),
            "reopened": _t("reopened"),
            "repeat_author": _t("again from the same author"),
            "repeat_address": _t("again at the same address"),
            "higher_body": _t("to a higher body"),
            "high_reach": _t("a post with high reach"),
        }
        statuses = {
            "checking": _t("being checked"),
            "false": _t("false"),
            "refuted": _t("refuted"),
            "not_confirmed": _t("not confirmed"),
        }
        hours = pc.cases.median_hours_to_refutation
        rows: list[tuple[str, str, tuple[int, ...], str]] = [
            (_t("Open conflict situations"), str(c.open), ids["conflicts"],
             _t("Conflict situations")),
            *((f"    {reasons.get(code, code)}", str(n), (), "")
              for code, n in sorted(c.by_reason.items(), key=lambda kv: -kv[1])),
            (_t("Settled"), str(c.resolved), (), ""),
            (_t("Not settled after a try"), str(c.not_resolved), (), ""),
            (_t("Disinformation cases being checked"), str(pc.cases.open), ids["cases"],
             _t("Disinformation cases being checked")),
            *((f"    {statuses[s]}", str(n), (), "")
              for s, n in pc.cases.by_status.items() if s != "checking"),
            (_t("Median hours to refutation"), _per_week(hours), (), ""),
            (_t("Problems (3 or more appeals in 60 days)"), str(pc.problems), ids["problems"],
             _t("Appeals in problems")),
            (_t("Growing problems"), str(pc.growing), (), ""),
        ]  # fmt: skip
        self.table.setRowCount(len(rows))
        for i, (name, value, members, title) in enumerate(rows):
            first = QTableWidgetItem(name)
            first.setData(_IDS_ROLE, (members, title))
            second = QTableWidgetItem(value)
            second.setTextAlignment(_RIGHT)
            if members:
                tip = _t("Enter or double-click: these appeals in the queue")
                first.setToolTip(tip)
                second.setToolTip(tip)
            self.table.setItem(i, 0, first)
            self.table.setItem(i, 1, second)
        self.measures.setRowCount(len(pc.measures))
        for i, m in enumerate(pc.measures):
            cells = (
                m.what,
                m.who,
                m.status,
                _per_week(m.before_per_week),
                _per_week(m.after_per_week),
                _change(m.change),
                _change(m.year_change),
            )
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if j >= 3:
                    item.setTextAlignment(_RIGHT)
                self.measures.setItem(i, j, item)

    def open_row(self, row: int) -> list[int]:
        """The appeals behind a figure's row in the console's queue; their ids."""
        item = self.table.item(row, 0)
        if item is None:
            return []
        members, title = item.data(_IDS_ROLE)
        if not members:
            return []
        query = QueueQuery(flt=QueueFilter(open_only=False, ids=tuple(members)), order=Order.NEWEST)
        self._open(query, title)
        return list(members)


def _mark_for_lupdate() -> None:  # pragma: no cover - lupdate reads these literals
    QCoreApplication.translate(
        "DeskProblemControl", "Now, whatever the period: the situations still open"
    )
    QCoreApplication.translate("DeskProblemControl", "Figure")
    QCoreApplication.translate("DeskProblemControl", "Now")
    QCoreApplication.translate("DeskProblemControl", "Measures and their effect (appeals per week)")
    QCoreApplication.translate("DeskProblemControl", "Measure")
    QCoreApplication.translate("DeskProblemControl", "Who")
    QCoreApplication.translate("DeskProblemControl", "Status")
    QCoreApplication.translate("DeskProblemControl", "Before")
    QCoreApplication.translate("DeskProblemControl", "Since")
    QCoreApplication.translate("DeskProblemControl", "Change")
    QCoreApplication.translate("DeskProblemControl", "A year earlier")
    QCoreApplication.translate("DeskProblemControl", "rating 1–3")
    QCoreApplication.translate("DeskProblemControl", "«недоволен»")
    QCoreApplication.translate("DeskProblemControl", "reopened")
    QCoreApplication.translate("DeskProblemControl", "again from the same author")
    QCoreApplication.translate("DeskProblemControl", "again at the same address")
    QCoreApplication.translate("DeskProblemControl", "to a higher body")
    QCoreApplication.translate("DeskProblemControl", "a post with high reach")
    QCoreApplication.translate("DeskProblemControl", "being checked")
    QCoreApplication.translate("DeskProblemControl", "false")
    QCoreApplication.translate("DeskProblemControl", "refuted")
    QCoreApplication.translate("DeskProblemControl", "not confirmed")
    QCoreApplication.translate("DeskProblemControl", "Open conflict situations")
    QCoreApplication.translate("DeskProblemControl", "Conflict situations")
    QCoreApplication.translate("DeskProblemControl", "Settled")
    QCoreApplication.translate("DeskProblemControl", "Not settled after a try")
    QCoreApplication.translate("DeskProblemControl", "Disinformation cases being checked")
    QCoreApplication.translate("DeskProblemControl", "Median hours to refutation")
    QCoreApplication.translate("DeskProblemControl", "Problems (3 or more appeals in 60 days)")
    QCoreApplication.translate("DeskProblemControl", "Appeals in problems")
    QCoreApplication.translate("DeskProblemControl", "Growing problems")
    QCoreApplication.translate(
        "DeskProblemControl", "Enter or double-click: these appeals in the queue"
    )
