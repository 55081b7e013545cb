"""What ``cur-central serve`` and ``cur-central demo`` do, start to finish.

``serve`` opens an already migrated database (and stores the region when
``--pack`` is given), then serves until a signal. ``demo`` needs nothing: it
migrates a SQLite file in the user's data folder, stores the built-in demo region
marked « (демо)», seeds generated appeals on first start, resets the demo
accounts' passwords, starts the live generator and prints how to log in.

Both can write a *ready file* (a hidden option): a JSON document with the base
URL — and for the demo the accounts — written atomically once the socket is
listening, so tests and scripts that start the service as a subprocess know
where it is and when it answers, without parsing its output.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

from cur_desktop import __version__
from cur_desktop.central.api import create_app
from cur_desktop.central.bootstrap import open_service
from cur_desktop.central.db import private_folder, write_private
from cur_desktop.central.server import serve_until_stopped

log = logging.getLogger(__name__)


def default_demo_db() -> Path:
    from cur_desktop.settings import folders

    return folders().central_demo_db


def write_ready_file(path: Path, doc: dict[str, Any]) -> None:
    # 0600: the demo's ready file holds the accounts' passwords
    write_private(path, orjson.dumps(doc, option=orjson.OPT_INDENT_2))


def run_service(
    db: str,
    *,
    host: str,
    port: int,
    pack: Path | None,
    ready_file: Path | None,
    say: Callable[[str], None],
    latest_client_version: str | None = None,
) -> int:
    """``cur-central serve``; ``say`` shows a line to the person who started it."""
    latest = latest_client_version or __version__
    service = open_service(db, pack=pack)
    try:

        def listening(url: str) -> None:
            say(f"cur-central serving {service.region.name} on {url}")
            if ready_file is not None:
                write_ready_file(ready_file, {"url": url, "pid": os.getpid()})

        serve_until_stopped(
            lambda on_ready: create_app(service, on_ready=on_ready, latest_client_version=latest),
            service.hub,
            host=host,
            port=port,
            on_listening=listening,
        )
    finally:
        service.engine.dispose()
    return 0


def _remove_database(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        candidate = path.with_name(path.name + suffix)
        if candidate.exists():
            candidate.unlink()


def run_demo(
    *,
    db: Path | None,
    port: int,
    appeals: int,
    seed: int,
    reset: bool,
    live: bool,
    ready_file: Path | None,
    say: Callable[[str], None],
    pace: float = 1.0,
) -> int:
    """``cur-central demo``; ``say`` shows a line to the person who started it.

    ``pace`` speeds the live activity up (the generator's intervals divided by it).
    """
    from cur_desktop.central.demo import (
        appeal_count,
        ensure_demo_accounts,
        ensure_demo_staff,
        seed_demo,
    )
    from cur_desktop.central.demo_activity import DemoActivity
    from cur_desktop.regions import builtin_pack_dir

    path = (db or default_demo_db()).expanduser().resolve()
    if reset:
        _remove_database(path)
    private_folder(path.parent, narrow=True)  # the demo's own folder: citizens' data
    service = open_service(path, pack=builtin_pack_dir(), migrate=True, demo=True)
    generator: DemoActivity | None = None
    try:
        if appeal_count(service.engine) == 0 and appeals > 0:
            say(f"generating {appeals} demo appeals…")
            seed_demo(service, appeals, seed=seed, now=service.clock(), plant=True)
        accounts = ensure_demo_accounts(service.engine, service.region.dicts)
        ensure_demo_staff(service.engine, service.region.dicts)  # shown by name, not login
        if live:
            generator = DemoActivity(service, seed=seed, pace=pace)
            generator.start()

        def listening(url: str) -> None:
            lines = [
                f"cur-central DEMO: {service.region.name}, {url}",
                f"database: {path} (demo data, generated)",
                *([f"live activity at {pace:g}× pace"] if live and pace != 1.0 else []),
                "accounts (demo only, new passwords at every start):",
                *(f"  {a.key:<20} {a.login:<18} {a.password}" for a in accounts),
            ]
            say("\n".join(lines))
            if ready_file is not None:
                write_ready_file(
                    ready_file,
                    {
                        "url": url,
                        "pid": os.getpid(),
                        "db": str(path),
                        "demo": True,
                        "accounts": {a.key: a.to_dict() for a in accounts},
                    },
                )

        serve_until_stopped(
            lambda on_ready: create_app(service, demo=True, on_ready=on_ready),
            service.hub,
            host="127.0.0.1",
            port=port,
            on_listening=listening,
        )
    finally:
        if generator is not None:
            generator.stop()
        service.engine.dispose()
    return 0
