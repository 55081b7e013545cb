"""A weekly or monthly rating as a Qt item model: places, criteria, history, red zone.

One row per body or municipality (:class:`cur_desktop.desk.ratings.RatingBoard`), best
first: place, the change of place since the period before, name, received, the five
criteria, the score, the zone, the score in each earlier period (oldest first) and,
for a red row, why it is red. Red rows are tinted; numbers sort under
:data:`widgets.desk.figures_model.SORT_ROLE`; :meth:`RatingsModel.cell_criterion`
says which appeals a cell stands for (a double click opens them). GUI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    Qt,
)
from PySide6.QtGui import QColor

from cur_desktop.desk.ratings import RatingBoard, RatingRow
from widgets.desk.figures_model import SORT_ROLE, Index

RED_ROW = QColor("#FBE3E6")
YELLOW_ROW = QColor("#FFF6D8")
CRITERIA = ("quantity", "timeliness", "speed", "satisfaction", "quality")
#: Fixed columns before the history: place, move, name, received, criteria, score, zone.
FIXED = ("place", "move", "name", "received", *CRITERIA, "score", "zone")


def _t(text: str) -> str:
    return QCoreApplication.translate("DeskRatings", text)


def criterion_title(key: str) -> str:
    return {
        "place": _t("Place"),
        "move": _t("Move"),
        "name": _t("Name"),
        "received": _t("Received"),
        "quantity": _t("Completeness"),
        "timeliness": _t("Timeliness"),
        "speed": _t("Speed"),
        "satisfaction": _t("Satisfaction"),
        "quality": _t("Quality"),
        "score": _t("Score"),
        "zone": _t("Zone"),
        "why": _t("Why in the red zone"),
    }.get(key, key)


def zone_title(zone: str) -> str:
    return {
        "green": _t("green"),
        "yellow": _t("yellow"),
        "red": _t("red"),
        "unrated": _t("not rated: too few appeals"),
    }.get(zone, zone)


def why_text(row: RatingRow, red_below: float, rated: int, bottom: int) -> str:
    """Why ``row`` is red, in words: the rule it broke and its weak criteria."""
    parts: list[str] = []
    for reason in row.why:
        if reason == "score":
            parts.append(
                _t("score %1 below %2")
                .replace("%1", f"{row.score or 0:.1f}")
                .replace("%2", f"{red_below:g}")
            )
        elif reason == "bottom":
            parts.append(
                _t("place %1 of %2: among the last %3")
                .replace("%1", str(row.place))
                .replace("%2", str(rated))
                .replace("%3", str(bottom))
            )
        else:
            value = row.criteria.get(reason)
            shown = "—" if value is None else f"{value:.0f}"
            parts.append(f"{criterion_title(reason).lower()} {shown}")
    return "; ".join(parts)


class RatingsModel(QAbstractTableModel):
    """The rows of a :class:`RatingBoard` (``names``: code -> name)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.board: RatingBoard | None = None
        self.names: dict[str, str] = {}
        self.rows: list[RatingRow] = []
        self.red_below = 0.0
        self.bottom = 0

    def set_board(
        self, board: RatingBoard | None, names: dict[str, str], red_below: float, bottom: int
    ) -> None:
        self.beginResetModel()
        self.board = board
        self.names = names
        self.rows = list(board.rating.rows) if board else []
        self.red_below = red_below
        self.bottom = bottom
        self.endResetModel()

    @property
    def history_labels(self) -> tuple[str, ...]:
        return self.board.labels[:-1] if self.board else ()

    def columns(self) -> tuple[str, ...]:
        return (*FIXED, *(f"h:{label}" for label in self.history_labels), "why")

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns())

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        key = self.columns()[section]
        return key[2:] if key.startswith("h:") else criterion_title(key)

    def name(self, code: str) -> str:
        return self.names.get(code, code) if code else _t("(not set)")

    def row_code(self, row: int) -> str:
        return self.rows[row].code

    def cell_criterion(self, index: Index) -> tuple[str, str] | None:
        """(criterion, code) of a cell: a criterion's appeals, else everything received."""
        if not index.isValid() or self.board is None:
            return None
        key = self.columns()[index.column()]
        return (key if key in CRITERIA else "received"), self.rows[index.row()].code

    def _value(self, row: RatingRow, key: str) -> tuple[str, object]:
        """(display, sort key) of a cell."""
        if key == "place":
            return ("—" if row.place is None else str(row.place)), row.place or 10**9
        if key == "move":
            before = self.board.places_before.get(row.code) if self.board else None
            if row.place is None or before is None:
                return "", 0
            moved = before - row.place
            return ("=" if moved == 0 else f"{'▲' if moved > 0 else '▼'}{abs(moved)}"), moved
        if key == "name":
            return self.name(row.code), self.name(row.code)
        if key == "received":
            return f"{row.received:,}".replace(",", "\u00a0"), row.received
        if key == "score":
            return ("—" if row.score is None else f"{row.score:.1f}"), (
                -1.0 if row.score is None else row.score
            )
        if key == "zone":
            return zone_title(row.zone), ("red", "yellow", "green", "unrated").index(row.zone)
        if key == "why":
            text = why_text(row, self.red_below, self._rated(), self.bottom)
            return text, text
        if key.startswith("h:") and self.board is not None:
            i = self.board.labels.index(key[2:])
            score = self.board.history.get(row.code, (None,) * len(self.board.labels))[i]
            return ("—" if score is None else f"{score:.1f}"), -1.0 if score is None else score
        value = row.criteria.get(key)
        return ("—" if value is None else f"{value:.1f}"), -1.0 if value is None else value

    def _rated(self) -> int:
        return sum(1 for r in self.rows if r.score is not None)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or self.board is None:
            return None
        row = self.rows[index.row()]
        key = self.columns()[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            text, order = self._value(row, key)
            return text if role == Qt.ItemDataRole.DisplayRole else order
        if role == Qt.ItemDataRole.BackgroundRole:
            if row.zone == "red":
                return RED_ROW
            if row.zone == "yellow":
                return YELLOW_ROW
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and key not in ("name", "zone", "why"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return _t("Enter or double-click: these appeals in the queue")
        return None


def _mark_for_lupdate() -> None:  # pragma: no cover - lupdate reads these literals
    QCoreApplication.translate("DeskRatings", "Place")
    QCoreApplication.translate("DeskRatings", "Move")
    QCoreApplication.translate("DeskRatings", "Name")
    QCoreApplication.translate("DeskRatings", "Received")
    QCoreApplication.translate("DeskRatings", "Completeness")
    QCoreApplication.translate("DeskRatings", "Timeliness")
    QCoreApplication.translate("DeskRatings", "Speed")
    QCoreApplication.translate("DeskRatings", "Satisfaction")
    QCoreApplication.translate("DeskRatings", "Quality")
    QCoreApplication.translate("DeskRatings", "Score")
    QCoreApplication.translate("DeskRatings", "Zone")
    QCoreApplication.translate("DeskRatings", "Why in the red zone")
    QCoreApplication.translate("DeskRatings", "green")
    QCoreApplication.translate("DeskRatings", "yellow")
    QCoreApplication.translate("DeskRatings", "red")
    QCoreApplication.translate("DeskRatings", "not rated: too few appeals")
    QCoreApplication.translate("DeskRatings", "score %1 below %2")
    QCoreApplication.translate("DeskRatings", "place %1 of %2: among the last %3")
    QCoreApplication.translate("DeskRatings", "(not set)")
    QCoreApplication.translate("DeskRatings", "Enter or double-click: these appeals in the queue")
