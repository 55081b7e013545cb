"""The live stream: a commit reaches a connected workstation within a second; pings keep it open."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from cur_desktop.domain.enums import Status
from tests.support.central import CentralHandle, central_thread
from tests.support.sse import StreamReader


@pytest.fixture(scope="module")
def central(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CentralHandle]:
    with central_thread(tmp_path_factory.mktemp("sse"), appeals=60, ping_every=0.3) as handle:
        yield handle


def test_a_commit_reaches_the_stream_within_a_second(central: CentralHandle) -> None:
    service = central.service
    assert service is not None
    with StreamReader(f"{central.api}/stream", central.login("operator")) as stream:
        assert stream.content_type.startswith("text/event-stream")
        _, head = stream.next_change(5)
        assert head == service.head()
        op = central.client("operator")
        for n, appeal_id in enumerate(service.appeal_ids([Status.IN_PROGRESS])[:5]):
            started = time.monotonic()
            result = op.post(
                f"/appeals/{appeal_id}/actions",
                json={
                    "key": f"sse-{n}",
                    "action": "add_note",
                    "params": {"text": "x"},
                    "base_version": 0,
                },
            ).json()
            arrived, seen = stream.next_change(2)
            while seen < result["seq"]:
                arrived, seen = stream.next_change(2)
            assert seen == result["seq"]
            assert arrived - started < 1.0


def test_quiet_streams_get_pings(central: CentralHandle) -> None:
    with StreamReader(f"{central.api}/stream", central.login("wall")) as stream:
        kinds = []
        deadline = time.monotonic() + 3
        while time.monotonic() < deadline and kinds.count("ping") < 2:
            kinds.append(stream.events.get(timeout=3)[1])
        assert kinds[0] == "changes"
        assert kinds.count("ping") >= 2


def test_a_stream_needs_a_token(central: CentralHandle) -> None:
    response = httpx.get(f"{central.api}/stream")
    assert (response.status_code, response.json()) == (401, {"error": "bad_token"})


def test_server_stops_promptly_with_open_streams(tmp_path: Path) -> None:
    with central_thread(tmp_path, appeals=0) as central:
        reader = StreamReader(f"{central.api}/stream", central.login("operator"))
        reader.__enter__()
        started = time.monotonic()
    assert time.monotonic() - started < 3
    reader.__exit__()
