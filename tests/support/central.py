"""Running the real central service for tests, on 127.0.0.1 and a free port.

Two ways, same handle:

* :func:`central_process` starts ``cur-central demo`` as a real subprocess (a temp
  SQLite file, N generated appeals, the demo accounts) and waits for its ready
  file — what end-to-end and sync tests use;
* :func:`central_thread` builds the same service in this process and serves it
  from a thread — faster to start, and the test can reach the service object
  (``handle.service``) to make changes behind the workstation's back.

Both yield a :class:`CentralHandle` with the base URL and the demo accounts'
credentials (keys ``operator``, ``municipal_operator``, ``theme_head``, ``wall``,
``cur_head``).
"""

from __future__ import annotations

import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx

from cur_desktop.central import child
from cur_desktop.central.scope import User
from cur_desktop.central.service import CentralService
from cur_desktop.domain.appeal import Appeal, Author
from cur_desktop.domain.enums import Kind, Source
from tests.support.clock import GENERATED_AT, wait_until
from tests.support.clock import now as clock_now

REPO = Path(__file__).resolve().parents[2]
TULA = "70701000"  # OKTMO of the city of Tula, in every demo account's scope


@dataclass(frozen=True)
class Account:
    login: str
    password: str
    role: str
    scope: dict[str, list[str]]


@dataclass
class CentralHandle:
    url: str  # http://127.0.0.1:PORT
    accounts: dict[str, Account]
    db_path: Path
    service: CentralService | None = None  # only for central_thread
    process: subprocess.Popen[bytes] | None = None  # only for central_process
    log_path: Path | None = None
    _clients: list[httpx.Client] = field(default_factory=list)

    @property
    def api(self) -> str:
        return f"{self.url}/api/v1"

    def login(self, who: str = "operator", workstation: str = "test-ws") -> str:
        """A fresh bearer token for the demo account ``who``."""
        account = self.accounts[who]
        response = httpx.post(
            f"{self.api}/auth/token",
            json={"login": account.login, "password": account.password, "workstation": workstation},
            timeout=10,
        )
        response.raise_for_status()
        token: str = response.json()["token"]
        return token

    def client(self, who: str = "operator") -> httpx.Client:
        """An httpx client on ``/api/v1`` logged in as ``who`` (closed with the handle)."""
        headers = {"Authorization": f"Bearer {self.login(who)}"}
        client = httpx.Client(base_url=self.api, headers=headers, timeout=10)
        self._clients.append(client)
        return client

    def close_clients(self) -> None:
        for client in self._clients:
            client.close()
        self._clients.clear()


def _accounts(doc: dict[str, Any]) -> dict[str, Account]:
    return {
        key: Account(a["login"], a["password"], a["role"], a["scope"])
        for key, a in doc["accounts"].items()
    }


@contextmanager
def central_process(
    tmp_path: Path,
    *,
    appeals: int = 200,
    seed: int = 7,
    live: bool = False,
    timeout: float = 60.0,
) -> Iterator[CentralHandle]:
    """``cur-central demo`` as a subprocess on a free port with a temp SQLite database."""
    db = tmp_path / "central.sqlite"
    ready = tmp_path / "central-ready.json"
    log_path = tmp_path / "central.log"
    command = child.demo_command(port=0, db=db, appeals=appeals, seed=seed, ready=ready, live=live)
    process = child.start(command, ready=ready, log_path=log_path, source_root=REPO)
    try:
        doc = child.wait_ready(process, ready, log_path, timeout)
        handle = CentralHandle(doc["url"], _accounts(doc), db, process=process, log_path=log_path)
        try:
            yield handle
        finally:
            handle.close_clients()
    finally:
        child.stop(process)


def serve_in_thread(app: Any, hub: Any) -> tuple[Any, threading.Thread]:
    """Serve ``app`` with uvicorn from a thread on a free port; returns once it listens."""
    from cur_desktop.central.server import CentralServer, bind, run_in_thread

    server = CentralServer(app, hub, bind("127.0.0.1", 0))
    thread = run_in_thread(server)
    wait_until(
        lambda: server.started or not thread.is_alive(),
        timeout=20,
        what="the in-thread central service listens",
    )
    if not server.started:
        msg = "the in-thread central service stopped while starting"
        raise RuntimeError(msg)
    return server, thread


@contextmanager
def central_thread(
    tmp_path: Path,
    *,
    appeals: int = 200,
    seed: int = 7,
    pack: Path | None = None,
    now: datetime | None = None,
    ping_every: float | None = None,
    live: bool = False,
    latest_client_version: str | None = None,
) -> Iterator[CentralHandle]:
    """The demo service in this process, served by uvicorn from a thread.

    ``live`` runs the demo activity generator at a brisk pace (a new appeal every
    0.2–0.5 s, a step every 0.1–0.3 s); ``ping_every`` shortens the stream's pings.
    """
    from cur_desktop.central.api import create_app
    from cur_desktop.central.bootstrap import open_service
    from cur_desktop.central.demo import ensure_demo_accounts, seed_demo
    from cur_desktop.central.demo_activity import DemoActivity
    from cur_desktop.central.server import CentralServer
    from cur_desktop.regions import builtin_pack_dir

    db = tmp_path / "central.sqlite"
    service = open_service(db, pack=pack or builtin_pack_dir(), migrate=True, demo=True)
    server: CentralServer | None = None
    thread = None
    generator: DemoActivity | None = None
    try:
        if appeals:
            seed_demo(service, appeals, seed=seed, now=now or GENERATED_AT)
        accounts = ensure_demo_accounts(service.engine, service.region.dicts)
        extra: dict[str, Any] = {} if ping_every is None else {"stream_ping_every": ping_every}
        if latest_client_version is not None:
            extra["latest_client_version"] = latest_client_version
        app = create_app(service, demo=True, **extra)
        server, thread = serve_in_thread(app, service.hub)
        if live:
            generator = DemoActivity(service, seed=seed, new_every=(0.2, 0.5), act_every=(0.1, 0.3))
            generator.start()
        doc = {"accounts": {a.key: a.to_dict() for a in accounts}}
        handle = CentralHandle(server.url, _accounts(doc), db, service=service)
        try:
            yield handle
        finally:
            handle.close_clients()
    finally:
        if generator is not None:
            generator.stop()
        if server is not None:
            server.stop()
        if thread is not None:
            thread.join(10)
        service.engine.dispose()


def head_of_centre(handle: CentralHandle, service: CentralService | None = None) -> User:
    """The demo head of the centre as the service knows them (for direct service calls)."""
    service = service or handle.service
    assert service is not None
    user, _ = service.authenticate(handle.login("cur_head"))
    return user


_numbers = iter(range(1, 10**9))


def new_appeal(
    handle: CentralHandle,
    title: str = "Яма на дороге",
    text: str = "Глубокая яма у дома, машины объезжают по встречной.",
    *,
    number: str | None = None,
    author: Author | None = None,
) -> Appeal:
    """A fresh appeal on the service (new, taken by nobody), stored as an importer would.

    Tests that need "a free working appeal" make one with this instead of searching
    generated data, whose states depend on the hour it was generated at. A service
    running as a subprocess (:func:`central_process`) gets it through the same write
    path, from a second service object on its database file.
    """
    draft = Appeal(
        id=0,
        source=Source.POS,
        external_id=number or f"T-{next(_numbers):06d}",
        kind=Kind.MESSAGE,
        created_at=clock_now(),
        text=text,
        title=title,
        municipality=TULA,
        address="г. Тула, ул. Ленина, д. 5",
        author=author or Author(name="Иван Петров"),
    )
    if handle.service is not None:
        return handle.service.create_appeal(draft, actor=head_of_centre(handle)).appeal
    from cur_desktop.central.bootstrap import open_service

    service = open_service(handle.db_path)
    try:
        return service.create_appeal(draft, actor=head_of_centre(handle, service)).appeal
    finally:
        service.engine.dispose()
