"""Running the ASGI app under uvicorn on a socket bound before the server starts.

The socket is bound here, not by uvicorn, so that port 0 (any free port, what
tests use) is known before the first request: ``on_listening`` receives the real
base URL. Open streams would hold a graceful shutdown until they end, so the
hub is closed as soon as the server is told to stop (signal or :meth:`stop`).
"""

from __future__ import annotations

import logging
import socket
import threading
from collections.abc import Callable
from typing import Any

import uvicorn

from cur_desktop.central.notify import FeedHub

log = logging.getLogger(__name__)


class _Server(uvicorn.Server):
    def __init__(self, config: uvicorn.Config, hub: FeedHub) -> None:
        super().__init__(config)
        self.hub = hub

    def handle_exit(self, sig: int, frame: Any) -> None:
        self.hub.close()
        super().handle_exit(sig, frame)


def bind(host: str, port: int) -> socket.socket:
    """A listening TCP socket whose accepted connections send without Nagle's delay.

    The socket is opened with ``IPPROTO_TCP``, not protocol 0: asyncio sets
    ``TCP_NODELAY`` on an accepted connection only when its ``proto`` says TCP, and
    an accepted socket inherits the listener's ``proto``. Without it a response
    written in two segments (headers, body) on a kept-alive connection waits for
    the client's delayed ACK, about 40 ms a request. ``TCP_NODELAY`` is also set on
    the listener, which Linux copies to every accepted connection.
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind((host, port))
    sock.listen(1024)
    sock.set_inheritable(True)
    return sock


def base_url(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}"


class CentralServer:
    """One uvicorn server for one app; :meth:`run` blocks, :meth:`stop` may come from any thread."""

    def __init__(self, app: Any, hub: FeedHub, sock: socket.socket) -> None:
        config = uvicorn.Config(
            app,
            log_config=None,
            access_log=False,
            timeout_graceful_shutdown=2,
            lifespan="on",
        )
        self.sock = sock
        self.url = base_url(sock)
        self._server = _Server(config, hub)
        self._hub = hub

    def run(self) -> None:
        log.info("serving on %s", self.url)
        self._server.run(sockets=[self.sock])

    def stop(self) -> None:
        self._hub.close()
        self._server.should_exit = True

    @property
    def started(self) -> bool:
        return bool(self._server.started)


def run_in_thread(server: CentralServer) -> threading.Thread:
    """Start ``server`` in a daemon thread (tests, the embedded demo); wait for :attr:`started`."""
    thread = threading.Thread(target=server.run, name="cur-central-http", daemon=True)
    thread.start()
    return thread


def serve_until_stopped(
    app_factory: Callable[[Callable[[], None]], Any],
    hub: FeedHub,
    *,
    host: str,
    port: int,
    on_listening: Callable[[str], None],
) -> None:
    """Bind, build the app (its ``on_ready`` reports the URL), and serve until a signal."""
    sock = bind(host, port)
    url = base_url(sock)
    app = app_factory(lambda: on_listening(url))
    CentralServer(app, hub, sock).run()
