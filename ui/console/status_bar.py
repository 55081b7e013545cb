"""The console's status bar: link, last sync, unsent actions, who is signed in.

Everything shown is read from the local cache, where the sync engine keeps it:
``sync.online`` and ``sync.last_ok`` (falling back to the engine's
``sync.last_success``), the outbox size, and the identity (``auth.*`` keys or the
engine's ``sync.identity``). :func:`read_status` gathers them; the bar only shows
them, in Russian, with plural forms and ``ru_RU`` dates. The sync engine can also
push its live status through :meth:`ConsoleStatusBar.show_status` once it is wired.

GUI thread for the bar; :func:`read_status` is Qt-free and may run anywhere.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from PySide6.QtCore import QDateTime, QLocale, QTimeZone
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from cur_desktop.cache import Cache
from ui.console.context import Identity, read_identity
from widgets.labels import role_label

SYNC_ONLINE = "sync.online"
SYNC_LAST_OK = "sync.last_ok"
SYNC_LAST_SUCCESS = "sync.last_success"  # cur_desktop.sync.status.LAST_SUCCESS
_TRUE = frozenset({"1", "true", "yes", "online"})

_ONLINE_STYLE = "QLabel { color: #1d5e2c; font-weight: bold; }"
_OFFLINE_STYLE = "QLabel { color: #b3261e; font-weight: bold; }"


@dataclass(frozen=True, slots=True)
class StatusFacts:
    online: bool
    last_ok: float | None  # epoch seconds of the last successful sync
    outbox: int  # actions waiting for the central service
    identity: Identity


def read_status(cache: Cache) -> StatusFacts:
    online = (cache.get_state(SYNC_ONLINE) or "").strip().casefold() in _TRUE
    raw = cache.get_state(SYNC_LAST_OK) or cache.get_state(SYNC_LAST_SUCCESS)
    try:
        last_ok = float(raw) if raw else None
    except ValueError:
        last_ok = None
    return StatusFacts(online, last_ok, cache.outbox.size(), read_identity(cache))


class ConsoleStatusBar(QStatusBar):
    """Permanent fields on the right; transient messages on the left."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.link = QLabel()
        self.last_sync = QLabel()
        self.outbox = QLabel()
        self.user = QLabel()
        for label in (self.link, self.last_sync, self.outbox, self.user):
            label.setContentsMargins(10, 0, 10, 0)
            self.addPermanentWidget(label)
        self._time_zone: QTimeZone | None = None

    def set_time_zone(self, time_zone: QTimeZone | None) -> None:
        self._time_zone = time_zone

    def show_status(self, facts: StatusFacts, now: float | None = None) -> None:
        now = time.time() if now is None else now
        self.link.setText(self.tr("Online") if facts.online else self.tr("Offline"))
        self.link.setStyleSheet(_ONLINE_STYLE if facts.online else _OFFLINE_STYLE)
        self.last_sync.setText(self.last_sync_text(facts.last_ok, now))
        if facts.outbox:
            self.outbox.setText(self.tr("%Ln action(s) not yet sent", "", facts.outbox))
        else:
            self.outbox.setText(self.tr("All actions sent"))
        self.user.setText(self.user_text(facts.identity))

    def last_sync_text(self, last_ok: float | None, now: float) -> str:
        if last_ok is None:
            return self.tr("Never synchronised")
        moment = QDateTime.fromSecsSinceEpoch(int(last_ok))
        moment = moment.toTimeZone(self._time_zone) if self._time_zone else moment.toLocalTime()
        when = QLocale().toString(moment, "dd.MM.yyyy HH:mm")
        return (
            self.tr("Synchronised %1 (%2)")
            .replace("%1", when)
            .replace("%2", self.ago_text(now - last_ok))
        )

    def ago_text(self, seconds: float) -> str:
        minutes = max(int(seconds // 60), 0)
        if minutes < 1:
            return self.tr("just now")
        if minutes < 60:
            return self.tr("%n minute(s) ago", "", minutes)
        hours = minutes // 60
        if hours < 24:
            return self.tr("%n hour(s) ago", "", hours)
        return self.tr("%n day(s) ago", "", hours // 24)

    def user_text(self, identity: Identity) -> str:
        user = identity.login or self.tr("local user")
        text = f"{user} — {role_label(identity.role)}"
        scope = identity.scope or self.tr("whole region")
        return text + " · " + self.tr("scope: %1").replace("%1", scope)
