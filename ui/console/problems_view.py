"""The console's «Проблемы»: clusters of appeals about the same problem, growth first.

A dock (View → «Проблемы», Ctrl+Alt+P) lists the problem clusters of the last 60
days (``cur_desktop.problems.clusters``: lemma similarity, the same municipality or
street, a time window): the words that weigh most and an example, how many appeals,
how many in the last week against the week before (growth), the municipalities and
the responsible bodies. Enter or a double-click shows its appeals as the queue —
one click away. Read by the window's reader (a ``problems`` job). GUI thread.

Below it the measures (``ui.console.problems_measures``): a block head links the
selected problem, or a category in a municipality, to a measure and follows its
effect on the volume (a ``measures`` job). The «Measure» column names a problem's
measure and its status.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QDate, Qt, QTimeZone
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cur_desktop.cache import QueueFilter
from cur_desktop.cache.queries.queue import Order, QueueQuery
from cur_desktop.domain.lifecycle import HEADS
from cur_desktop.problems.clusters import Problem, problems_in_cache
from cur_desktop.problems.measures import (
    Measure,
    category_carriers,
    category_problem,
    measure_command,
    measure_id_for,
    measures_with_effect,
)
from ui.console.problems_conflicts import ConflictHost
from ui.console.problems_measures import MeasureDialog, MeasureRow, MeasuresTable, status_text
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
        self._measures: list[Measure] = []
        self.measure_dialog: MeasureDialog | None = None
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(4, 4, 4, 4)
        top = QHBoxLayout()
        self.summary = QLabel()
        top.addWidget(self.summary, stretch=1)
        self.link_button = QPushButton(_t("Link a &measure…"))
        self.link_button.clicked.connect(self.link_measure)
        self.category_button = QPushButton(_t("Measure for a &category…"))
        self.category_button.clicked.connect(self.link_category_measure)
        self.status_button = QPushButton(_t("Change the measure's &status…"))
        self.status_button.clicked.connect(self.change_measure)
        for button in (self.link_button, self.category_button, self.status_button):
            top.addWidget(button)
        column.addLayout(top)
        headers = [
            _t("Problem"),
            _t("Appeals"),
            _t("Last 7 days"),
            _t("Growth"),
            _t("Municipalities"),
            _t("Bodies"),
            _t("Measure"),
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
        for col, width in ((4, 180), (5, 220), (6, 260)):  # names cut, the measure in sight
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(col, width)
        self.table.activated.connect(lambda _index: self.show_current())
        self.table.doubleClicked.connect(lambda _index: self.show_current())
        self.table.currentCellChanged.connect(lambda *_: self._enable())
        zone = QTimeZone(window.context.sla.time_zone.encode())
        self.measures_table = MeasuresTable(zone)
        self.measures_table.currentCellChanged.connect(lambda *_: self._enable())
        measures = QWidget()
        lower = QVBoxLayout(measures)
        lower.setContentsMargins(0, 0, 0, 0)
        self.measures_summary = QLabel()
        lower.addWidget(self.measures_summary)
        lower.addWidget(self.measures_table)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(measures)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        column.addWidget(split, stretch=1)
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
        at = now.timestamp()
        self._window.reader.submit(
            "measures", lambda: measures_with_effect(engine, at), self._show_measures
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
                self._measure_of(p.key),
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
        self._enable()

    def _measure_of(self, key: str) -> str:
        found = [m for m in self._measures if m.problem == key]
        return "; ".join(f"{m.what} ({status_text(m.status)})" for m in found)

    # -- measures -------------------------------------------------------------------------

    def measures(self) -> list[MeasureRow]:
        return self.measures_table.rows()

    def _show_measures(self, found: object) -> None:
        assert isinstance(found, list)
        self._measures = [m for m, _e, _t in found]
        rows = [MeasureRow(m, e, self._problem_text(m, title)) for m, e, title in found]
        self.measures_table.show_rows(rows)
        self.measures_summary.setText(_t("Measures: %1").replace("%1", str(len(rows))))
        for i, p in enumerate(self._problems):
            item = self.table.item(i, 6)
            if item is not None:
                item.setText(self._measure_of(p.key))
        self._enable()

    def _problem_text(self, measure: Measure, title: str) -> str:
        if not measure.is_category:
            problem = next((p for p in self._problems if p.key == measure.problem), None)
            words = ", ".join(problem.terms) if problem else ""
            return f"{words} — «{title}»" if words else f"«{title}»"
        d = self._window.context.dictionaries
        category = d.category(measure.category) if d else None
        place = self._names((measure.municipality,), "mun")
        return f"{category.name if category else measure.category} — {place}"

    def _is_head(self) -> bool:
        return self._window.context.identity.role in HEADS

    def _enable(self) -> None:
        head = self._is_head()
        self.link_button.setEnabled(head and self.current() is not None)
        self.category_button.setEnabled(head and self._window.context.dictionaries is not None)
        self.status_button.setEnabled(head and self.measures_table.current() is not None)

    def _today(self) -> QDate:
        today = self._window.context.clock().date()
        return QDate(today.year, today.month, today.day)

    def link_measure(self) -> None:
        """A measure for the selected problem cluster (its appeals carry it)."""
        problem = self.current()
        if problem is None or not self._is_head():
            return
        title = _t("Measure for the problem: %1").replace("%1", ", ".join(problem.terms))
        self.measure_dialog = dialog = MeasureDialog(title, today=self._today(), parent=self)
        dialog.finished.connect(lambda result: self._linked(problem, result))
        dialog.open()

    def _linked(self, problem: Problem, result: int) -> None:
        dialog, self.measure_dialog = self.measure_dialog, None
        if dialog is None or result != QDialog.DialogCode.Accepted:
            return
        taken = [m.measure_id for m in self._measures]
        command = measure_command(
            measure_id_for(problem.appeal_ids[0], taken),
            dialog.chosen_status(),
            what=dialog.what.text(),
            who=dialog.who.text(),
            due=dialog.due_iso(),
            problem=problem.key,
            municipality=problem.municipalities[0] if problem.municipalities else "",
        )
        self._window.actions.submit(list(problem.appeal_ids), command)

    def link_category_measure(self) -> None:
        """A measure for a category in a municipality (its newest appeals there carry it)."""
        if not self._is_head():
            return
        self.measure_dialog = dialog = MeasureDialog(
            _t("Measure for a category in a municipality"),
            dictionaries=self._window.context.dictionaries,
            category=True,
            today=self._today(),
            parent=self,
        )
        dialog.finished.connect(self._category_linked)
        dialog.open()

    def _category_linked(self, result: int) -> None:
        dialog, self.measure_dialog = self.measure_dialog, None
        if dialog is None or result != QDialog.DialogCode.Accepted:
            return
        category, municipality = dialog.chosen_category()
        engine = self._window.context.cache.engine
        now = self._window.context.clock().timestamp()
        carriers = category_carriers(engine, category, municipality, now)
        if not carriers:
            self.measures_summary.setText(
                _t("No appeals of this category in this municipality in the last 60 days")
            )
            return
        command = measure_command(
            measure_id_for(carriers[-1], [m.measure_id for m in self._measures]),
            dialog.chosen_status(),
            what=dialog.what.text(),
            who=dialog.who.text(),
            due=dialog.due_iso(),
            problem=category_problem(category, municipality),
            category=category,
            municipality=municipality,
        )
        self._window.actions.submit(carriers, command)

    def change_measure(self) -> None:
        """The selected measure's status (and what, who, due) changed."""
        measure = self.measures_table.current()
        if measure is None or not self._is_head():
            return
        self.measure_dialog = dialog = MeasureDialog(
            _t("Measure %1").replace("%1", measure.measure_id),
            measure=measure,
            today=self._today(),
            parent=self,
        )
        dialog.finished.connect(lambda result: self._changed(measure, result))
        dialog.open()

    def _changed(self, measure: Measure, result: int) -> None:
        dialog, self.measure_dialog = self.measure_dialog, None
        if dialog is None or result != QDialog.DialogCode.Accepted:
            return
        command = measure_command(
            measure.measure_id,
            dialog.chosen_status(),
            what=dialog.what.text(),
            who=dialog.who.text(),
            due=dialog.due_iso(),
            problem=measure.problem,
            category=measure.category,
            municipality=measure.municipality,
        )
        self._window.actions.submit(list(measure.members), command)

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
    QCoreApplication.translate("ProblemsView", "Link a &measure…")
    QCoreApplication.translate("ProblemsView", "Measure for a &category…")
    QCoreApplication.translate("ProblemsView", "Change the measure's &status…")
    QCoreApplication.translate("ProblemsView", "Measure")
    QCoreApplication.translate("ProblemsView", "Measures: %1")
    QCoreApplication.translate("ProblemsView", "Measure for the problem: %1")
    QCoreApplication.translate("ProblemsView", "Measure for a category in a municipality")
    QCoreApplication.translate(
        "ProblemsView", "No appeals of this category in this municipality in the last 60 days"
    )
    QCoreApplication.translate("ProblemsView", "Measure %1")
