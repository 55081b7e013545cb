"""The sync engine in its own thread, for the console and the wall alike.

:class:`SyncWorker` owns one :class:`~cur_desktop.sync.SyncEngine` and one
``QThread`` (:class:`SyncThread`, the only ``QThread`` subclass of the Qt layer;
every other background job goes through :class:`ui.tasks.TaskRunner`). The thread
runs the engine's ``follow()``: the first sync (snapshot or feed) to the service's
head, then the live stream; offline detection and backoff are the engine's. The
engine's callbacks run in that thread and are re-emitted as signals, which Qt
queues to the receivers in the GUI thread. ``changes_arrived`` carries the ids the
engine's writer committed: it is the screens' one change notification path.

The console (:mod:`ui.console.session.launcher`) and the wall (:mod:`ui.wall.sync_worker`)
differ only in what they do with the signals, and in a refusal the engine does not
retry (a 4xx): the console reports it and follows again after
:data:`RETRY_AFTER_ERROR_S`, the wall (``retry_refused=False``) stops and says why.

Threading rule (docs/sync.md): every engine method runs in the worker thread.
:meth:`SyncWorker.wake` only calls the engine's thread-safe ``wake()``; an
operator's decision on a conflict is queued for the thread, which interrupts the
live wait (the engine's cancel event), settles it with
``SyncEngine.resolve_conflict`` between two ``follow()`` runs, and follows on —
the cache is consistent at every page boundary, so the interruption loses
nothing. :meth:`SyncWorker.stop` cancels and joins; after it no thread is left.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QThread, Signal

from cur_desktop.cache import Cache, OutboxItem, OutboxState
from cur_desktop.sync.status import Backoff, Link, Phase, Progress, SyncStatus

if TYPE_CHECKING:
    from cur_desktop.domain.appeal import Appeal
    from cur_desktop.sync.client import CentralClient
    from cur_desktop.sync.engine import SyncEngine

log = logging.getLogger(__name__)

STOP_WAIT_MS = 5_000
#: After a refusal that is neither "offline" nor "log in again" (a 4xx the engine
#: does not retry), wait this long before following again.
RETRY_AFTER_ERROR_S = 30.0


class SyncThread(QThread):
    """A named thread running one callable (the worker's loop)."""

    def __init__(self, target: Callable[[], None], name: str) -> None:
        super().__init__()
        self._target = target
        self.setObjectName(name)

    def run(self) -> None:
        self._target()


class SyncWorker(QObject):
    """Keeps one cache in step with one service from a background thread."""

    status_changed = Signal(object)  # SyncStatus
    conflict_found = Signal(object)  # OutboxItem
    changes_arrived = Signal(list, list)  # (changed ids, removed ids) of one commit
    progress = Signal(object)  # Progress
    caught_up = Signal()  # the cache reached the service's head (every time it does)
    update_announced = Signal(object)  # UpdateNotice: a newer client, once per worker
    stopped = Signal(str)  # why: "" (asked to), "unauthorized", "internal", a refusal's code

    def __init__(
        self,
        cache: Cache,
        client: CentralClient,
        *,
        backoff: Backoff | None = None,
        closed_window_days: int = 90,
        retry_refused: bool = True,
        name: str = "cur-sync",
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.cache = cache
        self.client = client
        self._backoff = backoff
        self._window_days = closed_window_days
        self._retry_refused = retry_refused
        self._name = name
        self._cancel = threading.Event()
        self._lock = threading.Lock()
        self._stopping = False
        self._requests: list[tuple[str, bool]] = []
        self._engine: SyncEngine | None = None
        self._thread: SyncThread | None = None
        self._last_status: SyncStatus | None = None
        self._told_update = False

    # -- GUI thread --------------------------------------------------------------------

    def start(self) -> None:
        """Start the thread: first sync, then the live stream."""
        if self._thread is not None:
            return
        self._thread = SyncThread(self._run, self._name)
        self._thread.start()

    def running(self) -> bool:
        return self._thread is not None and self._thread.isRunning()

    def request_stop(self) -> None:
        """Ask the thread to stop at the next page boundary; returns at once."""
        with self._lock:
            self._stopping = True
            self._cancel.set()
            engine = self._engine
        if engine is not None:
            engine.wake()

    def stop(self) -> None:
        """Cancel the sync and wait for the thread to end (safe to call twice)."""
        self.request_stop()
        thread = self._thread
        if thread is None:
            return
        if not thread.wait(STOP_WAIT_MS):
            # a request stuck in the network: closing the client makes it fail now
            log.warning("the sync did not stop in %d ms: closing its connection", STOP_WAIT_MS)
            self.client.close()
            thread.wait()
        self._thread = None

    def wake(self) -> None:
        """An action was stored in the outbox: send it now (any thread)."""
        engine = self._engine
        if engine is not None:
            engine.wake()

    def resolve_conflict(self, key: str, reapply: bool) -> None:
        """The operator's choice on a conflict (any thread); settled in the sync thread."""
        with self._lock:
            if self._stopping:
                return
            self._requests.append((key, reapply))
            self._cancel.set()
        self.wake()

    @property
    def last_status(self) -> SyncStatus | None:
        """The last status the engine reported (GUI thread)."""
        return self._last_status

    # -- the sync thread -----------------------------------------------------------------

    def _run(self) -> None:
        from cur_desktop.sync.engine import SyncEngine

        engine = SyncEngine(
            self.cache,
            self.client,
            closed_window_days=self._window_days,
            on_progress=self._on_progress,
            on_conflict=self._on_conflict,
            on_status=self._on_status,
            on_changes=self._on_changes,
            cancel=self._cancel,
            backoff=self._backoff,
        )
        with self._lock:
            self._engine = engine
        self._emit_status(replace(engine.status, outbox_pending=self.cache.outbox.size()))
        reason = ""
        try:
            reason = self._follow(engine)
        except Exception:
            log.exception("the sync thread failed")
            reason = "internal"
            self._emit_status(
                SyncStatus(Link.STOPPED, engine.status.last_success, error="internal")
            )
        finally:
            with self._lock:
                self._engine = None
                stopping = self._stopping
            last = self._last_status
            if stopping and (last is None or last.link not in (Link.STOPPED, Link.UNAUTHORIZED)):
                # the engine tells a status only when it changes, and this worker tells
                # some of its own (a settled conflict, a refusal): after stop() the last
                # word is always «stopped»
                self._emit_status(
                    replace(last, link=Link.STOPPED, retry_in=None)
                    if last is not None
                    else SyncStatus(Link.STOPPED, engine.status.last_success)
                )
            self.stopped.emit(reason)

    def _follow(self, engine: SyncEngine) -> str:
        """Follow until asked to stop; why it ended (see :attr:`stopped`)."""
        from cur_desktop.sync.errors import CentralError, Unauthorized

        while True:
            try:
                engine.follow()
            except Unauthorized:
                return "unauthorized"
            except CentralError as exc:  # not retried by the engine (a 4xx)
                if not self._retry_refused:
                    log.error("sync refused by the service (%s)", exc.code)  # noqa: TRY400
                    return exc.code
                log.warning("sync refused by the service (%s); retrying later", exc.code)
                self._emit_status(
                    SyncStatus(
                        Link.OFFLINE,
                        engine.status.last_success,
                        error=exc.code,
                        retry_in=RETRY_AFTER_ERROR_S,
                        outbox_pending=self.cache.outbox.size(),
                    )
                )
                self._cancel.wait(RETRY_AFTER_ERROR_S)
            with self._lock:
                if self._stopping:
                    return ""
                requests, self._requests = self._requests, []
                self._cancel.clear()
            for key, reapply in requests:
                self._settle(engine, key, reapply=reapply)

    def _settle(self, engine: SyncEngine, key: str, *, reapply: bool) -> None:
        item = next(
            (i for i in self.cache.outbox.items(OutboxState.CONFLICT) if i.idempotency_key == key),
            None,
        )
        if item is None:
            log.info("conflict %s was already settled", key)
            return
        engine.resolve_conflict(item, reapply=reapply)
        self._emit_status(engine.status)

    def _on_progress(self, progress: Progress) -> None:
        self.progress.emit(progress)
        if progress.phase is Phase.LIVE:
            self.caught_up.emit()

    def _on_conflict(self, item: OutboxItem, _current: Appeal) -> None:
        self.conflict_found.emit(item)

    def _on_status(self, status: SyncStatus) -> None:
        with self._lock:
            restarting = not self._stopping
        self._announce_update()
        if status.link is Link.STOPPED and restarting:
            return  # follow() ended only to settle a conflict: it goes on at once
        self._emit_status(status)

    def _announce_update(self) -> None:
        engine = self._engine
        if self._told_update or engine is None or not engine.announced:
            return
        from cur_desktop.client_version import update_notice

        notice = update_notice(engine.announced)
        if notice is not None:
            self._told_update = True
            log.warning("the service announces client version %s", notice.latest)
            self.update_announced.emit(notice)

    def _emit_status(self, status: SyncStatus) -> None:
        self._last_status = status
        self.status_changed.emit(status)

    def _on_changes(self, changed: Sequence[int], removed: Sequence[int]) -> None:
        self.changes_arrived.emit(list(changed), list(removed))
