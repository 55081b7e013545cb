"""``cur-desktop sync``: the sync engine without a window (servers, scripts, tests).

``--once`` brings the cache to the service's head and exits; without it the
command follows the live stream until Ctrl-C. Progress lines and a summary go
to stdout (tests wait on them); diagnostics to the log on stderr.

The token: logged in once with ``--login`` and a password (``CUR_PASSWORD``, a
line on stdin when it is not a terminal, or a prompt) and, with ``--token-file``,
kept in that file with mode 0600 for the next run. The GUI keeps it in the OS
keyring instead. Exit codes: 0 done, 1 a failure the user can fix (credentials,
unreachable service, cache file), 130 interrupted in ``--once`` mode.
"""

from __future__ import annotations

import argparse
import contextlib
import getpass
import logging
import os
import signal
import socket
import sys
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from cur_desktop.sync.status import Phase, Progress, SyncReport

log = logging.getLogger(__name__)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--server", required=True, help="the central service, e.g. http://cur:8080")
    parser.add_argument("--cache", type=Path, required=True, help="the local cache file")
    parser.add_argument("--login", default=None, help="log in as this user (password: see below)")
    parser.add_argument(
        "--token-file", type=Path, default=None, help="read the token here, or keep it here (0600)"
    )
    parser.add_argument("--once", action="store_true", help="sync up to the head and exit")
    parser.add_argument("--window-days", type=int, default=90, help="closed appeals kept (days)")
    parser.add_argument("--prune", action="store_true", help="prune closed appeals past the window")
    parser.add_argument("--no-gzip", action="store_true", help="plain snapshot pages (fast LAN)")
    parser.add_argument("--page-size", type=int, default=None, help="appeals per snapshot page")
    parser.add_argument("--feed-page-size", type=int, default=None, help="changes per feed page")
    parser.add_argument(
        "--give-up-after",
        type=float,
        default=120.0,
        metavar="S",
        help="--once: stop retrying an unreachable service after S seconds",
    )


def _say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def _progress(progress: Progress) -> None:
    if progress.phase in (Phase.CONNECT, Phase.FETCH):
        return
    total = f"/{progress.total}" if progress.total is not None else ""
    _say(f"{progress.phase.value} {progress.done}{total}")


def _password() -> str:
    env = os.environ.get("CUR_PASSWORD")
    if env is not None:
        return env
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    return getpass.getpass("password: ")


def _write_token(path: Path, token: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        os.fchmod(handle.fileno(), 0o600)  # an existing file keeps its mode otherwise
        handle.write(token + "\n")


def _authenticate(client: Any, args: argparse.Namespace) -> str | None:
    """Put a valid token on the client; an error message instead if that cannot be done."""
    from cur_desktop.sync.errors import (
        Offline,
        TooManyAttempts,
        Unauthorized,
        too_many_attempts_message,
    )

    token_file: Path | None = args.token_file
    if token_file is not None and token_file.is_file():
        client.token = token_file.read_text(encoding="utf-8").strip() or None
        if client.token:
            try:
                client.me()
            except Unauthorized:
                log.info("the stored token was refused")
                client.token = None
            except Offline:
                return None  # the engine retries; the token may well be fine
            else:
                return None
    if not args.login:
        return "no valid token: give --login (and --token-file to keep the token)"
    try:
        client.login(args.login, _password(), socket.gethostname())
    except Unauthorized:
        return "wrong login or password"
    except TooManyAttempts as exc:  # the service's login limits
        return too_many_attempts_message(exc.retry_after)
    except Offline as exc:
        return f"cannot reach {args.server}: {exc}"
    if token_file is not None:
        _write_token(token_file, client.token)
    return None


@contextlib.contextmanager
def _interrupt_cancels(engine: Any) -> Iterator[None]:
    """Ctrl-C asks the engine to stop at a page boundary instead of killing it mid-write."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, lambda *_: engine.cancel())
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _summary(report: SyncReport) -> str:
    return (
        f"summary: appeals {report.appeals}, removed {report.removed}, history {report.history}, "
        f"outbox confirmed {report.confirmed}, conflicts {report.conflicts}, "
        f"refused {report.refused}, cursor {report.cursor}, {report.duration:.1f} s"
        + (", interrupted" if report.cancelled else "")
        + (
            "\nthe service's data had changed under this cache (restored from a backup or "
            "replaced): it was taken afresh"
            if report.resynced
            else ""
        )
    )


def run(args: argparse.Namespace) -> int:
    from cur_desktop.cache import Cache, CacheError
    from cur_desktop.sync.client import CentralClient
    from cur_desktop.sync.engine import SyncEngine
    from cur_desktop.sync.errors import CentralError, Unauthorized

    try:
        cache = Cache.open(args.cache)
    except CacheError as exc:
        _say(f"cur-desktop sync: {args.cache}: {exc}")
        return 1
    client = CentralClient(args.server, compress=not args.no_gzip)
    try:
        problem = _authenticate(client, args)
        if problem:
            _say(f"cur-desktop sync: {problem}")
            return 1

        def changed(ids: Sequence[int], removed: Sequence[int]) -> None:
            if not args.once:
                _say(f"live: {len(ids)} changed, {len(removed)} removed")

        engine = SyncEngine(
            cache,
            client,
            closed_window_days=args.window_days,
            on_progress=_progress,
            on_conflict=lambda item, current: _say(
                f"conflict: appeal {item.appeal_id} is at version {current.version}"
            ),
            on_changes=changed,
            snapshot_page_size=args.page_size,
            feed_page_size=args.feed_page_size,
        )
        with _interrupt_cancels(engine):
            try:
                if args.once:
                    report = engine.sync_once(give_up_after=args.give_up_after)
                else:
                    report = engine.follow()
            except Unauthorized:
                _say("cur-desktop sync: the service refused the token; log in again with --login")
                return 1
            except CentralError as exc:
                _say(f"cur-desktop sync: {exc}")
                return 1
            if args.prune and not report.cancelled:
                engine.prune()
        _say(_summary(report))
        return 130 if report.cancelled and args.once else 0
    finally:
        client.close()
        cache.close()


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m cur_desktop.sync ...`` (what ``cur-desktop sync`` runs)."""
    from cur_desktop.logs import setup_logging

    parser = argparse.ArgumentParser(prog="cur-desktop sync", description=__doc__.split("\n")[0])
    parser.add_argument("--log-level", default="WARNING")
    parser.add_argument("--json-logging", action="store_true")
    add_arguments(parser)
    args = parser.parse_args(argv)
    setup_logging(args.log_level, json_lines=args.json_logging)
    logging.getLogger("httpx").setLevel(logging.WARNING)  # a line per request otherwise
    return run(args)
