"""Notices of new high-importance appeals in the operator's scope, as the sync brings them.

The cache only ever holds the operator's scope (the service filters by it), so
every appeal the sync brings is in scope. An appeal is announced once, when it
first appears as *new* and of high importance after the first sync reached the
service's head: what the first sync loads is the operator's starting point, not
news. Appeals already in the cache when the notifier is armed are remembered as
known, so a later change to one of them (taken, annotated) is not announced again.
What is news, and which appeals are, the cache says (:mod:`cur_desktop.cache.queries.news`).

A notice never interrupts typing: a system tray message where the desktop has a
tray, otherwise a small banner in the window's bottom right corner, closed by its ×
button, by Escape, or after a while; clicking "Open" shows the appeal.

GUI thread only.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSystemTrayIcon,
    QToolButton,
    QWidget,
)

from cur_desktop.cache import Cache
from cur_desktop.cache.queries.news import fresh_news, news_ids
from cur_desktop.domain.appeal import Appeal

log = logging.getLogger(__name__)

BANNER_MS = 30_000
_BANNER_STYLE = """
QFrame#notice { background: #fff4e5; border: 1px solid #e0a040; border-radius: 6px; }
QFrame#notice QLabel { color: #5a3800; }
"""


class NoticeBanner(QFrame):
    """A dismissable notice over the bottom right corner of its parent window."""

    open_requested = Signal(int)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("notice")
        self.setStyleSheet(_BANNER_STYLE)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.open_button = QPushButton(self.tr("Open"))
        self.close_button = QToolButton()
        self.close_button.setText("×")
        self.close_button.setToolTip(self.tr("Dismiss (Esc)"))
        self.close_button.setAutoRaise(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 6, 8)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.open_button)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self.setFixedWidth(460)
        self._appeal_id = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(BANNER_MS)
        self._timer.timeout.connect(self.dismiss)
        self.open_button.clicked.connect(self._open)
        self.close_button.clicked.connect(self.dismiss)
        # Esc wherever the keyboard is in the window (the notice never takes it); the
        # shortcut of a hidden banner is inactive, so Esc means nothing else meanwhile.
        self._escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        self._escape.setContext(Qt.ShortcutContext.WindowShortcut)
        self._escape.activated.connect(self.dismiss)
        parent.installEventFilter(self)
        self.hide()

    def show_notice(self, text: str, appeal_id: int) -> None:
        self.text.setText(text)
        self._appeal_id = appeal_id
        self.adjustSize()
        self._place()
        self.show()
        self.raise_()
        self._timer.start()

    def dismiss(self) -> None:
        self._timer.stop()
        self.hide()

    def _open(self) -> None:
        appeal_id = self._appeal_id
        self.dismiss()
        if appeal_id:
            self.open_requested.emit(appeal_id)

    def _place(self) -> None:
        parent = self.parentWidget()
        if parent is not None:  # bottom right, above the status bar: the appeal stays readable
            self.move(parent.width() - self.width() - 16, parent.height() - self.height() - 44)

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize and self.isVisible():
            self._place()
        elif event.type() == QEvent.Type.Hide:
            self._timer.stop()
        return False

    def hideEvent(self, event: object) -> None:  # noqa: N802
        self._timer.stop()
        super().hideEvent(event)  # type: ignore[arg-type]


class HighImportanceNotifier(QObject):
    """Watches what the sync writes and announces new high-importance appeals."""

    notified = Signal(list)  # ids just announced

    def __init__(
        self,
        cache: Cache,
        window: QWidget,
        show_appeal: Callable[[int], None],
        *,
        use_tray: bool | None = None,
    ) -> None:
        super().__init__(window)
        self._cache = cache
        self._known: set[int] | None = None  # None until armed
        self.banner = NoticeBanner(window)
        self.banner.open_requested.connect(show_appeal)
        self._show_appeal = show_appeal
        tray = QSystemTrayIcon.isSystemTrayAvailable() if use_tray is None else use_tray
        self.tray: QSystemTrayIcon | None = None
        self._tray_target = 0
        if tray:
            self.tray = QSystemTrayIcon(window.windowIcon(), self)
            self.tray.messageClicked.connect(self._tray_clicked)
            self.tray.show()

    def arm(self) -> None:
        """The first sync reached the head: what is in the cache now is known."""
        if self._known is not None:
            return
        self._known = news_ids(self._cache.engine)

    @property
    def armed(self) -> bool:
        return self._known is not None

    def changes(self, changed: Sequence[int], _removed: Sequence[int] = ()) -> list[int]:
        """Appeals the sync just wrote; announces the new high-importance ones."""
        if self._known is None or not changed:
            return []
        fresh = fresh_news(self._cache.appeals, changed, self._known)
        if not fresh:
            return []
        self._known.update(a.id for a in fresh)
        self.announce(fresh)
        ids = [a.id for a in fresh]
        self.notified.emit(ids)
        return ids

    def announce(self, appeals: Sequence[Appeal]) -> None:
        first = appeals[0]
        title = self.tr("New high-importance appeal")
        if len(appeals) == 1:
            text = self.tr("№ %1: %2").replace("%1", first.external_id or str(first.id))
            text = text.replace("%2", _excerpt(first.text))
        else:
            title = self.tr("%n new high-importance appeal(s)", "", len(appeals))
            text = self.tr("The newest: № %1: %2").replace("%1", first.external_id or str(first.id))
            text = text.replace("%2", _excerpt(first.text))
        log.info("announcing %d new high-importance appeal(s)", len(appeals))
        if self.tray is not None:
            self._tray_target = first.id
            self.tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Warning, BANNER_MS)
        else:
            self.banner.show_notice(f"<b>{_escape(title)}</b><br>{_escape(text)}", first.id)

    def close(self) -> None:
        self.banner.dismiss()
        if self.tray is not None:
            self.tray.hide()

    def _tray_clicked(self) -> None:
        if self._tray_target:
            self._show_appeal(self._tray_target)


def _excerpt(text: str, limit: int = 140) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
