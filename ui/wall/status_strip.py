"""The strip along the bottom of every wall window: page, messages, data age, clock.

A wall runs unattended, so this strip is where it tells the room what is wrong, in
one discreet line instead of a dialog nobody can click away: a broken layout file, a
cache that cannot be read, a failed recomputation, a refused token. On the right it
says how old the data is — the time since the last successful sync, read from the
cache's sync state like the console's status bar does (:mod:`ui.console.status_bar`)
— and turns red when sync has stalled past the layout's threshold, so nobody takes
yesterday's figures for today's.

:func:`freshness` is the decision, Qt-free and testable on its own; the widget only
shows it. Sizes follow the screen's height (readable from several metres). GUI thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import QDateTime, QLocale, Qt, QTimeZone
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QWidget

from ui import fonts

STRIP_HEIGHT_SHARE = 0.042  # of the screen height: 45 px at 1080
FONT_HEIGHT_SHARE = 0.0325  # capitals of 1/45 of the screen height: read from six metres

_BG = "#0b0f17"
_FG = "#c9d1dc"
_DIM = "#8b96a5"
_OK = "#4cc38a"
_WARN = "#f2b84b"
_STALE_BG = "#b3261e"
_ALARM_BG = "#d9480f"


class Freshness(StrEnum):
    FRESH = "fresh"
    STALE = "stale"  # a sync is expected and the last one is too old: red
    NEVER = "never"  # a sync is expected and none has ever succeeded: red
    LOCAL = "local"  # no sync configured (a demo cache, a copied file): neutral


@dataclass(frozen=True, slots=True)
class FreshnessState:
    kind: Freshness
    age_seconds: float | None


def freshness(
    last_sync: float | None, now: float, stale_after_s: float, *, expect_sync: bool
) -> FreshnessState:
    """How fresh the wall's data is, given the epoch of the last successful sync."""
    if last_sync is None:
        return FreshnessState(Freshness.NEVER if expect_sync else Freshness.LOCAL, None)
    age = max(now - last_sync, 0.0)
    return FreshnessState(Freshness.STALE if age > stale_after_s else Freshness.FRESH, age)


class ElidedLabel(QLabel):
    """A label that never widens its window: long text ends in «…» (the log has it whole)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def set_full_text(self, text: str) -> None:
        self._full = text
        self._elide()

    def full_text(self) -> str:
        return self._full

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        width = max(self.contentsRect().width(), 0)
        text = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, width)
        if text != self.text():
            self.setText(text)


class StatusStrip(QWidget):
    """Left: region and page position; centre: the latest message; right: data age, clock."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("wallStatusStrip")
        # never wider than the window's screen, whatever its labels say
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, on=True)
        self.page = QLabel()
        self.alarm = QLabel()
        self.alarm.setObjectName("wallAlarm")
        self.alarm.hide()
        self.message = ElidedLabel()
        self.freshness = QLabel()
        self.clock = QLabel()
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.freshness.setObjectName("wallFreshness")
        self.message.setObjectName("wallMessage")
        row = QHBoxLayout(self)
        row.setContentsMargins(16, 0, 16, 0)
        row.setSpacing(24)
        row.addWidget(self.page)
        row.addWidget(self.alarm)
        row.addWidget(self.message, 1)
        row.addWidget(self.freshness)
        row.addWidget(self.clock)
        from ui.about import install_about_shortcut

        self.about_shortcut = install_about_shortcut(self)  # F1: version and preset
        self._time_zone: QTimeZone | None = None
        self._message_kind = "none"
        self.state = FreshnessState(Freshness.LOCAL, None)
        self.set_screen_height(1080)

    def set_time_zone(self, time_zone: QTimeZone | None) -> None:
        self._time_zone = time_zone

    def set_screen_height(self, height_px: int) -> None:
        """Sizes relative to the screen: the strip reads the same on every wall."""
        font = QFont(fonts.UI_FAMILY)
        font.setPixelSize(max(int(height_px * FONT_HEIGHT_SHARE), 12))
        self.setFont(font)
        for label in (self.page, self.alarm, self.message, self.freshness, self.clock):
            label.setFont(font)
        self.setFixedHeight(max(int(height_px * STRIP_HEIGHT_SHARE), 24))
        self._restyle()

    # --- content ------------------------------------------------------------------

    def show_page(self, label: str, position: int, count: int) -> None:
        """``label`` (the region) and, when the window rotates, which page of how many."""
        parts = [label] if label else []
        if count > 1:
            parts.append(f"{position}/{count}")
        self.page.setText("  ·  ".join(parts))

    def show_alarm(self, text: str | None) -> None:
        """An orange band naming the alarm on screen (None removes it)."""
        self.alarm.setText(text or "")
        self.alarm.setVisible(bool(text))

    def alarm_text(self) -> str:
        return self.alarm.text() if self.alarm.isVisibleTo(self) else ""

    def show_message(self, text: str, kind: str = "error") -> None:
        """``kind``: ``error`` (amber) or ``info`` (dim); empty text clears."""
        self._message_kind = kind if text else "none"
        self.message.set_full_text(text)
        self.message.setToolTip(text)
        self._restyle()

    def message_text(self) -> str:
        return self.message.full_text()

    def show_freshness(self, state: FreshnessState, last_sync: float | None, now: float) -> None:
        self.state = state
        if state.kind is Freshness.LOCAL:
            text = self.tr("Local data, no sync")
        elif state.kind is Freshness.NEVER:
            text = self.tr("Not synchronised yet")
        else:
            assert last_sync is not None
            assert state.age_seconds is not None
            when = self._format(last_sync, "HH:mm")
            ago = self.ago_text(state.age_seconds)
            if state.kind is Freshness.STALE:
                text = self.tr("Sync stalled: data as of %1 (%2)")
            else:
                text = self.tr("Data as of %1 (%2)")
            text = text.replace("%1", when).replace("%2", ago)
        self.freshness.setText(text)
        self.clock.setText(self._format(now, "HH:mm"))
        self._restyle()

    def ago_text(self, seconds: float) -> str:
        minutes = max(int(seconds // 60), 0)
        if minutes < 1:
            return self.tr("just now")
        if minutes < 60:
            return self.tr("%n min ago", "", minutes)
        hours = minutes // 60
        if hours < 24:
            return self.tr("%n h ago", "", hours)
        return self.tr("%n day(s) ago", "", hours // 24)

    def _format(self, epoch: float, pattern: str) -> str:
        moment = QDateTime.fromSecsSinceEpoch(int(epoch))
        if self._time_zone is not None:
            moment = moment.toTimeZone(self._time_zone)
        else:
            moment = moment.toLocalTime()
        return QLocale().toString(moment, pattern)

    def _restyle(self) -> None:
        stale = self.state.kind in (Freshness.STALE, Freshness.NEVER)
        fresh = self.state.kind is Freshness.FRESH
        fresh_style = (
            f"background: {_STALE_BG}; color: white; font-weight: bold; padding: 0 12px;"
            if stale
            else f"color: {_OK if fresh else _DIM};"
        )
        message_style = f"color: {_WARN};" if self._message_kind == "error" else f"color: {_DIM};"
        alarm_style = f"background: {_ALARM_BG}; color: white; font-weight: bold; padding: 0 12px;"
        self.setStyleSheet(
            f"#wallStatusStrip {{ background: {_BG}; border-top: 1px solid #1f2937; }}"
            f"QLabel {{ color: {_FG}; }}"
            f"#wallFreshness {{ {fresh_style} }}"
            f"#wallMessage {{ {message_style} }}"
            f"#wallAlarm {{ {alarm_style} }}"
        )
