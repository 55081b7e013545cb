"""The search field and structured filters above a queue, combinable, savable as a queue.

One line for the full-text search (Russian morphology is the cache's job), the
creation-date range, "overdue only" and the buttons; below it one drop-down per
dictionary (theme, category, municipality, body, channel, status, importance, flag).
Each drop-down's first entry means "any". Every change emits
:attr:`FilterBar.values_changed` with a plain
:class:`~cur_desktop.cache.queries.filters.FilterValues`;
typing in the search field is debounced so a query does not run per keystroke.

GUI thread only.
"""

from __future__ import annotations

from datetime import date
from itertools import pairwise

from PySide6.QtCore import QDate, QSignalBlocker, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from cur_desktop.cache.queries.filters import FilterValues
from cur_desktop.domain.dictionaries import Dictionaries
from cur_desktop.domain.enums import Importance, Source, Status
from widgets.labels import all_flags, flag_label, importance_label, source_label, status_label

TYPING_DELAY_MS = 350
_NO_DATE = QDate(2000, 1, 1)  # the date edits' minimum, shown as "not set"
_COMBO_CHARS = 12  # a drop-down's narrowest width, in characters (longer names elide)
_SEARCH_MIN_WIDTH = 180


class FilterBar(QWidget):
    """Search text and structured filters; emits the whole set on every change."""

    values_changed = Signal(object)
    """A FilterValues: what the queue should now be narrowed to."""
    save_requested = Signal(object)
    """A FilterValues the operator wants to keep as a custom queue."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._dictionaries: Dictionaries | None = None
        self._emitted = FilterValues()

        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(_SEARCH_MIN_WIDTH)
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(TYPING_DELAY_MS)
        self._typing.timeout.connect(self._emit)
        self.search.textChanged.connect(lambda _text: self._typing.start())
        self.search.returnPressed.connect(self._emit)

        self._from_label = QLabel()
        self.date_from = _date_edit()
        self._to_label = QLabel()
        self.date_to = _date_edit()
        self.overdue = QCheckBox()
        self.reset_button = QPushButton()
        self.save_button = QPushButton()

        self.theme = _combo()
        self.category = _combo()
        self.municipality = _combo()
        self.body = _combo()
        self.source = _combo()
        self.status = _combo()
        self.importance = _combo()
        self.flag = _combo()

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.search, stretch=1)
        for widget in (self._from_label, self.date_from, self._to_label, self.date_to):
            top.addWidget(widget)
        top.addSpacing(8)
        top.addWidget(self.overdue)

        # The buttons end the two rows of drop-downs rather than the search line: the
        # bar's narrowest width then leaves the navigator and the detail pane room on
        # a 1366-pixel laptop screen (see _SEARCH_MIN_WIDTH).
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        combos = self._combos()
        for i, combo in enumerate(combos):
            grid.addWidget(combo, i // 4, i % 4)
        for column in range(4):
            grid.setColumnStretch(column, 1)
        grid.addWidget(self.reset_button, 0, 4)
        grid.addWidget(self.save_button, 1, 4)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addLayout(grid)

        # Categories follow the theme before anyone hears of the change.
        self.theme.currentIndexChanged.connect(self._fill_categories)
        for combo in combos:
            combo.currentIndexChanged.connect(self._emit)
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(self._emit)
        self.overdue.toggled.connect(self._emit)
        self.reset_button.clicked.connect(self.clear)
        # Tab walks the bar as it reads: the search line, then the drop-downs row by
        # row, then the buttons (creation order put the buttons before the lists).
        chain = [self.search, self.date_from, self.date_to, self.overdue, *combos,
                 self.reset_button, self.save_button]  # fmt: skip
        for before, after in pairwise(chain):
            QWidget.setTabOrder(before, after)
        self.save_button.clicked.connect(lambda: self.save_requested.emit(self.values()))

        self._retranslate()
        self._fill_fixed()

    # -- public API --------------------------------------------------------------------

    def set_dictionaries(self, dictionaries: Dictionaries | None) -> None:
        """The region's vocabularies for the theme, category, municipality and body lists."""
        self._dictionaries = dictionaries
        with _Blocked(self._combos()):
            self._fill(self.theme, self.tr("All themes"), self._themes())
            self._fill(self.municipality, self.tr("All municipalities"), self._municipalities())
            self._fill(self.body, self.tr("All bodies"), self._bodies())
            self._fill_categories()

    def values(self) -> FilterValues:
        return FilterValues(
            text=self.search.text().strip(),
            theme=self.theme.currentData(),
            category=self.category.currentData(),
            municipality=self.municipality.currentData(),
            body=self.body.currentData(),
            source=self.source.currentData(),
            status=self.status.currentData(),
            importance=self.importance.currentData(),
            flag=int(self.flag.currentData() or 0),
            overdue=self.overdue.isChecked(),
            date_from=_date(self.date_from),
            date_to=_date(self.date_to),
        )

    def set_values(self, values: FilterValues) -> None:
        """Show ``values`` (e.g. a saved queue's), emitting one change at the end."""
        with _Blocked([*self._combos(), self.search, self.date_from, self.date_to, self.overdue]):
            self.search.setText(values.text)
            _select(self.theme, values.theme)
            self._fill_categories()
            _select(self.category, values.category)
            _select(self.municipality, values.municipality)
            _select(self.body, values.body)
            _select(self.source, values.source)
            _select(self.status, values.status)
            _select(self.importance, values.importance)
            _select(self.flag, values.flag or None)
            self.overdue.setChecked(values.overdue)
            self.date_from.setDate(_qdate(values.date_from))
            self.date_to.setDate(_qdate(values.date_to))
        self._typing.stop()
        self._emit()

    def clear(self) -> None:
        self.set_values(FilterValues())

    def flush(self) -> None:
        """Emit now what is typed, without waiting for the typing pause."""
        if self._typing.isActive():
            self._typing.stop()
            self._emit()

    # -- internals ---------------------------------------------------------------------

    def _emit(self) -> None:
        self._typing.stop()
        values = self.values()
        if values != self._emitted:
            self._emitted = values
            self.values_changed.emit(values)

    def _combos(self) -> list[QComboBox]:
        return [
            self.theme,
            self.category,
            self.municipality,
            self.body,
            self.source,
            self.status,
            self.importance,
            self.flag,
        ]

    def _retranslate(self) -> None:
        self.search.setPlaceholderText(self.tr("Search the text of appeals (Ctrl+F)"))
        self._from_label.setText(self.tr("Received from"))
        self._to_label.setText(self.tr("to"))
        for edit in (self.date_from, self.date_to):
            edit.setSpecialValueText(self.tr("not set"))
        self.overdue.setText(self.tr("Overdue only"))
        self.reset_button.setText(self.tr("Reset"))
        self.save_button.setText(self.tr("Save as queue…"))

    def _fill_fixed(self) -> None:
        with _Blocked(self._combos()):
            self._fill(self.theme, self.tr("All themes"), [])
            self._fill(self.category, self.tr("All categories"), [])
            self._fill(self.municipality, self.tr("All municipalities"), [])
            self._fill(self.body, self.tr("All bodies"), [])
            self._fill(
                self.source, self.tr("All channels"), [(source_label(s), s.value) for s in Source]
            )
            self._fill(
                self.status, self.tr("All statuses"), [(status_label(s), s.value) for s in Status]
            )
            self._fill(
                self.importance,
                self.tr("Any importance"),
                [(importance_label(i), i.value) for i in Importance],
            )
            self._fill(
                self.flag, self.tr("Any flags"), [(flag_label(f), int(f)) for f in all_flags()]
            )

    def _fill_categories(self) -> None:
        theme = self.theme.currentData()
        items: list[tuple[str, object]] = []
        d = self._dictionaries
        if d is not None:
            themes = [d.theme(theme)] if theme else list(d.themes)
            for t in themes:
                if t is None:
                    continue
                for category in d.categories_of(t.code):
                    label = category.name if theme else f"{t.name}: {category.name}"
                    items.append((label, category.code))
                    items.extend(
                        ("    " + sub.name, sub.code) for sub in d.subcategories_of(category.code)
                    )
        previous = self.category.currentData()
        with _Blocked([self.category]):
            self._fill(self.category, self.tr("All categories"), items)
            _select(self.category, previous)

    def _themes(self) -> list[tuple[str, object]]:
        d = self._dictionaries
        return [(t.name, t.code) for t in d.themes] if d else []

    def _municipalities(self) -> list[tuple[str, object]]:
        d = self._dictionaries
        if d is None:
            return []
        return sorted(((m.display_name, m.oktmo) for m in d.municipalities), key=_by_name)

    def _bodies(self) -> list[tuple[str, object]]:
        d = self._dictionaries
        if d is None:
            return []
        return sorted(((b.short_name or b.name, b.code) for b in d.bodies), key=_by_name)

    @staticmethod
    def _fill(combo: QComboBox, any_text: str, items: list[tuple[str, object]]) -> None:
        combo.clear()
        combo.addItem(any_text, None)
        for text, data in items:
            combo.addItem(text, data)


class _Blocked:
    """Block the signals of several widgets for the duration of a ``with`` block."""

    def __init__(self, widgets: list[QWidget] | list[QComboBox]) -> None:
        self._widgets = list(widgets)
        self._blockers: list[QSignalBlocker] = []

    def __enter__(self) -> None:
        self._blockers = [QSignalBlocker(w) for w in self._widgets]

    def __exit__(self, *exc: object) -> None:
        for blocker in self._blockers:
            blocker.unblock()
        self._blockers = []


def _by_name(item: tuple[str, object]) -> str:
    return item[0].casefold()


def _combo() -> QComboBox:
    combo = QComboBox()
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(_COMBO_CHARS)
    combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    combo.setMaxVisibleItems(24)
    return combo


class _DateEdit(QDateEdit):
    """A date edit Tab leaves at once (day, month and year are typed or moved with the
    arrows): QDateTimeEdit's own Tab walks its sections, and with the «not set» text
    it never left them — a Tab trap in the middle of the filter bar."""

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802, A002 - Qt's names
        return QWidget.focusNextPrevChild(self, next)


def _date_edit() -> QDateEdit:
    edit = _DateEdit()
    edit.setCalendarPopup(True)
    edit.setMinimumDate(_NO_DATE)
    edit.setDate(_NO_DATE)
    edit.setDisplayFormat("dd.MM.yyyy")
    return edit


def _date(edit: QDateEdit) -> date | None:
    value = edit.date()
    if value == _NO_DATE:
        return None
    return date(value.year(), value.month(), value.day())


def _qdate(value: date | None) -> QDate:
    return _NO_DATE if value is None else QDate(value.year, value.month, value.day)


def _select(combo: QComboBox, data: object) -> None:
    index = combo.findData(data) if data is not None else 0
    combo.setCurrentIndex(max(index, 0))
