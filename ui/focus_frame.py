"""A focus frame an operator sees from their chair: a thick accent ring around the focus.

The styles' own focus rectangles are one dotted pixel (and Fusion draws none on a
table), so a keyboard-only operator loses track of where Tab went. Style sheets
could thicken borders, but a border rule turns a native combo box or spin box into a
style-sheet one (its arrow and padding change). Instead one transparent overlay per
window (:class:`FocusFrame`, a child of that window, raised above its widgets and
transparent for the mouse) follows :meth:`QApplication.focusChanged` and paints a
ring around the focused widget. Widgets that are their own window (menus, pop-ups)
are left alone.

:func:`install` wires it once per application; GUI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QApplication, QMenu, QWidget
from shiboken6 import isValid

FRAME_COLOUR = QColor("#1f6fd1")
FRAME_WIDTH = 3
_NAME = "focusFrame"


class FocusFrame(QWidget):
    """The ring of one window; placed over whichever of its widgets has the focus."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName(_NAME)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.target: QWidget | None = None
        self.hide()

    def follow(self, widget: QWidget | None) -> None:
        if self.target is not None and self.target is not widget and isValid(self.target):
            self.target.removeEventFilter(self)
        self.target = widget
        if widget is None:
            self.hide()
            return
        widget.installEventFilter(self)
        self.place()

    def place(self) -> None:
        widget = self.target
        window = self.parentWidget()
        if widget is None or window is None or not isValid(widget) or not widget.isVisible():
            self.hide()
            return
        top_left = widget.mapTo(window, QPoint(0, 0))
        pad = FRAME_WIDTH
        self.setGeometry(QRect(top_left, widget.size()).adjusted(-pad, -pad, pad, pad))
        self.raise_()
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.target and event.type() in _PLACING:
            self.place()
        return super().eventFilter(watched, event)

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, on=True)
        pen = QPen(FRAME_COLOUR, FRAME_WIDTH)
        painter.setPen(pen)
        half = FRAME_WIDTH / 2
        painter.drawRoundedRect(self.rect().toRectF().adjusted(half, half, -half, -half), 4, 4)


_PLACING = frozenset({QEvent.Type.Move, QEvent.Type.Resize, QEvent.Type.Show, QEvent.Type.Hide})


def frame_of(window: QWidget) -> FocusFrame:
    """The window's focus frame, made on first use."""
    found = window.findChild(FocusFrame, _NAME, Qt.FindChildOption.FindDirectChildrenOnly)
    return found if isinstance(found, FocusFrame) else FocusFrame(window)


_current: list[FocusFrame] = []  # the frame showing now (at most one, in one window)


def _focus_changed(_old: QWidget | None, new: QWidget | None) -> None:
    # ``_old`` is not touched: it may be a widget being destroyed (a closing dialog)
    window = new.window() if new is not None and isValid(new) else None
    for frame in list(_current):
        if not isValid(frame):
            _current.remove(frame)
        elif frame.parentWidget() is not window:
            frame.follow(None)
            _current.remove(frame)
    if new is None or window is None or isinstance(new, QMenu) or new.isWindow():
        return
    frame = frame_of(window)
    frame.follow(new)
    if frame not in _current:
        _current.append(frame)


def install(app: QApplication) -> None:
    """Follow the focus in every window of ``app`` (safe to call again)."""
    if app.property("cur_focus_frame"):
        return
    app.setProperty("cur_focus_frame", 1)
    app.focusChanged.connect(_focus_changed)
