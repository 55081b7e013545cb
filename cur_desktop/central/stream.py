"""``GET /api/v1/stream``: server-sent events telling a workstation the feed has moved.

The event carries only the newest position (``event: changes`` / ``data:
{"head": N}``); the client then pulls ``/changes`` with its own cursor and scope,
so a stream never sends an appeal and never needs the scope filter. The first
event is sent at once (a client that reconnects learns whether it missed
anything), then one per movement of the hub, coalesced; ``: ping`` comments keep
proxies and NAT tables from closing a quiet connection.

A stream lives no longer than its token: a revocation in this process (``POST
/auth/revoke``, an admin's revoke) closes the token's streams at once, and at every
ping the stream checks its token again, so a revocation elsewhere (``cur-central
user revoke``, a password change, another process, the token's age) closes it
within :data:`PING_EVERY_S`.

Runs in the event loop: the hub wakes it within milliseconds of a commit
(in-process on SQLite, through ``LISTEN`` on PostgreSQL).
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import AsyncIterator

import orjson
from fastapi import APIRouter
from fastapi.responses import StreamingResponse

from cur_desktop.central.deps import Caller
from cur_desktop.central.service import CentralService

PING_EVERY_S = 15.0


def sse_event(head: int) -> bytes:
    return b"event: changes\ndata: " + orjson.dumps({"head": head}) + b"\n\n"


class OpenStreams:
    """The open streams by token id, so that revoking a token closes its streams."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_token: dict[int, set[asyncio.Event]] = {}
        self._loop: asyncio.AbstractEventLoop | None = None

    def open(self, token_id: int) -> asyncio.Event:
        """The event that is set when ``token_id`` is revoked (call in the loop)."""
        closed = asyncio.Event()
        with self._lock:
            self._loop = asyncio.get_running_loop()
            self._by_token.setdefault(token_id, set()).add(closed)
        return closed

    def close(self, token_id: int, closed: asyncio.Event) -> None:
        with self._lock:
            events = self._by_token.get(token_id)
            if events is not None:
                events.discard(closed)
                if not events:
                    del self._by_token[token_id]

    def revoked(self, token_ids: frozenset[int] | None) -> None:
        """Close the streams of ``token_ids`` (any thread)."""
        with self._lock:
            loop = self._loop
            if token_ids is None:
                events = [e for group in self._by_token.values() for e in group]
            else:
                events = [e for t in token_ids for e in self._by_token.get(t, ())]
        if loop is None or loop.is_closed() or not events:
            return
        for event in events:
            with contextlib.suppress(RuntimeError):  # the loop shut down meanwhile
                loop.call_soon_threadsafe(event.set)

    def count(self) -> int:
        with self._lock:
            return sum(len(group) for group in self._by_token.values())


async def _until_closed(
    service: CentralService, token_id: int, closed: asyncio.Event, ping_every: float
) -> AsyncIterator[int | None]:
    """The hub's heads and pings, ending when the token is revoked or no longer valid."""
    heads = service.hub.heads(ping_every=ping_every).__aiter__()
    revoked = asyncio.ensure_future(closed.wait())
    step: asyncio.Future[int | None] | None = None
    try:
        while True:
            step = asyncio.ensure_future(heads.__anext__())
            done, _ = await asyncio.wait({step, revoked}, return_when=asyncio.FIRST_COMPLETED)
            if revoked in done:
                step.cancel()
                with contextlib.suppress(asyncio.CancelledError, StopAsyncIteration):
                    await step
                return
            try:
                head = step.result()
            except StopAsyncIteration:
                return
            if head is None and not await asyncio.to_thread(service.token_alive, token_id):
                return  # revoked elsewhere, its account locked, or too old
            yield head
    finally:
        # the client gone (this generator cancelled) while a step waited on the hub: the
        # step must end before the hub's generator can be closed ("already running")
        for pending in (revoked, step):
            if pending is not None and not pending.done():
                pending.cancel()
                with contextlib.suppress(asyncio.CancelledError, StopAsyncIteration):
                    await pending
        await heads.aclose()  # type: ignore[attr-defined]


def add_stream_route(
    router: APIRouter,
    service: CentralService,
    *,
    ping_every: float = PING_EVERY_S,
) -> OpenStreams:
    streams = OpenStreams()
    service.revocations.listen(streams.revoked)

    @router.get("/stream")
    async def stream(who: Caller) -> StreamingResponse:
        token_id = who.token_id

        async def events() -> AsyncIterator[bytes]:
            closed = streams.open(token_id)
            try:
                yield b"retry: 2000\n\n"
                async for head in _until_closed(service, token_id, closed, ping_every):
                    yield b": ping\n\n" if head is None else sse_event(head)
            finally:
                streams.close(token_id, closed)

        return StreamingResponse(
            events(),
            media_type="text/event-stream",
            headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
        )

    return streams
