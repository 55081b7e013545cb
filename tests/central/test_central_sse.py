"""The live stream: a commit is pushed to a connected workstation; pings keep it open.

How fast a commit arrives is measured by ``bench/``, not asserted here: a loaded machine
would make a latency assertion fail for no fault of the service.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.support.central import CentralHandle, central_thread, new_appeal
from tests.support.sse import StreamReader


@pytest.fixture(scope="module")
def central(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CentralHandle]:
    with central_thread(tmp_path_factory.mktemp("sse"), appeals=60, ping_every=0.3) as handle:
        yield handle


def test_every_commit_is_pushed_to_the_stream_as_a_change(central: CentralHandle) -> None:
    service = central.service
    assert service is not None
    with StreamReader(f"{central.api}/stream", central.login("operator")) as stream:
        assert stream.content_type.startswith("text/event-stream")
        _, head = stream.next_change(5)
        assert head == service.head()
        op = central.client("operator")
        for n in range(5):
            appeal = new_appeal(central)
            _, seen = stream.next_change(20)  # its creation, pushed (pings carry no head)
            assert seen == service.head()
            result = op.post(
                f"/appeals/{appeal.id}/actions",
                json={
                    "key": f"sse-{n}",
                    "action": "add_note",
                    "params": {"text": "x"},
                    "base_version": 0,
                },
            ).json()
            _, seen = stream.next_change(20)
            assert seen == result["seq"]


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
    # an open stream never ends by itself (pings): without the server closing it, leaving
    # the block above would wait for ever; the bound is far above the 2 s grace period
    assert time.monotonic() - started < 30
    reader.__exit__()
