"""Ratings of bodies and of municipalities, with the «красная зона».

Two tables side by side. Each shows the best places and then the red zone (the
last places of the rating and anything scoring below the methodology's threshold,
as the legend says), with how many appeals the period brought, the share finished
on time and the score. Read from six metres, a row carries these few figures in
large type and the name in full (wrapped, never cut); the other criteria the score
weighs (reaction, speed, satisfaction) are named in the legend. Subjects below the
minimum volume are counted in a footnote, not ranked. Labels are created once and only their texts
and colours change on refresh. The methodology itself (weights, minimum volume,
thresholds) is data: ``resources/wall/rating_methodology.json``. GUI thread only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from widgets.wall import theme
from widgets.wall.page import WallPage, make_label, set_colour

if TYPE_CHECKING:
    from cur_desktop.analytics import Alarm, Rating, RatingRow, WallContext, WallData

BEST_ROWS = 6
RED_ROWS = 4
COLUMNS = 5  # place, name, received, timeliness, score
SCORE = COLUMNS - 1
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class RatingTable(QWidget):
    """One rating: heading, column titles, best rows, red-zone rows, footnote."""

    def __init__(self, subject: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.subject = subject
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self._layout = layout
        self.heading = make_label(self)
        layout.addWidget(self.heading)
        grid = QGridLayout()
        self.grid = grid
        layout.addLayout(grid)
        self.head = [
            make_label(self, text, colour=theme.MUTED, align=RIGHT if i != 1 else _LEFT)
            for i, text in enumerate(self._column_titles())
        ]
        for i, label in enumerate(self.head):
            grid.addWidget(label, 0, i)
        self.best = [self._row(grid, 1 + i) for i in range(BEST_ROWS)]
        self.red_title = make_label(self, colour=theme.BAD)
        grid.addWidget(self.red_title, 1 + BEST_ROWS, 0, 1, COLUMNS)
        self.red = [self._row(grid, 2 + BEST_ROWS + i) for i in range(RED_ROWS)]
        grid.setColumnStretch(1, 1)
        self.footnote = make_label(self, colour=theme.MUTED)
        self.footnote.setWordWrap(True)
        layout.addWidget(self.footnote)
        layout.addStretch(1)

    def _column_titles(self) -> list[str]:
        subject = (
            QCoreApplication.translate("RatingPage", "Body")
            if self.subject == "bodies"
            else QCoreApplication.translate("RatingPage", "Municipality")
        )
        return [
            "№",
            subject,
            QCoreApplication.translate("RatingPage", "Appeals"),
            QCoreApplication.translate("RatingPage", "On time"),
            QCoreApplication.translate("RatingPage", "Score"),
        ]

    def _row(self, grid: QGridLayout, r: int) -> list[QLabel]:
        cells: list[QLabel] = [make_label(self, align=RIGHT) for i in range(COLUMNS)]
        cells[1].setAlignment(_LEFT)
        cells[1].setWordWrap(True)  # a long name takes two lines, never an ellipsis
        for i, cell in enumerate(cells):
            grid.addWidget(cell, r, i)
        return cells

    def show_rating(self, rating: Rating, page: RatingPage) -> None:
        names = page.names
        rated = [r for r in rating.rows if r.score is not None]
        red = [r for r in rated if r.zone == "red"]
        best = [r for r in rated if r.zone != "red"][:BEST_ROWS]
        place = {r.code: i + 1 for i, r in enumerate(rated)}
        for cells, row in zip(self.best, [*best, *[None] * BEST_ROWS], strict=False):
            self._fill(cells, row, place, page)
        shown_red = red[-RED_ROWS:]
        for cells, row in zip(self.red, [*shown_red, *[None] * RED_ROWS], strict=False):
            self._fill(cells, row, place, page)
        if red:
            self.red_title.setText(
                QCoreApplication.translate("RatingPage", "Red zone: %1").replace(
                    "%1", names.count(len(red))
                )
            )
        else:
            self.red_title.setText(QCoreApplication.translate("RatingPage", "Red zone: none"))
        unrated = len(rating.rows) - len(rated)
        self.footnote.setText(
            QCoreApplication.translate(
                "RatingPage", "Not rated (fewer than %1 appeals in %2 days): %3"
            )
            .replace("%1", str(rating.min_volume))
            .replace("%2", str(rating.period_days))
            .replace("%3", names.count(unrated))
        )

    def _fill(
        self, cells: list[QLabel], row: RatingRow | None, place: dict[str, int], page: RatingPage
    ) -> None:
        if row is None:
            for cell in cells:
                cell.setText("")
            return
        names = page.names
        if self.subject == "bodies":
            name = names.body_short(row.code)
        else:
            name = names.municipality(row.code)
        texts = [
            str(place.get(row.code, "")),
            name,
            names.count(row.received),
            names.score(row.timeliness),
            names.score(row.score),
        ]
        colour = theme.ZONE_COLOURS.get(row.zone, theme.TEXT)
        for i, (cell, text) in enumerate(zip(cells, texts, strict=True)):
            cell.setText(text)
            if i == SCORE:
                set_colour(cell, colour)
        if page.marked == row.code:
            set_colour(cells[1], theme.BACKGROUND, theme.WARN)
        else:
            set_colour(cells[1], theme.BAD if row.zone == "red" else theme.TEXT)

    def apply_metrics(self, m: theme.WallMetrics) -> None:
        self._layout.setSpacing(m.gap)
        self.heading.setFont(m.font(m.heading, bold=True))
        self.grid.setHorizontalSpacing(m.gap * 2)
        self.grid.setVerticalSpacing(m.gap // 2)
        for label in self.head:
            label.setFont(m.font(m.small))
        for cells in (*self.best, *self.red):
            for i, cell in enumerate(cells):
                cell.setFont(m.font(m.text, bold=i == SCORE, narrow=i == 1))
        self.red_title.setFont(m.font(m.text, bold=True))
        self.footnote.setFont(m.font(m.small))


_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


def legend_text(context: WallContext) -> str:
    """What the rating's legend says: the criteria the methodology weighs, the red zone."""
    method = context.methodology
    return (
        QCoreApplication.translate(
            "RatingPage",
            "On time: share finished by the deadline. Score: the region's methodology weighs %1.",
        ).replace("%1", criteria_named(method.weights))
        + " "
        + red_zone_rule(method.red_below, method.red_bottom_share)
    )


class RatingPage(WallPage):
    key = "rating"

    def __init__(self, context: WallContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.marked: str | None = None
        layout = QHBoxLayout(self.body)
        layout.setContentsMargins(0, 0, 0, 0)
        self._layout = layout
        self.bodies = RatingTable("bodies", self.body)
        self.bodies.heading.setText(QCoreApplication.translate("RatingPage", "Bodies"))
        self.municipalities = RatingTable("municipalities", self.body)
        self.municipalities.heading.setText(
            QCoreApplication.translate("RatingPage", "Municipalities")
        )
        layout.addWidget(self.bodies, 1)
        layout.addWidget(self.municipalities, 1)
        self.legend = make_label(self, legend_text(context), colour=theme.MUTED)
        self.legend.setWordWrap(True)
        self._outer.addWidget(self.legend)

    def context_changed(self) -> None:
        self.legend.setText(legend_text(self.context))  # another methodology was loaded

    def title(self) -> str:
        return QCoreApplication.translate("RatingPage", "Rating of work with appeals")

    def _refresh(self, data: WallData) -> None:
        self.bodies.show_rating(data.body_rating, self)
        self.municipalities.show_rating(data.municipality_rating, self)
        self.subtitle_label.setText(
            QCoreApplication.translate("RatingPage", "last %1 days; scores 0–100").replace(
                "%1", str(data.body_rating.period_days)
            )
        )

    def _highlight(self, alarm: Alarm | None) -> None:
        target = alarm.target if alarm is not None else None
        if target != self.marked:
            self.marked = target
            if self.data is not None:
                self._refresh(self.data)

    def _apply_metrics(self, metrics: theme.WallMetrics) -> None:
        self._layout.setSpacing(metrics.margin * 2)
        self.legend.setFont(metrics.font(metrics.small))
        self.bodies.apply_metrics(metrics)
        self.municipalities.apply_metrics(metrics)


def criteria_named(weights: dict[str, float]) -> str:
    """The criteria the region's methodology gives a weight, as the legend names them, in
    the methodology's order («реакция, своевременность, …, качество ответов»)."""
    names = {
        "quantity": QCoreApplication.translate("RatingPage", "reaction"),
        "timeliness": QCoreApplication.translate("RatingPage", "timeliness"),
        "speed": QCoreApplication.translate("RatingPage", "speed"),
        "satisfaction": QCoreApplication.translate("RatingPage", "satisfaction"),
        "quality": QCoreApplication.translate("RatingPage", "quality of answers"),
    }
    return ", ".join(names.get(key, key) for key, weight in weights.items() if weight > 0)


def red_zone_rule(red_below: float, bottom_share: float) -> str:
    """The red zone as the methodology defines it (rating.py::zone_of and the bottom
    places): a score below ``red_below``, and the last ``bottom_share`` of the rated."""
    if bottom_share <= 0:
        return QCoreApplication.translate("RatingPage", "Red zone: a score below %1.").replace(
            "%1", f"{red_below:.0f}"
        )
    return (
        QCoreApplication.translate(
            "RatingPage",
            "Red zone: a score below %1, and the last %2 % of the rated places "
            "(rounded up) whatever their score.",
        )
        .replace("%1", f"{red_below:.0f}")
        .replace("%2", f"{bottom_share * 100:.0f}")
    )
