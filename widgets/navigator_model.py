"""The queue navigator's model: groups of queues, each with a live count.

Two columns (the queue's name, its count) in a two-level tree: groups («Очереди»,
«Тематические блоки», «Муниципалитеты», «Мои фильтры») hold queues. Each queue is
known by a stable string key the console maps to a query; this model knows nothing
of queries, it only shows names and the counts it is given. Counts change often
(every sync); :meth:`NavigatorModel.set_counts` updates cells in place, so the tree's
expansion and the current queue are never disturbed.

GUI thread only.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import (
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSignalBlocker,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QStandardItem, QStandardItemModel

KEY_ROLE = Qt.ItemDataRole.UserRole + 1
"""The queue's key (None on group rows)."""
COUNT_ROLE = Qt.ItemDataRole.UserRole + 2
"""The queue's count as an int (None until known)."""
MORE_ROLE = Qt.ItemDataRole.UserRole + 3
"""True when the count is a :class:`MoreThan` (only known to be above it)."""

_ALERT = QColor("#c62828")
_MUTED = QColor("#7a8591")


class MoreThan(int):
    """A count known only to be above this number: counting stopped there (a saved
    queue's search of a frequent word would otherwise count every hit). Shown as
    «более 10 000», never as a wrong exact number."""


@dataclass(frozen=True, slots=True)
class NavEntry:
    key: str
    title: str
    tooltip: str = ""
    alert: bool = False  # a non-zero count is bad news (overdue): shown in red


@dataclass(frozen=True, slots=True)
class NavGroup:
    key: str
    title: str
    entries: tuple[NavEntry, ...]


class NavigatorModel(QStandardItemModel):
    """Queue groups and queues; column 0 the name, column 1 the count."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(0, 2, parent)
        self._items: dict[str, tuple[QStandardItem, QStandardItem]] = {}
        self._alerts: set[str] = set()
        self._counts: dict[str, int] = {}

    def set_groups(self, groups: Sequence[NavGroup]) -> None:
        """Replace the tree (counts already known for a key are kept)."""
        self.beginResetModel()
        # The reset announces the change once; the item-by-item signals would be noise.
        blocker = QSignalBlocker(self)
        try:
            self.removeRows(0, self.rowCount())
            self._items.clear()
            self._alerts.clear()
            bold = QFont()
            bold.setBold(True)
            for group in groups:
                head = _item(group.title)
                head.setFont(bold)
                head.setData(None, KEY_ROLE)
                tail = _item("")
                for entry in group.entries:
                    name = _item(entry.title)
                    name.setData(entry.key, KEY_ROLE)
                    name.setToolTip(entry.tooltip or entry.title)
                    number = _item("")
                    number.setData(entry.key, KEY_ROLE)
                    number.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                    head.appendRow([name, number])
                    self._items[entry.key] = (name, number)
                    if entry.alert:
                        self._alerts.add(entry.key)
                self.appendRow([head, tail])
        finally:
            blocker.unblock()
            self.endResetModel()
        self.set_counts(self._counts)

    def set_counts(self, counts: Mapping[str, int]) -> None:
        """Show these counts; keys not given keep theirs."""
        locale = QLocale()
        for key, value in counts.items():
            self._counts[key] = value
            pair = self._items.get(key)
            if pair is None:
                continue
            number = pair[1]
            more = isinstance(value, MoreThan)
            if number.data(COUNT_ROLE) == value and bool(number.data(MORE_ROLE)) == more:
                continue
            number.setData(int(value), COUNT_ROLE)
            number.setData(more, MORE_ROLE)
            shown = locale.toString(int(value))
            number.setText(self.tr("more than %1").replace("%1", shown) if more else shown)
            if key in self._alerts and value > 0:
                number.setForeground(_ALERT)
            elif value == 0:
                number.setForeground(_MUTED)
            else:
                number.setData(None, Qt.ItemDataRole.ForegroundRole)

    def count(self, key: str) -> int | None:
        return self._counts.get(key)

    def keys(self) -> list[str]:
        """Queue keys in display order."""
        return list(self._items)

    def index_of(self, key: str) -> QModelIndex:
        pair = self._items.get(key)
        return pair[0].index() if pair is not None else QModelIndex()

    @staticmethod
    def key_of(index: QModelIndex | QPersistentModelIndex) -> str | None:
        if not index.isValid():
            return None
        key = index.data(KEY_ROLE)
        return str(key) if key is not None else None

    def titles(self) -> dict[str, str]:
        return {key: pair[0].text() for key, pair in self._items.items()}

    def entries_in(self, keys: Iterable[str]) -> list[str]:
        """Those of ``keys`` that are in the tree, in display order."""
        wanted = set(keys)
        return [key for key in self._items if key in wanted]


def _item(text: str) -> QStandardItem:
    item = QStandardItem(text)
    item.setEditable(False)
    return item
