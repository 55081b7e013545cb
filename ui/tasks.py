"""The one way the Qt layer runs work off the GUI thread: :class:`TaskRunner`.

As Anki's task manager and ``QueryOp`` (STYLE.md §3): a slow read (a million ids,
the queue counts, the wall's figures, a sign-in over the network) runs on a worker
thread of the runner's own pool, and its result comes back to the GUI thread
through one queued signal. Every job has a *kind*; a newer job of the same kind
supersedes an older one — the older is skipped if it has not started, and its
result is dropped if it has — so switching queues quickly never shows a stale
queue. Kinds are independent of each other.

Threading rule: the ``job`` runs on a worker thread and must not call any UI
routine (no widget, no model, no ``QTimer``; SQLite readers are fine, WAL mode lets
them run beside the sync engine's writer). ``on_done`` and ``on_error`` run on the
GUI thread. An exception raised by a job goes to one handler: it is logged here —
an environment failure (:class:`~cur_desktop.cache.CacheError`, ``OSError``) as one
line, anything else with its traceback — and then handed to the caller's
``on_error``, if any. A runner has one worker thread unless told otherwise, so its
jobs run one at a time in the order submitted.

:meth:`TaskRunner.shutdown` drops the waiting jobs and waits for the running one,
so no job outlives its owner (call it before the cache is closed); nothing is left
in the pool afterwards. :meth:`TaskRunner.wait` waits for every job and delivers
their results at once, for an owner that must not lose one (a signed-in session
holds a connection).
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QThreadPool, Signal

from cur_desktop.cache import CacheError

log = logging.getLogger(__name__)

#: Failures of the environment (a broken or missing file), not bugs: logged without a traceback.
ENVIRONMENT_ERRORS: tuple[type[Exception], ...] = (CacheError, OSError)

Done = Callable[[Any], None]
Failed = Callable[[Exception], None]


@dataclass(frozen=True)
class _Pending:
    kind: str
    on_done: Done | None
    on_error: Failed | None


class TaskRunner(QObject):
    """Background jobs by kind, newest of a kind wins, results on the GUI thread."""

    _finished = Signal(int, object, object)  # ticket, result, exception

    def __init__(self, parent: QObject | None = None, *, name: str = "tasks", threads: int = 1):
        super().__init__(parent)
        self.setObjectName(name)
        self._pool = QThreadPool(self)
        self._pool.setObjectName(name)
        self._pool.setMaxThreadCount(threads)
        self._tickets = itertools.count(1)
        self._latest: dict[str, int] = {}
        self._pending: dict[int, _Pending] = {}
        self._closed = False
        self._finished.connect(self._deliver)

    def submit(
        self,
        kind: str,
        job: Callable[[], Any],
        on_done: Done | None = None,
        on_error: Failed | None = None,
    ) -> int:
        """Run ``job`` off the GUI thread; its ticket, 0 once the runner is shut down.

        ``job`` must not touch the UI. ``on_done(result)`` or ``on_error(exception)``
        follows on the GUI thread unless a newer job of the same ``kind`` was
        submitted meanwhile.
        """
        if self._closed:
            return 0
        ticket = next(self._tickets)
        self._latest[kind] = ticket
        self._pending[ticket] = _Pending(kind, on_done, on_error)
        latest = self._latest
        emit = self._finished.emit

        def run() -> None:
            if latest.get(kind) != ticket:
                emit(ticket, None, None)  # superseded before it started
                return
            try:
                result = job()
            except Exception as exc:  # noqa: BLE001 - reported on the GUI thread
                emit(ticket, None, exc)
                return
            emit(ticket, result, None)

        self._pool.start(run)
        return ticket

    def busy(self, kind: str | None = None) -> bool:
        """Whether a job (of ``kind``, or any) is waiting, running or not yet delivered."""
        if kind is None:
            return bool(self._pending)
        return any(p.kind == kind for p in self._pending.values())

    def wait(self) -> None:
        """Wait for every job and deliver its result now (GUI thread; blocks)."""
        self._pool.waitForDone()
        QCoreApplication.sendPostedEvents(self, QEvent.Type.MetaCall)

    def shutdown(self) -> None:
        """Drop waiting jobs, wait for the running one, drop every result; then refuse jobs."""
        self._closed = True
        self._pool.clear()
        self._pool.waitForDone()
        self._pending.clear()

    @property
    def closed(self) -> bool:
        return self._closed

    def _deliver(self, ticket: int, result: object, error: object) -> None:
        pending = self._pending.pop(ticket, None)
        if pending is None or self._closed or self._latest.get(pending.kind) != ticket:
            return
        if isinstance(error, Exception):
            self._failed(pending, error)
        elif pending.on_done is not None:
            pending.on_done(result)

    def _failed(self, pending: _Pending, error: Exception) -> None:
        """The one error handler: log, then the caller's ``on_error``."""
        if isinstance(error, ENVIRONMENT_ERRORS):
            name = type(error).__name__
            log.error("%s: %s failed: %s: %s", self.objectName(), pending.kind, name, error)
        else:
            log.error("%s: %s failed", self.objectName(), pending.kind, exc_info=error)
        if pending.on_error is not None:
            pending.on_error(error)
