"""A colleague's lock: the padlock icon and the colours the console marks a held appeal with.

An appeal a colleague holds («взято») may not be moved on by anyone else
(``cur_desktop/domain/holding.py``); the queue row and the detail pane show it with
this padlock in amber, the colour of "someone else's", distinct from the deadline
colours (green/yellow/red) and from the blue of "your action is being sent".
Drawn with QPainter, so it needs no image file and scales with the screen. GUI thread.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

#: Amber: a colleague's appeal. Text on the background has a contrast above 7:1.
LOCK_FOREGROUND = "#7a4100"
LOCK_BACKGROUND = "#fde7c2"
LOCK_COLOUR = "#c86a00"


def _draw(size: int, colour: str) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    unit = size / 16
    pen = QPen(QColor(colour), 2 * unit)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    shackle = QPainterPath()
    shackle.moveTo(4.5 * unit, 8 * unit)
    shackle.lineTo(4.5 * unit, 5.5 * unit)
    shackle.arcTo(QRectF(4.5 * unit, 1.5 * unit, 7 * unit, 7 * unit), 180, -180)
    shackle.lineTo(11.5 * unit, 8 * unit)
    painter.drawPath(shackle)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(colour))
    painter.drawRoundedRect(QRectF(2.5 * unit, 7 * unit, 11 * unit, 8 * unit), unit, unit)
    painter.setBrush(QColor("#ffffff"))
    painter.drawEllipse(QRectF(7 * unit, 9.5 * unit, 2 * unit, 2 * unit))
    painter.end()
    return pixmap


@cache
def lock_icon(colour: str = LOCK_COLOUR) -> QIcon:
    """The padlock of a colleague's lock (16 to 64 px)."""
    icon = QIcon()
    for size in (16, 24, 32, 48, 64):
        icon.addPixmap(_draw(size, colour))
    return icon


def lock_data_uri(size: int = 16, colour: str = LOCK_COLOUR) -> str:
    """The padlock as a PNG data URI, for rich text (the detail pane's HTML)."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    _draw(size, colour).save(buffer, "PNG")
    buffer.close()
    return "data:image/png;base64," + bytes(data.toBase64().data()).decode("ascii")
