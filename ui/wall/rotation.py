"""Page rotation in one wall window: the schedule, the pre-roll, and alarms.

Each window cycles its playlist, every page for its own duration. The page to come
is **prepared before it is shown** (:meth:`Rotator.prepare`, run ``preroll_ms``
ahead): it gets the current :class:`WallData`, is polished, given the stack's
geometry, laid out and painted once into an off-screen pixmap, so switching to it
is a flip of an already-drawn widget — no empty frame, no black flash, no chart
growing into place. All pages of a window stay laid out under the current one
(:class:`WallWindow` stacks them all), with updates disabled so nothing covered
repaints; they get new figures only when their turn comes.

Alarms bring a page forward, under rules that keep every page of the playlist seen
(a situation room watched one screen stay on three pages for six minutes, each pulled
forward by a chain of alarms of other kinds and places):

* **per page**: a page comes forward at most once per ``alarm_repeat_minutes``,
  whatever the kind or place of the alarm; later ones wait;
* **coalesced**: alarms for the same page that arrive while it is forward, or while
  they wait, join one banner ("Alarms: 3. Newest: ...");
* **capped dwell**: an alarm keeps its page ``alarm_seconds`` at most (alarms joining
  it do not extend that), and after it the playlist gets at least twice the time the
  alarm took before another alarm may pre-empt: alarms hold at most a third of a
  screen's time, so every page keeps well over half of its fair share (a page cut by
  an alarm loses part of a turn: half of the time would leave no margin for that);
* **the playlist continues where it was**: with the interrupted page again if it was
  cut before half of its turn, else with the next one; a page whose regular turn
  comes while its alarms wait shows their banner then, in its own time.

Pages of a window whose monitor is gone can be lent to this one (``merge``
fallback): they join the cycle as guests and are handed back when it returns.

GUI thread only. ``ms_per_second`` scales every duration (tests run a rotation in
milliseconds instead of minutes, with the same timers).
"""

from __future__ import annotations

import heapq
import logging
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QPixmap

from ui.wall.layout import WallSettings

if TYPE_CHECKING:
    from cur_desktop.analytics.wall_data import Alarm, WallData
    from ui.wall.window import WallWindow
    from widgets.wall.page import WallPage

log = logging.getLogger(__name__)

#: After an alarm, the playlist's time before another alarm may pre-empt, per second of
#: the alarm: alarms hold at most 1 / (1 + QUIET_FACTOR) of a screen's time.
QUIET_FACTOR = 2.0


@dataclass(slots=True)
class Slot:
    """A page in a rotation and the data revision it was last given."""

    owner: str  # the layout entry whose playlist it belongs to
    key: str
    seconds: float
    page: WallPage
    revision: int = -1
    painted_revision: int = -1


class Rotator(QObject):
    page_shown = Signal(str)  # page key, once it is the current page
    alarm_started = Signal(object)  # Alarm
    alarm_ended = Signal()

    def __init__(self, window: WallWindow, settings: WallSettings) -> None:
        super().__init__(window)
        self.window = window
        self.settings = settings
        self.ms_per_second = 1000.0
        self.label = ""  # shown at the left of the strip (the region's name)
        self.own: list[Slot] = []
        self.guests: dict[str, list[Slot]] = {}
        self.index = 0
        self.current: Slot | None = None
        self.data: WallData | None = None
        self.revision = 0
        self.alarm: Alarm | None = None  # the newest alarm of the group on screen
        self.alarm_group: list[Alarm] = []  # the alarms on screen, coalesced
        self._alarm_since = 0.0  # when the alarm's page came forward (layout seconds)
        self._resume_at = 0
        # page -> alarms waiting to bring it forward (arrival order of the pages)
        self._waiting: dict[str, list[Alarm]] = {}
        # page -> when its alarms were last shown (in layout seconds)
        self._last_forward: dict[str, float] = {}
        self._quiet_until = float("-inf")  # no pre-emption before (the playlist's time)
        self._shown_at = 0.0  # when the current page came on screen
        self._marked: Slot | None = None  # a page showing its waiting alarms in its turn
        self.clock = time.monotonic  # seconds; benchmarks may drive a simulated one
        self._timer = self._single_shot(self._advance)
        self._preroll = self._single_shot(self._preroll_next)
        self._alarm_timer = self._single_shot(self._end_alarm)
        self._wake_timer = self._single_shot(self._consider)

    def _single_shot(self, slot: object) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.timeout.connect(slot)
        return timer

    def use_time(self, time_source: SimulatedTime) -> None:
        """Run the schedule on ``time_source`` instead of real time (benchmarks, tests:
        half an hour of a wall in a second, every page still really prepared and shown)."""
        self.stop()
        self.ms_per_second = 1000.0
        self.clock = time_source.monotonic
        self._timer = time_source.timer(self._advance)  # type: ignore[assignment]
        self._preroll = time_source.timer(self._preroll_next)  # type: ignore[assignment]
        self._alarm_timer = time_source.timer(self._end_alarm)  # type: ignore[assignment]
        self._wake_timer = time_source.timer(self._consider)  # type: ignore[assignment]

    @property
    def slots(self) -> list[Slot]:
        return self.own + [slot for group in self.guests.values() for slot in group]

    def keys(self) -> list[str]:
        return [slot.key for slot in self.slots]

    # --- pages --------------------------------------------------------------------

    def set_slots(self, slots: list[Slot]) -> None:
        self.own = list(slots)
        for slot in slots:
            slot.page.setUpdatesEnabled(False)  # until it is the current page
            self.window.stack.addWidget(slot.page)

    def add_guests(self, owner: str, slots: list[Slot]) -> None:
        """Pages of another window join this cycle (its monitor is gone)."""
        self.guests[owner] = slots
        for slot in slots:
            slot.page.setUpdatesEnabled(False)  # under the current page until its turn
            self.window.stack.addWidget(slot.page)  # reparents: the page moves here
        log.info("window %s shows the pages of %s too", self.window.entry_id, owner)

    def take_guests(self, owner: str) -> list[Slot]:
        """Hand the pages of ``owner`` back (its monitor returned)."""
        slots = self.guests.pop(owner, [])
        if self.current in slots:
            self._clear_alarm()  # the alarm's page is leaving with its owner
            self._show(self.index % max(len(self.slots), 1))
        for slot in slots:
            self.window.stack.removeWidget(slot.page)
        if self.slots:
            self.index %= len(self.slots)
        return slots

    # --- data -----------------------------------------------------------------------

    def set_data(self, data: WallData, revision: int) -> None:
        """New figures: the page on screen is updated now, the others when they come up."""
        self.data = data
        self.revision = revision
        if self.current is not None:
            self._update(self.current)

    def _update(self, slot: Slot) -> None:
        if self.data is not None and slot.revision != self.revision:
            slot.page.update_data(self.data)
            slot.revision = self.revision

    def prepare(self, slot: Slot) -> None:
        """Make ``slot``'s page ready to be shown: current data, laid out, painted once."""
        started = time.perf_counter()
        self._update(slot)
        page = slot.page
        page.ensurePolished()
        page.setGeometry(self.window.stack.contentsRect())
        layout = page.layout()
        if layout is not None:
            layout.activate()
        size = page.size()
        if size.width() > 0 and size.height() > 0 and slot.painted_revision != slot.revision:
            pixmap = QPixmap(size)
            page.render(pixmap)  # paints every child once: caches, fonts, pyqtgraph items
            slot.painted_revision = slot.revision
            log.debug(
                "page %s prepared in %.0f ms", slot.key, (time.perf_counter() - started) * 1000
            )

    # --- the schedule -----------------------------------------------------------------

    def start(self) -> None:
        if self.slots:
            self._show(0)

    def stop(self) -> None:
        for timer in (self._timer, self._preroll, self._alarm_timer, self._wake_timer):
            timer.stop()

    def _ms(self, seconds: float) -> int:
        return max(int(seconds * self.ms_per_second), 1)

    def _now(self) -> float:
        """Monotonic time in layout seconds (scaled as the timers are)."""
        return self.clock() * 1000.0 / self.ms_per_second

    def _show(self, index: int) -> None:
        slots = self.slots
        if not slots:
            self.current = None
            return
        if self._marked is not None:
            self._marked.page.mark_alarm(None)  # its turn with the banner is over
            self._marked = None
            if self.alarm is None:
                self.alarm_ended.emit()
        self.index = index % len(slots)
        slot = slots[self.index]
        self.prepare(slot)
        for other in slots:
            # covered pages must not repaint (a ticker below would make the page on top
            # repaint its strip 30 times a second); rendering into the pre-roll pixmap
            # works regardless
            other.page.setUpdatesEnabled(other is slot)
        self.current = slot
        self._shown_at = self._now()
        self.window.stack.setCurrentWidget(slot.page)
        self.window.setWindowTitle(slot.page.title())  # the page's name, nothing technical
        self.window.strip.show_page(self.label, self.index + 1, len(slots))
        self.page_shown.emit(slot.key)
        # one line per page change (a few a minute per screen): a soak reads each page's
        # share of screen time from these (bench/bench_wall_soak.py)
        log.info("window %s shows page %s at %.1f", self.window.entry_id, slot.key, self._shown_at)
        if self.alarm is None:
            waiting = self._waiting.pop(slot.key, None)
            if waiting:
                # its regular turn came first: the banner shows now, in the page's own time
                self._last_forward[slot.key] = self._shown_at
                self._marked = slot
                slot.page.mark_alarm(waiting[-1], len(waiting))
                self.alarm_started.emit(waiting[-1])
            duration = self._ms(slot.seconds)
            self._timer.start(duration)
            preroll = self._ms(self.settings.preroll_ms / 1000)
            self._preroll.start(max(duration - preroll, 0))

    def _next_slot(self) -> Slot | None:
        slots = self.slots
        return slots[(self.index + 1) % len(slots)] if slots else None

    def _preroll_next(self) -> None:
        upcoming = self._next_slot()
        if upcoming is not None and upcoming is not self.current:
            self.prepare(upcoming)

    def _advance(self) -> None:
        if self.alarm is None:
            self._show(self.index + 1)

    # --- alarms -------------------------------------------------------------------------

    def has_page(self, key: str) -> bool:
        return any(slot.key == key for slot in self.slots)

    def raise_alarm(self, alarm: Alarm) -> bool:
        """Bring the alarm's page forward when the rules allow; False if this window
        does not show that page."""
        if not self.has_page(alarm.page):
            return False
        if self.alarm is not None and self.alarm.page == alarm.page:
            # its page is forward already: one banner for all, the dwell not extended
            self.alarm_group.append(alarm)
            self.alarm = alarm
            if self.current is not None:
                self.current.page.mark_alarm(alarm, len(self.alarm_group))
            return True
        self._waiting.setdefault(alarm.page, []).append(alarm)
        self._consider()
        return True

    def _due(self, page: str) -> float:
        """When an alarm of ``page`` may pre-empt the schedule (layout seconds)."""
        repeat = self.settings.alarm_repeat_minutes * 60.0
        last = self._last_forward.get(page)
        return max(self._quiet_until, last + repeat if last is not None else float("-inf"))

    def _consider(self) -> None:
        """Start the first waiting alarm that is due, or wake when the first one will be."""
        self._wake_timer.stop()
        for page in [p for p in self._waiting if not self.has_page(p)]:
            del self._waiting[page]  # its page went home with its window
        if self.alarm is not None or not self._waiting or self.current is None:
            return
        now = self._now()
        due = {page: self._due(page) for page in self._waiting}
        ready = [page for page, at in due.items() if at <= now]
        if ready:
            self._start_alarm(ready[0])
        else:
            self._wake_timer.start(self._ms(min(due.values()) - now))

    def _start_alarm(self, page: str) -> None:
        group = self._waiting.pop(page)
        now = self._now()
        if self.current is not None:
            cut_early = now - self._shown_at < self.current.seconds / 2
            self._resume_at = self.index if cut_early else self.index + 1
        self._timer.stop()
        self._preroll.stop()
        self.alarm = group[-1]
        self.alarm_group = group
        self._alarm_since = now
        self._last_forward[page] = now
        index = next(i for i, slot in enumerate(self.slots) if slot.key == page)
        self._show(index)
        assert self.current is not None
        self.current.page.mark_alarm(self.alarm, len(group))
        self.alarm_started.emit(self.alarm)
        self._alarm_timer.start(self._ms(self.settings.alarm_seconds))
        log.info(
            "window %s: %d alarm(s) on page %s, newest %s",
            self.window.entry_id,
            len(group),
            page,
            self.alarm.key,
        )

    def _end_alarm(self) -> None:
        if self.current is not None:
            self.current.page.mark_alarm(None)
        now = self._now()
        # the playlist gets twice the time the alarm took before the next one
        self._quiet_until = now + QUIET_FACTOR * (now - self._alarm_since)
        self.alarm = None
        self.alarm_group = []
        self.alarm_ended.emit()
        self._show(self._resume_at)
        self._consider()

    # --- lending pages while this window has no monitor ------------------------------

    def lend(self) -> list[Slot]:
        """Stop and give up this window's own pages (they go to a host window)."""
        self._clear_alarm()
        self.stop()
        self.current = None
        return list(self.own)

    def reclaim(self, slots: list[Slot], *, start: bool) -> None:
        """Take this window's pages back; restart the rotation from the first if asked."""
        for slot in slots:
            self.window.stack.addWidget(slot.page)
        self.own = list(slots)
        if start:
            self.start()

    def _clear_alarm(self) -> None:
        if self.alarm is not None and self.current is not None:
            self.current.page.mark_alarm(None)
        if self.alarm is not None:
            self.alarm_ended.emit()
        if self._marked is not None:
            self._marked.page.mark_alarm(None)
            self._marked = None
        self.alarm = None
        self.alarm_group = []
        self._waiting.clear()
        self._alarm_timer.stop()
        self._wake_timer.stop()


class DataFanout(QObject):
    """Hands new figures to the windows one per event-loop turn.

    Giving every window its data in one call makes them all repaint in the same
    pass: on a seven-screen wall that froze the ticker for ~130 ms per update
    (bench/bench_wall_render.py). One window per turn lets the ticker's frames and
    the window's own repaint interleave, so a stall lasts one page's update at most.
    A newer snapshot arriving meanwhile does not start over: the windows still
    waiting get it in their turn and those already updated queue up again behind
    them (round robin), so every turn brings one window to the newest figures;
    ``finished`` (every window has the newest revision) comes once snapshots pause
    for as many turns as there are windows. The shell raises alarms without waiting
    for it.
    """

    finished = Signal(int)  # the revision now shown everywhere

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._queue: deque[Rotator] = deque()
        self._data: WallData | None = None
        self._revision = -1
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._next)

    def start(self, rotators: list[Rotator], data: WallData, revision: int) -> None:
        waiting = [r for r in self._queue if r in rotators]
        self._queue = deque(waiting + [r for r in rotators if r not in waiting])
        self._data = data
        self._revision = revision
        if not self._queue:
            self._timer.stop()
            self.finished.emit(revision)
            return
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self._queue.clear()

    @property
    def busy(self) -> bool:
        return bool(self._queue)

    def _next(self) -> None:
        if self._queue and self._data is not None:
            self._queue.popleft().set_data(self._data, self._revision)
        if not self._queue:
            self._timer.stop()
            self.finished.emit(self._revision)


class SimulatedTime:
    """A clock and single-shot timers that move only when told (:meth:`run_until`).

    Stands in for ``time.monotonic`` and the rotators' ``QTimer`` s
    (:meth:`Rotator.use_time`): the rotation code runs unchanged, every page is really
    prepared and shown, but half an hour of layout time passes in as long as the
    pages take to draw. Plain calls can be scheduled too (alarms arriving).
    """

    def __init__(self, start: float = 0.0) -> None:
        self.now = start
        self._queue: list[tuple[float, int, SimulatedTimer | None, Callable[[], None]]] = []
        self._order = 0

    def monotonic(self) -> float:
        return self.now

    def timer(self, callback: Callable[[], None]) -> SimulatedTimer:
        return SimulatedTimer(self, callback)

    def call_at(self, moment: float, callback: Callable[[], None]) -> None:
        self._push(moment, None, callback)

    def _push(
        self, moment: float, timer: SimulatedTimer | None, callback: Callable[[], None]
    ) -> None:
        self._order += 1
        heapq.heappush(self._queue, (moment, self._order, timer, callback))

    def run_until(self, moment: float) -> None:
        while self._queue and self._queue[0][0] <= moment:
            due, order, timer, callback = heapq.heappop(self._queue)
            if timer is not None and timer.ticket != order:
                continue  # stopped or started again since
            self.now = max(self.now, due)
            if timer is not None:
                timer.ticket = -1
            callback()
        self.now = max(self.now, moment)


class SimulatedTimer:
    """A single-shot timer of :class:`SimulatedTime` (``start(ms)``, ``stop()``)."""

    def __init__(self, time_source: SimulatedTime, callback: Callable[[], None]) -> None:
        self.time = time_source
        self.callback = callback
        self.ticket = -1

    def start(self, ms: int) -> None:
        self.time._push(self.time.now + ms / 1000.0, self, self.callback)
        self.ticket = self.time._order

    def stop(self) -> None:
        self.ticket = -1

    def isActive(self) -> bool:  # noqa: N802 (QTimer's name)
        return self.ticket != -1
