"""Heat map: municipalities × themes (or × the categories of one theme), and the top problems.

Rows are municipalities, columns themes; a cell's colour is its count of appeals
received in the window, per 10,000 residents by default (absolute on request), and
its number is printed in it. Read from six metres, the page shows fewer, larger
cells: the ``TOP_COLUMNS`` themes with the most appeals (a surge's column always
among them) and the ``TOP_MUNICIPALITIES`` municipalities where they weigh most,
names in full (column headings wrapped, horizontal). All pyqtgraph items (the
image, every label and cell number, the highlight frame) are created once, sized for
the largest view, and updated with ``setImage``/``setText``/``setPos``; a smaller
view hides the spares.

Colour levels are fixed per refresh from the data (0 to the 95th percentile, so one
outlier does not wash the rest out), and the view's range is fixed: no auto-range.
A surge alarm on a category switches to that category's theme and frames its
column. GUI thread only.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetrics, QPen
from PySide6.QtWidgets import QGraphicsRectItem, QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from widgets.wall import theme
from widgets.wall.names import wrap_name
from widgets.wall.page import WallPage, make_label, set_colour

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtGui import QResizeEvent

    from cur_desktop.analytics import Alarm, HeatMap, WallContext, WallData

TOP_ROWS = 8
TOP_COLUMNS = 6  # themes (or categories) shown: those with the most appeals
TOP_MUNICIPALITIES = 10  # municipalities shown: where those weigh most


def column_label(name: str, *, acronym: bool = True) -> str:
    """A column header that fits: "Жилищно-коммунальное хозяйство" becomes "ЖКХ".

    Names of three words or more (counting hyphenated parts) become the acronym of
    their initials, the way the room says them (ЖКХ, ТКО); other names stay whole
    (the heading wraps them).
    """
    words = [w for w in name.replace("-", " ").split() if w]
    if acronym and len(name) > 16 and len(words) >= 3:
        return "".join(w[0].upper() for w in words)
    return name


class _SideColumn(QWidget):
    """The column beside the heat map; tells the page when its height changes."""

    def __init__(self, parent: QWidget, on_resize: Callable[[], None]) -> None:
        super().__init__(parent)
        self._on_resize = on_resize

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._on_resize()


class HeatmapPage(WallPage):
    key = "heatmap"

    def __init__(self, context: WallContext, parent: QWidget | None = None) -> None:
        import numpy as np
        import pyqtgraph as pg

        super().__init__(context, parent)
        self.measure = "per_10k"  # or "absolute"
        self.theme_code: str | None = None  # None: themes; a code: that theme's categories
        self.marked_column: str | None = None
        d = context.dictionaries
        self._rows = context.municipality_codes()
        widest = max([len(d.themes)] + [len(d.categories_of(t.code)) for t in d.themes])

        layout = QHBoxLayout(self.body)
        layout.setContentsMargins(0, 0, 0, 0)
        self._layout = layout
        self.view = pg.GraphicsView(self.body)
        self.view.setBackground(theme.BACKGROUND)
        self.box = pg.ViewBox(enableMouse=False, enableMenu=False, invertY=True)
        self.box.disableAutoRange()
        self.view.setCentralItem(self.box)
        self.image = pg.ImageItem(axisOrder="row-major")
        # a numpy table: with a list of tuples, pyqtgraph 0.14 on PySide6 6.11 crashes
        # in a later repaint (a reference is dropped converting it)
        self.image.setLookupTable(np.array(theme.heat_lookup_table(), dtype=np.uint8))
        self.box.addItem(self.image)
        self.row_labels = [self._text(anchor=(1.0, 0.5)) for _ in self._rows]
        self.col_labels = [self._text(anchor=(0.5, 1.0)) for _ in range(widest)]
        for label in self.col_labels:
            label.textItem.document().setDocumentMargin(0)
        self.cells = [[self._text(anchor=(0.5, 0.5)) for _ in range(widest)] for _ in self._rows]
        self._cell_state: dict[tuple[int, int], tuple[str, str]] = {}  # text, colour
        self.frame = QGraphicsRectItem()
        pen = QPen(QColor(theme.TEXT))
        pen.setCosmetic(True)
        pen.setWidth(1)
        self.frame.setPen(pen)
        self.frame.setBrush(QBrush(QColor(255, 255, 255, 40)))
        self.frame.setZValue(5)
        self.frame.hide()
        self.box.addItem(self.frame)
        for i, label in enumerate(self.row_labels):
            label.setPos(-0.1, i + 0.5)
        self._shown_rows: list[str] = []  # the municipalities on screen, top first
        self._headings = [""] * widest  # the column headings' full texts
        layout.addWidget(self.view, 3)

        side = _SideColumn(self.body, self._fit_top_rows)
        self._side = side
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        self._side_layout = side_layout
        self.top_title = make_label(side, QCoreApplication.translate("HeatmapPage", "Top problems"))
        side_layout.addWidget(self.top_title)
        grid = QGridLayout()
        self._grid = grid
        self.top_rows: list[tuple[Any, Any, Any]] = []
        for i in range(TOP_ROWS):
            name = make_label(side)
            name.setWordWrap(True)
            count = make_label(side, align=Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            where = make_label(side, colour=theme.MUTED)
            grid.addWidget(name, 2 * i, 0)
            grid.addWidget(count, 2 * i, 1)
            grid.addWidget(where, 2 * i + 1, 0, 1, 2)
            self.top_rows.append((name, count, where))
        grid.setColumnStretch(0, 1)
        side_layout.addLayout(grid)
        side_layout.addStretch(1)
        layout.addWidget(side, 1)
        self._columns: tuple[str, ...] = ()
        # pixels for row labels (left), column labels (top) and their overhang (right)
        self._label_space = (300.0, 190.0, 160.0)

    def _text(self, *, anchor: tuple[float, float], angle: float = 0.0) -> Any:
        import pyqtgraph as pg

        item = pg.TextItem("", color=theme.TEXT, anchor=anchor, angle=angle)
        item.setFont(self.metrics.font(self.metrics.small))
        self.box.addItem(item)
        return item

    def title(self) -> str:
        return QCoreApplication.translate("HeatmapPage", "Where the problems are")

    # --- view options -------------------------------------------------------------------

    def set_measure(self, measure: str) -> None:
        """ "per_10k" (default) or "absolute"."""
        self.measure = measure
        if self.data is not None:
            self._refresh(self.data)

    def set_theme(self, code: str | None) -> None:
        """Show the categories of theme ``code`` (None: all themes)."""
        self.theme_code = code
        if self.data is not None:
            self._refresh(self.data)

    # --- drawing ------------------------------------------------------------------------

    def _current(self, data: WallData) -> HeatMap:
        if self.theme_code and self.theme_code in data.category_heatmaps:
            return data.category_heatmaps[self.theme_code]
        return data.heatmap

    def _refresh(self, data: WallData) -> None:
        import numpy as np

        heat = self._current(data)
        per_10k = self.measure == "per_10k"
        # the analytics give rows (themes or categories) × municipalities; draw transposed
        if per_10k:
            values = np.array(
                [[np.nan if v is None else v for v in row] for row in heat.per_10k], dtype=float
            ).T
        else:
            values = np.array(heat.absolute, dtype=float).T
        values = values.reshape(len(heat.columns), len(heat.rows))
        absolute = np.array(heat.absolute, dtype=float).T.reshape(values.shape)
        order = [heat.columns.index(code) for code in self._rows if code in heat.columns]
        row_codes = [heat.columns[i] for i in order] if order else list(heat.columns)
        if order:
            values, absolute = values[order], absolute[order]
        # fewer, larger things: the biggest themes, and where they weigh most
        col_idx = [int(j) for j in np.argsort(-absolute.sum(axis=0), kind="stable")]
        cols = col_idx[:TOP_COLUMNS]
        marked = heat.rows.index(self.marked_column) if self.marked_column in heat.rows else None
        if marked is not None and marked not in cols:
            cols[-1] = marked  # a surge's column is always shown
        values = values[:, cols]
        row_idx = [int(i) for i in np.argsort(-np.nansum(values, axis=1), kind="stable")]
        rows = row_idx[:TOP_MUNICIPALITIES]
        values = values[rows]
        self._shown_rows = [row_codes[i] for i in rows]
        finite = values[np.isfinite(values)]
        top = float(np.percentile(finite, 95)) if finite.size else 1.0
        top = max(top, 1e-9)
        self.image.setImage(np.nan_to_num(values, nan=0.0), levels=(0.0, top), autoLevels=False)
        self.image.setRect(QRectF(0, 0, values.shape[1], values.shape[0]))
        self._columns = tuple(heat.rows[j] for j in cols)
        names = self.names
        for j, label in enumerate(self.col_labels):
            if j < len(self._columns):
                code = self._columns[j]
                name = names.category(code) if self.theme_code else names.theme(code)
                self._headings[j] = column_label(name, acronym=not self.theme_code)
                label.setPos(j + 0.5, -0.08)
                label.show()
            else:
                label.hide()
        for i in range(len(self._rows)):
            if i >= len(self._shown_rows):
                self.row_labels[i].hide()
                for cell in self.cells[i]:
                    cell.hide()
                continue
            self.row_labels[i].setText(names.municipality(self._shown_rows[i]))
            self.row_labels[i].show()
            for j, cell in enumerate(self.cells[i]):
                if j >= values.shape[1]:
                    cell.hide()
                    continue
                v = values[i, j]
                text = (
                    ""
                    if not np.isfinite(v)
                    else (names.number(v, 0 if v >= 10 or not per_10k else 1) if v else "·")
                )
                colour = theme.BACKGROUND if v / top > 0.55 else theme.TEXT
                if self._cell_state.get((i, j)) != (text, colour):
                    cell.setText(text)
                    cell.setColor(colour)
                    self._cell_state[i, j] = (text, colour)
                cell.setPos(j + 0.5, i + 0.5)
                cell.show()
        self._fit_range()
        self._show_top(data)
        window = heat.window_days
        measure = (
            QCoreApplication.translate("HeatmapPage", "per 10,000 residents")
            if per_10k
            else QCoreApplication.translate("HeatmapPage", "appeals")
        )
        scope = (
            QCoreApplication.translate("HeatmapPage", "categories of «%1»").replace(
                "%1", names.theme(self.theme_code)
            )
            if self.theme_code
            else QCoreApplication.translate("HeatmapPage", "by theme")
        )
        self.subtitle_label.setText(
            QCoreApplication.translate("HeatmapPage", "%1, %2 days, %3")
            .replace("%1", scope)
            .replace("%2", str(window))
            .replace("%3", measure)
        )

    def _show_top(self, data: WallData) -> None:
        names = self.names
        for i, (name, count, where) in enumerate(self.top_rows):
            if i >= len(data.top_problems):
                for w in (name, count, where):
                    w.setText("")
                continue
            p = data.top_problems[i]
            name.setText(f"{i + 1}. {names.category(p.category)}")
            if p.count > p.previous:
                arrow, colour = "▲", theme.BAD
            elif p.count < p.previous:
                arrow, colour = "▼", theme.GOOD
            else:
                arrow, colour = "", theme.TEXT
            count.setText(f"{names.count(p.count)} {arrow}".strip())
            set_colour(count, colour)
            where.setText(
                QCoreApplication.translate("HeatmapPage", "mostly: %1").replace(
                    "%1", names.municipality(p.top_municipality)
                )
            )
        self._fit_top_rows()

    def _fit_top_rows(self) -> None:
        """Show as many of the top problems as the column holds whole, from the first.

        A name may take two lines; eight of them, their municipalities and the alarm
        banner above do not always fit a 1080-line screen, and a squeezed label is cut
        through its letters. The rows that do not fit whole are left out instead.
        """
        side = self._side
        if side.height() <= 1:
            return
        grid = self._grid
        spacing = max(0, grid.verticalSpacing())
        counts = [count.sizeHint().width() for _, count, _ in self.top_rows if count.text()]
        name_width = side.width() - max(counts, default=0) - max(0, grid.horizontalSpacing())
        room = side.height() - self.top_title.sizeHint().height() - self._side_layout.spacing()
        used = 0
        fits = True
        for name, count, where in self.top_rows:
            need = name.heightForWidth(max(1, name_width))
            need = max(need, count.sizeHint().height()) + where.sizeHint().height()
            fits = fits and bool(name.text()) and used + need <= room
            if fits:
                used += need + 2 * spacing
            for label in (name, count, where):
                label.setHidden(not fits)

    def _fit_range(self) -> None:
        cols = max(1, len(self._columns))
        rows = max(1, len(self._shown_rows) or len(self._rows))
        width = max(1.0, float(self.view.width()))
        height = max(1.0, float(self.view.height()))
        left_px, _top_px, right_px = self._label_space
        per_col = (width - left_px - right_px) / cols
        heading_width = max(40.0, per_col * 0.96)
        # each heading wraps within its column (at spaces or hyphenated, never cut); the
        # space above the cells is as tall as the tallest heading
        most_lines = 1
        for j, (label, heading) in enumerate(zip(self.col_labels, self._headings, strict=True)):
            fm = QFontMetrics(label.textItem.font())

            def fits(text: str, fm: QFontMetrics = fm) -> bool:
                return fm.horizontalAdvance(text) <= heading_width

            lines = wrap_name(heading, fits)
            if j < len(self._columns):
                most_lines = max(most_lines, len(lines))
            label.setTextWidth(heading_width)
            label.setHtml(
                '<div style="text-align: center; line-height: 90%">'
                + "<br>".join(html.escape(line) for line in lines)
                + "</div>"
            )
        line_px = QFontMetrics(self.col_labels[0].textItem.font()).lineSpacing() * 0.92
        top_px = most_lines * line_px + self.metrics.gap
        left = left_px / max(1.0, per_col)
        right = right_px / max(1.0, per_col)
        top = rows * top_px / max(1.0, height - top_px)
        self.box.setRange(xRange=(-left, cols + right), yRange=(-top, rows), padding=0.0)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._fit_range()

    def _highlight(self, alarm: Alarm | None) -> None:
        target = alarm.target if alarm is not None and alarm.kind == "surge" else None
        category = self.context.dictionaries.category(target) if target else None
        if category is None:
            self.frame.hide()
            return
        code = category.parent or category.code
        self.marked_column = code  # shown even when it is not among the biggest
        if self.theme_code != category.theme:
            self.set_theme(category.theme)
        elif code not in self._columns and self.data is not None:
            self._refresh(self.data)
        if code in self._columns:
            j = self._columns.index(code)
            self.frame.setRect(QRectF(j, 0, 1, max(1, len(self._shown_rows))))
            self.frame.show()

    def _apply_metrics(self, metrics: theme.WallMetrics) -> None:
        small = metrics.font(metrics.small)
        narrow = metrics.font(metrics.small, bold=True, narrow=True)
        for item in (*self.row_labels, *(c for r in self.cells for c in r)):
            item.setFont(small)
        for item in self.col_labels:
            item.setFont(narrow)
        widest = max(
            (QFontMetrics(small).horizontalAdvance(self.names.municipality(c)) for c in self._rows),
            default=0,
        )
        # left: the row names; top: a heading of up to two lines; right: a margin
        self._label_space = (widest + metrics.gap * 2, metrics.px(0.095), metrics.gap)
        self._layout.setSpacing(metrics.margin)
        self.top_title.setFont(metrics.font(metrics.heading, bold=True))
        self._grid.setHorizontalSpacing(metrics.gap)
        self._grid.setVerticalSpacing(metrics.gap // 3)
        for i, (name, count, where) in enumerate(self.top_rows):
            # the narrow face: most names then take one line, so all eight fit
            name.setFont(metrics.font(metrics.text, bold=i < 3, narrow=True))
            count.setFont(metrics.font(metrics.text, bold=True))
            where.setFont(metrics.font(metrics.small))
        self._fit_range()
        self._fit_top_rows()
