"""The wall's figures, recomputed off the GUI thread when the cache changes.

One job kind of a :class:`~ui.tasks.TaskRunner` per wall (not per screen) reads the
columns once (``load_wall_frame``), then after every change only the rows added or
changed since (``refresh_wall_frame``), runs ``compute_wall_data``
(:mod:`cur_desktop.analytics`), and the resulting :class:`WallData` reaches the
GUI thread as the job's result; the shell then gives it to every window's
rotation. The GUI thread never reads the appeals.

How a change is noticed — one path per writer:

- **the wall's own sync** (``--server``, :meth:`ui.wall.shell.WallShell.attach_sync`
  sets ``ids_reported``): the sync engine's writer reports the ids of every commit
  (``changes_arrived``), forwarded to :meth:`WallDataService.sync_changed`, and the
  next run reads just those rows. Nothing else writes the file: nothing is polled.
- **another process** (no ``--server``: a headless ``cur-desktop sync`` keeps the
  file current, docs/wall.md): no signal crosses a process boundary, so a
  :class:`~cur_desktop.cache.watch.CacheWatcher` asks SQLite's ``data_version`` every
  ``POLL_MS`` (microseconds, no table read) and a commit means "scan".

Either way the service **debounces**: the first commit of a burst arms a
``debounce_ms`` timer, further commits inside it change nothing, and a request that
arrives while a run is busy is folded into one more run after it. So a burst of a
hundred commits costs one recomputation, a steady stream at most one per
``debounce_ms``. A ``refresh_seconds`` timer recomputes anyway, scanning: "overdue
now" and "received today" change with the clock alone, and it is the safety pass
that catches a write nobody reported.

Errors (an unreadable cache, a failing computation) are logged by the runner and
reported through ``failed`` with a translated message: the wall keeps showing the
last good figures and says what went wrong in its status strip.

Threading: :class:`WallDataWorker` is used only inside the runner's jobs (one at a
time); :class:`WallDataService` lives in the GUI thread.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from cur_desktop.cache import CacheError
from cur_desktop.cache.queries import status as cache_status
from cur_desktop.clock import Clock, system_clock
from ui.tasks import TaskRunner

if TYPE_CHECKING:
    from cur_desktop.analytics.wall_context import WallContext

    ContextLoader = Callable[[], WallContext]
    from cur_desktop.analytics.wall_data import WallData
    from cur_desktop.analytics.wall_frame import WallFrame
    from cur_desktop.cache import Cache
    from cur_desktop.cache.watch import CacheWatcher

log = logging.getLogger(__name__)

#: SQLite page cache of the wall's connections, MiB (the console's PAGE_CACHE_MIB: its queues).
#: The wall reads its columns once, then a few rows per sync batch: a big page cache
#: only holds heap memory for months (~64 MB more per connection, seen at 200k appeals).
WALL_PAGE_CACHE_MIB = 8

POLL_MS = 500  # another process writes: how often to ask SQLite whether it committed
JOB = "wall-data"


class NoCacheError(FileNotFoundError):
    """The cache file is not there (yet)."""


@dataclass(frozen=True)
class Computed:
    data: WallData
    last_sync: float | None
    seconds: float
    #: the region's documents as the sync changed them since the last run (else None)
    context: WallContext | None = None


class WallDataWorker:
    """The recomputation's state (connection, columns read so far, last figures)."""

    def __init__(
        self,
        cache_path: Path,
        context: WallContext,
        clock: Clock,
        raised_alarms: frozenset[str] = frozenset(),
        context_loader: ContextLoader | None = None,
        context_version: str | None = None,
    ) -> None:
        self.cache_path = cache_path
        self.context = context
        self.clock = clock
        # The region's dictionaries and methodology change while a wall runs for months
        # (a category renamed in the app, a methodology loaded): the sync stores the new
        # version; the context is loaded again when it moves. ``context_version``: the
        # version the context was loaded at ("" none yet; None unknown: the first run's).
        self.context_loader = context_loader
        self._region_version = context_version
        self.raised_alarms = raised_alarms  # before a restart; read by the first run only
        self._cache: Cache | None = None
        self._frame: WallFrame | None = None  # the columns read so far, refreshed per change
        self._previous: WallData | None = None
        from cur_desktop.analytics.compute import RoomReader

        self._room = RoomReader()  # open conflicts and disinformation cases, once a minute

    def recompute(self, changed: list[int] | None, removed: list[int]) -> Computed:
        """Bring the figures up to date; ``changed`` ids (when known) spare a table scan."""
        from cur_desktop.analytics import compute_wall_data, load_wall_frame, refresh_wall_frame
        from cur_desktop.cache import Cache

        started = time.perf_counter()
        if self._cache is None and not self.cache_path.is_file():
            raise NoCacheError(str(self.cache_path))
        try:
            if self._cache is None:
                self._cache = Cache.open(self.cache_path, page_cache_mib=WALL_PAGE_CACHE_MIB)
            reloaded = self._follow_region(self._cache)
            now = self.clock()
            size = self.context.ticker_size
            if self._frame is None:
                frame = load_wall_frame(self._cache, now=now, ticker_size=size)
            else:  # only the rows added or changed since (a full read costs seconds at 1 M)
                frame = refresh_wall_frame(
                    self._cache,
                    self._frame,
                    now=now,
                    changed_ids=changed,
                    removed_ids=removed,
                    ticker_size=size,
                )
            data = compute_wall_data(
                frame, context=self.context, now=now, previous=self._previous,
                raised=self.raised_alarms,
                room=self._room.read(self._cache.engine, now),
            )  # fmt: skip
            last_sync = cache_status.last_sync(self._cache)
        except Exception:
            self.close()  # read everything again next time: the file may have been replaced
            raise
        self._previous = data
        self._frame = frame
        return Computed(data, last_sync, time.perf_counter() - started, reloaded)

    def _follow_region(self, cache: Cache) -> WallContext | None:
        """The context loaded again if the region's version in the cache moved."""
        from cur_desktop.sync.region_docs import REGION_VERSION

        version = cache.get_state(REGION_VERSION) or ""
        held, self._region_version = self._region_version, version
        if self.context_loader is None or held is None or version == held:
            return None
        log.info("wall: the region's documents moved to version %s; names follow", version)
        self.context = self.context_loader()
        return self.context

    def close(self) -> None:
        self._frame = None
        if self._cache is not None:
            self._cache.close()
            self._cache = None


class WallDataService(QObject):
    """GUI side: the runner, the change path, the debounce and refresh timers."""

    data_ready = Signal(object, object)  # WallData, last sync epoch or None
    context_changed = Signal(object)  # WallContext: before the figures computed with it
    failed = Signal(str)

    def __init__(
        self,
        cache_path: Path,
        context: WallContext,
        *,
        debounce_ms: int,
        refresh_seconds: float,
        clock: Clock | None = None,
        raised_alarms: frozenset[str] = frozenset(),
        context_loader: ContextLoader | None = None,
        context_version: str | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.cache_path = cache_path
        self.recomputations = 0  # finished runs, for tests and the log
        self.requests = 0
        self.polls = 0  # looks at another process's commits: tests observe quiet ones
        self.busy = False
        self._again = False
        # What changed since the last run. The wall's own sync reports the ids of each
        # commit (``sync_changed``); with ``ids_reported`` set it is the cache's only
        # writer and nothing is polled. ``None``: not known, scan.
        self.ids_reported = False
        self._changed: set[int] | None = None
        self._removed: set[int] = set()
        self._watcher: CacheWatcher | None = None
        self.worker = WallDataWorker(
            cache_path,
            context,
            clock or system_clock,
            raised_alarms,
            context_loader=context_loader,
            context_version=context_version,
        )
        self._runner = TaskRunner(self, name="wall-data")
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
        if not self.ids_reported:  # another process writes: watch from now on
            self._ensure_watcher()
            self.poll.start()
        self.refresh.start()
        self.request()

    def stop(self) -> None:
        for timer in (self.debounce, self.poll, self.refresh):
            timer.stop()
        self._runner.shutdown()  # the running job ends first: the worker is ours again
        self.worker.close()
        self._drop_watcher()

    # --- when to recompute --------------------------------------------------------------

    def cache_changed(self) -> None:
        """A commit landed: recompute once the burst is over (the debounce)."""
        if not self.ids_reported:
            self._changed = None  # another process wrote: find the rows by a scan
        if not self.debounce.isActive():
            self.debounce.start()

    def sync_changed(self, changed: list[int], removed: list[int]) -> None:
        """The wall's sync committed these appeals (GUI thread, queued)."""
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
        changed = None if self._changed is None else sorted(self._changed)
        removed = sorted(self._removed)
        self._changed, self._removed = set(), set()
        worker = self.worker
        if self._runner.submit(
            JOB, lambda: worker.recompute(changed, removed), self._computed, self._failed
        ):
            self.busy = True

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
        if self._watcher is not None or not self.cache_path.is_file():
            return self._watcher
        from cur_desktop.cache.watch import CacheWatcher

        try:
            self._watcher = CacheWatcher(self.cache_path)
        except Exception:
            log.debug("wall: cannot watch %s yet", self.cache_path, exc_info=True)
        return self._watcher

    def _drop_watcher(self) -> None:
        if self._watcher is not None:
            self._watcher.close()
        self._watcher = None

    # --- results (GUI thread) -----------------------------------------------------------

    def _computed(self, result: Computed) -> None:
        self.recomputations += 1
        # a wall runs for months: routine runs go to DEBUG, the first and slow ones to INFO
        level = logging.INFO if self.recomputations == 1 or result.seconds > 1.0 else logging.DEBUG
        log.log(
            level,
            "wall figures recomputed in %.0f ms over %d appeals",
            result.seconds * 1000,
            result.data.total_appeals,
        )
        self._finished()
        if result.context is not None:
            self.context_changed.emit(result.context)
        self.data_ready.emit(result.data, result.last_sync)

    def _failed(self, error: Exception) -> None:
        self._finished()
        self.failed.emit(failure_text(error))

    def _finished(self) -> None:
        self.busy = False
        if self._again:
            self._again = False
            self._fire()


def failure_text(error: Exception) -> str:
    """What the status strip says when a recomputation failed (translated)."""
    if isinstance(error, NoCacheError):
        return _t("No cache at %1").replace("%1", str(error))
    if isinstance(error, CacheError):
        text = _t("The cache cannot be read (%1): the figures shown are not current")
        return text.replace("%1", error.code)
    text = _t("The figures could not be recomputed (%1): the last ones are shown")
    return text.replace("%1", type(error).__name__)


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
