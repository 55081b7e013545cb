"""A banner across the console while the central service cannot be reached.

The status bar's «Нет связи» in the bottom corner is easy to miss; an operator who
does not know they are offline is surprised that a colleague does not see their
work. The banner says it plainly above the queue: no connection, work goes on, and
what is done now is sent when the service is back (with the number waiting and the
next attempt when the sync engine knows them). It hides itself when the link is back.

It is fed by :attr:`ui.console.status_bar.ConsoleStatusBar.link_shown`, the same facts
the status bar shows. GUI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

BANNER_STYLE = (
    "QFrame#offlineBanner { background: #fdecea; border: 1px solid #b3261e;"
    " border-radius: 4px; }"
    " QLabel { color: #7a1b14; }"
)


class OfflineBanner(QFrame):
    """Hidden while online; a red band with what offline means otherwise."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("offlineBanner")
        self.setStyleSheet(BANNER_STYLE)
        self.title = QLabel()
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.title.setFont(font)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.setSpacing(12)
        layout.addWidget(self.title)
        layout.addWidget(self.detail, stretch=1)
        self.hide()

    def show_link(self, online: bool, waiting: int, retry: str) -> None:
        """The link as the status bar has it: online, actions waiting, next attempt."""
        if online:
            self.hide()
            return
        self.title.setText(self.tr("No connection to the central service"))
        text = self.tr(
            "You can keep working from the local copy: what you do is stored"
            " and will be sent when the service is back."
        )
        if waiting:
            text += " " + self.tr("%Ln action(s) waiting to be sent.", "", waiting)
        if retry:
            text += " " + self.tr("Next attempt at %1.").replace("%1", retry)
        self.detail.setText(text)
        self.show()
