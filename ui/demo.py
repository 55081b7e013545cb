"""``cur-desktop demo``: the whole product on one machine — a demo central service and a console.

What runs is the real thing, not a picture of it: ``cur-central demo`` (SQLite,
the built-in demo region marked « (демо)», generated appeals and a live generator
adding new ones and moving old ones along) starts as a subprocess on 127.0.0.1 and
a free port; the console signs in with the demo operator's account from the
service's ready file, syncs into the demo workstation's cache and follows the live
stream. The service stops when the window closes.

Everything lives in one folder (``--dir``, default the user's data folder /
``demo``): the service's database, the workstation cache, the demo's own settings
and token file — the demo never touches the operator's real keyring or settings.
The first start generates ``--appeals`` appeals; later starts reuse them (the
workstation then only catches up); ``--regenerate`` starts both afresh.
``--view wall`` opens the situation-room wall with the demo's wall account instead.

With ``--screenshot`` the window is saved as PNG once the first sync has reached the
service's head (machines without a screen, documentation).

From the first second a small start window (:class:`ui.start_window.StartWindow`) says
what is happening — generating the demo's appeals, starting the service, signing in —
with a moving bar and the seconds so far; it closes when the console (or the wall) is
up, whose status bar then shows the first sync's progress.
"""

from __future__ import annotations

import argparse
import logging
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cur_desktop.central import child
from cur_desktop.cli import default_demo_dir

log = logging.getLogger(__name__)

READY_TIMEOUT_S = 600.0  # generating a big region takes a while on a slow machine
CENTRAL_DB = "central.sqlite"
WORKSTATION_CACHE = "workstation.sqlite"


class DemoError(RuntimeError):
    """The demo service could not be started."""


@dataclass(frozen=True)
class DemoService:
    url: str
    accounts: dict[str, dict[str, Any]]
    process: subprocess.Popen[bytes]


def _demo_port(directory: Path) -> int:
    """The port used last time if it is free, else a new free one (remembered).

    The workstation cache follows one service *address*: a new port every start
    would make it start afresh each time instead of only catching up.
    """
    import socket

    remembered = directory / "central.port"
    try:
        port = int(remembered.read_text().strip())
    except (OSError, ValueError):
        port = 0
    for candidate in (port, 0) if port else (0,):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", candidate))
            except OSError:
                continue
            chosen = int(probe.getsockname()[1])
        remembered.write_text(f"{chosen}\n")
        return chosen
    return 0


def _remove_sqlite(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


Waiter = Callable[[subprocess.Popen[bytes], Path, Path, float], dict[str, Any]]


@contextmanager
def demo_service(
    directory: Path, appeals: int, seed: int, *, reset: bool, wait: Waiter | None = None
) -> Iterator[DemoService]:
    """``cur-central demo`` in a subprocess on 127.0.0.1; stopped on leaving.

    ``wait`` waits for its ready file (default :func:`~cur_desktop.central.child.wait_ready`;
    the start window passes one that keeps the event loop turning).
    """
    directory.mkdir(parents=True, exist_ok=True)
    ready = directory / "central-ready.json"
    command = child.demo_command(
        port=_demo_port(directory),
        db=directory / CENTRAL_DB,
        appeals=appeals,
        seed=seed,
        ready=ready,
        reset=reset,
    )
    log_path = directory / "central.log"
    source_root = Path(__file__).resolve().parents[1]  # a checkout run without install
    process = child.start(command, ready=ready, log_path=log_path, source_root=source_root)
    try:
        try:
            doc = (wait or child.wait_ready)(process, ready, log_path, READY_TIMEOUT_S)
        except child.ServiceStartError as exc:
            raise DemoError(str(exc)) from exc
        yield DemoService(str(doc["url"]), dict(doc["accounts"]), process)
    finally:
        child.stop(process)


def _say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def run_demo(args: argparse.Namespace) -> int:
    directory: Path = getattr(args, "dir", None) or default_demo_dir()
    appeals: int = getattr(args, "appeals", 10_000)
    seed: int = getattr(args, "seed", 2026)
    regenerate: bool = getattr(args, "regenerate", False)
    view: str = getattr(args, "view", "console") or "console"
    if regenerate:
        _remove_sqlite(directory / WORKSTATION_CACHE)
    fresh = not (directory / CENTRAL_DB).exists() or regenerate
    _say(
        f"demo: starting the demo central service in {directory}"
        + (f" (generating {appeals} appeals…)" if fresh else "")
    )
    start = _start_window(appeals if fresh else None)
    try:
        with demo_service(directory, appeals, seed, reset=regenerate, wait=start.wait) as service:
            _say(f"demo: central service at {service.url}")
            start.signing_in()
            if view == "wall":
                return _run_wall(args, directory, service, start.close)
            return _run_console(args, directory, service, start.close)
    except DemoError as exc:
        _say(f"demo: {exc}")
        return 1
    finally:
        start.close()


class _Start:
    """The start window of one demo run (the QApplication is made here, first)."""

    def __init__(self, generating: int | None) -> None:
        from PySide6.QtCore import QCoreApplication

        from ui.app import create_application
        from ui.start_window import StartWindow

        self._app = create_application(["cur-desktop"])
        self._window: StartWindow | None = StartWindow()
        if generating:
            text = QCoreApplication.translate(
                "StartWindow", "Generating %n demo appeal(s) for the first start…", "", generating
            )
        else:
            text = QCoreApplication.translate("StartWindow", "Starting the central service…")
        self._window.set_stage(text)
        self._window.show()
        self._app.processEvents()  # painted now, before the service starts

    def wait(
        self, process: subprocess.Popen[bytes], ready: Path, log_path: Path, timeout: float
    ) -> dict[str, Any]:
        from ui.start_window import wait_with_window

        if self._window is None:
            return child.wait_ready(process, ready, log_path, timeout)
        return wait_with_window(self._window, process, ready, log_path, timeout)

    def signing_in(self) -> None:
        from PySide6.QtCore import QCoreApplication

        if self._window is not None:
            self._window.set_stage(
                QCoreApplication.translate("StartWindow", "Signing in and receiving the appeals…")
            )
            self._app.processEvents()

    def close(self) -> None:
        if self._window is not None:
            self._window.close()
            self._window.deleteLater()
            self._window = None


def _start_window(generating: int | None) -> _Start:
    return _Start(generating)


def _run_console(
    args: argparse.Namespace,
    directory: Path,
    service: DemoService,
    started: Callable[[], None] = lambda: None,
) -> int:
    from PySide6.QtCore import QEvent, QSettings

    from cur_desktop.credentials import FileKeyring, TokenStore
    from ui.app import create_application
    from ui.console.app import quiet_http_log
    from ui.console.session.autoquit import AutoQuit
    from ui.console.session.connect import SignInError, sign_in
    from ui.console.session.launcher import ConsoleLauncher

    quiet_http_log()
    app = create_application(["cur-desktop"])
    store = TokenStore(FileKeyring(directory / "tokens.json"))
    account = service.accounts["operator"]
    try:
        session = sign_in(service.url, account["login"], account["password"], store)
    except SignInError as exc:
        _say(f"demo: could not sign in to the demo service ({exc.code})")
        return 1
    settings = QSettings(str(directory / "demo-settings.ini"), QSettings.Format.IniFormat)
    launcher = ConsoleLauncher(
        settings=settings,
        store=store,
        layout_settings=settings,
        cache_root=directory / "servers",
    )
    try:
        if not launcher.open(session, directory / WORKSTATION_CACHE):
            _say(f"demo: {launcher.problem}")
            return 1
        started()  # the console is up: its status bar shows the first sync from here
        _say(f"demo: signed in as {account['login']}; syncing into {directory / WORKSTATION_CACHE}")
        auto = None
        quit_after = getattr(args, "quit_after", None)
        screenshot = getattr(args, "screenshot", None)
        if quit_after is not None or screenshot is not None:
            auto = AutoQuit(
                lambda: launcher.current.window if launcher.current else None,
                after_ms=quit_after,
                screenshot=screenshot,
                ready=launcher.ready,
                parent=launcher,
            )
        code = app.exec()
        if auto is not None:
            auto.stop()
            if auto.saved is not None:
                _say(f"demo: window saved to {auto.saved}")
        return int(code)
    finally:
        launcher.close()
        launcher.deleteLater()
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _run_wall(
    args: argparse.Namespace,
    directory: Path,
    service: DemoService,
    started: Callable[[], None] = lambda: None,
) -> int:
    """The wall with the demo's wall account (its token in a 0600 file in the demo folder)."""
    import importlib
    import socket

    from cur_desktop.sync.client import CentralClient
    from cur_desktop.sync.errors import CentralError

    try:
        wall_app = importlib.import_module("ui.wall.app")
    except ModuleNotFoundError:
        _say("demo: the wall is not part of this build")
        return 1
    account = service.accounts["wall"]
    token_file = directory / "wall-token"
    with CentralClient(service.url) as client:
        try:
            client.login(account["login"], account["password"], socket.gethostname())
        except CentralError as exc:
            _say(f"demo: could not sign in the wall ({exc.code})")
            return 1
        fd = os.open(token_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(str(client.token) + "\n")
    wall_args = argparse.Namespace(
        layout=None,
        server=service.url,
        cache=directory / "wall.sqlite",
        token_file=token_file,
        pack=None,
        windowed=True,
        quit_after=getattr(args, "quit_after", None),
        screenshot=getattr(args, "screenshot", None),
        log_level=getattr(args, "log_level", "INFO"),
        json_logging=getattr(args, "json_logging", False),
    )
    started()  # the wall opens its own window next
    return int(wall_app.run_wall(wall_args))
