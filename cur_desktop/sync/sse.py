"""Reading the service's live stream (server-sent events) without blocking forever.

``GET /api/v1/stream`` sends ``event: changes`` / ``data: {"head": N}`` soon after a
commit and a ``: ping`` comment every 15 s (docs/sync-protocol.md §Live push). The
read timeout is therefore a liveness check: no byte for longer than it means the
link is dead, and the caller hears :class:`~cur_desktop.sync.errors.Offline`.

:class:`EventStream` may be closed from another thread: closing shuts the socket
down, which wakes a reader blocked in ``recv`` at once (a plain ``close`` would
leave it waiting for the next ping).
"""

from __future__ import annotations

import contextlib
import logging
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import orjson

from cur_desktop.sync.errors import Offline, error_from_response

if TYPE_CHECKING:
    import httpx

log = logging.getLogger(__name__)

PING = "ping"


@dataclass(frozen=True, slots=True)
class StreamEvent:
    """One event: ``name`` is the SSE event type (``changes``) or ``ping`` for a comment."""

    name: str
    data: dict[str, Any]

    @property
    def head(self) -> int | None:
        value = self.data.get("head")
        return int(value) if isinstance(value, int) else None


class SseParser:
    """Turns lines of a ``text/event-stream`` into events (the WHATWG rules we need)."""

    def __init__(self) -> None:
        self._name = ""
        self._data: list[str] = []

    def feed(self, line: str) -> StreamEvent | None:
        if line == "":
            if not self._data and not self._name:
                return None
            name, raw = self._name or "message", "\n".join(self._data)
            self._name, self._data = "", []
            try:
                data = orjson.loads(raw) if raw else {}
            except orjson.JSONDecodeError:
                log.warning("ignoring an event whose data is not JSON")
                return None
            return StreamEvent(name, data if isinstance(data, dict) else {})
        if line.startswith(":"):
            return StreamEvent(PING, {})
        field, _, value = line.partition(":")
        value = value.removeprefix(" ")
        if field == "event":
            self._name = value
        elif field == "data":
            self._data.append(value)
        return None


class EventStream:
    """An open live stream: iterate for events; ``close()`` from any thread."""

    def __init__(self, context: Any, response: httpx.Response) -> None:
        self._context = context  # the client.stream(...) context manager to exit
        self._response = response
        self._closed = threading.Event()

    def __iter__(self) -> Iterator[StreamEvent]:
        import httpx

        parser = SseParser()
        try:
            for line in self._response.iter_lines():
                event = parser.feed(line)
                if event is not None:
                    yield event
        except (httpx.TransportError, httpx.DecodingError, httpx.StreamError) as exc:
            if self._closed.is_set():
                return
            raise Offline("stream_lost", f"live stream lost: {type(exc).__name__}") from exc
        if not self._closed.is_set():
            raise Offline("stream_lost", "the service ended the live stream")

    def close(self) -> None:
        """End the stream; safe from another thread, safe to repeat."""
        if self._closed.is_set():
            return
        self._closed.set()
        stream = self._response.extensions.get("network_stream")
        sock = stream.get_extra_info("socket") if stream is not None else None
        if isinstance(sock, socket.socket):
            with contextlib.suppress(OSError):  # already gone: nothing to wake
                sock.shutdown(socket.SHUT_RDWR)

    def finish(self) -> None:
        """Release the connection (call from the thread that iterated)."""
        self._closed.set()
        try:
            self._context.__exit__(None, None, None)
        except Exception:  # the link is being thrown away anyway
            log.debug("closing the live stream raised", exc_info=True)

    def __enter__(self) -> EventStream:
        return self

    def __exit__(self, *exc: object) -> None:
        self.finish()


def open_stream(
    http: httpx.Client, url: str, headers: dict[str, str], read_timeout: float
) -> EventStream:
    """Connect to the live stream; raise the typed error if the service refuses."""
    import httpx

    timeout = httpx.Timeout(read_timeout, connect=min(10.0, read_timeout))
    context = http.stream("GET", url, headers=headers, timeout=timeout)
    try:
        response = context.__enter__()
    except httpx.HTTPError as exc:
        raise Offline("unreachable", f"live stream: {type(exc).__name__}") from exc
    if response.status_code != 200:
        try:
            content = response.read()
        except httpx.HTTPError:
            content = b""
        context.__exit__(None, None, None)
        raise error_from_response(response.status_code, content)
    return EventStream(context, response)
