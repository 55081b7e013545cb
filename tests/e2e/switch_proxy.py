"""A TCP forwarder on a fixed local port that can take the service away and bring it back.

``down()`` closes the listening socket and every open connection: the workstation
sees exactly what a pulled cable or a stopped service looks like (connections
refused). ``up()`` listens again on the same port.
"""

from __future__ import annotations

import contextlib
import socket
import threading


class SwitchProxy:
    def __init__(self, upstream: str) -> None:
        host, port = upstream.removeprefix("http://").split(":")
        self._upstream = (host, int(port))
        self._lock = threading.Lock()
        self._sockets: set[socket.socket] = set()
        self._listener: socket.socket | None = None
        self.port = 0
        self.up()
        self.url = f"http://127.0.0.1:{self.port}"

    def up(self) -> None:
        listener = socket.create_server(("127.0.0.1", self.port))
        self.port = listener.getsockname()[1]
        with self._lock:
            self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def down(self) -> None:
        with self._lock:
            listener, self._listener = self._listener, None
            open_sockets, self._sockets = self._sockets, set()
        if listener is not None:
            _shut(listener)  # shutdown wakes the accept() blocked on it (Linux)
        for s in open_sockets:
            _shut(s)

    close = down

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self._upstream)
            except OSError:
                client.close()
                continue
            with self._lock:
                if self._listener is not listener:
                    client.close()
                    upstream.close()
                    return
                self._sockets.update((client, upstream))
            for src, dst in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(src, dst), daemon=True).start()

    def _pump(self, src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        finally:
            # the other direction's thread may be blocked in recv() on one of these: a
            # plain close() would neither wake it nor send the peer a FIN
            for s in (src, dst):
                _shut(s)
            with self._lock:
                self._sockets.discard(src)
                self._sockets.discard(dst)


def _shut(s: socket.socket) -> None:
    """Shut down (wakes blocked calls, tells the peer), then close."""
    with contextlib.suppress(OSError):
        s.shutdown(socket.SHUT_RDWR)
    with contextlib.suppress(OSError):
        s.close()
