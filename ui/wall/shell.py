"""The running wall: windows on screens, hot-plug, data to pages, alarms, freshness.

:class:`WallShell` owns one :class:`WallWindow` and one :class:`Rotator` per layout
entry, the single data service (worker thread) and, with a server, the single sync
thread. It places the windows with :func:`ui.wall.placement.place` and places them
again whenever a monitor comes or goes or changes geometry
(``QGuiApplication.screenAdded/screenRemoved``, ``QScreen.geometryChanged``): a
window whose monitor vanished is hidden and, with the ``merge`` fallback, its pages
join another window's rotation until the monitor is back — no restart.

Every message for the room (layout, data, sync problems, alarms) goes to the log and
to the status strip of every window; nothing here opens a dialog.

GUI thread only. ``screen_filter`` lets tests on the offscreen platform (whose
screens are fixed per process) pretend a monitor was unplugged and call the same
handler the signals call.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer, QTimeZone, Signal
from PySide6.QtGui import QGuiApplication, QScreen

from cur_desktop.clock import Clock, system_clock
from ui.wall.capture import default_screenshots_dir, save_wall
from ui.wall.data_worker import WallDataService
from ui.wall.layout import WallLayout
from ui.wall.placement import Placement, ScreenInfo, place
from ui.wall.rotation import DataFanout, Rotator, Slot
from ui.wall.status_strip import freshness
from ui.wall.user_settings import WallUserSettings, layout_key
from ui.wall.window import WallWindow

if TYPE_CHECKING:
    from cur_desktop.analytics.wall_context import WallContext
    from cur_desktop.analytics.wall_data import Alarm, WallData
    from cur_desktop.sync.status import SyncStatus
    from ui.wall.sync_worker import WallSync
    from widgets.wall.page import WallPage

log = logging.getLogger(__name__)

PageFactory = Callable[[str], "WallPage"]
FRESHNESS_TICK_MS = 10_000
REPLACE_DELAY_MS = 150  # monitors come and go in bursts (xrandr, docking): place once


class WallShell(QObject):
    placed = Signal()  # after every placement
    data_shown = Signal(int)  # revision given to the windows

    def __init__(
        self,
        layout: WallLayout,
        *,
        context: WallContext | None,
        cache_path: Path,
        page_factory: PageFactory | None,
        windowed: bool = False,
        memory: WallUserSettings | None = None,
        expect_sync: bool = False,
        clock: Clock | None = None,
        context_loader: Callable[[], WallContext] | None = None,
        context_version: str | None = None,
    ) -> None:
        super().__init__()
        self.layout = layout
        self.context = context
        self.memory = memory
        self._remembered_alarms: frozenset[str] | None = None
        self.fanout = DataFanout(self)  # new figures reach the windows one per turn
        self.fanout.finished.connect(self._data_everywhere)
        self.expect_sync = expect_sync
        self.clock: Clock = clock or system_clock
        self.screen_filter: Callable[[QScreen], bool] | None = None
        self.placement = Placement()
        self.data: WallData | None = None
        self.revision = 0
        self.last_sync: float | None = None
        self.messages: dict[str, str] = {}
        self.seen_alarms: set[str] = set()
        self.sync: WallSync | None = None
        self.stopped = False
        self.windows: dict[str, WallWindow] = {}
        self.rotators: dict[str, Rotator] = {}
        self._lent_to: dict[str, str] = {}  # entry id -> host entry id holding its pages
        time_zone = QTimeZone(context.time_zone.key.encode()) if context else None
        for entry in layout.entries:
            window = WallWindow(
                entry.id, windowed=windowed, hide_cursor=layout.settings.hide_cursor
            )
            window.strip.set_time_zone(time_zone)
            window.capture_requested.connect(self.save_screens)
            window.quit_requested.connect(QCoreApplication.quit)
            rotator = Rotator(window, layout.settings)
            rotator.label = context.region_name if context else ""
            rotator.alarm_started.connect(lambda alarm, w=window: self._alarm_shown(w, alarm))
            rotator.alarm_ended.connect(lambda w=window: w.strip.show_alarm(None))
            if page_factory is not None:
                rotator.set_slots(
                    [
                        Slot(entry.id, item.page, layout.seconds(item), page_factory(item.page))
                        for item in layout.items(entry)
                    ]
                )
            self.windows[entry.id] = window
            self.rotators[entry.id] = rotator
        self.service: WallDataService | None = None
        if context is not None:
            self.service = WallDataService(
                cache_path,
                context,
                debounce_ms=layout.settings.debounce_ms,
                refresh_seconds=layout.settings.refresh_seconds,
                clock=self.clock,
                raised_alarms=memory.raised_alarms(cache_path) if memory else frozenset(),
                context_loader=context_loader,
                context_version=context_version,
                parent=self,
            )
            self.service.context_changed.connect(self.set_context)
            self.service.data_ready.connect(self.show_data)
            self.service.failed.connect(lambda text: self.set_message("data", text))
        self._replace_timer = QTimer(self)
        self._replace_timer.setSingleShot(True)
        self._replace_timer.setInterval(REPLACE_DELAY_MS)
        self._replace_timer.timeout.connect(self.screens_changed)
        self._freshness_timer = QTimer(self)
        self._freshness_timer.setInterval(FRESHNESS_TICK_MS)
        self._freshness_timer.timeout.connect(self.update_freshness)

    # --- life cycle -----------------------------------------------------------------

    def start(self) -> None:
        app = QGuiApplication.instance()
        assert isinstance(app, QGuiApplication)
        app.screenAdded.connect(self._screen_added)
        app.screenRemoved.connect(self._screen_removed)
        app.primaryScreenChanged.connect(self._schedule_replace)
        for screen in QGuiApplication.screens():
            screen.geometryChanged.connect(self._schedule_replace)
        self.screens_changed()  # places the windows and starts their rotation
        if self.service is not None:
            self.service.start()
        if self.sync is not None:
            self.sync.start()
        self._freshness_timer.start()
        self.update_freshness()

    def attach_sync(self, sync: WallSync) -> None:
        """Follow the central service in ``sync``'s thread (started with the wall)."""
        self.sync = sync
        sync.status_changed.connect(self._sync_status)
        sync.failed.connect(lambda text: self.set_message("sync", text))
        sync.notice.connect(lambda text: self.set_message("update", text))
        if self.service is not None:
            self.service.ids_reported = True  # this thread is the cache's only writer
            sync.changes.connect(self.service.sync_changed)

    def stop(self) -> None:
        if self.stopped:
            return
        self.stopped = True
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            for signal, slot in (
                (app.screenAdded, self._screen_added),
                (app.screenRemoved, self._screen_removed),
                (app.primaryScreenChanged, self._schedule_replace),
            ):
                signal.disconnect(slot)
        self._replace_timer.stop()
        self._freshness_timer.stop()
        self.fanout.stop()
        if self.sync is not None:
            self.sync.stop()
        if self.service is not None:
            self.service.data_ready.disconnect(self.show_data)
            self.service.stop()
        for rotator in self.rotators.values():
            rotator.stop()
        for window in self.windows.values():
            window.allow_close()
            window.close()
            window.deleteLater()
        # Let go of the pages now: pyqtgraph's parentless context menus live as long as
        # their Python owners, and the signal lambdas above form cycles through Qt.
        for rotator in self.rotators.values():
            rotator.own.clear()
            rotator.guests.clear()
            rotator.current = None
        self.rotators.clear()
        self.windows.clear()
        self.deleteLater()

    # --- screens ----------------------------------------------------------------------

    def connected_screens(self) -> list[QScreen]:
        screens = QGuiApplication.screens()
        if self.screen_filter is not None:
            screens = [s for s in screens if self.screen_filter(s)]
        return screens

    def _screen_added(self, screen: QScreen) -> None:
        log.info("screen added: %s %s", screen.name(), screen.geometry())
        screen.geometryChanged.connect(self._schedule_replace)
        self._schedule_replace()

    def _screen_removed(self, screen: QScreen) -> None:
        log.info("screen removed: %s", screen.name())
        # at once: the platform has just moved this screen's window onto another one
        self.screens_changed(gone=screen)

    def _schedule_replace(self, *_: object) -> None:
        self._replace_timer.start()

    def screens_changed(self, gone: QScreen | None = None) -> None:
        """Place every window again for the screens connected now (the hot-plug handler)."""
        screens = [s for s in self.connected_screens() if s is not gone]
        by_name = {s.name(): s for s in screens}
        primary = QGuiApplication.primaryScreen()
        infos = [
            ScreenInfo(
                s.name(),
                s.geometry().x(),
                s.geometry().y(),
                s.geometry().width(),
                s.geometry().height(),
                s is primary,
            )
            for s in screens
        ]
        key = layout_key(self.layout.source)
        remembered = self.memory.assignment(key) if self.memory else {}
        placement = place(self.layout.entries, infos, remembered)
        self._apply(placement, by_name)
        self.placement = placement
        if self.memory is not None and placement.screens:
            self.memory.remember_assignment(key, placement.screens)
        log.info("wall placement: %s", placement.describe())
        self.placed.emit()

    def _apply(self, placement: Placement, screens: dict[str, QScreen]) -> None:
        # 1. take lent pages back where the lending no longer holds
        for owner, host in list(self._lent_to.items()):
            if placement.merged.get(owner) != host:
                slots = self.rotators[host].take_guests(owner)
                del self._lent_to[owner]
                self.rotators[owner].reclaim(slots, start=owner in placement.screens)
        # 2. windows with a monitor; 3. windows without one
        for entry_id, screen_name in placement.screens.items():
            window = self.windows[entry_id]
            was_placed = window.screen_name is not None
            window.place_on(screens[screen_name])
            self._theme(window, window.height())
            if not was_placed and self.rotators[entry_id].current is None:
                self.rotators[entry_id].start()
        for entry_id in (*placement.merged, *placement.hidden):
            self.windows[entry_id].park()
            self.rotators[entry_id].stop()
        for owner, host in placement.merged.items():
            if self._lent_to.get(owner) != host:
                slots = self.rotators[owner].lend()
                self.rotators[host].add_guests(owner, slots)
                self._lent_to[owner] = host
        for entry_id in placement.hidden:
            self.rotators[entry_id].lend()

    def _theme(self, window: WallWindow, height: int) -> None:
        try:
            from widgets.wall.page import apply_wall_theme
        except ImportError:  # pragma: no cover - the pages package ships with the wall
            return
        for slot in self.rotators[window.entry_id].slots:
            apply_wall_theme(slot.page, height)

    # --- data, alarms, freshness ----------------------------------------------------------

    def set_context(self, context: WallContext) -> None:
        """The region's documents moved (synced): every page, lent ones too, names anew."""
        self.context = context
        for rotator in self.rotators.values():
            for slot in rotator.own:
                slot.page.set_context(context)

    def show_data(self, data: WallData, last_sync: float | None) -> None:
        if self.stopped:
            return
        self.data = data
        self.revision += 1
        if last_sync is None and data.data_as_of is not None:
            last_sync = data.data_as_of.timestamp()
        if last_sync is not None:
            self.last_sync = last_sync
        self.clear_message("data")
        self.fanout.start(list(self.rotators.values()), data, self.revision)
        # at once, not after the fan-out: the alarm's page is prepared with the newest
        # figures its window has and gets these in its turn
        # keys that can no longer recur leave (the computation carries the rest): a wall
        # running for months must not keep every alarm it ever raised
        self.seen_alarms &= data.alarm_keys
        for alarm in data.alarms:
            self.raise_alarm(alarm)
        if self.memory and self.service and data.alarm_keys != self._remembered_alarms:
            # not raised again after a restart
            self.memory.remember_raised_alarms(self.service.cache_path, data.alarm_keys)
            self._remembered_alarms = data.alarm_keys
        self.update_freshness()

    def _data_everywhere(self, revision: int) -> None:
        """Every window has the figures of ``revision`` (tests and the first picture wait)."""
        if not self.stopped and revision == self.revision:
            self.data_shown.emit(revision)

    def raise_alarm(self, alarm: Alarm) -> None:
        if alarm.key in self.seen_alarms:
            return
        self.seen_alarms.add(alarm.key)
        shown = [
            entry_id
            for entry_id, rotator in self.rotators.items()
            if entry_id in self.placement.screens and rotator.raise_alarm(alarm)
        ]
        log.info(
            "alarm %s (%s) shown on %s", alarm.key, alarm.kind, ", ".join(shown) or "no screen"
        )

    def _alarm_shown(self, window: WallWindow, alarm: Alarm) -> None:
        window.strip.show_alarm(alarm_label(alarm.kind))

    def update_freshness(self) -> None:
        now = self.clock().timestamp()
        stale_after = self.layout.settings.stale_after_minutes * 60
        state = freshness(self.last_sync, now, stale_after, expect_sync=self.expect_sync)
        for window in self.windows.values():
            window.strip.show_freshness(state, self.last_sync, now)

    def _sync_status(self, status: SyncStatus) -> None:
        from ui.wall.sync_worker import link_is_down

        if self.stopped:
            return
        if status.last_success is not None:
            self.last_sync = status.last_success
        if link_is_down(status):
            self.set_message("sync", sync_problem(status.error or status.link.value))
        else:
            self.clear_message("sync")
        self.update_freshness()

    # --- messages ---------------------------------------------------------------------------

    def set_message(self, source: str, text: str) -> None:
        self.messages[source] = text
        if self.stopped:
            return
        for window in self.windows.values():
            self._show_messages(window)

    def clear_message(self, source: str) -> None:
        if self.messages.pop(source, None) is not None and not self.stopped:
            for window in self.windows.values():
                self._show_messages(window)

    def _show_messages(self, window: WallWindow) -> None:
        window.strip.show_message(" · ".join(self.messages.values()), "error")

    # --- pictures ---------------------------------------------------------------------------

    def save_screens(self) -> list[Path]:
        shots = self.layout.settings.screenshots_dir
        folder = Path(shots).expanduser() if shots else default_screenshots_dir()
        return save_wall(list(self.windows.values()), folder)


def alarm_label(kind: str) -> str:
    labels = {
        "high_importance": QCoreApplication.translate(
            "WallAlarm", "Alarm: a high-importance appeal"
        ),
        "overdue_spike": QCoreApplication.translate(
            "WallAlarm", "Alarm: overdue appeals are rising"
        ),
        "surge": QCoreApplication.translate("WallAlarm", "Alarm: a surge of appeals"),
    }
    return labels.get(kind, QCoreApplication.translate("WallAlarm", "Alarm"))


def sync_problem(code: str) -> str:
    """What the room reads when the link is down: words, not the engine's error code."""
    log.info("wall: no link to the central service (%s)", code)
    if code == "unreachable":
        return QCoreApplication.translate(
            "WallSync", "No link to the central service: the server does not answer"
        )
    if code == "stream_lost":
        return QCoreApplication.translate(
            "WallSync", "No link to the central service: the connection dropped"
        )
    return QCoreApplication.translate("WallSync", "No link to the central service")
