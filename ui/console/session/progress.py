"""How far the sync is, shown only when it takes a while, and a way to stop it.

As Anki's progress (STYLE.md §3): nothing appears for a sync that ends within
600 ms — the usual case once the cache is current — so the status bar does not
flicker at every live change. A longer one (the first snapshot of a big region, a
catch-up after a night offline) shows a bar with what is being done and a
"Stop" button. The console stays usable meanwhile: it reads whatever the sync
has already committed.

GUI thread only; fed by :class:`ui.sync_worker.SyncWorker`'s signals.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from cur_desktop.sync.status import Link, Phase, Progress, SyncStatus

SHOW_AFTER_MS = 600
_BUSY_PHASES = frozenset({Phase.CONNECT, Phase.REGION, Phase.SNAPSHOT, Phase.CHANGES, Phase.OUTBOX})


class SyncProgress(QWidget):
    """A status-bar widget: label, bar and a stop button, hidden unless a sync lasts."""

    stop_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setFixedWidth(220)
        self.bar.setTextVisible(False)
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.setToolTip(
            self.tr("Stop synchronising; the console keeps what has been received")
        )
        self.stop_button.clicked.connect(self._stop)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 0, 6, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.stop_button)
        self._delay = QTimer(self)
        self._delay.setSingleShot(True)
        self._delay.setInterval(SHOW_AFTER_MS)
        self._delay.timeout.connect(self._appear)
        self._busy = False
        self.hide()

    def busy(self) -> bool:
        """A sync pass is running (whether or not the widget shows yet)."""
        return self._busy

    def on_progress(self, progress: Progress) -> None:
        if progress.phase not in _BUSY_PHASES or _sent_all(progress):
            # The live loop sends the outbox and says only "1 of 1": nothing follows it
            # until the next change, so the last batch itself ends the indicator.
            self.finish()
            return
        self._busy = True
        self.label.setText(self.describe(progress))
        if progress.total and progress.phase not in (Phase.CONNECT, Phase.REGION):
            self.bar.setRange(0, max(progress.total, 1))
            self.bar.setValue(min(progress.done, progress.total))
        else:
            self.bar.setRange(0, 0)  # busy indicator: the total is unknown
        if not self.isVisible() and not self._delay.isActive():
            self._delay.start()

    def on_status(self, status: SyncStatus) -> None:
        if status.link in (Link.OFFLINE, Link.UNAUTHORIZED, Link.STOPPED):
            self.finish()

    def finish(self) -> None:
        self._busy = False
        self._delay.stop()
        self.hide()

    def describe(self, progress: Progress) -> str:
        locale = QLocale()
        done = locale.toString(progress.done)
        total = locale.toString(progress.total) if progress.total is not None else ""
        if progress.phase is Phase.SNAPSHOT:
            if total:
                text = self.tr("Receiving appeals: %1 of %2")
                return text.replace("%1", done).replace("%2", total)
            return self.tr("Receiving appeals: %1").replace("%1", done)
        if progress.phase is Phase.CHANGES:
            return self.tr("Receiving changes")
        if progress.phase is Phase.OUTBOX:
            return self.tr("Sending actions: %1 of %2").replace("%1", done).replace("%2", total)
        if progress.phase is Phase.REGION:
            return self.tr("Preparing the data…")
        return self.tr("Connecting to the central service…")

    def _appear(self) -> None:
        if self._busy:
            self.show()

    def _stop(self) -> None:
        self.finish()
        self.stop_requested.emit()


def _sent_all(progress: Progress) -> bool:
    """An outbox pass that has sent everything it had."""
    return (
        progress.phase is Phase.OUTBOX
        and progress.total is not None
        and progress.done >= progress.total
    )
