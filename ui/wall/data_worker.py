"""The wall's figures, recomputed off the GUI thread when the cache changes.

One worker thread per wall (not per screen) reads the columns once
(``load_wall_frame``), then after every change only the rows added or changed
since (``refresh_wall_frame``), runs ``compute_wall_data``
(:mod:`cur_desktop.analytics`) and hands the resulting
:class:`WallData` to the GUI thread through a queued signal; the shell then gives
it to every window's rotation. The GUI thread never reads the appeals.

When to recompute: the sync engine commits in bursts (a snapshot page, a feed
page, a live push). :class:`WallDataService` watches the cache the way the
console does (:class:`ui.console.watch.CacheWatcher`: ``PRAGMA data_version``,
microseconds, no table read) and **debounces**: the first commit of a burst arms a
``debounce_ms`` timer, further commits inside it change nothing, and a request
that arrives while the worker is busy is folded into one more run after it. So a
burst of a hundred commits costs one recomputation, and a steady stream at most
one per ``debounce_ms``. A ``refresh_seconds`` timer recomputes anyway, because
"overdue now" and "received today" change with the clock alone.

Errors (an unreadable cache, a failing computation) are logged and reported
through ``failed`` with a translated message: the wall keeps showing the last good
figures and says what went wrong in its status strip.

Threading: :class:`WallDataWorker` lives in the worker thread and owns its own
cache connection; :class:`WallDataService` lives in the GUI thread.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer, Signal, Slot

from cur_desktop.clock import system_clock
from ui.console.status_bar import SYNC_LAST_OK, SYNC_LAST_SUCCESS

if TYPE_CHECKING:
    from cur_desktop.analytics.context import WallContext
    from cur_desktop.analytics.frame import WallFrame
    from cur_desktop.analytics.wall_data import WallData
    from cur_desktop.cache import Cache
    from ui.console.watch import CacheWatcher

log = logging.getLogger(__name__)

#: SQLite page cache of the wall's connections, MiB (the console's 64 is for its queues).
#: The wall reads its columns once, then a few rows per sync batch: a big page cache
#: only holds heap memory for months (~64 MB more per connection, seen at 200k appeals).
WALL_PAGE_CACHE_MIB = 8

POLL_MS = 500  # how often the GUI thread asks SQLite whether another connection committed

Clock = Callable[[], datetime]


def read_last_sync(cache: Cache) -> float | None:
    """Epoch of the last successful sync, as the console's status bar reads it."""
    raw = cache.get_state(SYNC_LAST_OK) or cache.get_state(SYNC_LAST_SUCCESS)
    try:
        return float(raw) if raw else None
    except ValueError:
        return None


class WallDataWorker(QObject):
    """Runs in the worker thread; one recomputation per :meth:`recompute` call."""

    computed = Signal(object, object, float)  # WallData, last sync epoch or None, seconds
    failed = Signal(str)

    def __init__(
        self,
        cache_path: Path,
        context: WallContext,
        clock: Clock,
        raised_alarms: frozenset[str] = frozenset(),
    ) -> None:
        super().__init__()
        self.cache_path = cache_path
        self.context = context
        self.clock = clock
        self.raised_alarms = raised_alarms  # before a restart; read by the first run only
        self._cache: Cache | None = None
        self._frame: WallFrame | None = None  # the columns read so far, refreshed per change
        self._previous: WallData | None = None

    @Slot(object, object)
    def recompute(self, changed: list[int] | None = None, removed: list[int] | None = None) -> None:
        """Bring the figures up to date; ``changed`` ids (when known) spare a table scan."""
        from cur_desktop.analytics import compute_wall_data, load_wall_frame, refresh_wall_frame
        from cur_desktop.cache import Cache, CacheError

        started = time.perf_counter()
        try:
            if self._cache is None:
                if not self.cache_path.is_file():
                    self.failed.emit(_t("No cache at %1").replace("%1", str(self.cache_path)))
                    return
                self._cache = Cache.open(self.cache_path, page_cache_mib=WALL_PAGE_CACHE_MIB)
            now = self.clock()
            size = self.context.feed_size
            if self._frame is None:
                frame = load_wall_frame(self._cache, now=now, feed_size=size)
            else:  # only the rows added or changed since (a full read costs seconds at 1 M)
                frame = refresh_wall_frame(
                    self._cache,
                    self._frame,
                    now=now,
                    changed_ids=changed,
                    removed_ids=removed or (),
                    feed_size=size,
                )
            data = compute_wall_data(
                frame,
                context=self.context,
                now=now,
                previous=self._previous,
                raised=self.raised_alarms,
            )
            last_sync = read_last_sync(self._cache)
        except CacheError as exc:
            log.error("wall: the cache %s cannot be read: %s", self.cache_path, exc)  # noqa: TRY400
            self._close()
            self.failed.emit(
                _t("The cache cannot be read (%1): the figures shown are not current").replace(
                    "%1", exc.code
                )
            )
            return
        except Exception as exc:  # a wall never stops: keep the last figures, say why
            log.exception("wall: recomputing the figures failed")
            self._close()  # reopen next time: the file may have been replaced
            self.failed.emit(
                _t("The figures could not be recomputed (%1): the last ones are shown").replace(
                    "%1", type(exc).__name__
                )
            )
            return
        self._previous = data
        self._frame = frame
        self.computed.emit(data, last_sync, time.perf_counter() - started)

    @Slot()
    def shutdown(self) -> None:
        self._close()

    def _close(self) -> None:
        self._frame = None  # read everything again after a failure
        if self._cache is not None:
            self._cache.close()
            self._cache = None


class WallDataService(QObject):
    """GUI side: the worker thread, the cache watcher, the debounce and refresh timers."""

    data_ready = Signal(object, object)  # WallData, last sync epoch or None
    failed = Signal(str)
    _request = Signal(object, object)  # changed ids or None (unknown: scan), removed ids
    _shutdown = Signal()

    def __init__(
        self,
        cache_path: Path,
        context: WallContext,
        *,
        debounce_ms: int,
        refresh_seconds: float,
        clock: Clock | None = None,
        raised_alarms: frozenset[str] = frozenset(),
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.cache_path = cache_path
        self.recomputations = 0  # finished runs, for tests and the log
        self.requests = 0
        self.polls = 0  # looks at the cache's data_version: tests observe quiet ones
        self.busy = False
        self._again = False
        # What changed since the last run. The wall's own sync thread reports the ids of
        # each commit (``sync_changed``); with ``ids_reported`` set it is the cache's only
        # writer and a commit the watcher sees needs no scan. ``None``: not known, scan.
        self.ids_reported = False
        self._changed: set[int] | None = None
        self._removed: set[int] = set()
        self._watcher: CacheWatcher | None = None
        self._watcher_engine: Any = None
        self._thread = QThread()
        self._thread.setObjectName("wall-data")
        self.worker = WallDataWorker(cache_path, context, clock or system_clock, raised_alarms)
        self.worker.moveToThread(self._thread)
        self._request.connect(self.worker.recompute)  # queued: different threads
        self._shutdown.connect(self.worker.shutdown)
        self.worker.computed.connect(self._computed)
        self.worker.failed.connect(self._failed)
        self.debounce = self._timer(debounce_ms, self._fire, single=True)
        self.poll = self._timer(POLL_MS, self._poll, single=False)
        self.refresh = self._timer(int(refresh_seconds * 1000), self.request, single=False)

    def _timer(self, interval: int, slot: Callable[[], None], *, single: bool) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(single)
        timer.setInterval(interval)
        timer.timeout.connect(slot)
        return timer

    def start(self) -> None:
        self._ensure_watcher()  # now: commits from here on must count as changes
        self._thread.start()
        self.poll.start()
        self.refresh.start()
        self.request()

    def stop(self) -> None:
        for timer in (self.debounce, self.poll, self.refresh):
            timer.stop()
        if self._thread.isRunning():
            self._shutdown.emit()
            self._thread.quit()
            self._thread.wait()
        if self._watcher is not None:
            self._watcher.close()
            self._watcher = None
        if self._watcher_engine is not None:
            self._watcher_engine.dispose()
            self._watcher_engine = None

    # --- when to recompute --------------------------------------------------------------

    def cache_changed(self) -> None:
        """A commit landed: recompute once the burst is over (the debounce)."""
        if not self.ids_reported:
            self._changed = None  # another process wrote: find the rows by a scan
        if not self.debounce.isActive():
            self.debounce.start()

    def sync_changed(self, changed: list[int], removed: list[int]) -> None:
        """The wall's sync thread committed these appeals (GUI thread, queued)."""
        if self._changed is not None:
            self._changed.update(changed)
        self._removed.update(removed)
        self.cache_changed()

    def request(self) -> None:
        """Recompute now (or right after the run in progress), scanning for every change:
        the periodic refresh is also the pass that catches anything not reported."""
        self._changed = None
        self.debounce.stop()
        self._fire()

    def _fire(self) -> None:
        self.requests += 1
        if self.busy:
            self._again = True
            return
        self.busy = True
        changed, removed = self._changed, self._removed
        self._changed, self._removed = set(), set()
        self._request.emit(None if changed is None else sorted(changed), sorted(removed))

    def _poll(self) -> None:
        watcher = self._ensure_watcher()
        if watcher is None:
            return
        try:
            changed = watcher.changed()
        except Exception:  # the file was replaced or broken: reopen on the next poll
            log.warning("wall: the cache watcher lost its connection", exc_info=True)
            self._drop_watcher()
            return
        self.polls += 1
        if changed:
            self.cache_changed()

    def _ensure_watcher(self) -> CacheWatcher | None:
        if self._watcher is not None:
            return self._watcher
        from cur_desktop.cache.db import create_cache_engine
        from ui.console.watch import CacheWatcher

        if not self.cache_path.is_file():
            return None
        try:
            # data_version only: no page of the file is ever read through it
            self._watcher_engine = create_cache_engine(self.cache_path, page_cache_mib=1)
            self._watcher = CacheWatcher(self._watcher_engine)
        except Exception:
            log.debug("wall: cannot watch %s yet", self.cache_path, exc_info=True)
            self._drop_watcher()
        return self._watcher

    def _drop_watcher(self) -> None:
        if self._watcher is not None:
            self._watcher.close()
        self._watcher = None
        if self._watcher_engine is not None:
            self._watcher_engine.dispose()
        self._watcher_engine = None

    # --- results (GUI thread) -----------------------------------------------------------

    def _computed(self, data: WallData, last_sync: float | None, seconds: float) -> None:
        self.recomputations += 1
        # a wall runs for months: routine runs go to DEBUG, the first and slow ones to INFO
        level = logging.INFO if self.recomputations == 1 or seconds > 1.0 else logging.DEBUG
        log.log(
            level,
            "wall figures recomputed in %.0f ms over %d appeals",
            seconds * 1000,
            data.total_appeals,
        )
        self._finished()
        self.data_ready.emit(data, last_sync)

    def _failed(self, message: str) -> None:
        self._finished()
        self.failed.emit(message)

    def _finished(self) -> None:
        self.busy = False
        if self._again:
            self._again = False
            self._fire()


def _t(text: str) -> str:
    return QCoreApplication.translate("WallData", text)


def _mark_for_lupdate() -> None:  # pragma: no cover - lupdate reads these literals
    QCoreApplication.translate("WallData", "No cache at %1")
    QCoreApplication.translate(
        "WallData", "The cache cannot be read (%1): the figures shown are not current"
    )
    QCoreApplication.translate(
        "WallData", "The figures could not be recomputed (%1): the last ones are shown"
    )
