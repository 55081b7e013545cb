"""One wall window: a frameless full-screen stack of pages above the status strip.

A window belongs to one layout entry, not to a monitor: the shell moves it when
its monitor changes (:meth:`WallWindow.place_on`) and hides it while no monitor
carries it, so its pages, their pyqtgraph items and their data survive a hot-plug.
The cursor is hidden (nobody points at a wall) and no widget takes focus except
the window itself, which holds the maintenance shortcuts: Ctrl+Shift+S saves every
screen to PNG, Ctrl+Shift+Q closes the wall.

GUI thread only.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QScreen, QShortcut
from PySide6.QtWidgets import (
    QLabel,
    QSizePolicy,
    QStackedLayout,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ui.wall.status_strip import StatusStrip

log = logging.getLogger(__name__)

CAPTURE_KEYS = "Ctrl+Shift+S"
QUIT_KEYS = "Ctrl+Shift+Q"
_WINDOWED_SIZE = (1280, 720)


class WallWindow(QWidget):
    """The pages of one layout entry and its strip; the rotation is driven from outside."""

    capture_requested = Signal()
    quit_requested = Signal()

    def __init__(self, entry_id: str, *, windowed: bool = False, hide_cursor: bool = True) -> None:
        super().__init__(None)
        self.entry_id = entry_id
        self.windowed = windowed
        self.screen_name: str | None = None
        self.setObjectName(f"wallWindow-{entry_id}")
        # the page on screen names the window once the rotation starts (Rotator._show)
        self.setWindowTitle(self.tr("Situation-room wall"))
        if not windowed:
            self.setWindowFlags(Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint)
        if hide_cursor:
            self.setCursor(Qt.CursorShape.BlankCursor)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, on=True)
        self.setStyleSheet("WallWindow, QStackedWidget { background: #05080d; }")
        self.stack = QStackedWidget(self)
        # The window is exactly its screen: a page's minimum size must never push the
        # strip off the bottom (pages shrink instead).
        self.stack.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        # Every page stays "shown" under the current one, so the next page gets its real
        # geometry, resize events and layout (pyqtgraph sizes its plots on resize) long
        # before it is raised; opaque pages on top keep the covered ones from painting.
        stacked = self.stack.layout()
        assert isinstance(stacked, QStackedLayout)
        stacked.setStackingMode(QStackedLayout.StackingMode.StackAll)
        self.placeholder = QLabel(self.tr("Loading the wall…"))
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setStyleSheet("color: #8b96a5; font-size: 32px;")
        self.stack.addWidget(self.placeholder)
        self.strip = StatusStrip(self)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.stack, 1)
        column.addWidget(self.strip)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        capture = QShortcut(QKeySequence(CAPTURE_KEYS), self)
        capture.setContext(Qt.ShortcutContext.WindowShortcut)
        capture.activated.connect(self.capture_requested)
        leave = QShortcut(QKeySequence(QUIT_KEYS), self)
        leave.setContext(Qt.ShortcutContext.WindowShortcut)
        leave.activated.connect(self.quit_requested)
        self._closing_allowed = False

    def place_on(self, screen: QScreen) -> None:
        """Show the window on ``screen``, full screen unless windowed; moves it if needed."""
        geometry: QRect = screen.geometry()
        if self.windowed:
            width = min(_WINDOWED_SIZE[0], geometry.width())
            height = min(_WINDOWED_SIZE[1], geometry.height())
            target = QRect(geometry.x(), geometry.y(), width, height)
        else:
            target = geometry
        moved = self.screen_name != screen.name() or self.geometry() != target
        self.screen_name = screen.name()
        self.strip.set_screen_height(target.height())  # text sized for what the room sees
        if self.isVisible() and not moved:
            return
        if self.isFullScreen():
            self.showNormal()  # leave full screen on the old monitor before moving
        self.setScreen(screen)
        handle = self.windowHandle()
        if handle is not None:
            handle.setScreen(screen)
        self.setGeometry(target)
        if self.windowed:
            self.show()
        else:
            self.showFullScreen()
        log.info("wall window %s on screen %s at %s", self.entry_id, screen.name(), _rect(target))

    def park(self) -> None:
        """No monitor for this window: hide it, keep its pages (they come back with it)."""
        if self.isVisible():
            log.info(
                "wall window %s hidden: its screen %s is gone", self.entry_id, self.screen_name
            )
        self.screen_name = None
        self.hide()

    def allow_close(self) -> None:
        self._closing_allowed = True

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        # A wall window is not closed by the window manager or Alt+F4 by accident:
        # the shell closes its windows when the wall stops.
        if self._closing_allowed:
            event.accept()
        else:
            event.ignore()
            self.quit_requested.emit()


def _rect(rect: QRect) -> str:
    return f"{rect.width()}x{rect.height()}+{rect.x()}+{rect.y()}"
