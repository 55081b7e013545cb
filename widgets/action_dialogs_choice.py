"""Type-to-filter choice lists: the keyboard-first heart of every action dialog.

An operator picks a category, a body, a rejection reason or a template by typing a
few letters of it: :class:`ChoicePicker` is a search field over a list, where the
arrow keys move in the list without leaving the field and the first match is
highlighted as soon as something is typed. The list is a small in-memory
:class:`ChoiceModel` (a region has hundreds of categories, not millions), filtered
by every typed word, case-insensitively, Cyrillic included.

GUI thread only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QListView, QVBoxLayout, QWidget

_ModelIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()

CODE_ROLE = Qt.ItemDataRole.UserRole + 1
"""The choice's code (str)."""

_NAVIGATION = frozenset({Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown})


@dataclass(frozen=True, slots=True)
class Choice:
    """One entry of a choice list: what is returned, what is shown, what is searched."""

    code: str
    text: str
    detail: str = ""  # tooltip; searched too
    keywords: str = ""  # searched, not shown

    def matches(self, words: Sequence[str]) -> bool:
        hay = f"{self.text} {self.detail} {self.keywords}".casefold()
        return all(w in hay for w in words)


class ChoiceModel(QAbstractListModel):
    """A filtered list of :class:`Choice`."""

    def __init__(self, choices: Sequence[Choice] = (), parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._all: tuple[Choice, ...] = tuple(choices)
        self._shown: tuple[Choice, ...] = self._all
        self._filter = ""

    def set_choices(self, choices: Sequence[Choice]) -> None:
        self.beginResetModel()
        self._all = tuple(choices)
        self._shown = self._filtered(self._filter)
        self.endResetModel()

    def set_filter(self, text: str) -> None:
        """Show only choices containing every word of ``text``."""
        shown = self._filtered(text)
        self._filter = text
        if shown == self._shown:
            return
        self.beginResetModel()
        self._shown = shown
        self.endResetModel()

    def _filtered(self, text: str) -> tuple[Choice, ...]:
        words = text.casefold().split()
        if not words:
            return self._all
        return tuple(c for c in self._all if c.matches(words))

    def choice(self, row: int) -> Choice | None:
        return self._shown[row] if 0 <= row < len(self._shown) else None

    def row_of(self, code: str) -> int:
        return next((i for i, c in enumerate(self._shown) if c.code == code), -1)

    def rowCount(self, parent: _ModelIndex = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._shown)

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._shown):
            return None
        choice = self._shown[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return choice.text
        if role == Qt.ItemDataRole.ToolTipRole:
            return choice.detail or None
        if role == CODE_ROLE:
            return choice.code
        return None

    def flags(self, index: _ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )


class ChoicePicker(QWidget):
    """A search field over a list; :meth:`current` is the highlighted choice.

    ``auto_select``: highlight the first match even before anything is typed (for
    lists where a default is harmless). Without it, nothing is chosen until the
    operator types or moves into the list (a rejection reason must be a decision).
    """

    activated = Signal(str)
    """Enter or a double click on a choice: its code."""
    current_changed = Signal(str)
    """The highlighted choice changed: its code ("" when none)."""

    def __init__(
        self,
        choices: Sequence[Choice] = (),
        *,
        placeholder: str = "",
        auto_select: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._auto = auto_select
        self.model = ChoiceModel(choices, self)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(placeholder)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setUniformItemSizes(True)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setFocusProxy(self.search)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.search)
        layout.addWidget(self.list, stretch=1)
        self.search.textChanged.connect(self._filter)
        self.search.installEventFilter(self)
        self.list.activated.connect(self._activated)
        self.list.selectionModel().currentRowChanged.connect(self._moved)
        if auto_select:
            self._select(0)

    # -- public API ----------------------------------------------------------------------

    def current(self) -> Choice | None:
        index = self.list.currentIndex()
        if not index.isValid() or not self.list.selectionModel().isSelected(index):
            return None
        return self.model.choice(index.row())

    def current_code(self) -> str | None:
        choice = self.current()
        return choice.code if choice is not None else None

    def set_current(self, code: str) -> bool:
        """Highlight the choice with this code (if shown)."""
        row = self.model.row_of(code)
        if row >= 0:
            self._select(row)
        return row >= 0

    def set_choices(self, choices: Sequence[Choice]) -> None:
        self.model.set_choices(choices)
        self._after_reset()

    # -- internals -----------------------------------------------------------------------

    def _select(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            index = self.model.index(row, 0)
            self.list.setCurrentIndex(index)
            self.list.scrollTo(index)
        else:
            self.list.setCurrentIndex(QModelIndex())
        self.current_changed.emit(self.current_code() or "")

    def _filter(self, text: str) -> None:
        self.model.set_filter(text)
        self._after_reset()

    def _after_reset(self) -> None:
        if self._auto or self.search.text().strip():
            self._select(0)
        else:
            self._select(-1)

    def _moved(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self.current_changed.emit(self.current_code() or "")

    def _activated(self, index: QModelIndex) -> None:
        choice = self.model.choice(index.row())
        if choice is not None:
            self.activated.emit(choice.code)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = Qt.Key(event.key())
            if key in _NAVIGATION and self.model.rowCount():
                self._select(self._moved_row(key))
                return True
        return super().eventFilter(watched, event)

    def _moved_row(self, key: Qt.Key) -> int:
        """Where an arrow or page key pressed in the search field moves the highlight."""
        current = self.list.currentIndex()
        row = current.row() if self.current() is not None else -1
        last = self.model.rowCount() - 1
        height = max(self.list.sizeHintForRow(0), 1)
        page = max(self.list.viewport().height() // height - 1, 1)
        step = {
            Qt.Key.Key_Up: -1,
            Qt.Key.Key_Down: 1,
            Qt.Key.Key_PageUp: -page,
            Qt.Key.Key_PageDown: page,
        }[key]
        if row < 0:
            return 0 if step > 0 else last
        return min(max(row + step, 0), last)
