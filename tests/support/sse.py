"""Reading ``/api/v1/stream`` in a test: events and pings with their arrival times."""

from __future__ import annotations

import queue
import threading
import time

import httpx
import orjson


class StreamReader:
    """Reads ``/stream`` in a thread; every event or ping lands in a queue with its arrival time."""

    def __init__(self, url: str, token: str) -> None:
        self.events: queue.Queue[tuple[float, str, str]] = queue.Queue()
        self._client = httpx.Client(timeout=httpx.Timeout(10, read=None))
        self._url = url
        self._token = token
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._connected = threading.Event()

    def __enter__(self) -> StreamReader:
        self._thread.start()
        assert self._connected.wait(10)
        return self

    def __exit__(self, *exc: object) -> None:
        # A read blocked on a quiet stream ends when its server goes away; the thread
        # is a daemon, so the test need not wait for the next ping to get it back.
        self._client.close()
        self._thread.join(0.2)

    def _run(self) -> None:
        headers = {"Authorization": f"Bearer {self._token}"}
        try:
            with self._client.stream("GET", self._url, headers=headers) as response:
                self.content_type = response.headers["content-type"]
                self._connected.set()
                event = ""
                for line in response.iter_lines():
                    if line.startswith(":"):
                        self.events.put((time.monotonic(), "ping", ""))
                    elif line.startswith("event:"):
                        event = line.partition(":")[2].strip()
                    elif line.startswith("data:"):
                        self.events.put((time.monotonic(), event, line.partition(":")[2].strip()))
        except Exception:  # noqa: BLE001 - the client was closed under the reader: test over
            return

    def next_change(self, timeout: float) -> tuple[float, int]:
        deadline = time.monotonic() + timeout
        while True:
            at, kind, data = self.events.get(timeout=max(0.0, deadline - time.monotonic()))
            if kind == "changes":
                return at, int(orjson.loads(data)["head"])
