"""``GET /api/v1/stream``: server-sent events telling a workstation the feed has moved.

The event carries only the newest position (``event: changes`` / ``data:
{"head": N}``); the client then pulls ``/changes`` with its own cursor and scope,
so a stream never sends an appeal and never needs the scope filter. The first
event is sent at once (a client that reconnects learns whether it missed
anything), then one per movement of the hub, coalesced; ``: ping`` comments keep
proxies and NAT tables from closing a quiet connection.

Runs in the event loop: the hub wakes it within milliseconds of a commit
(in-process on SQLite, through ``LISTEN`` on PostgreSQL).
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import orjson
from fastapi import APIRouter
from fastapi.responses import StreamingResponse

from cur_desktop.central.deps import Caller
from cur_desktop.central.service import CentralService

PING_EVERY_S = 15.0


def sse_event(head: int) -> bytes:
    return b"event: changes\ndata: " + orjson.dumps({"head": head}) + b"\n\n"


def add_stream_route(
    router: APIRouter,
    service: CentralService,
    *,
    ping_every: float = PING_EVERY_S,
) -> None:
    @router.get("/stream")
    async def stream(who: Caller) -> StreamingResponse:
        async def events() -> AsyncIterator[bytes]:
            yield b"retry: 2000\n\n"
            async for head in service.hub.heads(ping_every=ping_every):
                yield b": ping\n\n" if head is None else sse_event(head)

        return StreamingResponse(
            events(),
            media_type="text/event-stream",
            headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
        )
