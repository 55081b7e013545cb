"""Telling connected workstations that the feed moved: an in-process hub and a PostgreSQL listener.

:class:`FeedHub` fans the newest feed position out to every open
``/stream`` of this process. Writers call :meth:`FeedHub.publish` from any
thread right after their commit; streams wait in the event loop. Positions are
coalesced (a stream is told only the newest head), so a burst of a thousand
commits wakes each stream a handful of times, not a thousand.

With several service processes on one PostgreSQL, a commit in one process must
reach streams in all of them: every writing transaction sends ``NOTIFY
cur_feed`` (:mod:`cur_desktop.central.feed`), and each process runs one
:class:`PgListener` thread that ``LISTEN``s and publishes into its own hub. A
lost connection is re-opened, and the head is re-read then, so a notification
missed meanwhile costs a stream nothing but a moment.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import AsyncIterator

log = logging.getLogger(__name__)


class FeedHub:
    """The newest feed position, and the streams waiting for it to move."""

    def __init__(self, head: int = 0) -> None:
        self._head = head
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._waiters: set[asyncio.Event] = set()
        self._closed = False

    @property
    def head(self) -> int:
        return self._head

    @property
    def closed(self) -> bool:
        return self._closed

    @property
    def listening(self) -> int:
        """How many streams wait on the hub now (a stream that ended waits no more)."""
        return len(self._waiters)

    def bind(self, loop: asyncio.AbstractEventLoop) -> None:
        """Attach to the event loop the streams run in (done at service start-up)."""
        self._loop = loop

    def publish(self, seq: int) -> None:
        """A commit reached position ``seq``. Thread-safe; never blocks."""
        with self._lock:
            if seq <= self._head:
                return
            self._head = seq
        loop = self._loop
        if loop is not None and not loop.is_closed():
            # the loop may shut down between the check and the call
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(self._wake)

    def close(self) -> None:
        """End every stream (server shutdown)."""
        self._closed = True
        loop = self._loop
        if loop is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(self._wake)

    def _wake(self) -> None:
        for event in self._waiters:
            event.set()

    async def heads(self, *, ping_every: float) -> AsyncIterator[int | None]:
        """Yield the head now and whenever it moves; ``None`` after ``ping_every`` of quiet."""
        event = asyncio.Event()
        self._waiters.add(event)
        try:
            sent = self._head
            yield sent
            while not self._closed:
                try:
                    await asyncio.wait_for(event.wait(), timeout=ping_every)
                except TimeoutError:
                    yield None
                    continue
                event.clear()
                if self._closed:
                    break
                if self._head > sent:
                    sent = self._head
                    yield sent
        finally:
            self._waiters.discard(event)


class PgListener:
    """One thread per process: ``LISTEN cur_feed`` and publish each position into the hub."""

    def __init__(self, conninfo: str, hub: FeedHub, *, channel: str = "cur_feed") -> None:
        self.conninfo = conninfo
        self.hub = hub
        self.channel = channel
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="cur-feed-listener", daemon=True)
        self.listening = threading.Event()

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._thread.join(timeout)

    def _run(self) -> None:
        import psycopg

        while not self._stop.is_set():
            try:
                with psycopg.connect(self.conninfo, autocommit=True) as conn:
                    conn.execute(f"LISTEN {self.channel}")
                    head = conn.execute("SELECT value FROM feed_counter WHERE id = 1").fetchone()
                    if head is not None:
                        self.hub.publish(int(head[0]))
                    self.listening.set()
                    while not self._stop.is_set():
                        for note in conn.notifies(timeout=0.5):
                            self._publish(note.payload)
            except psycopg.Error as exc:
                self.listening.clear()
                log.warning("feed listener lost its connection (%s); retrying", type(exc).__name__)
                self._stop.wait(1.0)

    def _publish(self, payload: str) -> None:
        try:
            self.hub.publish(int(payload))
        except ValueError:
            log.warning("ignoring a malformed %s notification", self.channel)
