"""One background thread for the console's slow reads, results delivered on the GUI thread.

As Anki's task manager (STYLE.md §3): loading a million ids, counting queues or
looking for duplicates runs on a single worker thread (SQLite readers do not block
the sync engine's writer in WAL mode), and the result comes back to the GUI thread
through one queued signal. Jobs have a *kind*; a newer job of the same kind
supersedes an older one: the older is skipped if it has not started, and its result
is dropped if it has. So switching queues quickly never shows a stale queue.

``job`` runs on the worker thread and must not touch any widget; ``on_done`` and
``on_error`` run on the GUI thread. :meth:`CacheReader.shutdown` waits for the
running job (call it before the cache is closed).
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal

log = logging.getLogger(__name__)


class CacheReader(QObject):
    """A single-thread queue of read jobs with latest-wins per kind."""

    _finished = Signal(int, object, object)  # ticket, result, exception

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._tickets = itertools.count(1)
        self._latest: dict[str, int] = {}
        self._pending: dict[int, tuple[str, Callable[[Any], None], Callable[[Exception], None]]]
        self._pending = {}
        self._closed = False
        self._finished.connect(self._deliver)

    def submit(
        self,
        kind: str,
        job: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[Exception], None] | None = None,
    ) -> int:
        """Run ``job`` in the background; newer jobs of the same kind win."""
        if self._closed:
            return 0
        ticket = next(self._tickets)
        self._latest[kind] = ticket
        self._pending[ticket] = (kind, on_done, on_error or _log_error)
        latest = self._latest
        emit = self._finished.emit

        def run() -> None:
            if latest.get(kind) != ticket:
                emit(ticket, None, None)  # superseded before it started
                return
            try:
                result = job()
            except Exception as exc:  # noqa: BLE001 - handed to on_error on the GUI thread
                emit(ticket, None, exc)
                return
            emit(ticket, result, None)

        self._pool.start(run)
        return ticket

    def busy(self) -> bool:
        """Whether any job is waiting or running."""
        return bool(self._pending)

    def shutdown(self) -> None:
        """Drop waiting jobs and wait for the running one; later submits are ignored."""
        self._closed = True
        self._pool.clear()
        self._pool.waitForDone()
        self._pending.clear()

    def _deliver(self, ticket: int, result: object, error: object) -> None:
        entry = self._pending.pop(ticket, None)
        if entry is None or self._closed:
            return
        kind, on_done, on_error = entry
        if self._latest.get(kind) != ticket:
            return
        if isinstance(error, Exception):
            on_error(error)
        else:
            on_done(result)


def _log_error(error: Exception) -> None:
    log.error("background read failed", exc_info=error)
