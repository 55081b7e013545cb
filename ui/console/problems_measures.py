"""Measures in «Проблемы»: what is done about a problem, and the effect on its volume.

A block head (theme head or head of the ЦУР) links the selected problem cluster —
or a category in a municipality — to a measure: what, who, due date and status
(запланирована, в работе, выполнена, отменена); and changes its status later. Both
are ``measure`` commands through the outbox, one per carrier appeal (the cluster's
appeals; for a category, its newest appeals there). The measures table shows each
measure with its effect (``cur_desktop.problems.measures``): appeals about the
problem per week in the four weeks before it and since, and the same weeks a year
earlier where the cache holds them. GUI thread.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, Qt, QTimeZone
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from cur_desktop.domain.dictionaries import Dictionaries
from cur_desktop.problems.measures import Effect, Measure, MeasureStatus

CONTEXT = "MeasuresPane"
_ID_ROLE = Qt.ItemDataRole.UserRole
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def _t(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def status_text(status: MeasureStatus) -> str:
    return {
        MeasureStatus.PLANNED: _t("Planned"),
        MeasureStatus.IN_PROGRESS: _t("Under way"),
        MeasureStatus.DONE: _t("Done"),
        MeasureStatus.CANCELLED: _t("Cancelled"),
    }[status]


@dataclass(frozen=True, slots=True)
class MeasureRow:
    measure: Measure
    effect: Effect
    problem: str  # the problem as shown: a cluster's words, or «category — municipality»


class MeasureDialog(QDialog):
    """What, who, by when, in which status; for a category measure, which category where."""

    def __init__(
        self,
        title: str,
        *,
        measure: Measure | None = None,
        dictionaries: Dictionaries | None = None,
        category: bool = False,
        today: QDate | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(560, 0)
        form = QFormLayout(self)
        self.category: QComboBox | None = None
        self.municipality: QComboBox | None = None
        if category and dictionaries is not None:
            self.category = QComboBox()
            self.category.addItem("", "")
            themes = {t.code: t.name for t in dictionaries.themes}
            for c in dictionaries.categories:
                if c.parent is None:
                    self.category.addItem(f"{themes.get(c.theme, c.theme)} — {c.name}", c.code)
            form.addRow(_t("&Category:"), self.category)
            self.municipality = QComboBox()
            self.municipality.addItem("", "")
            for m in dictionaries.municipalities:
                self.municipality.addItem(m.display_name, m.oktmo)
            form.addRow(_t("&Municipality:"), self.municipality)
            self.category.currentIndexChanged.connect(self._check)
            self.municipality.currentIndexChanged.connect(self._check)
        self.what = QLineEdit(measure.what if measure else "")
        self.what.setPlaceholderText(_t("e.g. replace the water main on the street"))
        form.addRow(_t("&What is done:"), self.what)
        self.who = QLineEdit(measure.who if measure else "")
        self.who.setPlaceholderText(_t("a body, a service or a post"))
        form.addRow(_t("&Who does it:"), self.who)
        self.due = QDateEdit()
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("dd.MM.yyyy")
        start = today or QDate.currentDate()
        due = QDate.fromString(measure.due, "yyyy-MM-dd") if measure and measure.due else None
        self.due.setDate(due if due is not None and due.isValid() else start.addDays(30))
        form.addRow(_t("&Due:"), self.due)
        self.status = QComboBox()
        for status in MeasureStatus:
            self.status.addItem(status_text(status), status.value)
        current = measure.status if measure else MeasureStatus.PLANNED
        self.status.setCurrentIndex(self.status.findData(current.value))
        form.addRow(_t("&Status:"), self.status)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.what.textChanged.connect(self._check)
        self._check()

    def chosen_status(self) -> MeasureStatus:
        return MeasureStatus(str(self.status.currentData()))

    def due_iso(self) -> str:
        return self.due.date().toString("yyyy-MM-dd")

    def chosen_category(self) -> tuple[str, str]:
        if self.category is None or self.municipality is None:
            return "", ""
        return str(self.category.currentData() or ""), str(self.municipality.currentData() or "")

    def _check(self) -> None:
        ok = bool(self.what.text().strip())
        if self.category is not None:
            ok = ok and all(self.chosen_category())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)


def _per_week(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}".replace(".", ",")


def _change(value: float | None) -> str:
    if value is None:
        return "—"
    percent = round(value * 100)
    return f"+{percent} %" if percent > 0 else f"{percent} %".replace("-", "−")


class MeasuresTable(QTableWidget):
    """The measures of the cache with their effect."""

    def __init__(self, zone: QTimeZone, parent: QWidget | None = None) -> None:
        headers = [
            _t("Measure"),
            _t("Problem"),
            _t("Who"),
            _t("Due"),
            _t("Status"),
            _t("Before, per week"),
            _t("Since, per week"),
            _t("Change"),
            _t("A year earlier"),
        ]
        super().__init__(0, len(headers), parent)
        self._zone = zone
        self._rows: list[MeasureRow] = []
        self.setHorizontalHeaderLabels(headers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        for col in range(len(headers)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        year = self.horizontalHeaderItem(8)
        if year is not None:
            year.setToolTip(
                _t(
                    "How the volume changed in the same weeks a year earlier"
                    " (the season's own change)"
                )
            )

    def rows(self) -> list[MeasureRow]:
        return list(self._rows)

    def show_rows(self, rows: list[MeasureRow]) -> None:
        current = self.current()
        self._rows = rows
        self.setRowCount(len(rows))
        for i, row in enumerate(rows):
            m, e = row.measure, row.effect
            due = QDate.fromString(m.due, "yyyy-MM-dd")
            since = QDateTime.fromSecsSinceEpoch(int(m.since), self._zone).toString("dd.MM.yyyy")
            if e.year_before is None:
                year = _t("no data")
            else:
                year = (
                    f"{_per_week(e.year_before_per_week)} → {_per_week(e.year_after_per_week)}"
                    f" ({_change(e.year_change)})"
                )
            cells = (
                f"{m.what}",
                row.problem,
                m.who,
                due.toString("dd.MM.yyyy") if due.isValid() else "",
                f"{status_text(m.status)} · {since}",
                _per_week(e.before_per_week),
                _per_week(e.after_per_week),
                _change(e.change),
                year,
            )
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(_ID_ROLE, m.measure_id)
                if col >= 5:
                    item.setTextAlignment(_RIGHT)
                self.setItem(i, col, item)
            tip = _t("%1 appeals in the %2 weeks before, %3 in the %4 days since").replace(
                "%1", str(e.before)
            )
            tip = tip.replace("%2", str(e.weeks)).replace("%3", str(e.after))
            tip = tip.replace("%4", str(round(e.after_days)))
            for col in (5, 6, 7):
                cell = self.item(i, col)
                if cell is not None:
                    cell.setToolTip(tip)
            if current is not None and m.measure_id == current.measure_id:
                self.selectRow(i)
        if self.currentRow() < 0 and rows:
            self.selectRow(0)

    def current(self) -> Measure | None:
        row = self.currentRow()
        item = self.item(row, 0) if row >= 0 else None
        wanted = item.data(_ID_ROLE) if item is not None else None
        return next((r.measure for r in self._rows if r.measure.measure_id == wanted), None)


def _mark_for_lupdate() -> None:  # pragma: no cover - lupdate reads these literals
    QCoreApplication.translate("MeasuresPane", "Planned")
    QCoreApplication.translate("MeasuresPane", "Under way")
    QCoreApplication.translate("MeasuresPane", "Done")
    QCoreApplication.translate("MeasuresPane", "Cancelled")
    QCoreApplication.translate("MeasuresPane", "&Category:")
    QCoreApplication.translate("MeasuresPane", "&Municipality:")
    QCoreApplication.translate("MeasuresPane", "e.g. replace the water main on the street")
    QCoreApplication.translate("MeasuresPane", "&What is done:")
    QCoreApplication.translate("MeasuresPane", "a body, a service or a post")
    QCoreApplication.translate("MeasuresPane", "&Who does it:")
    QCoreApplication.translate("MeasuresPane", "&Due:")
    QCoreApplication.translate("MeasuresPane", "&Status:")
    QCoreApplication.translate("MeasuresPane", "Measure")
    QCoreApplication.translate("MeasuresPane", "Problem")
    QCoreApplication.translate("MeasuresPane", "Who")
    QCoreApplication.translate("MeasuresPane", "Due")
    QCoreApplication.translate("MeasuresPane", "Status")
    QCoreApplication.translate("MeasuresPane", "Before, per week")
    QCoreApplication.translate("MeasuresPane", "Since, per week")
    QCoreApplication.translate("MeasuresPane", "Change")
    QCoreApplication.translate("MeasuresPane", "A year earlier")
    QCoreApplication.translate(
        "MeasuresPane",
        "How the volume changed in the same weeks a year earlier (the season's own change)",
    )
    QCoreApplication.translate("MeasuresPane", "no data")
    QCoreApplication.translate(
        "MeasuresPane", "%1 appeals in the %2 weeks before, %3 in the %4 days since"
    )
