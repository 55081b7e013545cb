"""Saving what the wall shows: one PNG per screen plus the whole wall in one picture.

ЦУРs send such pictures to officials. The running wall saves on request — the
Ctrl+Shift+S shortcut on any wall window, or ``kill -USR1 <pid>`` on Linux (the
municipal IT's scripts, a cron job) — into a dated folder under the user's data
directory (or the layout's ``screenshots_dir``); the paths are logged.

POSIX signals reach Python only between bytecodes, and the Qt event loop runs in
C++: :class:`SignalWakeup` uses the standard bridge — ``signal.set_wakeup_fd`` on
one end of a socket pair, a :class:`QSocketNotifier` on the other — so SIGUSR1 is
handled on the GUI thread at the next turn of the loop.

GUI thread only.
"""

from __future__ import annotations

import logging
import signal
import socket
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QObject, QRect, QSocketNotifier
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import QWidget

from cur_desktop.clock import system_clock

log = logging.getLogger(__name__)


def default_screenshots_dir() -> Path:
    from cur_desktop.settings import folders

    return folders().wall_screens_dir


def _safe(name: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in name) or "screen"


def grab_windows(windows: Sequence[QWidget]) -> list[tuple[QWidget, QPixmap]]:
    return [(window, window.grab()) for window in windows if window.isVisible()]


def compose(shots: Sequence[tuple[QWidget, QPixmap]]) -> QPixmap | None:
    """The windows side by side as they sit on the desktop (one picture of the wall)."""
    if not shots:
        return None
    bounds = QRect()
    for window, _ in shots:
        bounds = bounds.united(window.geometry())
    picture = QPixmap(bounds.size())
    picture.fill(QColor("#05080d"))
    painter = QPainter(picture)
    try:
        for window, pixmap in shots:
            painter.drawPixmap(window.geometry().topLeft() - bounds.topLeft(), pixmap)
    finally:
        painter.end()
    return picture


def save_wall(windows: Sequence[QWidget], folder: Path, *, stamp: str | None = None) -> list[Path]:
    """Save every visible window and the composite into ``folder``; the files written."""
    if stamp is None:
        moment = system_clock()
        stamp = moment.strftime("%Y%m%d-%H%M%S-") + f"{moment.microsecond // 1000:03d}Z"
    folder.mkdir(parents=True, exist_ok=True)
    shots = grab_windows(windows)
    written: list[Path] = []
    for window, pixmap in shots:
        screen = window.screen()
        name = _safe(screen.name() if screen is not None else window.objectName())
        path = folder / f"wall-{stamp}-{name}.png"
        if pixmap.save(str(path)):
            written.append(path)
        else:
            log.error("could not write %s", path)
    if len(shots) > 1:
        whole = compose(shots)
        path = folder / f"wall-{stamp}-all.png"
        if whole is not None and whole.save(str(path)):
            written.append(path)
    for path in written:
        log.info("wall screen saved: %s", path)
    return written


def save_composite(windows: Sequence[QWidget], path: Path) -> Path | None:
    """The whole wall in one PNG at ``path`` (``--screenshot``)."""
    picture = compose(grab_windows(windows))
    if picture is None:
        return None
    path.parent.mkdir(parents=True, exist_ok=True)
    if not picture.save(str(path)):
        log.error("could not write %s", path)
        return None
    log.info("wall screenshot saved: %s", path)
    return path


class SignalWakeup(QObject):
    """Call ``handlers[signum]`` on the GUI thread when the process receives ``signum``.

    One instance per process: ``signal.set_wakeup_fd`` has a single slot.
    """

    def __init__(
        self, handlers: dict[int, Callable[[], object]], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._handlers = dict(handlers)
        self._read, self._write = socket.socketpair()
        self._read.setblocking(False)  # noqa: FBT003 - socket API
        self._write.setblocking(False)  # noqa: FBT003
        self._previous_fd = signal.set_wakeup_fd(self._write.fileno())
        self._previous = {
            signum: signal.signal(signum, lambda *_: None) for signum in self._handlers
        }
        self._notifier = QSocketNotifier(self._read.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._readable)

    def _readable(self) -> None:
        try:
            data = self._read.recv(64)
        except BlockingIOError:
            return
        for signum, handler in self._handlers.items():
            if signum in data:
                handler()

    def close(self) -> None:
        self._notifier.setEnabled(False)
        for signum, previous in self._previous.items():
            signal.signal(signum, previous)
        signal.set_wakeup_fd(self._previous_fd)
        self._read.close()
        self._write.close()
