"""The console's status bar: link, last sync, unsent actions, who is signed in.

Everything shown is read from the local cache, where the sync engine keeps it:
``sync.online`` and ``sync.last_ok`` (falling back to the engine's
``sync.last_success``), the outbox size, and the identity (``auth.*`` keys or the
engine's ``sync.identity``). :func:`read_status` gathers them through the cache's
read API (:mod:`cur_desktop.cache.queries.status`); the bar only shows
them, in Russian, with plural forms and ``ru_RU`` dates. When the console runs a
sync worker (ui/sync_worker.py), the worker's live :class:`~cur_desktop.sync.status.SyncStatus`
is pushed through the same :meth:`ConsoleStatusBar.show_status`; from then on the
link (online, connecting, offline with its next attempt, signed out) is the
engine's, while the window's periodic reads keep the outbox and the identity
current. Scope codes are named with the region's dictionaries once they are known.
A long scope (an analyst over a dozen municipalities) is cut with «…» at
:data:`USER_MAX_WIDTH` pixels and shown whole in the tooltip: the bar's fields must
never make the window wider than the screen or leave no room for messages.

GUI thread for the bar; :func:`read_status` is Qt-free and may run anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import QDateTime, QLocale, Qt, QTimeZone, Signal
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from cur_desktop.cache import Cache
from cur_desktop.cache.queries.status import is_online, last_sync, waiting_actions
from cur_desktop.clock import Clock, epoch, system_clock
from cur_desktop.domain.dictionaries import Dictionaries
from cur_desktop.domain.enums import Role
from cur_desktop.sync.status import Link, SyncStatus
from ui.console.console_context import Identity, read_identity
from widgets.labels import role_label

_ONLINE_STYLE = "QLabel { color: #1d5e2c; font-weight: bold; }"
_OFFLINE_STYLE = "QLabel { color: #b3261e; font-weight: bold; }"
_WAITING_STYLE = "QLabel { color: #6b5d00; font-weight: bold; }"
USER_MAX_WIDTH = 420  # pixels of the "who, role, scope" field; the rest is in its tooltip
__all__ = [
    "ConsoleStatusBar",
    "StatusFacts",
    "read_status",
]


@dataclass(frozen=True, slots=True)
class StatusFacts:
    online: bool
    last_ok: float | None  # epoch seconds of the last successful sync
    outbox: int  # actions waiting for the central service
    identity: Identity


def read_status(cache: Cache) -> StatusFacts:
    identity = read_identity(cache)
    waiting = waiting_actions(cache, identity.login)
    return StatusFacts(is_online(cache), last_sync(cache), waiting, identity)


class ConsoleStatusBar(QStatusBar):
    """Permanent fields on the right; transient messages on the left."""

    link_shown = Signal(bool, int, str)
    """(online, actions waiting, next attempt «HH:mm:ss» or ""): what the link field shows."""

    def __init__(self, parent: QWidget | None = None, *, clock: Clock = system_clock) -> None:
        super().__init__(parent)
        self.clock = clock  # "last synced N minutes ago" is counted on it
        self.link = QLabel()
        self.last_sync = QLabel()
        self.outbox = QLabel()
        self.user = QLabel()
        for label in (self.link, self.last_sync, self.outbox, self.user):
            label.setContentsMargins(10, 0, 10, 0)
            self.addPermanentWidget(label)
        self._time_zone: QTimeZone | None = None
        self._facts: StatusFacts | None = None
        self._read_facts = False  # facts were read from the cache (not only pushed)
        self._live: SyncStatus | None = None
        self._live_at = 0.0
        self._names: dict[str, str] = {}
        self._offline_mode = False
        self._people: dict[str, str] = {}  # login -> name, as the service sends them

    def people(self) -> dict[str, str]:
        return self._people

    def set_people(self, names: dict[str, str]) -> None:
        """Say who is signed in by name (the login when the service did not name them)."""
        self._people = dict(names)
        if self._facts is not None:
            self._show_user(self.user_text(self._facts.identity))

    def set_time_zone(self, time_zone: QTimeZone | None) -> None:
        self._time_zone = time_zone

    def set_dictionaries(self, dicts: Dictionaries | None) -> None:
        """Name scope codes (OKTMO, theme codes) with the region's dictionaries."""
        names: dict[str, str] = {}
        if dicts is not None:
            names.update({m.oktmo: m.display_name for m in dicts.municipalities})
            names.update({t.code: t.name for t in dicts.themes})
        self._names = names
        if self._facts is not None:
            self._show_user(self.user_text(self._facts.identity))

    def set_offline_mode(self, offline: bool) -> None:
        """The console was opened without a connection (the operator chose to)."""
        self._offline_mode = offline
        self._live = None
        if self._facts is not None:
            self._show(self._facts, epoch(self.clock))

    def show_status(self, status: StatusFacts | SyncStatus, now: float | None = None) -> None:
        """Show facts read from the cache, or the sync engine's live status."""
        now = epoch(self.clock) if now is None else now
        if isinstance(status, SyncStatus):
            self._live, self._live_at = status, now
            facts = self._facts or StatusFacts(
                online=False, last_ok=None, outbox=0, identity=Identity("", _default_role(), "")
            )
            facts = replace(
                facts,
                online=status.link is Link.ONLINE,
                last_ok=status.last_success or facts.last_ok,
                # the engine counts every operator's actions; facts read from the cache
                # count this operator's (read_status), so they win once there are some
                outbox=facts.outbox if self._read_facts else status.outbox_pending,
            )
        else:
            facts = status
            self._read_facts = True
            if self._live is not None:
                facts = replace(
                    facts,
                    online=self._live.link is Link.ONLINE,
                    last_ok=max(facts.last_ok or 0.0, self._live.last_success or 0.0) or None,
                )
        self._facts = facts
        self._show(facts, now)

    def live_status(self) -> SyncStatus | None:
        return self._live

    def _show(self, facts: StatusFacts, now: float) -> None:
        text, style, tip = self.link_text(facts)
        self.link.setText(text)
        self.link.setStyleSheet(style)
        self.link.setToolTip(tip)
        self.last_sync.setText(self.last_sync_text(facts.last_ok, now))
        if facts.outbox:
            self.outbox.setText(self.tr("%Ln action(s) not yet sent", "", facts.outbox))
        else:
            self.outbox.setText(self.tr("All actions sent"))
        self._show_user(self.user_text(facts.identity))
        self.link_shown.emit(self.is_online(), facts.outbox, self._retry_at())

    def is_online(self) -> bool:
        """The central service answers (or is being connected to): actions go out now."""
        live = self._live
        if live is not None:
            return live.link in (Link.ONLINE, Link.CONNECTING)
        return self._facts is not None and self._facts.online and not self._offline_mode

    def _retry_at(self) -> str:
        live = self._live
        if live is None or live.link is not Link.OFFLINE or live.retry_in is None:
            return ""
        moment = QDateTime.fromSecsSinceEpoch(int(self._live_at + live.retry_in + 0.999))
        zoned = moment.toTimeZone(self._time_zone) if self._time_zone else moment
        return QLocale().toString(zoned, "HH:mm:ss")

    def _show_user(self, text: str) -> None:
        metrics = self.user.fontMetrics()
        shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, USER_MAX_WIDTH)
        self.user.setText(shown)
        self.user.setToolTip(text if shown != text else "")

    def link_text(self, facts: StatusFacts) -> tuple[str, str, str]:
        """(text, style, tooltip) of the link field."""
        live = self._live
        if live is None:
            if facts.online:
                return self.tr("Online"), _ONLINE_STYLE, ""
            if self._offline_mode:
                return (
                    self.tr("Offline: working from the cache"),
                    _OFFLINE_STYLE,
                    self.tr("The console was opened without connecting to the central service"),
                )
            return self.tr("Offline"), _OFFLINE_STYLE, ""
        if live.link is Link.ONLINE and live.resynced_at is not None:
            # the service's data was restored or replaced: the cache was taken afresh
            moment = QDateTime.fromSecsSinceEpoch(int(live.resynced_at))
            zoned = moment.toTimeZone(self._time_zone) if self._time_zone else moment
            at = QLocale().toString(zoned, "HH:mm")
            return (
                self.tr("Online, re-synchronised at %1").replace("%1", at),
                _ONLINE_STYLE,
                self.tr(
                    "The central service's data was restored from a backup or replaced: "
                    "this workstation loaded it afresh"
                ),
            )
        if live.link is Link.ONLINE:
            return self.tr("Online"), _ONLINE_STYLE, ""
        if live.link is Link.CONNECTING:
            return self.tr("Connecting…"), _WAITING_STYLE, ""
        if live.link is Link.UNAUTHORIZED:
            return (
                self.tr("Signed out: sign in again"),
                _OFFLINE_STYLE,
                self.tr("The central service no longer accepts this sign-in (File menu)"),
            )
        if live.link is Link.STOPPED:
            return self.tr("Synchronisation stopped"), _OFFLINE_STYLE, ""
        tip = self.tr("The central service cannot be reached; working from the cache")
        text = self.tr("Offline")
        if live.retry_in is not None:
            moment = QDateTime.fromSecsSinceEpoch(int(self._live_at + live.retry_in + 0.999))
            zoned = moment.toTimeZone(self._time_zone) if self._time_zone else moment
            at = QLocale().toString(zoned, "HH:mm:ss")
            tip += "\n" + self.tr("Next attempt at %1").replace("%1", at)
            text = self.tr("Offline, retrying at %1").replace("%1", at)
        return text, _OFFLINE_STYLE, tip

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
        user = self._people.get(identity.login, identity.login) or self.tr("local user")
        text = f"{user} — {role_label(identity.role)}"
        if identity.scope:
            parts = [p.strip() for p in identity.scope.split(",") if p.strip()]
            scope = ", ".join(self._names.get(p, p) for p in parts)
        else:
            scope = self.tr("whole region")
        return text + " · " + self.tr("scope: %1").replace("%1", scope)


def _default_role() -> Role:
    return Role.OPERATOR
