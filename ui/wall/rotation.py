"""Page rotation in one wall window: the schedule, the pre-roll, and alarms.

Each window cycles its playlist, every page for its own duration. The page to come
is **prepared before it is shown** (:meth:`Rotator.prepare`, run ``preroll_ms``
ahead): it gets the current :class:`WallData`, is polished, given the stack's
geometry, laid out and painted once into an off-screen pixmap, so switching to it
is a flip of an already-drawn widget — no empty frame, no black flash, no chart
growing into place. All pages of a window stay laid out under the current one
(:class:`WallWindow` stacks them all), with updates disabled so nothing covered
repaints; they get new figures only when their turn comes.

An alarm for a page this window shows pre-empts the schedule: the page is prepared
and brought forward at once, :meth:`WallPage.mark_alarm` highlights what triggered
it for ``alarm_seconds``, then the mark is cleared and the rotation resumes with the
page after the one that was interrupted. Alarms arriving meanwhile wait their turn,
the newest one per page and kind (so the queue stays as short as the pages are few).
An alarm of a page and kind that pre-empted the schedule less than
``alarm_repeat_minutes`` ago is held, the newest one only, until that time has passed:
on a busy day (a high-importance appeal every minute or two) the feed would otherwise
stay forward all day and the rest of the playlist would never be seen.

Pages of a window whose monitor is gone can be lent to this one (``merge``
fallback): they join the cycle as guests and are handed back when it returns.

GUI thread only. ``ms_per_second`` scales every duration (tests run a rotation in
milliseconds instead of minutes, with the same timers).
"""

from __future__ import annotations

import logging
import time
from collections import deque
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
        self.alarm: Alarm | None = None
        self._pending: deque[Alarm] = deque()
        self._resume_at = 0
        # (page, kind) -> when its last alarm pre-empted the schedule (in layout seconds)
        self._last_shown: dict[tuple[str, str], float] = {}
        self._held: dict[tuple[str, str], Alarm] = {}  # newest alarm waiting out its repeat
        self._timer = self._single_shot(self._advance)
        self._preroll = self._single_shot(self._preroll_next)
        self._alarm_timer = self._single_shot(self._end_alarm)
        self._held_timer = self._single_shot(self._release_held)

    def _single_shot(self, slot: object) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.timeout.connect(slot)
        return timer

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
        for timer in (self._timer, self._preroll, self._alarm_timer, self._held_timer):
            timer.stop()

    def _ms(self, seconds: float) -> int:
        return max(int(seconds * self.ms_per_second), 1)

    def _now(self) -> float:
        """Monotonic time in layout seconds (scaled as the timers are)."""
        return time.monotonic() * 1000.0 / self.ms_per_second

    def _show(self, index: int) -> None:
        slots = self.slots
        if not slots:
            self.current = None
            return
        self.index = index % len(slots)
        slot = slots[self.index]
        self.prepare(slot)
        for other in slots:
            # covered pages must not repaint (a ticker below would make the page on top
            # repaint its strip 30 times a second); rendering into the pre-roll pixmap
            # works regardless
            other.page.setUpdatesEnabled(other is slot)
        self.current = slot
        self.window.stack.setCurrentWidget(slot.page)
        self.window.strip.show_page(self.label, self.index + 1, len(slots))
        self.page_shown.emit(slot.key)
        if self.alarm is None:
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
        """Bring the alarm's page forward; False if this window does not show that page."""
        if not self.has_page(alarm.page):
            return False
        what = (alarm.page, alarm.kind)
        repeat = self.settings.alarm_repeat_minutes * 60.0
        last = self._last_shown.get(what)
        if last is not None and self._now() - last < repeat:
            older = self._held.get(what)
            if older is not None:
                log.info("window %s: alarm %s superseded by %s", self.window.entry_id,
                         older.key, alarm.key)  # fmt: skip
            self._held[what] = alarm
            self._schedule_held()
            return True
        if self.alarm is not None:
            # one waiting alarm per page and kind, the newest: a busy day (a
            # high-importance appeal every minute, alarms shown for two) must not
            # build a queue that grows for as long as the wall runs
            same = [a for a in self._pending if (a.page, a.kind) == (alarm.page, alarm.kind)]
            for older in same:
                self._pending.remove(older)
                log.info("window %s: alarm %s superseded by %s", self.window.entry_id,
                         older.key, alarm.key)  # fmt: skip
            self._pending.append(alarm)
            return True
        self._start_alarm(alarm)
        return True

    def _start_alarm(self, alarm: Alarm) -> None:
        if self.alarm is None:
            self._resume_at = self.index + 1
        self._timer.stop()
        self._preroll.stop()
        self.alarm = alarm
        self._last_shown[(alarm.page, alarm.kind)] = self._now()
        index = next(i for i, slot in enumerate(self.slots) if slot.key == alarm.page)
        self._show(index)
        assert self.current is not None
        self.current.page.mark_alarm(alarm)
        self.alarm_started.emit(alarm)
        self._alarm_timer.start(self._ms(self.settings.alarm_seconds))
        log.info("window %s: alarm %s on page %s", self.window.entry_id, alarm.key, alarm.page)

    def _end_alarm(self) -> None:
        if self.current is not None:
            self.current.page.mark_alarm(None)
        while self._pending:
            following = self._pending.popleft()
            if self.has_page(following.page):
                self.alarm = None  # keep _resume_at: the schedule resumes after all alarms
                resume = self._resume_at
                self._start_alarm(following)
                self._resume_at = resume
                return
        self.alarm = None
        self.alarm_ended.emit()
        self._show(self._resume_at)

    def _schedule_held(self) -> None:
        """Wake when the first held alarm's repeat time has passed."""
        if not self._held:
            self._held_timer.stop()
            return
        repeat = self.settings.alarm_repeat_minutes * 60.0
        due = min(self._last_shown.get(what, 0.0) + repeat for what in self._held)
        self._held_timer.start(self._ms(max(due - self._now(), 0.0)))

    def _release_held(self) -> None:
        repeat = self.settings.alarm_repeat_minutes * 60.0
        now = self._now()
        due = [w for w in self._held if now - self._last_shown.get(w, 0.0) >= repeat]
        for what in due:
            alarm = self._held.pop(what)
            self._last_shown.pop(what, None)  # its wait is over: it may pre-empt now
            self.raise_alarm(alarm)
        self._schedule_held()

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
        self.alarm = None
        self._pending.clear()
        self._held.clear()
        self._alarm_timer.stop()
        self._held_timer.stop()


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
