"""Helpers of the sync tests: engines on a real service, checksums of both sides, a cutting proxy.

The checksum is computed from the wire form of every appeal in the account's
scope, sorted by id, with its history: on the service side straight from its
database (through the service's own scope and privacy rules), on the workstation
side from the cache file. Equal checksums mean the cache is an exact copy.
"""

from __future__ import annotations

import hashlib
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import Engine, create_engine, select

from cur_desktop.cache import Cache
from cur_desktop.cache import schema as cache_schema
from cur_desktop.central import schema as central_schema
from cur_desktop.central.privacy import appeal_from_row, history_for
from cur_desktop.central.scope import User
from cur_desktop.domain.appeal import Appeal, HistoryEntry
from cur_desktop.protocol.columns import columns_to_appeal, columns_to_history
from cur_desktop.protocol.wire import appeal_to_wire, history_to_wire
from cur_desktop.sync import CentralClient, SyncEngine
from cur_desktop.sync.status import Backoff
from tests.support.central import CentralHandle

REPO = Path(__file__).resolve().parents[2]
FAST = {"base": 0.02, "cap": 0.2}


def _digest(appeals: list[Appeal], history: dict[int, list[HistoryEntry]]) -> tuple[str, int]:
    h = hashlib.sha256()
    for a in sorted(appeals, key=lambda x: x.id):
        h.update(orjson.dumps(appeal_to_wire(a), option=orjson.OPT_SORT_KEYS))
        lines = sorted(
            orjson.dumps(history_to_wire(e), option=orjson.OPT_SORT_KEYS)
            for e in history.get(a.id, [])
        )
        for line in lines:
            h.update(b"\x1e" + line)
        h.update(b"\n")
    return h.hexdigest(), len(appeals)


def service_user(handle: CentralHandle, who: str) -> User:
    assert handle.service is not None
    user, _ = handle.service.authenticate(handle.login(who))
    return user


def central_engine(handle: CentralHandle) -> Engine:
    if handle.service is not None:
        return handle.service.engine
    return create_engine(f"sqlite:///{handle.db_path}")


def central_checksum(handle: CentralHandle, user: User) -> tuple[str, int]:
    """Every appeal the account may see (any age), as the service would send it."""
    a = central_schema.appeals
    engine = central_engine(handle)
    with engine.connect() as conn:
        rows = conn.execute(select(a).where(user.scope.clause(a.c.municipality, a.c.theme)))
        # the stored masked texts for a role without personal data, as the service sends
        appeals = [appeal_from_row(user, r) for r in rows.mappings()]
        ids = {x.id for x in appeals}
        history: dict[int, list[HistoryEntry]] = {}
        for r in conn.execute(select(central_schema.history)).mappings():
            if r["appeal_id"] in ids:
                history.setdefault(r["appeal_id"], []).append(
                    history_for(user, columns_to_history(r))
                )
    if handle.service is None:
        engine.dispose()
    return _digest(appeals, history)


def cache_checksum(cache: Cache) -> tuple[str, int]:
    with cache.engine.connect() as conn:
        appeals = [
            columns_to_appeal(r) for r in conn.execute(select(cache_schema.appeals)).mappings()
        ]
        history: dict[int, list[HistoryEntry]] = {}
        for r in conn.execute(select(cache_schema.history)).mappings():
            history.setdefault(r["appeal_id"], []).append(columns_to_history(r))
    return _digest(appeals, history)


@contextmanager
def engine_for(
    handle: CentralHandle,
    cache_path: Path,
    who: str = "operator",
    *,
    url: str | None = None,
    **kwargs: Any,
) -> Iterator[SyncEngine]:
    """A sync engine logged in as ``who`` on a cache file (closed afterwards)."""
    account = handle.accounts[who]
    client = CentralClient(url or handle.url)
    if url is None:
        client.login(account.login, account.password, "test-ws")
    else:  # through a proxy that may cut: log in directly
        client.token = handle.login(who)
    cache = Cache.open(cache_path)
    kwargs.setdefault("backoff", Backoff(**FAST))
    engine = SyncEngine(cache, client, **kwargs)
    try:
        yield engine
    finally:
        client.close()
        cache.close()


# --- the headless command as a subprocess ---------------------------------------------


class CliRun:
    """``python -m cur_desktop.sync`` with its stdout read line by line."""

    def __init__(self, args: list[str], password: str) -> None:
        env = {**os.environ, "PYTHONPATH": str(REPO), "CUR_PASSWORD": password}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "cur_desktop.sync", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            env=env,
            cwd=REPO,
        )
        self.lines: list[str] = []

    def wait_for(self, predicate: Any, timeout: float = 30.0) -> str:
        """Read stdout until a line satisfies ``predicate``; return that line."""
        assert self.process.stdout is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            raw = self.process.stdout.readline()
            if not raw:
                err = self.process.stderr.read().decode() if self.process.stderr else ""
                msg = f"sync CLI ended ({self.process.wait()}) before the line; stderr:\n{err}"
                raise AssertionError(msg)
            line = raw.decode().rstrip("\n")
            self.lines.append(line)
            if predicate(line):
                return line
        raise TimeoutError(f"no such line within {timeout} s; got {self.lines[-5:]}")

    def finish(self, timeout: float = 60.0) -> int:
        out, err = self.process.communicate(timeout=timeout)
        self.lines.extend(out.decode().splitlines())
        self.stderr = err.decode()
        return self.process.returncode


def cli_args(handle: CentralHandle, cache: Path, who: str, *extra: str) -> list[str]:
    return [
        "--server",
        handle.url,
        "--cache",
        str(cache),
        "--login",
        handle.accounts[who].login,
        *extra,
    ]


# --- a TCP proxy that cuts responses ------------------------------------------------------


class CuttingProxy:
    """Forwards 127.0.0.1:port to the service; :meth:`cut_next` closes a connection
    after the given number of response bytes (once per call)."""

    def __init__(self, upstream: str) -> None:
        host, port = upstream.removeprefix("http://").split(":")
        self._upstream = (host, int(port))
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}"
        self._lock = threading.Lock()
        self._budget: int | None = None
        self.cuts = 0
        self._closing = False
        threading.Thread(target=self._accept, daemon=True).start()

    def cut_next(self, after_bytes: int) -> None:
        with self._lock:
            self._budget = after_bytes

    def _accept(self) -> None:
        while not self._closing:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(self._upstream)
            threading.Thread(target=self._pump_up, args=(client, upstream), daemon=True).start()
            threading.Thread(target=self._pump_down, args=(upstream, client), daemon=True).start()

    @staticmethod
    def _pump_up(src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                s.close()

    def _pump_down(self, src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                with self._lock:
                    budget = self._budget
                    if budget is not None and len(data) >= budget:
                        self._budget = None
                        self.cuts += 1
                    elif budget is not None:
                        self._budget = budget - len(data)
                if budget is not None and len(data) >= budget:
                    dst.sendall(data[:budget])
                    dst.shutdown(socket.SHUT_RDWR)
                    break
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                s.close()

    def close(self) -> None:
        self._closing = True
        self._listener.close()
