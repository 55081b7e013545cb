"""The base of every wall page: a header, a body, data in, alarm highlight.

A page is built once per screen and fed :class:`~cur_desktop.analytics.WallData`
snapshots with :meth:`WallPage.update_data`; it updates its widgets and pyqtgraph
items in place (never recreating them per refresh: PERFORMANCE.md). It draws its
own header (title and what period it covers) so that a snapshot of one page is
self-explanatory, and a banner when :meth:`mark_alarm` names what brought it
forward. It never opens a dialog and never touches the cache or the network: the
shell (``ui/wall``) owns both.

Sizes come from :class:`~widgets.wall.theme.WallMetrics` (a share of the screen
height); :func:`apply_wall_theme` passes them in. GUI thread only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from widgets.wall import theme
from widgets.wall.names import Names

if TYPE_CHECKING:
    from PySide6.QtGui import QPaintEvent

    from cur_desktop.analytics import Alarm, WallContext, WallData


def make_label(
    parent: QWidget,
    text: str = "",
    *,
    colour: str = theme.TEXT,
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
) -> QLabel:
    label = QLabel(text, parent)
    label.setAlignment(align)
    set_colour(label, colour)
    return label


def set_colour(label: QLabel, colour: str, background: str | None = None) -> None:
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, QColor(colour))
    if background is not None:
        palette.setColor(QPalette.ColorRole.Window, QColor(background))
    label.setAutoFillBackground(background is not None)
    label.setPalette(palette)


class ElidedLabel(QLabel):
    """A one-line label that gives up width gracefully: the text ends in "…" when cut.

    Long names (bodies, municipalities) must not push a wall page wider than its
    screen; a label that elides keeps the layout to the screen's width.
    """

    def __init__(self, parent: QWidget, text: str = "") -> None:
        super().__init__(text, parent)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(1)

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        try:
            painter.setPen(self.palette().windowText().color())
            if self.autoFillBackground():
                painter.fillRect(self.rect(), self.palette().window())
            rect = self.contentsRect()
            text = self.fontMetrics().elidedText(
                self.text(), Qt.TextElideMode.ElideRight, rect.width()
            )
            painter.drawText(rect, int(self.alignment()), text)
        finally:
            painter.end()


class WallPage(QWidget):
    """One page of the wall. Subclasses build ``self.body`` and fill :meth:`_refresh`."""

    key: ClassVar[str] = ""

    def __init__(self, context: WallContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"wall-page-{self.key}")
        self.context = context
        self.names = Names(context.dictionaries)
        self.metrics = theme.DEFAULT_METRICS
        self.data: WallData | None = None
        self.alarm: Alarm | None = None
        self.setPalette(theme.wall_palette())
        self.setAutoFillBackground(True)

        outer = QVBoxLayout(self)
        self._outer = outer
        header = QHBoxLayout()
        self._header = header
        self.title_label = make_label(self, self.title())
        self.subtitle_label = make_label(
            self,
            colour=theme.MUTED,
            align=Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
        )
        header.addWidget(self.title_label, 1)
        header.addWidget(self.subtitle_label, 0)
        outer.addLayout(header)
        self.banner = make_label(self, colour=theme.BACKGROUND)
        set_colour(self.banner, theme.BACKGROUND, theme.WARN)
        # coalesced alarms name the newest with its figures: longer than a line at times,
        # wrapped rather than cut
        self.banner.setWordWrap(True)
        self.banner.hide()
        outer.addWidget(self.banner)
        self.body = QWidget(self)
        self.body.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        outer.addWidget(self.body, 1)

    def set_context(self, context: WallContext) -> None:
        """The region's documents changed while the wall runs (a category renamed in the
        app, a methodology loaded): names and legends follow; the figures come next."""
        self.context = context
        self.names = Names(context.dictionaries)
        self.context_changed()  # the figures that follow are drawn with the new names

    def context_changed(self) -> None:
        """What a page derives from the context beyond the names (a legend)."""

    # --- the contract -----------------------------------------------------------------

    def title(self) -> str:
        """The page's translated title."""
        raise NotImplementedError

    def update_data(self, data: WallData) -> None:
        """Show ``data``: widgets and chart items are updated in place."""
        self.data = data
        self._refresh(data)
        if self.alarm is not None:
            self._highlight(self.alarm)

    def mark_alarm(self, alarm: Alarm | None, count: int = 1) -> None:
        """Highlight what triggered ``alarm`` (None clears the highlight); ``count``
        alarms coalesced into one banner ("3 alarms: ...", ``alarm`` the newest)."""
        self.alarm = alarm
        if alarm is None:
            self.banner.hide()
        else:
            self.banner.setText(self.names.alarm_banner(alarm, count))
            self.banner.show()
        self._highlight(alarm)

    def apply_metrics(self, metrics: theme.WallMetrics) -> None:
        """Resize fonts and gaps for a screen of ``metrics.screen_height`` lines."""
        self.metrics = metrics
        m = metrics
        self._outer.setContentsMargins(m.margin, m.margin, m.margin, m.margin)
        self._outer.setSpacing(m.gap)
        self.title_label.setFont(m.font(m.title, bold=True))
        self.subtitle_label.setFont(m.font(m.text))
        self.banner.setFont(m.font(m.heading, bold=True))
        self.banner.setContentsMargins(m.gap, m.gap // 2, m.gap, m.gap // 2)
        # nothing on a wall takes focus: a chart holding it draws the style's blue focus
        # frame, over the page on top when its own page is covered
        for view in self.findChildren(QGraphicsView):
            view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            view.setFrameShape(QFrame.Shape.NoFrame)
        self._apply_metrics(m)

    # --- for subclasses -----------------------------------------------------------------

    def _refresh(self, data: WallData) -> None:
        raise NotImplementedError

    def _highlight(self, alarm: Alarm | None) -> None:
        """Mark the row, cell or area ``alarm`` is about; default: the banner alone."""

    def _apply_metrics(self, metrics: theme.WallMetrics) -> None:
        """Restyle the page's own widgets."""


def apply_wall_theme(widget: QWidget, screen_height_px: int) -> None:
    """Dark palette, the wall font and screen-relative sizes for ``widget`` and its pages."""
    metrics = theme.WallMetrics(max(240, screen_height_px))
    widget.setPalette(theme.wall_palette())
    widget.setAutoFillBackground(True)
    widget.setFont(metrics.font(metrics.text))
    pages = [widget] if isinstance(widget, WallPage) else []
    pages += widget.findChildren(WallPage)
    for page in pages:
        page.apply_metrics(metrics)
