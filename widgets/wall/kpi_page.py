"""The KPI board: eight large figures, each with its trend against the previous period.

Tiles are built once; a refresh sets their texts and colours. The arrow says which
way the figure moved and its colour whether that is good news (more overdue is
red, more answered within the norm is green). GUI thread only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFrame, QGridLayout, QVBoxLayout, QWidget

from cur_desktop.analytics.kpi import KPI_KEYS
from widgets.wall import theme
from widgets.wall.names import NBSP, keep_numbers
from widgets.wall.page import WallPage, make_label, set_colour

if TYPE_CHECKING:
    from cur_desktop.analytics import Alarm, Kpi, WallContext, WallData
    from widgets.wall.names import Names


def _caption(key: str) -> str:
    captions = {
        "received_today": QCoreApplication.translate("KpiPage", "Received today"),
        "received_week": QCoreApplication.translate("KpiPage", "Received this week"),
        "in_work": QCoreApplication.translate("KpiPage", "In work"),
        "overdue_now": QCoreApplication.translate("KpiPage", "Overdue now"),
        "within_norm": QCoreApplication.translate("KpiPage", "Answered within the norm, 7 days"),
        "reaction_median": QCoreApplication.translate("KpiPage", "Median reaction time, 7 days"),
        "satisfied_rating": QCoreApplication.translate("KpiPage", "Ratings 4–5, 30 days"),
        "satisfied_reaction": QCoreApplication.translate(
            "KpiPage", "«Satisfied» reactions, 30 days"
        ),
    }
    return keep_numbers(captions.get(key, key))


def _previous_caption(period: str) -> str:
    captions = {
        "today": QCoreApplication.translate("KpiPage", "yesterday by this time: %1"),
        "week": QCoreApplication.translate("KpiPage", "last week by this day: %1"),
        "now": QCoreApplication.translate("KpiPage", "a week ago: %1"),
        "7d": QCoreApplication.translate("KpiPage", "previous 7 days: %1"),
        "30d": QCoreApplication.translate("KpiPage", "previous 30 days: %1"),
    }
    return captions.get(period, "%1")


def format_value(kpi: Kpi, names: Names) -> str:
    if kpi.unit == "share":
        return names.percent(kpi.value)
    if kpi.unit in ("hours", "working_hours"):
        return names.hours(kpi.value, working=kpi.unit == "working_hours")
    return names.count(kpi.value)


def format_plain(kpi: Kpi, value: float | None, names: Names) -> str:
    if kpi.unit == "share":
        return names.percent(value)
    if kpi.unit in ("hours", "working_hours"):
        return names.hours(value, working=kpi.unit == "working_hours")
    return names.count(value)


class KpiTile(QFrame):
    def __init__(self, key: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.key = key
        self.setObjectName(f"kpi-{key}")
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(self.backgroundRole(), theme.wall_palette().base().color())
        self.setPalette(palette)
        layout = QVBoxLayout(self)
        self.layout_ = layout
        self.caption = make_label(self, _caption(key), colour=theme.MUTED)
        self.caption.setWordWrap(True)
        self.value = make_label(self, "—")
        self.norm = make_label(self, colour=theme.MUTED)
        self.trend = make_label(self, colour=theme.MUTED)
        self.trend.setWordWrap(True)
        layout.addWidget(self.caption)
        layout.addStretch(1)
        for w in (self.value, self.norm, self.trend):
            layout.addWidget(w)
        layout.addStretch(2)

    def apply_metrics(self, m: theme.WallMetrics) -> None:
        self.layout_.setContentsMargins(m.margin, m.gap, m.margin, m.gap)
        self.layout_.setSpacing(m.gap // 2)
        self.caption.setFont(m.font(m.text))
        self.value.setFont(m.font(m.figure, bold=True))
        self.norm.setFont(m.font(m.text))
        self.trend.setFont(m.font(m.text))

    def show_kpi(self, kpi: Kpi, names: Names) -> None:
        self.value.setText(format_value(kpi, names))
        if kpi.norm is not None:
            self.norm.setText(
                QCoreApplication.translate("KpiPage", "norm: %1").replace(
                    "%1", format_plain(kpi, kpi.norm, names)
                )
            )
            self.norm.show()
        else:
            self.norm.hide()
        previous = format_plain(kpi, kpi.previous, names)
        change = kpi.change
        # a change the displayed figures cannot show is no change, and one they show is
        # one: the arrow follows the two figures as printed ("92 %" against "93 %")
        if change is None or previous == format_plain(kpi, kpi.value, names):
            arrow, colour = "=", theme.MUTED
        else:
            good = (change > 0) == kpi.higher_is_better
            arrow = "▲" if change > 0 else "▼"
            colour = theme.GOOD if good else theme.BAD
        self.trend.setText(
            f"{arrow} " + keep_numbers(_previous_caption(kpi.period)).replace("%1", previous)
        )
        set_colour(self.trend, colour)
        value_colour = theme.TEXT
        if kpi.key == "overdue_now" and (kpi.value or 0) > 0:
            value_colour = theme.BAD
        if kpi.norm is not None and kpi.value is not None and kpi.value > kpi.norm:
            value_colour = theme.BAD
        set_colour(self.value, value_colour)

    def set_marked(self, marked: bool) -> None:
        palette = self.palette()
        colour = theme.wall_palette().base().color()
        palette.setColor(self.backgroundRole(), theme.heat_colour(0.95) if marked else colour)
        self.setPalette(palette)


class KpiPage(WallPage):
    key = "kpi"

    def __init__(self, context: WallContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        grid = QGridLayout(self.body)
        self._grid = grid
        grid.setContentsMargins(0, 0, 0, 0)
        self.tiles: dict[str, KpiTile] = {}
        for i, key in enumerate(KPI_KEYS):
            tile = KpiTile(key, self.body)
            self.tiles[key] = tile
            grid.addWidget(tile, i // 4, i % 4)
        for col in range(4):
            grid.setColumnStretch(col, 1)
        # what the problem-control work adds: open conflicts, disinformation cases being
        # checked (WallData.room, read once a minute) and the rating's red zone
        self.room_line = make_label(self.body)
        self.room_line.setObjectName("wall-kpi-room")
        self.room_line.setWordWrap(True)
        self.room_line.hide()
        grid.addWidget(self.room_line, 2, 0, 1, 4)

    def title(self) -> str:
        return QCoreApplication.translate("KpiPage", "Key figures")

    def _refresh(self, data: WallData) -> None:
        for kpi in data.kpis:
            tile = self.tiles.get(kpi.key)
            if tile is not None:
                tile.show_kpi(kpi, self.names)
        self._show_room(data)
        local = data.computed_at.astimezone(self.context.time_zone)
        self.subtitle_label.setText(
            QCoreApplication.translate("KpiPage", "as of %1").replace(
                "%1", local.strftime("%d.%m.%Y %H:%M")
            )
        )

    def _show_room(self, data: WallData) -> None:
        names = self.names
        parts = []
        room = data.room
        if room is not None and room.open_conflicts is not None:
            parts.append(
                QCoreApplication.translate("KpiPage", "Open conflict situations: %1").replace(
                    "%1", names.count(room.open_conflicts)
                )
            )
        if room is not None and room.open_disinfo_cases is not None:
            parts.append(
                QCoreApplication.translate(
                    "KpiPage", "Disinformation cases being checked: %1"
                ).replace("%1", names.count(room.open_disinfo_cases))
            )
        red_bodies = len(data.body_rating.red_zone)
        red_muns = len(data.municipality_rating.red_zone)
        if red_bodies or red_muns:
            parts.append(
                QCoreApplication.translate(
                    "KpiPage", "Red zone, %1 days: bodies %2, municipalities %3"
                )
                .replace("%1", str(data.body_rating.period_days))
                .replace("%2", names.count(red_bodies))
                .replace("%3", names.count(red_muns))
            )
        # each figure whole on its line: the line breaks only between figures
        self.room_line.setText("   ·   ".join(part.replace(" ", NBSP) for part in parts))
        self.room_line.setVisible(bool(parts))

    def _highlight(self, alarm: Alarm | None) -> None:
        marked = alarm is not None and alarm.kind == "overdue_spike"
        self.tiles["overdue_now"].set_marked(marked)

    def _apply_metrics(self, metrics: theme.WallMetrics) -> None:
        self._grid.setSpacing(metrics.gap * 2)
        self.room_line.setFont(metrics.font(metrics.text, bold=True))
        for tile in self.tiles.values():
            tile.apply_metrics(metrics)
