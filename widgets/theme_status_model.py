"""A table model of appeal counts: one row per theme, one column per status.

The overview screen gets its numbers as flat ``(theme, status label, count)`` rows from a
plain callable (the lead wires it to the local cache). Operators read such numbers as a
cross table, so this model pivots the rows: themes and statuses keep the order in which
they first appear (the caller decides the order, e.g. the lifecycle order of statuses),
and a last column holds each theme's total.

Threading: like every Qt model, use it from the GUI thread only.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import (
    QAbstractTableModel,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFont

CountRow = tuple[str, str, int]
"""One input row: (theme name, status label, number of appeals)."""

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
"""Role that returns the raw value of a cell (``str`` theme name or ``int`` count)."""

_ModelIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # Qt's "no parent": this is a flat table
_ZERO_COLOUR = QColor("#9aa3ad")  # zeros recede so the non-empty cells stand out


class ThemeStatusCountsModel(QAbstractTableModel):
    """Theme × status counts with a per-theme total column."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._themes: list[str] = []
        self._statuses: list[str] = []
        self._counts: dict[tuple[str, str], int] = {}

    # -- input -------------------------------------------------------------------------

    def set_rows(self, rows: Iterable[CountRow]) -> None:
        """Replace the contents; repeated (theme, status) pairs are added together."""
        themes: dict[str, None] = {}
        statuses: dict[str, None] = {}
        counts: dict[tuple[str, str], int] = {}
        for theme, status, count in rows:
            if count < 0:
                raise ValueError(f"negative count {count} for {theme!r} / {status!r}")
            themes.setdefault(theme, None)
            statuses.setdefault(status, None)
            counts[theme, status] = counts.get((theme, status), 0) + count
        self.beginResetModel()
        self._themes = list(themes)
        self._statuses = list(statuses)
        self._counts = counts
        self.endResetModel()

    # -- derived values ----------------------------------------------------------------

    def themes(self) -> list[str]:
        """Theme names in row order."""
        return list(self._themes)

    def statuses(self) -> list[str]:
        """Status labels in column order (without the theme and total columns)."""
        return list(self._statuses)

    def count(self, theme: str, status: str) -> int:
        """The number of appeals of one theme in one status (0 when absent)."""
        return self._counts.get((theme, status), 0)

    def theme_total(self, theme: str) -> int:
        """All appeals of one theme, whatever their status."""
        return sum(self._counts.get((theme, status), 0) for status in self._statuses)

    def grand_total(self) -> int:
        """All appeals in the table."""
        return sum(self._counts.values())

    # -- Qt model interface ------------------------------------------------------------

    def rowCount(self, parent: _ModelIndex = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._themes)

    def columnCount(self, parent: _ModelIndex = _ROOT) -> int:  # noqa: N802
        # theme name, one column per status, total
        return 0 if parent.isValid() else len(self._statuses) + 2

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self._themes):
            return None
        value = self._raw_value(index.row(), index.column())
        if value is None:
            return None
        if role == SORT_ROLE:
            return value
        if role == Qt.ItemDataRole.DisplayRole:
            return value if isinstance(value, str) else QLocale().toString(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and isinstance(value, int):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and value == 0:
            return _ZERO_COLOUR
        if role == Qt.ItemDataRole.FontRole and index.column() == len(self._statuses) + 1:
            font = QFont()  # the application font, made bold for the totals
            font.setBold(True)
            return font
        return None

    def headerData(  # noqa: N802
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> object:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1) if 0 <= section < len(self._themes) else None
        if section == 0:
            return self.tr("Theme")
        if 1 <= section <= len(self._statuses):
            return self._statuses[section - 1]
        if section == len(self._statuses) + 1:
            return self.tr("Total")
        return None

    def _raw_value(self, row: int, column: int) -> str | int | None:
        theme = self._themes[row]
        if column == 0:
            return theme
        if 1 <= column <= len(self._statuses):
            return self.count(theme, self._statuses[column - 1])
        if column == len(self._statuses) + 1:
            return self.theme_total(theme)
        return None
