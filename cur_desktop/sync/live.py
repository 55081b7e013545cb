"""Waiting on the live stream without blocking cancellation.

A daemon thread iterates the service's event stream and puts what it hears in a
queue; the engine's worker thread waits on the queue in short slices and checks
its cancel event between them, so "stop" is obeyed within a fraction of a second
even when the service is silent for its 15 s between pings. :meth:`wake` lets any
thread (the GUI after an operator action) interrupt the wait.

The stream is opened before the engine pulls the feed: a change committed between
the pull and the connection would otherwise announce itself to nobody.
"""

from __future__ import annotations

import logging
import queue
import threading
from typing import Literal

from cur_desktop.sync.client import STREAM_READ_TIMEOUT, CentralClient
from cur_desktop.sync.errors import CentralError, Offline
from cur_desktop.sync.sse import EventStream
from cur_desktop.sync.status import Cancelled

log = logging.getLogger(__name__)

Kind = Literal["changes", "wake", "error"]
_SLICE = 0.1


class LiveReader:
    """One open stream and its reader thread."""

    def __init__(self, client: CentralClient, read_timeout: float = STREAM_READ_TIMEOUT) -> None:
        self._client = client
        self._read_timeout = read_timeout
        self._queue: queue.Queue[tuple[Kind, object]] = queue.Queue()
        self._stream: EventStream | None = None
        self._thread: threading.Thread | None = None
        self.head = 0

    def open(self) -> None:
        """Connect (errors raise here, in the caller's thread) and start reading."""
        self._stream = self._client.open_stream(self._read_timeout)
        self._thread = threading.Thread(
            target=self._read, args=(self._stream,), name="cur-sync-stream", daemon=True
        )
        self._thread.start()

    def _read(self, stream: EventStream) -> None:
        try:
            for event in stream:
                if event.name == "changes":
                    self._queue.put(("changes", event.head))
        except CentralError as exc:
            self._queue.put(("error", exc))
        except Exception as exc:  # reported to the engine thread, not lost
            log.exception("live stream reader failed")
            self._queue.put(("error", Offline("stream_lost", str(exc))))
        finally:
            stream.finish()

    def wake(self) -> None:
        """Make :meth:`wait` return now (any thread)."""
        self._queue.put(("wake", None))

    def wait(self, cancel: threading.Event, timeout: float | None = None) -> bool:
        """Block until the service announces changes (True) or a wake/timeout (False).

        Raises :class:`Cancelled` when ``cancel`` is set and the stream's failure
        (:class:`Offline`) when it dies.
        """
        waited = 0.0
        while True:
            if cancel.is_set():
                raise Cancelled
            try:
                kind, value = self._queue.get(timeout=_SLICE)
            except queue.Empty:
                waited += _SLICE
                if timeout is not None and waited >= timeout:
                    return False
                continue
            announced = False
            while True:  # several commits in a burst: one pull serves them all
                if kind == "error":
                    assert isinstance(value, CentralError)
                    raise value
                if kind == "changes":
                    announced = True
                    if isinstance(value, int):
                        self.head = max(self.head, value)
                try:
                    kind, value = self._queue.get_nowait()
                except queue.Empty:
                    return announced

    def close(self) -> None:
        if self._stream is not None:
            self._stream.close()
        if self._thread is not None:
            self._thread.join(timeout=5)
            if self._thread.is_alive():
                log.warning("live stream reader did not stop within 5 s")
        self._stream = None
        self._thread = None

    def __enter__(self) -> LiveReader:
        self.open()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
