"""Small parts of the sync engine that need no service: SSE parsing, backoff, errors."""

from __future__ import annotations

import random

import orjson

from cur_desktop.sync.errors import (
    NotFound,
    OutOfScope,
    Refused,
    ServerError,
    SnapshotExpired,
    StaleVersion,
    Unauthorized,
    error_from_response,
)
from cur_desktop.sync.sse import PING, SseParser
from cur_desktop.sync.status import Backoff


def test_sse_events_comments_and_multiline_data() -> None:
    parser = SseParser()
    lines = [
        ": ping",
        "event: changes",
        'data: {"head":',
        "data: 42}",
        "",
        "",
        "data: {}",
        "",
    ]
    events = [e for e in map(parser.feed, lines) if e is not None]
    assert [e.name for e in events] == [PING, "changes", "message"]
    assert events[1].head == 42
    assert events[2].head is None


def test_backoff_grows_with_jitter_and_stays_capped() -> None:
    backoff = Backoff(base=1.0, cap=30.0, rng=random.Random(3))
    delays = [backoff.next_delay() for _ in range(12)]
    for n, delay in enumerate(delays):
        ceiling = min(30.0, 2.0**n)
        assert ceiling / 2 <= delay <= ceiling
    assert max(delays) <= 30.0
    assert len({round(d, 6) for d in delays[6:]}) > 1  # capped, yet not in lock-step
    backoff.reset()
    assert backoff.next_delay() <= 1.0


def test_error_bodies_become_typed_exceptions() -> None:
    def err(status: int, body: dict[str, object]) -> Exception:
        return error_from_response(status, orjson.dumps(body))

    assert isinstance(err(401, {"error": "bad_token"}), Unauthorized)
    stale = err(409, {"error": "stale_version", "current": {"id": 7, "version": 3}})
    assert isinstance(stale, StaleVersion)
    assert stale.current["version"] == 3
    refused = err(422, {"error": "wrong_status", "reason": "no", "params": {"status": "closed"}})
    assert isinstance(refused, Refused)
    assert (refused.code, refused.params) == ("wrong_status", {"status": "closed"})
    assert isinstance(err(403, {"error": "out_of_scope"}), OutOfScope)
    assert isinstance(err(403, {"error": "forbidden_role"}), Refused)
    assert isinstance(err(404, {"error": "not_found"}), NotFound)
    assert isinstance(err(410, {"error": "snapshot_expired"}), SnapshotExpired)
    broken = error_from_response(502, b"<html>bad gateway</html>")
    assert isinstance(broken, ServerError)
    assert (broken.code, broken.status) == ("http_502", 502)
