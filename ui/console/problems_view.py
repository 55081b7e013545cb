"""The console's «Проблемы»: clusters of appeals about the same problem, growth first.

A dock (View → «Проблемы», Ctrl+Alt+P) lists the problem clusters of the last 60
days (``cur_desktop.problems.clusters``: lemma similarity, the same municipality or
street, a time window): the words that weigh most and an example, how many appeals,
how many in the last week against the week before (growth), the municipalities and
the responsible bodies. Enter or a double-click shows its appeals as the queue —
one click away. Read by the window's reader (a ``problems`` job). GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHeaderView,
    QLabel,
    QMainWindow,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cur_desktop.cache import QueueFilter
from cur_desktop.cache.queries.queue import Order, QueueQuery
from cur_desktop.problems.clusters import Problem, problems_in_cache
from ui.console.problems_conflicts import ConflictHost
from ui.console.queue_pane import QueuePane

_KEY_ROLE = Qt.ItemDataRole.UserRole
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def _t(text: str) -> str:
    return QCoreApplication.translate("ProblemsView", text)


class ProblemsView(QDockWidget):
    """The problem clusters of the cache."""

    def __init__(self, window: ConflictHost, main: QMainWindow, queue: QueuePane) -> None:
        super().__init__(_t("Problems"), main)
        self.setObjectName("problems_view")
        self._window = window
        self._queue = queue
        self._problems: list[Problem] = []
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(4, 4, 4, 4)
        self.summary = QLabel()
        column.addWidget(self.summary)
        headers = [
            _t("Problem"),
            _t("Appeals"),
            _t("Last 7 days"),
            _t("Growth"),
            _t("Municipalities"),
            _t("Bodies"),
        ]
        self.table = QTableWidget(0, len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for col in range(len(headers)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(lambda _index: self.show_current())
        self.table.doubleClicked.connect(lambda _index: self.show_current())
        column.addWidget(self.table)
        self.setWidget(body)
        main.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self)
        self.hide()
        toggle = self.toggleViewAction()
        toggle.setText(_t("Problems"))
        toggle.setShortcut(QKeySequence("Ctrl+Alt+P"))
        window.menus.menu("view").addAction(toggle)
        window.menus.actions["problems"] = toggle
        self.visibilityChanged.connect(lambda shown: self.refresh() if shown else None)

    def refresh(self) -> None:
        if self.isHidden():
            return
        engine = self._window.context.cache.engine
        now = self._window.context.clock()
        self._window.reader.submit(
            "problems", lambda: problems_in_cache(engine, now), self._show_problems
        )

    def problems(self) -> list[Problem]:
        return list(self._problems)

    def _names(self, codes: tuple[str, ...], kind: str) -> str:
        d = self._window.context.dictionaries
        shown: list[str] = []
        for code in codes[:3]:
            if d is None:
                shown.append(code)
            elif kind == "mun":
                m = d.municipality(code)
                shown.append(m.display_name if m else code)
            else:
                b = d.body(code)
                shown.append(b.name if b else code)
        more = len(codes) - len(shown)
        return ", ".join(shown) + (f" +{more}" if more > 0 else "")

    def _show_problems(self, problems: object) -> None:
        assert isinstance(problems, list)
        self._problems = problems
        self.table.setRowCount(len(problems))
        for i, p in enumerate(problems):
            growth = f"+{p.growth}" if p.growth > 0 else str(p.growth)
            cells = (
                f"{', '.join(p.terms)} — «{p.example}»",
                str(p.size),
                str(p.last_week),
                growth,
                self._names(p.municipalities, "mun"),
                self._names(p.bodies, "body"),
            )
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(_KEY_ROLE, p.key)
                if col in (1, 2, 3):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(i, col, item)
        self.summary.setText(
            _t("Problems of the last 60 days with 3 or more appeals: %1").replace(
                "%1", str(len(problems))
            )
        )
        if self.table.currentRow() < 0 and problems:
            self.table.selectRow(0)

    def current(self) -> Problem | None:
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        key = item.data(_KEY_ROLE) if item is not None else None
        return next((p for p in self._problems if p.key == key), None)

    def show_current(self) -> None:
        """The problem's appeals as the queue (closed ones too, newest first)."""
        problem = self.current()
        if problem is None:
            return
        query = QueueQuery(
            flt=QueueFilter(open_only=False, ids=problem.appeal_ids), order=Order.NEWEST
        )
        title = _t("Problem: %1").replace("%1", ", ".join(problem.terms))
        self._queue.show_queue(f"problem:{problem.key}", title, query)


def _mark_for_lupdate() -> None:  # pragma: no cover - lupdate reads these literals
    QCoreApplication.translate("ProblemsView", "Problems")
    QCoreApplication.translate("ProblemsView", "Problem")
    QCoreApplication.translate("ProblemsView", "Appeals")
    QCoreApplication.translate("ProblemsView", "Last 7 days")
    QCoreApplication.translate("ProblemsView", "Growth")
    QCoreApplication.translate("ProblemsView", "Municipalities")
    QCoreApplication.translate("ProblemsView", "Bodies")
    QCoreApplication.translate(
        "ProblemsView", "Problems of the last 60 days with 3 or more appeals: %1"
    )
    QCoreApplication.translate("ProblemsView", "Problem: %1")
