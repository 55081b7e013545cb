"""The desk's figures as Qt item models: the region's totals and a table by dimension.

:class:`TotalsModel` lists the figures (rows) with the period, the previous period,
a year earlier and the target; :class:`GroupsModel` lists the groups of a dimension
(rows) with the main figures (columns). Both give numbers under :data:`SORT_ROLE`
(for a sorting proxy) and say which figure and group a cell is
(:meth:`cell_figure`), so a double click opens the appeals behind it. A figure that
misses its target is painted red. GUI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from cur_desktop.desk import Desk
from cur_desktop.desk.figures import REGION_KEY, figure

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
MISSED = QColor("#B00020")
Index = QModelIndex | QPersistentModelIndex

#: Figures shown, in order (the totals list every one; the groups table these).
TOTALS = (
    "received",
    "finished",
    "within_norm",
    "overdue_period",
    "overdue_now",
    "reaction_hours_median",
    "reaction_hours_mean",
    "answer_hours_median",
    "answer_hours_mean",
    "satisfied_rating",
    "satisfied_reaction",
    "rework_share",
    "repeat_share",
    "reopened_share",
    "source_overdue",
    "fast_track",
)
GROUP_COLUMNS = (
    "received",
    "within_norm",
    "overdue_period",
    "overdue_now",
    "reaction_hours_median",
    "answer_hours_median",
    "satisfied_rating",
    "satisfied_reaction",
    "rework_share",
    "repeat_share",
    "reopened_share",
)


def _t(text: str) -> str:
    return QCoreApplication.translate("DeskFigures", text)


def figure_title(key: str) -> str:
    titles = {
        "received": _t("Received"),
        "finished": _t("Finished"),
        "within_norm": _t("Within the norm"),
        "overdue_period": _t("Overdue in the period"),
        "overdue_now": _t("Overdue now"),
        "reaction_hours_median": _t("First reaction, median, h"),
        "reaction_hours_mean": _t("First reaction, mean, h"),
        "answer_hours_median": _t("Final answer, median, h"),
        "answer_hours_mean": _t("Final answer, mean, h"),
        "satisfied_rating": _t("Rated 4–5"),
        "satisfied_reaction": _t("«Satisfied»"),
        "rework_share": _t("Returned for rework"),
        "repeat_share": _t("Repeat"),
        "reopened_share": _t("Reopened"),
        "responded_share": _t("Responded"),
        "satisfied_any": _t("Satisfied, all channels"),
        "source_overdue": _t("Overdue at the platform (POS)"),
        "fast_track": _t("Fast track (POS)"),
    }
    return titles.get(key, key)


def drill_title(key: str) -> str:
    """What the appeals behind a figure are (a share opens its misses, not its hits)."""
    titles = {
        "within_norm": _t("Finished late"),
        "satisfied_rating": _t("Rated 1–3"),
        "satisfied_reaction": _t("Author not satisfied"),
        "satisfied_any": _t("Not satisfied"),
        "responded_share": _t("No reaction yet"),
    }
    return titles.get(key) or figure_title(key)


def decimal(value: float, places: int = 1) -> str:
    """A number as Russian writes it: a decimal comma («97,0»), never a point."""
    return f"{value:.{places}f}".replace(".", ",")


def format_value(value: float | None, unit: str) -> str:
    """A figure as the desk shows it: «1 471», «97,0 %», «2,9» (hours)."""
    if value is None:
        return "—"
    if unit == "share":
        return f"{decimal(100 * value)}\u00a0%"
    if unit == "hours":
        return decimal(value)
    return f"{value:,.0f}".replace(",", "\u00a0")


class TotalsModel(QAbstractTableModel):
    """The region's figures: rows are figures; columns period, previous, year ago, target."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.desk: Desk | None = None
        self.dimension = "region"
        self.group = REGION_KEY

    def set_desk(self, desk: Desk | None) -> None:
        self.beginResetModel()
        self.desk = desk
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(TOTALS)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else 5

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (_t("Figure"), _t("Period"), _t("Previous"), _t("A year earlier"), _t("Target"))[
            section
        ]

    def cell_figure(self, index: Index) -> str | None:
        return TOTALS[index.row()] if index.isValid() and index.column() == 1 else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or self.desk is None:
            return None
        key = TOTALS[index.row()]
        spec = figure(key)
        d = self.desk
        values = (
            None,
            d.current.value(key),
            d.previous.value(key) if spec.comparable else None,
            d.year_ago.value(key) if spec.comparable else None,
            d.target(key),
        )
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return figure_title(key) if col == 0 else format_value(values[col], spec.unit)
        if role == SORT_ROLE:
            return values[col] if col else figure_title(key)
        if role == Qt.ItemDataRole.TextAlignmentRole and col:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and col == 1 and d.meets(key) is False:
            return MISSED
        if role == Qt.ItemDataRole.ToolTipRole and col == 1:
            return _t("Enter or double-click: these appeals in the queue")
        return None


class GroupsModel(QAbstractTableModel):
    """The groups of one dimension (rows) with the main figures (columns)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.desk: Desk | None = None
        self.dimension = "block"
        self.groups: list[str] = []
        self.names: dict[str, str] = {}

    def set_desk(self, desk: Desk | None, dimension: str, names: dict[str, str]) -> None:
        self.beginResetModel()
        self.desk = desk
        self.dimension = dimension
        self.names = names
        table = desk.current.tables.get(dimension, {}) if desk else {}
        self.groups = sorted(table, key=lambda g: -(table[g].get("received") or 0.0))
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.groups)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else 1 + len(GROUP_COLUMNS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return _t("Name") if section == 0 else figure_title(GROUP_COLUMNS[section - 1])

    def group_name(self, code: str) -> str:
        if code == "":
            return _t("(not set)")
        return self.names.get(code, code)

    def cell_figure(self, index: Index) -> tuple[str, str] | None:
        """(figure, group) of a figure cell."""
        if not index.isValid() or index.column() == 0:
            return None
        return GROUP_COLUMNS[index.column() - 1], self.groups[index.row()]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or self.desk is None:
            return None
        group = self.groups[index.row()]
        col = index.column()
        if col == 0:
            if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
                return self.group_name(group)
            return None
        key = GROUP_COLUMNS[col - 1]
        value = self.desk.current.value(key, self.dimension, group)
        if role == Qt.ItemDataRole.DisplayRole:
            return format_value(value, figure(key).unit)
        if role == SORT_ROLE:
            return -1e300 if value is None else value
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and self.desk.meets(key, self.dimension, group) is False
        ):
            return MISSED
        return None


def _mark_for_lupdate() -> None:  # pragma: no cover - lupdate reads these literals
    QCoreApplication.translate("DeskFigures", "Received")
    QCoreApplication.translate("DeskFigures", "Finished")
    QCoreApplication.translate("DeskFigures", "Within the norm")
    QCoreApplication.translate("DeskFigures", "Overdue in the period")
    QCoreApplication.translate("DeskFigures", "Overdue now")
    QCoreApplication.translate("DeskFigures", "First reaction, median, h")
    QCoreApplication.translate("DeskFigures", "First reaction, mean, h")
    QCoreApplication.translate("DeskFigures", "Final answer, median, h")
    QCoreApplication.translate("DeskFigures", "Final answer, mean, h")
    QCoreApplication.translate("DeskFigures", "Rated 4–5")
    QCoreApplication.translate("DeskFigures", "«Satisfied»")
    QCoreApplication.translate("DeskFigures", "Returned for rework")
    QCoreApplication.translate("DeskFigures", "Repeat")
    QCoreApplication.translate("DeskFigures", "Reopened")
    QCoreApplication.translate("DeskFigures", "Responded")
    QCoreApplication.translate("DeskFigures", "Satisfied, all channels")
    QCoreApplication.translate("DeskFigures", "Overdue at the platform (POS)")
    QCoreApplication.translate("DeskFigures", "Fast track (POS)")
    QCoreApplication.translate("DeskFigures", "Finished late")
    QCoreApplication.translate("DeskFigures", "Rated 1–3")
    QCoreApplication.translate("DeskFigures", "Author not satisfied")
    QCoreApplication.translate("DeskFigures", "Not satisfied")
    QCoreApplication.translate("DeskFigures", "No reaction yet")
    QCoreApplication.translate("DeskFigures", "Figure")
    QCoreApplication.translate("DeskFigures", "Period")
    QCoreApplication.translate("DeskFigures", "Previous")
    QCoreApplication.translate("DeskFigures", "A year earlier")
    QCoreApplication.translate("DeskFigures", "Target")
    QCoreApplication.translate("DeskFigures", "Enter or double-click: these appeals in the queue")
    QCoreApplication.translate("DeskFigures", "Name")
    QCoreApplication.translate("DeskFigures", "(not set)")
