"""Map of the region's municipalities, coloured by load or by overdue share.

With a region pack that ships boundaries, every municipality is its real polygon;
without them (the built-in demo region) the pack's tile cartogram is drawn: one
square per municipality, placed where it lies, its name written in full (wrapped and
hyphenated to the tile, never cut). The pack's attribution lines are shown under the
map, each only where it credits what is drawn (OpenStreetMap under boundaries, Rosstat
for the population), and the shapes, their value labels and the legend are created
once; a refresh only changes brushes and texts.

Coordinates: x = longitude × cos(mean latitude), y = latitude (north up), so the
region keeps its shape; the view's range is fixed to the region's extent. A side
list ranks the municipalities by the measure shown, with their full names (the map
itself carries numbers only, which stay legible where names would collide).
GUI thread only.
"""

from __future__ import annotations

import html
import logging
import math
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetrics, QPainterPath, QPen
from PySide6.QtWidgets import (
    QGraphicsPathItem,
    QGridLayout,
    QHBoxLayout,
    QVBoxLayout,
    QWidget,
)

from widgets.wall import theme
from widgets.wall.names import keep_numbers, wrap_name
from widgets.wall.page import WallPage, make_label

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from cur_desktop.analytics import Alarm, MunicipalityLoad, WallContext, WallData

SIDE_ROWS = 10
NO_DATA = theme.GRID  # a municipality with no figure: grey, off the heat scale
TINY_SHARE = 0.05  # shapes narrower than this share of the map get a label bubble
OSM_ATTRIBUTION = "© участники OpenStreetMap"  # required by the ODbL, never translated


_PREFIXES = ("г. ", "г.", "рп ", "пгт ", "ЗАТО ", "п. ")
_SUFFIXES = (" муниципальный район", " муниципальный округ", " городской округ", " район", " округ")


def map_attribution(lines: tuple[str, ...], *, uses_boundaries: bool) -> str:
    """What the map must credit: the pack's ``attribution`` lines (docs/region-pack.md).

    A pack lists what its map data came from: OpenStreetMap (ODbL) for boundaries,
    Rosstat for the population the intensities divide by. Credits stand only under
    what they credit: a tile cartogram draws no OpenStreetMap boundaries, so its
    OpenStreetMap line is left out. A pack without such lines whose map is drawn from
    boundaries still credits OpenStreetMap, where those normally come from.
    """
    if not uses_boundaries:
        # a tile cartogram draws no OpenStreetMap data: its credit would credit nothing
        lines = tuple(line for line in lines if "openstreetmap" not in line.casefold())
    if lines:
        return " · ".join(lines)
    return OSM_ATTRIBUTION if uses_boundaries else ""


def tile_name(name: str) -> str:
    """A municipality's own name, without the kind of place: "Арсеньевский район" ->
    "Арсеньевский", "г. Ефремов" -> "Ефремов" (never cut: :func:`wrap_name` wraps it)."""
    for prefix in _PREFIXES:
        name = name.removeprefix(prefix)
    for suffix in _SUFFIXES:
        name = name.removesuffix(suffix)
    return name


class MapPage(WallPage):
    key = "map"

    def __init__(self, context: WallContext, parent: QWidget | None = None) -> None:
        import pyqtgraph as pg

        super().__init__(context, parent)
        self.measure = "load"  # or "overdue"
        self._codes = context.municipality_codes()
        polygons = {k: v for k, v in context.boundaries.items() if k in self._codes}
        self.uses_boundaries = bool(polygons)
        if not self.uses_boundaries:  # for whoever keeps the wall, not for the room
            log.info("wall map: the region pack has no boundaries, a tile cartogram is drawn")

        layout = QHBoxLayout(self.body)
        layout.setContentsMargins(0, 0, 0, 0)
        self._layout = layout
        left = QWidget(self.body)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.view = pg.GraphicsView(left)
        self.view.setBackground(theme.BACKGROUND)
        self.box = pg.ViewBox(enableMouse=False, enableMenu=False, lockAspect=True)
        self.box.disableAutoRange()
        self.view.setCentralItem(self.box)
        left_layout.addWidget(self.view, 1)
        bottom = QHBoxLayout()
        self.legend_low = make_label(left, colour=theme.MUTED)
        self.legend_bar = make_label(left)
        self.legend_high = make_label(left, colour=theme.MUTED)
        # credits go under the side list: the map keeps the page's height for its tiles
        self.attribution = make_label(
            self.body,
            map_attribution(context.attribution, uses_boundaries=self.uses_boundaries),
            colour=theme.MUTED,
        )
        self.attribution.setWordWrap(True)
        self.attribution.setObjectName("wall-map-attribution")
        self.attribution.setVisible(bool(self.attribution.text()))
        self.box.sigResized.connect(lambda _box: self._wrap_tile_names())  # tiles follow
        for w in (self.legend_low, self.legend_bar, self.legend_high):
            bottom.addWidget(w)
        bottom.addStretch(1)
        self._bottom = bottom
        left_layout.addLayout(bottom)
        layout.addWidget(left, 3)

        self.shapes: dict[str, QGraphicsPathItem] = {}
        self.labels: dict[str, Any] = {}
        self.tile_names: dict[str, Any] = {}
        self._tile_font = theme.DEFAULT_METRICS.font(theme.DEFAULT_METRICS.small, narrow=True)
        self.tiny: set[str] = set()
        if self.uses_boundaries:
            self._build_polygons(polygons)
        else:
            self._build_tiles()
        self.mark = QGraphicsPathItem()
        pen = QPen(QColor(theme.TEXT))
        pen.setCosmetic(True)
        pen.setWidth(1)
        self.mark.setPen(pen)
        self.mark.setBrush(QBrush(QColor(255, 255, 255, 70)))
        self.mark.setZValue(3)
        self.mark.hide()
        self.box.addItem(self.mark)

        side = QWidget(self.body)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        self.side_title = make_label(side)
        self.side_title.setWordWrap(True)
        side_layout.addWidget(self.side_title)
        grid = QGridLayout()
        self._grid = grid
        self.side_rows = []
        for i in range(SIDE_ROWS):
            name = make_label(side)
            value = make_label(
                side, align=Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            )
            grid.addWidget(name, i, 0)
            grid.addWidget(value, i, 1)
            self.side_rows.append((name, value))
        grid.setColumnStretch(0, 1)
        side_layout.addLayout(grid)
        side_layout.addStretch(1)
        side_layout.addWidget(self.attribution)
        layout.addWidget(side, 1)

    # --- shapes -------------------------------------------------------------------------

    def _add_shape(self, code: str, path: QPainterPath, at: QPointF) -> None:
        import pyqtgraph as pg

        item = QGraphicsPathItem(path)
        pen = QPen(QColor(theme.BACKGROUND))
        pen.setCosmetic(True)
        pen.setWidth(1)
        item.setPen(pen)
        item.setBrush(QBrush(theme.heat_colour(0.0)))
        self.box.addItem(item)
        self.shapes[code] = item
        anchor = (0.5, 0.5) if self.uses_boundaries else (0.5, 0.0)
        label = pg.TextItem("", color=theme.TEXT, anchor=anchor)
        label.setPos(at)
        label.setZValue(4)
        self.box.addItem(label)
        self.labels[code] = label

    def _build_polygons(self, polygons: dict[str, Any]) -> None:
        lats = [lat for rings in polygons.values() for poly in rings for lon, lat in poly[0]]
        k = math.cos(math.radians((min(lats) + max(lats)) / 2))
        xs: list[float] = []
        ys: list[float] = []
        for code, rings in polygons.items():
            path = QPainterPath()
            path.setFillRule(Qt.FillRule.OddEvenFill)
            for poly in rings:
                for ring in poly:
                    pts = [QPointF(lon * k, lat) for lon, lat in ring]
                    path.moveTo(pts[0])
                    for p in pts[1:]:
                        path.lineTo(p)
                    path.closeSubpath()
                    xs.extend(p.x() for p in pts)
                    ys.extend(p.y() for p in pts)
            mun = self.context.dictionaries.municipality(code)
            if mun is not None and mun.label_lon is not None and mun.label_lat is not None:
                at = QPointF(mun.label_lon * k, mun.label_lat)
            else:
                at = path.boundingRect().center()
            self._add_shape(code, path, at)
        self._extent = QRectF(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))
        self.box.setRange(self._extent, padding=0.02)
        # a town inside a district is a few pixels wide: its number gets a bubble
        # in its own colour, drawn over the neighbours, instead of a label nobody can read
        for code, item in self.shapes.items():
            if item.path().boundingRect().width() < TINY_SHARE * self._extent.width():
                self.tiny.add(code)
                self.labels[code].setZValue(6)

    def _build_tiles(self) -> None:
        import pyqtgraph as pg

        d = self.context.dictionaries
        rows = 0
        for code in self._codes:
            mun = d.municipality(code)
            if mun is None or mun.tile_col is None or mun.tile_row is None:
                continue
            rows = max(rows, mun.tile_row + 1)
        cols = 0
        for code in self._codes:
            mun = d.municipality(code)
            if mun is None or mun.tile_col is None or mun.tile_row is None:
                continue
            cols = max(cols, mun.tile_col + 1)
            path = QPainterPath()
            x, y = float(mun.tile_col), float(rows - 1 - mun.tile_row)  # row 0 is north
            path.addRect(QRectF(x + 0.04, y + 0.04, 0.92, 0.92))
            self._add_shape(code, path, QPointF(x + 0.5, y + 0.97))
            name = pg.TextItem("", anchor=(0.5, 0.0))
            name.textItem.document().setDocumentMargin(0)
            name.setPos(QPointF(x + 0.5, y + 0.64))
            name.setZValue(4)
            self.box.addItem(name)
            self.tile_names[code] = name
        self._extent = QRectF(0, 0, max(cols, 1), max(rows, 1))
        # tiles take the map's whole width, wider than tall: a name gets a line of its own
        self.box.setAspectLocked(False)
        self.box.setRange(self._extent, padding=0.02)

    # --- data ---------------------------------------------------------------------------

    def title(self) -> str:
        return QCoreApplication.translate("MapPage", "Municipalities")

    def set_measure(self, measure: str) -> None:
        """ "load" (appeals per 10,000 residents, default) or "overdue" (share of open)."""
        self.measure = measure
        if self.data is not None:
            self._refresh(self.data)

    def _value(self, load: MunicipalityLoad, *, per_10k: bool = True) -> float | None:
        """The figure shown for ``load``: None where there is none (a dash, no rank).

        Intensity needs the pack's population; a municipality without it has no
        intensity, rather than its raw count ranked and coloured among intensities
        (hundreds of appeals against some forty per 10,000: the worst on the map).
        Only a pack with no population at all is shown in counts (``per_10k`` False).
        """
        if self.measure == "overdue":
            return load.overdue_share
        return load.per_10k if per_10k else float(load.received)

    def _with_unit(self, text: str, *, per_10k: bool) -> str:
        """The legend's high end with its unit: «61 на 10 000 жит.» (a share has its %)."""
        if self.measure == "overdue":
            return text
        if per_10k:
            return QCoreApplication.translate("MapPage", "%1 per 10,000 residents").replace(
                "%1", text
            )
        return QCoreApplication.translate("MapPage", "%1 appeals").replace("%1", text)

    def _wrap_tile_names(self) -> None:
        """Every tile's name in full, in as many lines as its tile needs."""
        if not self.tile_names:
            return
        cols = max(self._extent.width(), 1.0)
        # the map's width once laid out; before that, about 70 % of a 16:9 screen's width
        laid_out = self.box.width()
        shown = laid_out if laid_out > 100 else self.metrics.screen_height * 1.2
        width = shown / (cols * 1.04) * 0.86
        fm = QFontMetrics(self._tile_font)
        for code, item in self.tile_names.items():
            lines = wrap_name(
                tile_name(self.names.municipality(code)),
                lambda text: fm.horizontalAdvance(text) <= width,
            )
            item.setTextWidth(width)
            item.setHtml(
                '<div style="text-align: center; line-height: 85%">'
                + "<br>".join(html.escape(line) for line in lines)
                + "</div>"
            )

    def _format(self, value: float | None) -> str:
        if self.measure == "overdue":
            return self.names.percent(value)
        return self.names.number(value, 0 if value is not None and value >= 10 else 1)

    def _refresh(self, data: WallData) -> None:
        loads = {m.oktmo: m for m in data.municipalities}
        per_10k = any(m.per_10k is not None for m in data.municipalities)
        values = {code: self._value(m, per_10k=per_10k) for code, m in loads.items()}
        known = [v for v in values.values() if v is not None]
        # the scale runs from the lowest value to the highest: contrast where it matters
        low = min(known) if known else 0.0
        top = max(known) if known else 1.0
        span = top - low if top > low else 1.0
        for code, item in self.shapes.items():
            v = values.get(code)
            share = 0.0 if v is None else (v - low) / span
            item.setBrush(QBrush(theme.heat_colour(share) if v is not None else QColor(NO_DATA)))
            label = self.labels[code]
            label.setText(self._format(v))
            ink = theme.BACKGROUND if share > 0.55 else theme.TEXT
            label.setColor(ink)
            if code in self.tiny:
                label.fill = item.brush()
                label.border = QPen(QColor(theme.TEXT))
                label.update()
            if code in self.tile_names:
                self.tile_names[code].setColor(ink)
        self.legend_low.setText(self._format(low))
        self.legend_high.setText(self._with_unit(self._format(top), per_10k=per_10k))
        self._wrap_tile_names()
        window = data.heatmap.window_days
        if self.measure == "overdue":
            self.side_title.setText(
                QCoreApplication.translate("MapPage", "Overdue share of open appeals, now")
            )
        elif per_10k:
            self.side_title.setText(
                keep_numbers(
                    QCoreApplication.translate(
                        "MapPage", "Appeals per 10,000 residents, %1 days"
                    ).replace("%1", str(window))
                )
            )
        else:
            self.side_title.setText(
                keep_numbers(
                    QCoreApplication.translate("MapPage", "Appeals, %1 days").replace(
                        "%1", str(window)
                    )
                )
            )
        self.subtitle_label.setText(self.context.region_name)
        ranked = sorted(
            (c for c in values if values[c] is not None), key=lambda c: -(values[c] or 0.0)
        )
        for i, (name, value) in enumerate(self.side_rows):
            if i < len(ranked):
                code = ranked[i]
                name.setText(f"{i + 1}. {self.names.municipality(code)}")
                value.setText(self._format(values[code]))
            else:
                name.setText("")
                value.setText("")

    def _highlight(self, alarm: Alarm | None) -> None:
        target = alarm.target if alarm is not None and alarm.kind == "surge" else None
        shape = self.shapes.get(target or "")
        if shape is None:
            self.mark.hide()
            return
        self.mark.setPath(shape.path())
        self.mark.show()

    def _apply_metrics(self, metrics: theme.WallMetrics) -> None:
        self._layout.setSpacing(metrics.margin)
        self._bottom.setSpacing(metrics.gap)
        value_font = metrics.font(
            metrics.small if self.uses_boundaries else metrics.text, bold=True
        )
        for label in self.labels.values():
            label.setFont(value_font)
        narrow = metrics.font(metrics.small, narrow=True)
        self._tile_font = narrow
        for label in self.tile_names.values():
            label.setFont(narrow)
        self._wrap_tile_names()
        for w in (self.legend_low, self.legend_high):
            w.setFont(metrics.font(metrics.small))
        self.attribution.setFont(metrics.font(metrics.fine_print))  # credits, read close up
        self.legend_bar.setFixedSize(metrics.px(0.25), metrics.px(0.025))
        self.legend_bar.setStyleSheet(_gradient_css())
        self.side_title.setFont(metrics.font(metrics.heading, bold=True))
        self._grid.setVerticalSpacing(metrics.gap)
        for name, value in self.side_rows:
            name.setFont(metrics.font(metrics.text))
            value.setFont(metrics.font(metrics.text, bold=True))


def _gradient_css() -> str:
    stops = ", ".join(f"stop:{pos} {colour}" for pos, colour in theme.HEAT_STOPS)
    return f"background: qlineargradient(x1:0, y1:0, x2:1, y2:0, {stops});"
