"""Keep a restored window on a screen that exists (after Anki's ensureWidgetInScreenBoundaries).

Window geometry saved yesterday may point at a monitor that is gone today: a laptop
undocked, a wall controller that lost an output. Qt would then open the window where
nobody can see it. :func:`ensure_on_screen` moves it onto the screen under its centre
(or the one it overlaps most, or the primary one) and shrinks it to fit.
"""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget


def target_screen(frame: QRect) -> QScreen | None:
    """The screen a window with this frame belongs on."""
    screen = QGuiApplication.screenAt(frame.center())
    if screen is not None:
        return screen
    best: QScreen | None = None
    best_area = 0
    for candidate in QGuiApplication.screens():
        overlap = candidate.availableGeometry().intersected(frame)
        area = overlap.width() * overlap.height() if overlap.isValid() else 0
        if area > best_area:
            best, best_area = candidate, area
    return best or QGuiApplication.primaryScreen()


def ensure_on_screen(window: QWidget) -> bool:
    """Move and shrink ``window`` to lie wholly on an existing screen; True if it moved."""
    frame = window.frameGeometry()
    screen = target_screen(frame)
    if screen is None:
        return False
    area = screen.availableGeometry()
    # The frame around the client area (title bar, borders) must fit too.
    extra_w = frame.width() - window.width()
    extra_h = frame.height() - window.height()
    width = min(window.width(), area.width() - extra_w)
    height = min(window.height(), area.height() - extra_h)
    x = min(max(frame.x(), area.x()), area.right() + 1 - (width + extra_w))
    y = min(max(frame.y(), area.y()), area.bottom() + 1 - (height + extra_h))
    moved = (x, y, width, height) != (frame.x(), frame.y(), window.width(), window.height())
    if moved:
        window.resize(width, height)
        window.move(x, y)
    return moved
