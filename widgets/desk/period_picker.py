"""The desk's period picker: kind (day … year, custom), a date in it, back and forward.

Emits :attr:`PeriodPicker.period_changed` with the period's text form
(:meth:`cur_desktop.desk.Period.label`) whenever the kind, the date or the custom
range changes. GUI thread only.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QToolButton, QWidget

from cur_desktop.desk import Period


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class PeriodPicker(QWidget):
    period_changed = Signal(str)

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._quiet = False
        self.kind = QComboBox()
        for key, text in (
            ("day", self.tr("Day")),
            ("week", self.tr("Week")),
            ("month", self.tr("Month")),
            ("quarter", self.tr("Quarter")),
            ("year", self.tr("Year")),
            ("custom", self.tr("Custom")),
        ):
            self.kind.addItem(text, key)
        self.kind.setCurrentIndex(2)
        self.back = QToolButton()
        self.back.setText("◀")
        self.back.setToolTip(self.tr("Previous period"))
        self.forward = QToolButton()
        self.forward.setText("▶")
        self.forward.setToolTip(self.tr("Next period"))
        self.anchor = QDateEdit(_qdate(today))
        self.anchor.setCalendarPopup(True)
        self.anchor.setDisplayFormat("dd.MM.yyyy")
        self.until = QDateEdit(_qdate(today))
        self.until.setCalendarPopup(True)
        self.until.setDisplayFormat("dd.MM.yyyy")
        self.label = QLabel()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for widget in (self.kind, self.back, self.anchor, self.until, self.forward, self.label):
            row.addWidget(widget)
        row.addStretch(1)
        self.kind.currentIndexChanged.connect(self._changed)
        self.anchor.dateChanged.connect(self._changed)
        self.until.dateChanged.connect(self._changed)
        self.back.clicked.connect(lambda: self.step(-1))
        self.forward.clicked.connect(lambda: self.step(1))
        self._update()

    def period(self) -> Period:
        kind = str(self.kind.currentData())
        first = _pydate(self.anchor.date())
        if kind == "custom":
            last = max(first, _pydate(self.until.date()))
            return Period("custom", first, last)
        return Period.containing(kind, first)

    def set_period(self, label: str) -> None:
        period = Period.parse(label)
        self._quiet = True  # one signal for the three edits
        try:
            self.kind.setCurrentIndex(self.kind.findData(period.kind))
            self.anchor.setDate(_qdate(period.first))
            self.until.setDate(_qdate(period.last))
        finally:
            self._quiet = False
        self._changed()

    def step(self, direction: int) -> None:
        """The previous (−1) or next (+1) period of the same kind."""
        p = self.period()
        if direction < 0:
            target = p.previous()
        else:
            target = Period.containing(p.kind, p.last + timedelta(days=1))
            if p.kind == "custom":
                target = Period("custom", p.last + timedelta(1), p.last + timedelta(p.days))
        self.set_period(target.label)

    def _update(self) -> None:
        self.until.setVisible(self.kind.currentData() == "custom")
        p = self.period()
        self.label.setText(f"{p.first:%d.%m.%Y} – {p.last:%d.%m.%Y}")

    def _changed(self) -> None:
        if self._quiet:
            return
        self._update()
        self.period_changed.emit(self.period().label)
