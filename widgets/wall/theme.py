"""The wall's look: a dark high-contrast palette and sizes relative to the screen height.

A situation-room wall is read from several metres, on screens of any resolution.
So nothing on it is sized in points: every font and gap is a share of the screen
height (:class:`WallMetrics`). The smallest text meant to be read has capitals of
at least 1/45 of the screen height (``READABLE_CAP``: 24 px on a 1080-line screen,
about 8 mm on a 65" panel, the size read from six metres): PT Sans capitals are 0.7
of the pixel size, so the smallest font is 3.25 % of the height (35 px at 1080,
70 px at 2160). Pages show fewer, larger things rather than everything small. Colours are
picked for contrast on a dark background (the room is dim, screens stay on for
months: a dark theme also ages panels less), and the heat scale is a perceptually
ordered dark-blue → amber → red ramp that stays readable in grey.

:func:`widgets.wall.page.apply_wall_theme` sets them on a tree of pages; this module
knows nothing of pages (pages import the theme, not the other way round). GUI thread only.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from PySide6.QtGui import QColor, QFont, QPalette

FAMILY = "PT Sans"
NARROW_FAMILY = "PT Sans Narrow"

BACKGROUND = "#0b0f14"
PANEL = "#141b24"
GRID = "#2a3441"
TEXT = "#f2f5f8"
MUTED = "#a9b6c4"  # secondary text: still 8:1 on the background
ACCENT = "#4fc3f7"
GOOD = "#5ad17a"
WARN = "#ffc34d"
BAD = "#ff5c5c"
LAST_WEEK = "#9aa7b5"
FORECAST = "#c792ea"

#: Heat scale stops (0..1 -> colour): dark blue, teal, amber, red.
HEAT_STOPS = (
    (0.0, "#10263d"),
    (0.35, "#1f6f8b"),
    (0.65, "#e0a43a"),
    (1.0, "#e8403a"),
)

#: The smallest capital height of text meant to be read, as a share of the screen height.
READABLE_CAP = 1 / 45

ZONE_COLOURS = {"green": GOOD, "yellow": WARN, "red": BAD, "unrated": MUTED}


@dataclass(frozen=True, slots=True)
class WallMetrics:
    """Pixel sizes for one screen height."""

    screen_height: int

    def px(self, share: float) -> int:
        return max(1, round(self.screen_height * share))

    @property
    def small(self) -> int:  # the smallest text meant to be read anywhere on the wall
        return self.px(0.0325)

    @property
    def text(self) -> int:
        return self.px(0.036)

    @property
    def heading(self) -> int:
        return self.px(0.044)

    @property
    def title(self) -> int:
        return self.px(0.054)

    @property
    def fine_print(self) -> int:  # credits (attribution): not meant to be read from afar
        return self.px(0.022)

    @property
    def figure(self) -> int:  # KPI numbers
        return self.px(0.1)

    @property
    def gap(self) -> int:
        return self.px(0.012)

    @property
    def margin(self) -> int:
        return self.px(0.022)

    def font(self, size: int, *, bold: bool = False, narrow: bool = False) -> QFont:
        font = QFont(NARROW_FAMILY if narrow else FAMILY)
        font.setPixelSize(size)
        font.setBold(bold)
        return font


DEFAULT_METRICS = WallMetrics(1080)


def heat_colour(value: float) -> QColor:
    """The heat scale at ``value`` in 0..1 (clamped)."""
    v = min(1.0, max(0.0, value))
    for (a, ca), (b, cb) in pairwise(HEAT_STOPS):
        if v <= b:
            t = (v - a) / (b - a) if b > a else 0.0
            qa, qb = QColor(ca), QColor(cb)
            return QColor(
                round(qa.red() + (qb.red() - qa.red()) * t),
                round(qa.green() + (qb.green() - qa.green()) * t),
                round(qa.blue() + (qb.blue() - qa.blue()) * t),
            )
    return QColor(HEAT_STOPS[-1][1])


def heat_lookup_table(size: int = 256) -> list[tuple[int, int, int]]:
    """The heat scale as an RGB lookup table (for pyqtgraph's ImageItem)."""
    out = []
    for i in range(size):
        c = heat_colour(i / (size - 1))
        out.append((c.red(), c.green(), c.blue()))
    return out


def wall_palette() -> QPalette:
    palette = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, BACKGROUND),
        (QPalette.ColorRole.Base, PANEL),
        (QPalette.ColorRole.AlternateBase, PANEL),
        (QPalette.ColorRole.WindowText, TEXT),
        (QPalette.ColorRole.Text, TEXT),
        (QPalette.ColorRole.ButtonText, TEXT),
        (QPalette.ColorRole.Button, PANEL),
        (QPalette.ColorRole.Highlight, ACCENT),
        (QPalette.ColorRole.HighlightedText, BACKGROUND),
        (QPalette.ColorRole.PlaceholderText, MUTED),
        (QPalette.ColorRole.ToolTipBase, PANEL),
        (QPalette.ColorRole.ToolTipText, TEXT),
    ):
        palette.setColor(role, QColor(colour))
    return palette
